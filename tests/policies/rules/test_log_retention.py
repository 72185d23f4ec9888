"""SGCT007: log groups expire; every Lambda logs to a declared group."""

from tests.policies.helpers import lambda_function, log_group, run_rule, stack


def test_retention_and_declared_group_pass():
    config = stack(
        "dev",
        {"aws_lambda_function.api": lambda_function(), "aws_cloudwatch_log_group.api": log_group(days=7)},
    )
    assert run_rule("SGCT007", config) == []


def test_logging_config_reference_to_a_declared_group_passes():
    config = stack(
        "dev",
        {
            "aws_lambda_function.api": lambda_function(
                logging_config={"log_group": "${aws_cloudwatch_log_group.logs.name}", "log_format": "JSON"}
            ),
            "aws_cloudwatch_log_group.logs": {"name": "sgcarstrends-dev-api-logs", "retention_in_days": 14},
        },
    )
    assert run_rule("SGCT007", config) == []


def test_missing_or_unsupported_retention_and_undeclared_group_fail():
    config = stack(
        "dev",
        {
            "aws_lambda_function.api": lambda_function(),
            "aws_cloudwatch_log_group.other": log_group(suffix="other", days=None),
            "aws_cloudwatch_log_group.odd": log_group(suffix="odd", days=10),
        },
    )
    findings = {f.address: f.message for f in run_rule("SGCT007", config)}
    assert "never expire" in findings["aws_cloudwatch_log_group.other"]
    assert "not a CloudWatch-supported value" in findings["aws_cloudwatch_log_group.odd"]
    assert "does not declare" in findings["aws_lambda_function.api"]
