"""API service: Lambda behind an HTTP API, authorizer option, throttling, logs, CORS, custom domain."""

import json
import subprocess
from dataclasses import replace

import pytest

from modules.api.api_service import ApiService, ApiServiceProps
from modules.compute.lambda_artifact import AUTHORIZER_DIR
from stages import resolve_stage
from tests.modules.synth import find_node, single, synth_scenarios

STAGES = ["prod", "staging", "dev", "pr-123"]
CERTIFICATE_ARN = "arn:aws:acm:ap-southeast-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000"
API_MEMORY = {"prod": 1024, "staging": 512, "dev": 512, "pr-123": 256}
RETENTION = {"prod": 90, "staging": 30, "dev": 7, "pr-123": 3}


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory):
    def authorized(stack, stage):
        from modules.app.secrets import Secrets

        token = Secrets(stack, "secrets").reference("SG_CARS_TRENDS_API_TOKEN")
        return ApiService(
            stack,
            "api",
            stage,
            ApiServiceProps(
                certificate_arn=CERTIFICATE_ARN,
                authorizer_enabled=True,
                authorizer_token=token,
                public_routes=("GET /health", "POST /workflows/{proxy+}"),
            ),
        )

    def throttled(stack, stage):
        return ApiService(
            stack, "api", stage, ApiServiceProps(certificate_arn=None, custom_domain_enabled=False)
        )

    ephemeral = resolve_stage("pr-123")
    throttled_stage = replace(
        ephemeral, settings=replace(ephemeral.settings, throttle_rate_limit=50.0, throttle_burst_limit=100)
    )
    return synth_scenarios(
        {"authorized": (resolve_stage("dev"), authorized), "throttled": (throttled_stage, throttled)},
        tmp_path_factory.mktemp("scenarios"),
    )


def _routes(stack):
    return {route["route_key"]: route for route in stack.resources("aws_apigatewayv2_route").values()}


def test_authorizer_guards_default_route_but_not_public_routes(scenarios):
    stack = scenarios[0]["authorized"]
    authorizer_address, authorizer = single(stack, "aws_apigatewayv2_authorizer")
    assert authorizer["authorizer_type"] == "REQUEST"
    assert authorizer["identity_sources"] == ["$request.header.Authorization"]
    assert authorizer["enable_simple_responses"] is True
    routes = _routes(stack)
    assert routes["$default"]["authorization_type"] == "CUSTOM"
    assert routes["$default"]["authorizer_id"] == "${" + authorizer_address + ".id}"
    for public in ("GET /health", "POST /workflows/{proxy+}"):
        assert routes[public]["authorization_type"] == "NONE" and "authorizer_id" not in routes[public]


def test_authorizer_function_reads_the_token_secret_and_may_be_invoked_by_its_api(scenarios):
    stack = scenarios[0]["authorized"]
    function = single(stack, "aws_lambda_function", {"function_name": "sgcarstrends-dev-api-authorizer"}).body
    assert function["environment"]["variables"] == {
        "SG_CARS_TRENDS_API_TOKEN": "${var.SG_CARS_TRENDS_API_TOKEN}"
    }
    assert function["architectures"] == ["arm64"] and function["runtime"] == "nodejs22.x"
    source_arns = [p["source_arn"] for p in stack.resources("aws_lambda_permission").values()]
    assert any("/authorizers/" in arn for arn in source_arns)
    assert any(arn.endswith("/*/*") for arn in source_arns)


def test_throttling_comes_from_stage_settings_when_set(scenarios):
    _, stage = single(scenarios[0]["throttled"], "aws_apigatewayv2_stage")
    assert stage["default_route_settings"] == {"throttling_rate_limit": 50, "throttling_burst_limit": 100}


def test_custom_domain_can_be_left_out(scenarios):
    stack = scenarios[0]["throttled"]
    assert not stack.resources("aws_apigatewayv2_domain_name") and not stack.resources(
        "aws_apigatewayv2_api_mapping"
    )
    assert scenarios[1]["throttled"].domain_target_name is None


def test_metric_helpers(scenarios):
    api = scenarios[1]["authorized"]
    assert (api.metric_5xx().metric_name, api.metric_5xx().statistic) == ("5xx", "Sum")
    assert api.metric_latency().extended_statistic == "p95"
    assert api.metric_count().metric_name == "Count"
    assert (
        api.metric_count().namespace == "AWS/ApiGateway"
        and api.metric_count().dimensions["Stage"] == "$default"
    )


