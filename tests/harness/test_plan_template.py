"""`PlanTemplate` on real plans of a provider-free configuration (create, update, replace, delete)."""

import json

import pytest

from harness import Capture, Match, PlanTemplate, Terraform, TerraformOptions
from harness.toolchain import offline_cli_environment

SECRET = "plan-template-secret-value"


def _config(version: int) -> dict:
    resources = {
        "kept": {"input": "same"},
        "updated": {"input": {"size": version, "name": "api"}},
        "replaced": {"input": "x", "triggers_replace": [version]},
        "guarded": {"input": "${var.token}"},
    }
    if version == 1:
        resources["removed"] = {"input": "bye"}
    else:
        resources["created"] = {"input": "new"}
    return {
        "variable": {"token": {"type": "string", "sensitive": True, "default": SECRET}},
        "resource": {"terraform_data": resources},
    }


@pytest.fixture(scope="module")
def runner(terraform_binary, tmp_path_factory):
    """The base configuration applied; the test plans a changed one in the same directory."""
    scratch = tmp_path_factory.mktemp("plan-template")
    workdir = scratch / "config"
    workdir.mkdir()
    (workdir / "main.tf.json").write_text(json.dumps(_config(1)))
    env = offline_cli_environment(scratch / "cli", None)
    tf = Terraform(TerraformOptions(working_dir=workdir, binary=terraform_binary, env=env))
    tf.init()
    tf.apply()
    (workdir / "main.tf.json").write_text(json.dumps(_config(2)))
    yield tf
    tf.close()


@pytest.fixture(scope="module")
def plan(runner) -> PlanTemplate:
    return PlanTemplate.from_terraform(runner)


@pytest.mark.terraform
def test_has_change_by_address_and_by_type(plan):
    size = Capture()
    assert plan.has_change("terraform_data.updated", "update", {"input": {"size": size}}) == (
        "terraform_data.updated"
    )
    assert size.as_number() == 2
    assert plan.has_change("terraform_data", "replace") == "terraform_data.replaced"
    assert plan.has_change("terraform_data", ["delete"]) == "terraform_data.removed"
    created = plan.has_change(
        "terraform_data", "create", {"input": "new", "id": Match.string_like_regexp("after")}
    )
    assert created == "terraform_data.created"


@pytest.mark.terraform
def test_a_missing_change_lists_the_nearest_with_differences(plan):
    with pytest.raises(AssertionError) as error:
        plan.has_change("terraform_data.updated", "update", {"input": {"size": 3}})
    message = str(error.value)
    assert "none of 1 changes for 'terraform_data.updated'" in message
    assert "/values/input/size: expected 3, got 2" in message
    with pytest.raises(AssertionError, match="resource types in the plan: \\['terraform_data'\\]"):
        plan.has_change("aws_s3_bucket", "create")


@pytest.mark.terraform
def test_replacements_are_named_with_their_cause(plan):
    assert plan.replace_paths("terraform_data.replaced") == [["triggers_replace"]]
    with pytest.raises(AssertionError) as error:
        plan.no_replacements()
    assert "terraform_data.replaced" in str(error.value) and "triggers_replace" in str(error.value)
    plan.no_replacements(except_=["terraform_data.replaced"])
    plan.no_replacements(except_=("terraform_data",))


@pytest.mark.terraform
def test_sensitive_values_never_reach_a_message(plan):
    assert plan.values("terraform_data.guarded")["input"] == "(sensitive)"
    with pytest.raises(AssertionError) as error:
        plan.has_change("terraform_data.guarded", "update", {"input": "other"})
    assert SECRET not in str(error.value)


@pytest.mark.terraform
def test_idempotence_names_what_still_changes(runner, plan):
    with pytest.raises(AssertionError) as error:
        plan.assert_idempotent()
    message = str(error.value)
    assert "terraform_data.updated: update attributes /input/size" in message
    assert "terraform_data.replaced: delete/create" in message or "create/delete" in message
    # Allowed attributes (by address or by type) silence an update only when all its changes are
    # allowed; the replacement still fails.
    with pytest.raises(AssertionError) as error:
        plan.assert_idempotent(allowed={"terraform_data.updated/input/size": "formatting"})
    assert "terraform_data.updated: update attributes /input/size, /output" in str(error.value)
    with pytest.raises(AssertionError) as error:
        plan.assert_idempotent(
            allowed={"terraform_data.updated/input/size": "formatting", "terraform_data/output": "derived"}
        )
    assert "terraform_data.updated" not in str(error.value)
    assert "terraform_data.replaced" in str(error.value)
    runner.apply()
    PlanTemplate.from_terraform(runner).assert_idempotent()


def test_a_document_that_is_not_a_plan_is_refused():
    with pytest.raises(ValueError, match="not a `terraform show -json <plan>` document"):
        PlanTemplate({"resource": {}})
