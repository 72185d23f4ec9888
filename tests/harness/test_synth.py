"""`run_synth`: the local endpoint is a parameter, never inherited from the caller's shell."""

import subprocess

import pytest

from harness import synth
from modules.app.deployment_target import LOCAL_ENDPOINT_VARIABLE


@pytest.fixture
def child_environments(monkeypatch):
    """Record the environment each `python main.py` would get, without running it."""
    seen: list[dict[str, str]] = []

    def fake_run(command, cwd, env, **options):
        seen.append(env)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(synth.subprocess, "run", fake_run)
    monkeypatch.setenv(LOCAL_ENDPOINT_VARIABLE, "http://127.0.0.1:1")
    return seen


def test_a_local_endpoint_in_the_shell_is_not_inherited(child_environments, tmp_path):
    synth.run_synth(tmp_path / "out", ("pr-1",))
    assert len(child_environments) == 1
    assert LOCAL_ENDPOINT_VARIABLE not in child_environments[0]


def test_endpoint_url_targets_the_local_server(child_environments, tmp_path):
    synth.run_synth(tmp_path / "out", endpoint_url="http://127.0.0.1:4566")
    assert child_environments[0][LOCAL_ENDPOINT_VARIABLE] == "http://127.0.0.1:4566"
