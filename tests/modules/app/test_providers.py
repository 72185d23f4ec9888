"""Providers: region, us-east-1 alias, default tags, no Cloudflare token literal."""

import json

import pytest

STAGES = ["prod", "staging", "dev", "pr-123"]


@pytest.mark.parametrize("stage", STAGES)
def test_aws_primary_region_and_global_alias(synth_output, stage):
    aws = synth_output.stack(stage).providers["aws"]
    primary = [p for p in aws if "alias" not in p]
    aliased = {p["alias"]: p for p in aws if "alias" in p}
    assert [p["region"] for p in primary] == ["ap-southeast-1"]
    assert aliased["us_east_1"]["region"] == "us-east-1"


@pytest.mark.parametrize("stage", STAGES)
def test_every_aws_provider_sets_default_tags(synth_output, stage):
    providers = synth_output.stack(stage).providers["aws"]
    assert providers, f"{stage} has no AWS provider"
    for provider in providers:
        assert provider["default_tags"] == [
            {"tags": {"app": "sgcarstrends", "stage": stage, "managed-by": "cdktf"}}
        ]


@pytest.mark.parametrize("stage", STAGES)
def test_cloudflare_token_is_never_in_the_json(synth_output, stage, monkeypatch):
    cloudflare = synth_output.stack(stage).providers["cloudflare"]
    assert cloudflare == [{}], "the provider must read CLOUDFLARE_API_TOKEN from the environment"
    assert "api_token" not in json.dumps(synth_output.stack(stage).config)


# The local target (SGCT_LOCAL_ENDPOINT): every used service on loopback, no Cloudflare, no keys.

# Resource type prefix -> AWS provider `endpoints` key serving it.
SERVICE_OF_PREFIX = {
    "aws_acm_": "acm",
    "aws_api_gateway_": "apigateway",
    "aws_apigatewayv2_": "apigatewayv2",
    "aws_cloudfront_": "cloudfront",
    "aws_dynamodb_": "dynamodb",
    "aws_cloudwatch_log_": "logs",
    "aws_cloudwatch_metric_": "cloudwatch",
    "aws_cloudwatch_event_": "events",
    "aws_iam_": "iam",
    "aws_kms_": "kms",
    "aws_lambda_": "lambda",
    "aws_route53_": "route53",
    "aws_s3_": "s3",
    "aws_scheduler_": "scheduler",
    "aws_secretsmanager_": "secretsmanager",
    "aws_sns_": "sns",
    "aws_sqs_": "sqs",
    "aws_ssm_": "ssm",
    "aws_caller_identity": "sts",
    "aws_region": None,
    "aws_partition": None,
    "aws_iam_policy_document": None,
}


def _service(type_name):
    matches = [prefix for prefix in SERVICE_OF_PREFIX if type_name.startswith(prefix)]
    assert matches, f"{type_name}: map it to its AWS service here and add that service to LOCAL_SERVICES"
    return SERVICE_OF_PREFIX[max(matches, key=len)]


def test_local_providers_send_every_used_service_to_the_endpoint(local_synth):
    stack = local_synth.stack
    used = {type_name for block in ("resource", "data") for type_name in stack.config.get(block, {})}
    services = {_service(type_name) for type_name in used if type_name.startswith("aws_")} - {None}
    assert services and stack.providers["aws"], "no AWS resources or providers synthesized"
    for provider in stack.providers["aws"]:
        endpoints = provider["endpoints"][0]
        assert services <= set(endpoints), f"no endpoint for {services - set(endpoints)}"
        assert set(endpoints.values()) == {local_synth.endpoint_url}
        assert provider["s3_use_path_style"] is True and provider["skip_credentials_validation"] is True
        assert (
            provider["skip_requesting_account_id"] is True and provider["skip_metadata_api_check"] == "true"
        )


def test_local_stack_has_no_cloudflare_and_no_credentials(local_synth):
    stack = local_synth.stack
    assert "cloudflare" not in stack.providers
    assert "cloudflare" not in stack.config["terraform"]["required_providers"]
    assert not [
        t for block in ("resource", "data") for t in stack.config.get(block, {}) if t.startswith("cloudflare")
    ]
    text = json.dumps(stack.config)
    for credential in ("access_key", "secret_key", '"testing"', "api_token"):
        assert credential not in text, f"{credential!r} must only come from the environment"


def test_real_target_has_no_endpoints(synth_output):
    providers = synth_output.stack("pr-123").providers["aws"]
    assert providers, "pr-123 has no AWS provider"
    for provider in providers:
        assert "endpoints" not in provider and "skip_credentials_validation" not in provider


def test_local_target_refuses_a_remote_endpoint():
    from modules.app.deployment_target import DeploymentTarget

    with pytest.raises(ValueError, match="SGCT_LOCAL_ENDPOINT='http://10.0.0.5:4566' must be a loopback"):
        DeploymentTarget.from_environ({"SGCT_LOCAL_ENDPOINT": "http://10.0.0.5:4566"})
    target = DeploymentTarget.from_environ({"SGCT_LOCAL_ENDPOINT": "http://127.0.0.1:5000/"})
    assert target.aws_endpoint_url == "http://127.0.0.1:5000" and target.is_local
    assert not (
        target.includes_cloudflare
        or target.validates_certificates
        or target.includes_cdn
        or target.includes_api_custom_domain
    )
    real = DeploymentTarget.from_environ({})
    assert (
        real.includes_cloudflare and real.validates_certificates and real.includes_cdn and not real.is_local
    )
