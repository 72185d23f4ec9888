"""SGCT009: AWS names carry `sgcarstrends-<stage>`."""

from policies.rules.stage_prefixed_names import carries_prefix
from tests.policies.helpers import lambda_function, log_group, run_rule, stack


def test_prefixed_names_and_scoped_names_pass():
    config = stack(
        "pr-12",
        {
            "aws_lambda_function.api": lambda_function("pr-12"),
            "aws_cloudwatch_log_group.api": log_group("pr-12"),
            "aws_apigatewayv2_stage.default": {"name": "$default"},
            "aws_cloudwatch_log_group.ref": {"name": "/aws/lambda/${aws_lambda_function.api.function_name}"},
        },
    )
    assert run_rule("SGCT009", config) == []


def test_unprefixed_other_stage_and_missing_names_fail():
    config = stack(
        "pr-1",
        {
            "aws_lambda_function.api": lambda_function("pr-12"),  # another stage's prefix
            "aws_s3_bucket.assets": {"bucket": "web-assets"},
            "aws_iam_role.role": {"assume_role_policy": "{}"},  # AWS would generate the name
        },
    )
    findings = {f.address: f.message for f in run_rule("SGCT009", config)}
    assert set(findings) == {"aws_lambda_function.api", "aws_s3_bucket.assets", "aws_iam_role.role"}
    assert "unset" in findings["aws_iam_role.role"]


def test_prefix_matching_is_on_a_boundary():
    assert carries_prefix("/aws/apigateway/sgcarstrends-dev-http-api", "sgcarstrends-dev")
    assert not carries_prefix("sgcarstrends-dev2-api", "sgcarstrends-dev")


def test_bootstrap_is_exempt():
    assert (
        run_rule(
            "SGCT009", stack("bootstrap", {"aws_s3_bucket.state": {"bucket": "sgcarstrends-terraform-state"}})
        )
        == []
    )
