"""Load the repository's GitHub Actions workflows for the workflow tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from harness.synth import REPO_ROOT

WORKFLOWS_DIR = REPO_ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS_DIR.glob("*.yml"))
REUSABLE = WORKFLOWS_DIR / "terraform-stage.yml"


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
    """`(job id, job)` for every job that calls the reusable terraform-stage workflow."""
    for job_id, job in workflow["jobs"].items():
        if job.get("uses", "").endswith("/terraform-stage.yml"):
            yield job_id, job
