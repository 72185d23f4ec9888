"""SGCT005: no secret-looking literals anywhere; findings never show the value."""

import pytest

from tests.policies.helpers import lambda_function, plan, run_rule, stack

GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0" * 2
DB_URL = "postgres://app:s3cr3t-pw@db.example.com:5432/cars"


def test_references_and_ordinary_values_pass():
    environment = {
        "variables": {
            "STAGE": "dev",
            "DATABASE_URL": "${var.database_url}",
            "QSTASH_CURRENT_SIGNING_KEY": "${data.aws_ssm_parameter.signing.value}",
            "UPSTASH_REDIS_REST_URL": "${var.UPSTASH_REDIS_REST_URL}",
            "API_HOST": "api.dev.sgcarstrends.com",
            "SITE_URL": "https://dev.sgcarstrends.com:443/cars",
        }
    }
    config = stack(
        "dev",
        {
            "aws_lambda_function.api": lambda_function(
                environment=environment, source_code_hash="Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ubw"
            )
        },
        output={"api_url": {"value": "https://api.dev.sgcarstrends.com"}},
        variable={"api_token": {"type": "string", "sensitive": True}},
    )
    config["resource"]["aws_cloudfront_cache_policy"] = {
        "p": {"name": "x", "id": "658327ea-f89d-4fab-a63d-7e88639e58f6"}
    }
    assert run_rule("SGCT005", config) == []


@pytest.mark.parametrize(
    "where, build",
    [
        (
            "lambda env",
            lambda c: c["resource"]["aws_lambda_function"]["api"].update(
                environment={"variables": {"SG_CARS_TRENDS_API_TOKEN": "plain-token-value"}}
            ),
        ),
        ("output", lambda c: c.update(output={"db": {"value": DB_URL}})),
        ("provider", lambda c: c["provider"].update(cloudflare=[{"api_token": "cf-literal-token"}])),
        ("variable default", lambda c: c.update(variable={"gh": {"default": GITHUB_TOKEN}})),
        (
            "name/value pair",
            lambda c: c["resource"]["aws_lambda_function"]["api"].update(
                secrets=[{"name": "GEMINI_API_KEY", "value": "literal-gemini-key"}]
            ),
        ),
    ],
)
def test_literal_secrets_fail_and_are_masked(where, build):
    config = stack("dev", {"aws_lambda_function.api": lambda_function()})
    build(config)
    findings = run_rule("SGCT005", config)
    assert len(findings) == 1, (where, findings)
    text = findings[0].message + findings[0].address
    for secret in (
        "plain-token-value",
        DB_URL,
        "s3cr3t-pw",
        "cf-literal-token",
        GITHUB_TOKEN,
        "literal-gemini-key",
    ):
        assert secret not in text
    assert "<masked," in findings[0].message


def test_plan_configuration_literals_are_checked():
    data = plan([], "dev")
    data["configuration"]["root_module"]["resources"] = [
        {
            "address": "aws_lambda_function.api",
            "mode": "managed",
            "type": "aws_lambda_function",
            "name": "api",
            "expressions": {
                "environment": [{"variables": {"constant_value": {"QSTASH_TOKEN": "qstash-literal"}}}]
            },
        }
    ]
    findings = run_rule("SGCT005", data)
    assert [f.address for f in findings] == ["aws_lambda_function.api"]
    data["configuration"]["root_module"]["resources"][0]["expressions"] = {
        "environment": [{"variables": {"references": ["var.qstash_token"]}}]
    }
    assert run_rule("SGCT005", data) == []


@pytest.mark.parametrize(
    "name, value, secret",
    [
        ("DATABASE_URL", "postgres://app:pa$$w0rd@db:5432/x", "pa$$w0rd"),
        ("CONNECTION", "postgres://app:ab/cd+ef@db/x", "ab/cd+ef"),
        ("DATABASE_URL", "postgres://db.example.com/cars", "db.example.com"),
        ("DISCORD_WEBHOOK_URL", "https://hooks.internal.example/notify", "hooks.internal.example"),
        ("NOTIFY", "https://discord.com/api/webhooks/123456789012345678/Xy-z_" + "a1B2c3" * 10, "a1B2c3"),
        ("UPSTASH_REDIS_REST_URL", "https://eu1-fine-cat.upstash.io", "fine-cat"),
    ],
)
def test_platform_secret_names_and_credential_urls_fail(name, value, secret):
    config = stack(
        "dev", {"aws_lambda_function.api": lambda_function(environment={"variables": {name: value}})}
    )
    findings = run_rule("SGCT005", config)
    assert [f.address for f in findings] == ["aws_lambda_function.api"]
    assert secret not in findings[0].message and "<masked," in findings[0].message
    config["resource"]["aws_lambda_function"]["api"]["environment"]["variables"][name] = f"${{var.{name}}}"
    assert run_rule("SGCT005", config) == []
