"""Runs that resume: apply with SKIP_destroy=1, check again with SKIP_apply=1 in a new pytest run, destroy."""

import json
import os
import subprocess
import sys

import pytest

from harness.resume import SavedLocalStage, cannot_resume, keeps_resources, resuming, run_dir_for
from harness.synth import REPO_ROOT


def test_resuming_follows_the_skip_variables():
    assert not resuming({}) and not resuming({"SKIP_apply": "no"})
    assert resuming({"SKIP_apply": "1"}) and resuming({"SKIP_destroy": "1"}) and resuming({"SKIP_init": "1"})
    assert keeps_resources({"SKIP_destroy": "1"}) and not keeps_resources({"SKIP_apply": "1"})


def test_each_test_gets_a_stable_directory(tmp_path):
    first = run_dir_for("tests/harness/test_x.py::test_y[dev-1]", tmp_path)
    assert first == run_dir_for("tests/harness/test_x.py::test_y[dev-1]", tmp_path)
    assert first != run_dir_for("tests/harness/test_x.py::test_y[dev-2]", tmp_path)
    assert first.parent == tmp_path and "/" not in first.name


def test_saved_local_stage_round_trips_and_explains_a_lost_server(tmp_path):
    assert SavedLocalStage.load(tmp_path) is None
    assert "no earlier run recorded a local stage" in cannot_resume(None)
    saved = SavedLocalStage("local-abc123", 4566, 999999)
    saved.save(tmp_path)
    assert SavedLocalStage.load(tmp_path) == saved
    message = cannot_resume(saved)
    assert "'local-abc123' (port 4566, pid 999999) no longer answers" in message
    assert "moto keeps its state in memory only" in message and "SKIP_destroy=1" in message
    SavedLocalStage.clear(tmp_path)
    assert SavedLocalStage.load(tmp_path) is None


RESUMABLE_TEST = """
import json
from harness import applied


def test_resumable(terraform, run_dir):
    (run_dir / "main.tf.json").write_text(json.dumps({"resource": {"terraform_data": {"x": {"input": "1"}}}}))
    tf = terraform(run_dir)
    with applied(tf):
        state = json.loads((run_dir / "terraform.tfstate").read_text())
        print("RESOURCES", len(state["resources"]))
"""


@pytest.mark.terraform
def test_apply_once_then_iterate_then_destroy(terraform_binary, tmp_path):
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["harness.plugin"]\n')
    (tmp_path / "test_example.py").write_text(RESUMABLE_TEST)
    runs = tmp_path / "runs"
    base = {key: value for key, value in os.environ.items() if not key.startswith("SKIP_")}
    base.update(
        {"PYTHONPATH": str(REPO_ROOT), "SGCT_RUNS_DIR": str(runs), "SGCT_TERRAFORM": terraform_binary}
    )

    def run(**skips: str) -> str:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
                "--rootdir",
                str(tmp_path),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
            env={**base, **skips},
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
        return result.stdout

    workdir = run_dir_for("test_example.py::test_resumable", runs)
    assert "RESOURCES 1" in run(SKIP_destroy="1")
    assert json.loads((workdir / "terraform.tfstate").read_text())["resources"], "kept for the next run"
    second = run(SKIP_init="1", SKIP_apply="1", SKIP_destroy="1")
    assert "step 'apply' skipped" in second and "RESOURCES 1" in second, "the checks ran on the kept state"
    third = run(SKIP_init="1", SKIP_apply="1")
    assert "RESOURCES 1" in third
    assert not workdir.exists(), "destroyed, and the passing run removed its resumable dir"
