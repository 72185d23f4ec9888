"""Plan JSON -> review model, on a real plan (create, update, replace, delete, sensitive values)."""

import json

import pytest

from review.changes import Action, action_from_terraform
from review.plan_changes import load_plan, review_plan
from review.render import render_comment
from review.stage_info import ReviewInputError, check_plan_stage, stage_from_filename
from sensitive.marker import REDACTED


def _review(real_plan, stage="prod"):
    return review_plan(stage, load_plan(real_plan.plan_file), real_plan.plan_file)


@pytest.mark.terraform
def test_counts_one_of_each_action(real_plan):
    review = _review(real_plan).review
    assert review.counts == {"add": 1, "change": 1, "replace": 1, "destroy": 1}
    by_address = {change.address: change.action for change in review.resources}
    assert by_address == {
        "terraform_data.new": Action.CREATE,
        "terraform_data.keep": Action.UPDATE,
        "terraform_data.rep": Action.REPLACE,
        "terraform_data.gone": Action.DESTROY,
    }


@pytest.mark.terraform
def test_replacement_names_the_forcing_attribute(real_plan):
    rep = next(c for c in _review(real_plan).review.resources if c.address == "terraform_data.rep")
    forcing = [a.path for a in rep.attributes if a.forces_replacement]
    assert forcing == ["triggers_replace[0]"]
    assert "cannot change in place" in rep.reason


@pytest.mark.terraform
def test_pure_delete_has_reason_and_no_attribute_rows(real_plan):
    gone = next(c for c in _review(real_plan).review.resources if c.address == "terraform_data.gone")
    assert gone.reason == "removed from the configuration" and gone.attributes == ()


@pytest.mark.terraform
def test_update_lists_only_changed_attributes(real_plan):
    keep = next(c for c in _review(real_plan).review.resources if c.address == "terraform_data.keep")
    rows = {a.path: (a.before, a.after) for a in keep.attributes}
    assert rows["input.size"] == ("1", "2")
    assert rows["input.pw"] == ("(none)", REDACTED)
    assert "input.name" not in rows  # unchanged


@pytest.mark.terraform
def test_protected_stage_flags_destructive_changes_and_dev_does_not(real_plan):
    prod = _review(real_plan, "prod").review
    assert [c.address for c in prod.blocking] == ["terraform_data.gone", "terraform_data.rep"]
    dev = review_plan("dev", load_plan(real_plan.plan_file)).review
    assert dev.blocking == [] and len(dev.destructive) == 2


@pytest.mark.terraform
def test_no_sensitive_value_anywhere_in_the_model_or_comment(real_plan):
    reviewed = _review(real_plan)
    assert real_plan.canaries, "the real plan fixture planted no canaries"
    assert set(real_plan.canaries) <= reviewed.known_secrets
    text = render_comment([reviewed.review], reviewed.known_secrets)
    model = repr(reviewed.review)
    for canary in real_plan.canaries:
        assert canary in real_plan.plan_file.read_text()  # the plan itself holds it in clear text
        assert canary not in text and canary not in model
    secret_output = next(o for o in reviewed.review.outputs if o.name == "secret")
    assert secret_output.sensitive and (secret_output.before, secret_output.after) == (
        REDACTED,
        REDACTED,
    )


@pytest.mark.terraform
def test_secret_looking_and_secret_named_literals_are_masked(real_plan):
    reviewed = _review(real_plan)
    text = render_comment([reviewed.review], reviewed.known_secrets)
    assert real_plan.secret_looking not in text and real_plan.named_secret not in text
    new = next(c for c in reviewed.review.resources if c.address == "terraform_data.new")
    rows = {a.path: a.after for a in new.attributes}
    assert rows["input.api_key"] == REDACTED
    assert rows["input.url"].startswith("<masked")
    assert rows["input.label"] == '"hello"'  # ordinary values stay readable


