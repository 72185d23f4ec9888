"""SGCT003: every Lambda runs on ARM64."""

from tests.policies.helpers import change, lambda_function, plan, run_rule, stack


def test_arm64_passes():
    assert run_rule("SGCT003", stack("dev", {"aws_lambda_function.api": lambda_function()})) == []


def test_x86_and_unset_architectures_fail():
    config = stack(
        "dev",
        {
            "aws_lambda_function.api": lambda_function(architectures=["x86_64"]),
            "aws_lambda_function.web": {
                k: v for k, v in lambda_function(suffix="web").items() if k != "architectures"
            },
        },
    )
    findings = {f.address: f.message for f in run_rule("SGCT003", config)}
    assert "x86_64" in findings["aws_lambda_function.api"]
    assert "defaults to x86_64" in findings["aws_lambda_function.web"]


def test_unknown_architectures_in_a_plan_fail_closed():
    after = {"function_name": "sgcarstrends-dev-api", "runtime": "nodejs22.x"}
    entry = change("aws_lambda_function.api", ["create"], None, after, after_unknown={"architectures": True})
    findings = run_rule("SGCT003", plan([entry], "dev"))
    assert (
        len(findings) == 1
        and "cannot verify" in findings[0].message
        and "architectures" in findings[0].message
    )


def test_deleted_functions_are_not_held_to_the_rule():
    entry = change("aws_lambda_function.old", ["delete"], lambda_function(architectures=["x86_64"]), None)
    assert run_rule("SGCT003", plan([entry], "dev")) == []
