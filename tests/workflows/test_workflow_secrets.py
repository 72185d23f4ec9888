"""Pull-request code never runs with the stages' application secrets, except preview's own.

A plan on a pull request runs the pull request's `main.py` and Terraform, so
whatever secret its job can read, the branch's author can read. These tests
follow every job a pull-request workflow runs, into the reusable workflow it
calls, and list the application secrets (`modules.app.secrets.SECRET_NAMES`) it
can reach. (A branch can also edit the workflows themselves; the GitHub
environments' contents and protection rules, described in the README, are
what holds then. These tests keep the repository's own workflows honest.)
"""

import re

from modules.app.secrets import SECRET_NAMES
from tests.workflows.workflow_files import (
    PLAN_REUSABLE,
    REUSABLE,
    WORKFLOW_FILES,
    WORKFLOWS_DIR,
    called_workflow,
    load,
    steps,
    triggers,
)

WORKFLOWS = {path.name: load(path) for path in WORKFLOW_FILES}
PULL_REQUEST_EVENTS = {"pull_request", "pull_request_target"}
SECRET_REFERENCE = re.compile(r"secrets\.([A-Za-z_][A-Za-z0-9_]*)")
APP_SECRET_VARIABLE = re.compile(r"^TF_VAR_([A-Z][A-Z0-9_]*)$")
OLD_PLAN_JOB = {  # the design this replaced: plans through the deploy workflow, in plan-<stage>
    "uses": "./.github/workflows/terraform-stage.yml",
    "with": {"stage": "${{ matrix.stage }}", "command": "plan", "environment": "plan-${{ matrix.stage }}"},
}


def secrets_reaching(job: dict) -> set[str]:
    """The application secrets a job can read: referenced, inherited, or read by the workflow it calls."""
    names = set(SECRET_REFERENCE.findall(str(job)))
    if job.get("secrets") == "inherit":
        names |= set(SECRET_NAMES)
    called = called_workflow(job)
    if called is not None:
        names |= set(SECRET_REFERENCE.findall(str(called)))
    return names & set(SECRET_NAMES)


def is_plan_job(job: dict) -> bool:
    arguments = job.get("with", {})
    environment = str(job.get("environment", arguments.get("environment", "")))
    return (
        arguments.get("command") == "plan"
        or job.get("uses", "").endswith("/terraform-plan.yml")
        or environment.startswith("plan-")
    )


def _pull_request_jobs():
    for name, workflow in WORKFLOWS.items():
        if triggers(workflow) & PULL_REQUEST_EVENTS:
            for job_id, job in workflow["jobs"].items():
                yield f"{name}:{job_id}", job


def test_no_plan_job_on_a_pull_request_receives_application_secrets():
    plan_jobs = {where: job for where, job in _pull_request_jobs() if is_plan_job(job)}
    assert list(plan_jobs) == ["pull-request.yml:plan"]
    for where, job in plan_jobs.items():
        assert secrets_reaching(job) == set(), f"{where} can read {sorted(secrets_reaching(job))}"


def test_the_check_catches_a_plan_that_runs_with_the_stage_secrets():
    assert is_plan_job(OLD_PLAN_JOB) and secrets_reaching(OLD_PLAN_JOB) == set(SECRET_NAMES)
    inherited = {"uses": "./.github/workflows/terraform-plan.yml", "secrets": "inherit"}
    assert secrets_reaching(inherited) == set(SECRET_NAMES)
    explicit = {
        "uses": "./.github/workflows/terraform-plan.yml",
        "secrets": {"db": "${{ secrets.DATABASE_URL }}"},
    }
    assert secrets_reaching(explicit) == {"DATABASE_URL"}


def test_pull_requests_reach_application_secrets_only_in_the_preview_environment():
    reaching = {where: job for where, job in _pull_request_jobs() if secrets_reaching(job)}
    assert set(reaching) == {
        "preview.yml:deploy",
        "preview.yml:destroy",
        "preview.yml:app-deploy",
        "preview.yml:app-destroy",
    }, "the preview stage needs its secrets"
    for where, job in reaching.items():
        assert job["with"]["environment"] == "preview", (
            f"{where} reads secrets outside the preview environment"
        )


def _plan_step():
    return next(step for _, step in steps(load(PLAN_REUSABLE)) if step.get("name") == "Terraform plan")


def test_plan_gets_a_placeholder_for_every_secret():
    env = _plan_step()["env"]
    assert SECRET_NAMES, "the app contract names no secrets"
    for name in SECRET_NAMES:
        value = env[f"TF_VAR_{name}"]
        assert value and "${{" not in value and "secrets." not in value, f"TF_VAR_{name}: {value!r}"


def test_plan_credentials_come_from_the_plan_environment_only():
    plan = load(PLAN_REUSABLE)
    [job] = plan["jobs"].values()
    assert job["environment"] == "${{ inputs.environment }}"
    assert set(SECRET_REFERENCE.findall(str(plan))) == {
        "AWS_ROLE_ARN",
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_ZONE_ID",
        "UPSTASH_EMAIL",
        "UPSTASH_API_KEY",
    }
    caller = WORKFLOWS["pull-request.yml"]["jobs"]["plan"]
    assert caller["with"]["environment"] == "plan-${{ matrix.stage }}" and "secrets" not in caller


def test_the_review_comment_says_secrets_are_not_compared():
    comment = WORKFLOWS["pull-request.yml"]["jobs"]["comment"]
    render = next(step for step in comment["steps"] if step.get("name") == "Render the review")
    assert "secret-valued attributes" in render["run"] and "not compared" in render["run"]


def _terraform_step(path, name: str) -> dict:
    return next(step for _, step in steps(load(path)) if step.get("name") == name)


def _app_secret_variables(step: dict) -> list[str]:
    return [match.group(1) for key in step["env"] if (match := APP_SECRET_VARIABLE.match(key))]


def test_the_workflows_secret_lists_are_the_app_contract():
    """Deploy and plan hand Terraform exactly the contract's secrets: none missing, none stale."""
    deploy = _terraform_step(REUSABLE, "Terraform ${{ inputs.command }}")
    assert SECRET_NAMES, "the app contract names no secrets"
    for step in (deploy, _plan_step()):
        names = _app_secret_variables(step)
        assert sorted(names) == sorted(SECRET_NAMES), (
            f"{step['name']}: {sorted(set(names) ^ set(SECRET_NAMES))}"
        )
    for name in SECRET_NAMES:
        assert deploy["env"][f"TF_VAR_{name}"] == "${{ secrets." + name + " }}"


def test_the_contract_check_catches_a_stale_name():
    step = {"env": {"TF_VAR_TWITTER_API_KEY": "x", "TF_VAR_cloudflare_zone_id": "z"}}
    assert _app_secret_variables(step) == ["TWITTER_API_KEY"]


def test_upstash_credentials_reach_terraform_through_the_environment_only():
    drift = _terraform_step(WORKFLOWS_DIR / "drift.yml", "Drift check")
    for step in (_terraform_step(REUSABLE, "Terraform ${{ inputs.command }}"), _plan_step(), drift):
        assert step["env"]["UPSTASH_EMAIL"] == "${{ secrets.UPSTASH_EMAIL }}"
        assert step["env"]["UPSTASH_API_KEY"] == "${{ secrets.UPSTASH_API_KEY }}"
