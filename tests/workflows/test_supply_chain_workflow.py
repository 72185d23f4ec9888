"""supply-chain.yml runs the audit where the vulnerability services answer, and may not skip it there."""

from tests.workflows.workflow_files import WORKFLOWS_DIR, load, steps

WORKFLOW = load(WORKFLOWS_DIR / "supply-chain.yml")


def _step(name):
    return next(step for _, step in steps(WORKFLOW) if step.get("name") == name)


def test_it_runs_on_changes_to_main_and_weekly():
    assert set(WORKFLOW["on"]) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert WORKFLOW["on"]["push"] == {"branches": ["main"]} and len(WORKFLOW["on"]["schedule"]) == 1


def test_the_audit_uses_the_set_up_path_and_may_not_skip():
    runs = [step.get("run") for _, step in steps(WORKFLOW) if "run" in step]
    assert runs == ["bash scripts/setup.sh", "bash scripts/audit.sh"]
    assert _step("SBOMs and vulnerability audit")["env"] == {"SGCT_REQUIRE_TOOLS": "1"}


def test_the_sboms_are_uploaded_even_when_the_audit_finds_something():
    upload = _step("Upload the SBOMs")
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "build/sbom/*.cdx.json" and "!cancelled()" in upload["if"]


def test_the_audit_job_can_only_read():
    [job] = WORKFLOW["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
