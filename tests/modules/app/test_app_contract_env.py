"""Acceptance: every stage's synthesized API and web environments are the app contract, exactly.

The names must equal the contract (none missing, none extra); plain values
are the stage's; every secret is a `${var.NAME}` reference, never a value;
both environments are encrypted with the stage's own KMS key.
"""

import pytest

from stages import resolve_stage
from stages.app_contract import App, env_names, plain_values, secret_names
from stages.web_runtime_env import SERVER_CACHE_ENV

STAGES = ("prod", "staging", "dev", "pr-123")


def _function(stack, app: App) -> dict:
    name = f"sgcarstrends-{stack.config['//']['metadata']['stackName']}-{app.function_suffix}"
    [body] = [f for f in stack.resources("aws_lambda_function").values() if f["function_name"] == name]
    return body


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("app", list(App), ids=lambda app: app.value)
def test_synthesized_environment_is_the_contract(synth_output, stage, app):
    variables = _function(synth_output.stack(stage), app)["environment"]["variables"]
    # The web server also carries OpenNext's cache/tag/queue names, owned by the hosting.
    assert set(variables) - (set(SERVER_CACHE_ENV) if app is App.WEB else set()) == set(env_names(app))
    for name, value in plain_values(resolve_stage(stage), app).items():
        assert variables[name] == value
    for name in secret_names(app):
        assert variables[name] == f"${{var.{name}}}"


@pytest.mark.parametrize("stage", STAGES)
def test_environments_are_encrypted_with_the_stages_key(synth_output, stage):
    stack = synth_output.stack(stage)
    [key_address] = [a for a in stack.resources("aws_kms_key") if a.startswith("aws_kms_key.environment_key")]
    for app in App:
        assert _function(stack, app)["kms_key_arn"] == f"${{{key_address}.arn}}"


def test_web_points_at_its_own_stage_api(synth_output):
    web = _function(synth_output.stack("staging"), App.WEB)["environment"]["variables"]
    assert web["NEXT_PUBLIC_API_URL"] == "https://api.staging.sgcarstrends.com"
    assert web["NEXT_PUBLIC_APP_ENV"] == "staging" and web["TZ"] == "Asia/Singapore"
