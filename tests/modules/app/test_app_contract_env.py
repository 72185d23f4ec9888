"""Acceptance: every stage's synthesized API and web environments are the app contract, exactly.

The names must equal the contract (none missing, none extra); plain values
are the stage's; every secret is a `${var.NAME}` reference, never a value;
both environments are encrypted with the stage's own KMS key.
"""

import pytest

from harness import Capture
from stages import resolve_stage
from stages.app_contract import App, env_names, plain_values, secret_names
from stages.web_runtime_env import SERVER_CACHE_ENV

STAGES = ("prod", "staging", "dev", "pr-123")


def _function_name(stage: str, app: App) -> str:
    return f"sgcarstrends-{stage}-{app.function_suffix}"


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("app", list(App), ids=lambda app: app.value)
def test_synthesized_environment_is_the_contract(template, stage, app):
    stack = template(stage)
    name = _function_name(stage, app)
    stack.resource_properties_count_is("aws_lambda_function", {"function_name": name}, 1)
    variables = Capture()
    stack.has_resource_properties(
        "aws_lambda_function", {"function_name": name, "environment": {"variables": variables}}
    )
    # The web server also carries OpenNext's cache/tag/queue names, owned by the hosting.
    hosting_names = set(SERVER_CACHE_ENV) if app is App.WEB else set()
    assert set(variables.as_object()) - hosting_names == set(env_names(app))
    expected = {
        **plain_values(resolve_stage(stage), app),
        **{secret: f"${{var.{secret}}}" for secret in secret_names(app)},
    }
    assert expected, f"the {app.value} contract names nothing"
    stack.has_resource_properties(
        "aws_lambda_function", {"function_name": name, "environment": {"variables": expected}}
    )


@pytest.mark.parametrize("stage", STAGES)
def test_environments_are_encrypted_with_the_stages_key(template, stage):
    stack = template(stage)
    [key_address] = [a for a in stack.resources("aws_kms_key") if a.startswith("aws_kms_key.environment_key")]
    for app in App:
        stack.resource_properties_count_is(
            "aws_lambda_function", {"function_name": _function_name(stage, app)}, 1
        )
        stack.has_resource_properties(
            "aws_lambda_function",
            {"function_name": _function_name(stage, app), "kms_key_arn": f"${{{key_address}.arn}}"},
        )


def test_web_points_at_its_own_stage_api(template):
    template("staging").has_resource_properties(
        "aws_lambda_function",
        {
            "function_name": _function_name("staging", App.WEB),
            "environment": {
                "variables": {
                    "NEXT_PUBLIC_API_URL": "https://api.staging.sgcarstrends.com",
                    "NEXT_PUBLIC_APP_ENV": "staging",
                    "TZ": "Asia/Singapore",
                }
            },
        },
    )
