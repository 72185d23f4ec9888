"""The checker on plan JSON written by a real Terraform (skips without one)."""

import pytest

from policies.api import check_paths
from sensitive.plan_redaction import redact_plan
from tests.policies.conftest import NEW_SECRET, OLD_SECRET
from tests.sgct.commands import check as main

pytestmark = pytest.mark.terraform

EXPECTED_ACTIONS = {
    "terraform_data.keep": ["no-op"],
    "terraform_data.updated": ["update"],
    "terraform_data.replaced": ["delete", "create"],
    "terraform_data.cbd": ["create", "delete"],
    "terraform_data.removed": ["delete"],
    "terraform_data.counted[1]": ["delete"],
    "terraform_data.created": ["create"],
}


def test_fixture_covers_every_kind_of_change(real_plan):
    actions = {c["address"]: c["change"]["actions"] for c in real_plan.data["resource_changes"]}
    for address, expected in EXPECTED_ACTIONS.items():
        assert actions[address] == expected, address
    reasons = {c["address"]: c.get("action_reason") for c in real_plan.data["resource_changes"]}
    assert reasons["terraform_data.removed"] == "delete_because_no_resource_config"
    assert reasons["terraform_data.counted[1]"] == "delete_because_count_index"


def test_deletes_and_replaces_of_protected_types_are_found(real_plan):
    result = check_paths([real_plan.plan_json], extra_protected_types=("terraform_data",))
    found = {f.address: f for f in result.findings if f.rule_id == "SGCT002"}
    assert set(found) == {
        "terraform_data.replaced",
        "terraform_data.cbd",
        "terraform_data.removed",
        "terraform_data.counted[1]",
    }
    assert "delete_because_no_resource_config" in found["terraform_data.removed"].message
    assert "create before destroy" in found["terraform_data.cbd"].message
    assert found["terraform_data.cbd"].construct_path == "prod/cbd"
    assert found["terraform_data.removed"].construct_path is None  # no longer in the new cdk.tf.json
    assert {f.stage for f in result.findings} == {"prod"} and result.exit_code == 1


def test_unprotected_types_and_unguarded_stages_pass(real_plan):
    result = check_paths([real_plan.plan_json])
    assert [f for f in result.findings if f.rule_id == "SGCT002"] == []
    assert {f.rule_id for f in result.findings} == {"SGCT005"}  # only the literal variable default
    result = check_paths([real_plan.plan_json], stage="pr-4", extra_protected_types=("terraform_data",))
    assert [f for f in result.findings if f.rule_id == "SGCT002"] == []


def test_redacted_plan_has_no_sensitive_value(real_plan):
    text = str(real_plan.data)
    assert OLD_SECRET in text and NEW_SECRET in text  # Terraform writes them in clear text
    redacted = str(redact_plan(real_plan.data))
    assert OLD_SECRET not in redacted and NEW_SECRET not in redacted


@pytest.mark.parametrize("format_name", ["text", "json", "sarif", "junit", "markdown"])
def test_no_report_prints_a_sensitive_value(real_plan, tmp_path, format_name):
    output = tmp_path / f"report.{format_name}"
    code = main(
        [
            str(real_plan.plan_json),
            "--format",
            format_name,
            "--output",
            str(output),
            "--protected-type",
            "terraform_data",
            "--no-suppressions",
        ]
    )
    report = output.read_text()
    assert code == 1 and "terraform_data.cbd" in report
    assert "SGCT005" in report  # the literal default of db_password is flagged ...
    assert OLD_SECRET not in report and NEW_SECRET not in report  # ... and never shown
