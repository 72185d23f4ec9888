"""SGCT001: protected stages keep prevent_destroy, deletion protection, no force_destroy."""

from tests.policies.helpers import log_group, run_rule, stack

TABLE = {"name": "sgcarstrends-prod-sessions", "hash_key": "id"}
PROTECTED_BUCKET = {
    "bucket": "sgcarstrends-prod-web-assets",
    "force_destroy": False,
    "lifecycle": {"prevent_destroy": True},
}


def test_protected_resources_with_prevent_destroy_pass():
    table = {**TABLE, "deletion_protection_enabled": True, "lifecycle": {"prevent_destroy": True}}
    config = stack(
        "prod",
        {
            "aws_s3_bucket.assets": PROTECTED_BUCKET,
            "aws_dynamodb_table.sessions": table,
            "aws_cloudwatch_log_group.api": {**log_group("prod"), "lifecycle": {"prevent_destroy": True}},
            "aws_iam_role_policy_attachment.logs": {"role": "x", "policy_arn": "y"},
        },
    )
    assert run_rule("SGCT001", config) == []


def test_missing_prevent_destroy_force_destroy_and_deletion_protection_fail():
    bucket = {"bucket": "sgcarstrends-prod-web-assets", "force_destroy": True}
    config = stack(
        "prod",
        {
            "aws_s3_bucket.assets": bucket,
            "aws_dynamodb_table.sessions": {**TABLE, "lifecycle": {"prevent_destroy": True}},
            "aws_cloudwatch_log_group.api": {**log_group("prod")},
        },
    )
    findings = run_rule("SGCT001", config)
    messages = {(f.address, f.message.split(" ")[0]) for f in findings}
    assert ("aws_s3_bucket.assets", "aws_s3_bucket") in messages  # lacks prevent_destroy
    assert ("aws_s3_bucket.assets", "force_destroy") in messages
    assert ("aws_dynamodb_table.sessions", "deletion_protection_enabled") in messages
    assert ("aws_cloudwatch_log_group.api", "aws_cloudwatch_log_group") in messages  # lacks prevent_destroy
    assert all(f.construct_path.startswith("prod/") and f.stage == "prod" for f in findings)


def test_unprotected_stages_are_not_checked():
    bucket = {"bucket": "sgcarstrends-dev-web-assets", "force_destroy": True}
    assert run_rule("SGCT001", stack("dev", {"aws_s3_bucket.assets": bucket})) == []
    assert run_rule("SGCT001", stack("pr-7", {"aws_s3_bucket.assets": bucket})) == []
