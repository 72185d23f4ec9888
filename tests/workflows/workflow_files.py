"""Load the repository's GitHub Actions workflows for the workflow tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from harness.synth import REPO_ROOT

WORKFLOWS_DIR = REPO_ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS_DIR.glob("*.yml"))
REUSABLE = WORKFLOWS_DIR / "terraform-stage.yml"
PLAN_REUSABLE = WORKFLOWS_DIR / "terraform-plan.yml"


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(workflow: dict):
    """`(job id, step)` for every step of every job."""
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def stage_calls(workflow: dict):
    """`(job id, job)` for every job that calls the reusable terraform-stage or terraform-plan workflow."""
    for job_id, job in workflow["jobs"].items():
        if job.get("uses", "").endswith(("/terraform-stage.yml", "/terraform-plan.yml")):
            yield job_id, job


def called_workflow(job: dict) -> dict | None:
    """The local reusable workflow a job calls (`uses: ./.github/workflows/x.yml`), loaded; else None."""
    uses = job.get("uses", "")
    if not uses.startswith("./.github/workflows/"):
        return None
    return load(REPO_ROOT / uses.removeprefix("./"))


def triggers(workflow: dict) -> set[str]:
    """The event names a workflow runs on."""
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)
