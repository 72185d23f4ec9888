"""SGCT004: every Lambda runs Node.js 22.x."""

from tests.policies.helpers import change, lambda_function, plan, run_rule, stack


def test_nodejs22_passes_in_config_and_plan():
    assert run_rule("SGCT004", stack("dev", {"aws_lambda_function.api": lambda_function()})) == []
    entry = change("aws_lambda_function.api", ["update"], lambda_function(), lambda_function())
    assert run_rule("SGCT004", plan([entry], "dev")) == []


def test_older_runtime_and_container_images_fail():
    config = stack(
        "dev",
        {
            "aws_lambda_function.api": lambda_function(runtime="nodejs18.x"),
            "aws_lambda_function.img": lambda_function(suffix="img", package_type="Image", runtime=None),
        },
    )
    findings = {f.address: f.message for f in run_rule("SGCT004", config)}
    assert "'nodejs18.x'" in findings["aws_lambda_function.api"]
    assert "container-image" in findings["aws_lambda_function.img"]


def test_runtime_from_an_unresolvable_reference_fails_closed():
    config = stack("dev", {"aws_lambda_function.api": lambda_function(runtime="${var.runtime}")})
    findings = run_rule("SGCT004", config)
    assert len(findings) == 1 and "cannot verify" in findings[0].message