def test_stage_mismatch_between_name_and_plan_is_refused(tmp_path):
    plan = {
        "configuration": {
            "provider_config": {
                "aws": {
                    "name": "aws",
                    "full_name": "registry.terraform.io/hashicorp/aws",
                    "expressions": {"default_tags": [{"tags": {"constant_value": {"stage": "staging"}}}]},
                }
            }
        }
    }
    check_plan_stage("staging", plan, tmp_path / "p.json")
    with pytest.raises(ReviewInputError, match=r"made for stage 'staging'.*--plan staging="):
        check_plan_stage("prod", plan, tmp_path / "p.json")


@pytest.mark.parametrize(
    "name,stage",
    [
        ("plan-prod.json", "prod"),
        ("plan-pr-7.json", "pr-7"),
        ("staging.plan.json", "staging"),
        ("dev.json", "dev"),
    ],
)
def test_stage_from_filename(tmp_path, name, stage):
    assert stage_from_filename(tmp_path / name) == stage


def test_stage_from_unhelpful_filename_is_refused(tmp_path):
    with pytest.raises(ReviewInputError, match=r"--plan prod="):
        stage_from_filename(tmp_path / "plan.json")


def test_bad_plan_files_get_specific_errors(tmp_path):
    (tmp_path / "text.json").write_text("not json")
    (tmp_path / "state.json").write_text(json.dumps({"resources": []}))
    with pytest.raises(ReviewInputError, match="is not JSON.*terraform show -json"):
        load_plan(tmp_path / "text.json")
    with pytest.raises(ReviewInputError, match="not Terraform plan JSON"):
        load_plan(tmp_path / "state.json")
    with pytest.raises(ReviewInputError, match="does not exist"):
        load_plan(tmp_path / "missing.json")


PLAN_HEAD = {"format_version": "1.2", "terraform_version": "1.11.4", "configuration": {}}


@pytest.mark.parametrize(
    "plan, words",
    [
        (
            {"format_version": "1.0", "terraform_version": "1.11.4", "values": {"root_module": {}}},
            "this is state JSON",
        ),
        ({**PLAN_HEAD, "errored": True, "resource_changes": []}, "marked this plan as errored"),
        (
            {**PLAN_HEAD, "format_version": "2.0", "resource_changes": []},
            "format_version '2.0' is not supported",
        ),
        ({**PLAN_HEAD, "resource_changes": {}}, "resource_changes must be a list"),
        ({**PLAN_HEAD, "resource_changes": [{"address": "a.b", "change": {}}]}, "'a.b' has no actions"),
        ({**PLAN_HEAD, "resource_changes": ["a.b"]}, r"resource_changes\[0\] must be an object"),
        ({**PLAN_HEAD, "output_changes": []}, "output_changes must be an object"),
        ({"format_version": "1.2"}, "so it is not a plan"),
    ],
)
def test_unusable_plans_are_refused_not_reviewed_as_no_changes(tmp_path, plan, words):
    # The same validation as `sgct check` (policies.inputs.plan_view.check_plan): each of these used to load.
    path = tmp_path / "plan-prod.json"
    path.write_text(json.dumps(plan))
    with pytest.raises(ReviewInputError, match=words) as error:
        load_plan(path)
    assert str(path) in str(error.value)


def test_a_plan_without_changes_still_loads(tmp_path):
    path = tmp_path / "plan-prod.json"
    path.write_text(json.dumps({**PLAN_HEAD, "resource_changes": [], "planned_values": {"root_module": {}}}))
    assert review_plan("prod", load_plan(path)).review.resources == []


def test_unknown_terraform_action_is_an_error():
    assert action_from_terraform(["create", "delete"]) is Action.REPLACE
    with pytest.raises(ReviewInputError, match="unknown Terraform change actions"):
        action_from_terraform(["explode"])


def test_malformed_provider_config_is_a_review_input_error_not_a_crash(tmp_path):
    plan = {"format_version": "1.2", "configuration": {"provider_config": {"aws": "ap-southeast-1"}}}
    with pytest.raises(ReviewInputError, match=r"provider_config.aws must be an object"):
        check_plan_stage("prod", plan, tmp_path / "p.json")
