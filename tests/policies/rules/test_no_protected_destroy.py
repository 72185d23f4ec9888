"""SGCT002: plans never delete or replace protected resources on guarded stages."""

import pytest

from tests.policies.helpers import change, plan, run_rule

BUCKET = {"bucket": "sgcarstrends-prod-web-assets"}


def test_update_and_create_pass():
    changes = [
        change("aws_s3_bucket.assets", ["update"], BUCKET, BUCKET),
        change("aws_s3_bucket.logs", ["create"], None, BUCKET),
        change("aws_iam_role_policy_attachment.x", ["delete"], {"role": "r"}, None),
    ]
    assert run_rule("SGCT002", plan(changes, "prod")) == []


@pytest.mark.parametrize(
    "actions, after, words",
    [
        (["delete"], None, "plan would delete"),
        (["delete", "create"], BUCKET, "destroy, then create"),
        (["create", "delete"], BUCKET, "create before destroy"),
    ],
)
def test_delete_and_both_replace_orders_fail(actions, after, words):
    entry = change(
        "aws_s3_bucket.assets", actions, BUCKET, after, action_reason="delete_because_no_resource_config"
    )
    findings = run_rule("SGCT002", plan([entry], "prod"))
    assert len(findings) == 1 and words in findings[0].message
    assert "delete_because_no_resource_config" in findings[0].message
    assert findings[0].address == "aws_s3_bucket.assets"


def test_retained_stage_is_guarded_and_unprotected_stages_are_not():
    entry = change("aws_cloudfront_distribution.cdn", ["delete"], {"enabled": True}, None)
    assert len(run_rule("SGCT002", plan([entry], "staging"))) == 1
    assert run_rule("SGCT002", plan([entry], "dev")) == []
    assert run_rule("SGCT002", plan([entry], "pr-9")) == []


def test_protected_types_are_configurable():
    entry = change("terraform_data.state", ["delete"], {"input": "x"}, None)
    assert run_rule("SGCT002", plan([entry], "prod")) == []
    assert len(run_rule("SGCT002", plan([entry], "prod"), protected_types=frozenset({"terraform_data"}))) == 1