@pytest.mark.skipif(
    find_node() is None, reason="no Node.js found (JSII_NODE or node on PATH) to run the authorizer"
)
def test_authorizer_code_accepts_only_the_exact_bearer_token():
    script = """
process.env.SG_CARS_TRENDS_API_TOKEN = 'tok-123';
import('./index.mjs').then(async m => console.log(JSON.stringify(await Promise.all([
  m.handler({headers: {authorization: 'Bearer tok-123'}}),
  m.handler({headers: {authorization: 'Bearer tok-124'}}),
  m.handler({headers: {authorization: 'tok-123'}}),
  m.handler({headers: {}}),
]).then(r => r.map(x => x.isAuthorized)))));
"""
    result = subprocess.run(
        [find_node(), "-e", script], cwd=AUTHORIZER_DIR, capture_output=True, text=True, timeout=60
    )
    assert json.loads(result.stdout) == [True, False, False, False], result.stderr


@pytest.mark.parametrize(
    "props, message",
    [
        (dict(certificate_arn=""), "certificate_arn is empty"),
        (dict(certificate_arn=CERTIFICATE_ARN, authorizer_enabled=True), "needs authorizer_token"),
        (dict(certificate_arn=CERTIFICATE_ARN, public_routes=("GET /status",)), "GET /health"),
        (dict(certificate_arn=CERTIFICATE_ARN, public_routes=("GET /health", "FETCH /x")), "route key"),
    ],
)
def test_bad_props_are_refused(props, message):
    with pytest.raises(ValueError, match=message):
        ApiServiceProps(**props)


@pytest.mark.parametrize("stage", STAGES)
def test_api_lambda_handler_timeout_memory(synth_output, stage):
    function = single(
        synth_output.stack(stage), "aws_lambda_function", {"function_name": f"sgcarstrends-{stage}-api"}
    ).body
    assert function["handler"] == "apps/api/src/index.handler"
    assert function["timeout"] == 120 and function["memory_size"] == API_MEMORY[stage]


@pytest.mark.parametrize("stage", STAGES)
def test_cors_per_stage(synth_output, stage):
    _, api = single(synth_output.stack(stage), "aws_apigatewayv2_api")
    cors = api["cors_configuration"]
    assert cors["allow_headers"] == ["*"] and cors["allow_methods"] == ["*"]
    if stage == "prod":
        assert (cors["allow_origins"], cors["max_age"]) == (["https://sgcarstrends.com"], 86400)
    else:
        assert cors["allow_origins"] == ["*"] and cors["max_age"] == 300


@pytest.mark.parametrize("stage", STAGES)
def test_throttling_off_and_access_logs_with_stage_retention(synth_output, stage):
    stack = synth_output.stack(stage)
    _, api_stage = single(stack, "aws_apigatewayv2_stage")
    assert "default_route_settings" not in api_stage
    group = single(
        stack, "aws_cloudwatch_log_group", {"name": f"/aws/apigateway/sgcarstrends-{stage}-http-api"}
    ).body
    assert group["retention_in_days"] == RETENTION[stage]
    assert "aws_cloudwatch_log_group" in api_stage["access_log_settings"]["destination_arn"]
    assert json.loads(api_stage["access_log_settings"]["format"])["requestId"] == "$context.requestId"


@pytest.mark.parametrize("stage", STAGES)
def test_health_route_has_no_authorizer_and_default_route_reaches_lambda(synth_output, stage):
    routes = _routes(synth_output.stack(stage))
    assert (
        routes["GET /health"]["authorization_type"] == "NONE" and "authorizer_id" not in routes["GET /health"]
    )
    assert routes["GET /health"]["target"] == routes["$default"]["target"]
    permissions = [
        p
        for p in synth_output.stack(stage).resources("aws_lambda_permission").values()
        if p["principal"] == "apigateway.amazonaws.com"
    ]
    assert permissions and all(p["source_arn"].endswith("/*/*") for p in permissions)


@pytest.mark.parametrize("stage", STAGES)
def test_custom_domain_is_the_stage_api_domain_with_tls_1_2(synth_output, stage):
    stack = synth_output.stack(stage)
    domain_address, domain = single(stack, "aws_apigatewayv2_domain_name")
    assert domain["domain_name"] == resolve_stage(stage).api_domain
    config = domain["domain_name_configuration"]
    assert (config["endpoint_type"], config["security_policy"]) == ("REGIONAL", "TLS_1_2")
    assert config["certificate_arn"].startswith("${aws_acm_certificate")
    _, mapping = single(stack, "aws_apigatewayv2_api_mapping")
    assert mapping["domain_name"] == "${" + domain_address + ".id}"


@pytest.mark.parametrize(
    "stage, protected", [("prod", True), ("staging", False), ("dev", False), ("pr-123", False)]
)
def test_api_resources_prevent_destroy_only_on_prod(synth_output, stage, protected):
    stack = synth_output.stack(stage)
    for resource_type in (
        "aws_apigatewayv2_api",
        "aws_apigatewayv2_stage",
        "aws_apigatewayv2_domain_name",
        "aws_apigatewayv2_api_mapping",
    ):
        _, body = single(stack, resource_type)
        assert body.get("lifecycle", {}).get("prevent_destroy", False) is protected, resource_type
