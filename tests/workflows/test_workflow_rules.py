"""What the workflows must do, read from their YAML: secrets, permissions, stages (pins: test_action_pins)."""

import re

import pytest

from tests.workflows.workflow_files import PLAN_REUSABLE, REUSABLE, WORKFLOW_FILES, load, stage_calls, steps

WORKFLOWS = {path.name: load(path) for path in WORKFLOW_FILES}


def _all_steps():
    for name, workflow in WORKFLOWS.items():
        for job_id, step in steps(workflow):
            yield name, job_id, step


def test_checkout_never_persists_credentials():
    checkouts = [(n, j, s) for n, j, s in _all_steps() if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for name, job_id, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, f"{name}:{job_id}"


def test_no_expression_expands_inside_a_run_script():
    # Untrusted input (PR titles, branch names) and secrets reach scripts only through env vars.
    assert list(_all_steps()), "no workflow steps found"
    for name, job_id, step in _all_steps():
        assert "${{" not in step.get("run", ""), (
            f"{name}:{job_id}: `${{{{ }}}}` inside run: {step.get('name')}"
        )


def test_secrets_only_on_the_steps_that_need_them():
    assert WORKFLOWS, "no workflows found"
    for name, workflow in WORKFLOWS.items():
        assert "secrets." not in str(workflow.get("env", {})), f"{name}: workflow-level env holds secrets"
        assert workflow["jobs"], f"{name} has no jobs"
        for job_id, job in workflow["jobs"].items():
            assert "secrets." not in str(job.get("env", {})), f"{name}:{job_id}: job-level env holds secrets"
            assert job.get("secrets") != "inherit", f"{name}:{job_id}: secrets: inherit passes every secret"
    users = {(name, step.get("name")) for name, _, step in _all_steps() if "secrets." in str(step)}
    assert users == {
        ("terraform-stage.yml", "AWS credentials"),
        ("terraform-stage.yml", "Terraform ${{ inputs.command }}"),
        ("terraform-plan.yml", "AWS credentials"),
        ("terraform-plan.yml", "Terraform plan"),
        ("drift.yml", "AWS credentials"),
        ("drift.yml", "Drift check"),
        ("preview.yml", "Comment"),  # APP_REPOSITORY_TOKEN: comment on the application pull request
        ("janitor.yml", "AWS credentials"),
        ("janitor.yml", "Janitor"),  # Cloudflare token for the preview records; no application secret
    }


def test_permissions_are_empty_by_default_and_granted_per_job():
    assert WORKFLOWS, "no workflows found"
    for name, workflow in WORKFLOWS.items():
        assert workflow.get("permissions") == {}, f"{name}: top-level permissions must be {{}}"
        assert workflow["jobs"], f"{name} has no jobs"
        for job_id, job in workflow["jobs"].items():
            assert "permissions" in job, f"{name}:{job_id} has no permissions block"
            assert "write-all" not in str(job["permissions"])


def test_terraform_is_pinned():
    versions = [
        s["with"]["terraform_version"]
        for _, _, s in _all_steps()
        if s.get("uses", "").startswith("hashicorp/setup-terraform@")
    ]
    assert versions and all(re.fullmatch(r"1\.11\.\d+", str(version)) for version in versions)


def _calls(workflow_name):
    return {job_id: job for job_id, job in stage_calls(WORKFLOWS[workflow_name])}


@pytest.mark.parametrize(
    "workflow,stage,command,environment",
    [
        ("deploy-staging.yml", "staging", "deploy", "staging"),
        ("release.yml", "prod", "deploy", "production"),
        ("preview.yml", "pr-${{ github.event.pull_request.number }}", "deploy", "preview"),
        ("preview.yml", "pr-${{ github.event.pull_request.number }}", "destroy", "preview"),
    ],
)
def test_deploys_run_per_stage_serialized_and_in_their_environment(workflow, stage, command, environment):
    [job] = [
        job
        for job_id, job in _calls(workflow).items()
        if job["with"]["command"] == command and not job_id.startswith("app-")
    ]
    assert job["with"]["stage"] == stage and job["with"]["environment"] == environment
    assert job["concurrency"] == {"group": f"deploy-{stage}", "cancel-in-progress": False}


def test_triggers():
    assert set(WORKFLOWS["deploy-staging.yml"]["on"]) == {"push", "workflow_dispatch"}
    assert WORKFLOWS["deploy-staging.yml"]["on"]["push"] == {"branches": ["main"]}
    assert set(WORKFLOWS["release.yml"]["on"]) == {"release", "workflow_dispatch"}
    assert WORKFLOWS["release.yml"]["on"]["release"] == {"types": ["published"]}
    preview = WORKFLOWS["preview.yml"]
    assert "closed" in preview["on"]["pull_request"]["types"]
    destroy = next(job for job in _calls("preview.yml").values() if job["with"]["command"] == "destroy")
    assert "github.event.action == 'closed'" in destroy["if"]
    plan = _calls("pull-request.yml")["plan"]
    assert plan["strategy"]["matrix"]["stage"] == ["dev", "staging", "prod"]
    assert plan["uses"] == "./.github/workflows/terraform-plan.yml"


def test_pull_request_runs_synth_policies_sarif_tests_and_comment():
    checks = WORKFLOWS["pull-request.yml"]["jobs"]["checks"]
    runs = " ".join(step.get("run", "") for step in checks["steps"])
    assert (
        "bash scripts/setup.sh" in runs
        and "sgct check cdktf.out --format sarif --output policy.sarif" in runs
    )
    assert "pytest" in runs
    sarif = next(
        s for s in checks["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    )
    assert (
        sarif["with"]["sarif_file"] == "policy.sarif" and checks["permissions"]["security-events"] == "write"
    )
    comment = WORKFLOWS["pull-request.yml"]["jobs"]["comment"]
    comment_runs = " ".join(step.get("run", "") for step in comment["steps"])
    assert "sgct review --base" in comment_runs and "gh pr comment" in comment_runs


def _terraform_step(workflow=REUSABLE):
    return next(step for _, step in steps(load(workflow)) if step.get("name", "").startswith("Terraform "))


@pytest.mark.parametrize("workflow", [REUSABLE, PLAN_REUSABLE], ids=lambda path: path.name)
def test_every_required_terraform_variable_is_supplied(synth_output, workflow):
    env = _terraform_step(workflow)["env"]
    supplied = {key.removeprefix("TF_VAR_") for key in env if key.startswith("TF_VAR_")}
    declared = set()
    for stack in synth_output.stack_names():
        for name, declaration in synth_output.stack(stack).config.get("variable", {}).items():
            declared.add(name)
            if "default" not in declaration:
                assert name in supplied, (
                    f"stack {stack} needs variable {name}: add TF_VAR_{name} to {workflow.name}"
                )
    assert declared, "no stack declares a variable"
    assert supplied <= declared, f"workflow sets variables no stack declares: {sorted(supplied - declared)}"
    assert "CLOUDFLARE_API_TOKEN" in env


def test_secret_env_names_match_secret_names():
    secret_variables = {
        key: value
        for key, value in _terraform_step()["env"].items()
        if key.startswith("TF_VAR_") and key != "TF_VAR_cloudflare_zone_id"
    }
    assert secret_variables, "the Terraform step passes no TF_VAR_ secrets"
    for key, value in secret_variables.items():
        assert value == "${{{{ secrets.{} }}}}".format(key.removeprefix("TF_VAR_"))


def test_drift_runs_nightly_on_the_permanent_stages_without_application_secrets():
    drift = WORKFLOWS["drift.yml"]
    assert set(drift["on"]) == {"schedule", "workflow_dispatch"}
    job = drift["jobs"]["drift"]
    assert job["strategy"]["matrix"]["stage"] == ["prod", "staging", "dev"]
    assert job["environment"] == "drift-${{ matrix.stage }}"
    check = next(step for _, step in steps(drift) if step.get("name") == "Drift check")
    assert 'sgct drift --stage "$STAGE"' in check["run"]
    assert not [key for key in check["env"] if key.startswith("TF_VAR_")]


def test_plan_json_never_leaves_the_plan_job():
    plan = load(PLAN_REUSABLE)
    uploads = [step for _, step in steps(plan) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [step["with"]["path"] for step in uploads] == [
        "${{ runner.temp }}/review-${{ inputs.stage }}.json"
    ]
    review_step = next(step for _, step in steps(plan) if step.get("name") == "Review the plan (redacted)")
    assert 'rm -f "$RUNNER_TEMP/plan-$STAGE.json"' in review_step["run"]
    assert "rm -f plan.tfplan" in _terraform_step(PLAN_REUSABLE)["run"]
    deploy = load(REUSABLE)
    assert not [
        step for _, step in steps(deploy) if step.get("uses", "").startswith("actions/upload-artifact@")
    ]
