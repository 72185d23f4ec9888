"""API service: Lambda behind an HTTP API, authorizer option, throttling, logs, CORS, custom domain."""

import json
import subprocess
from dataclasses import replace

import pytest

from harness import Capture, Match
from harness.node_lambda import find_node
from modules.api.api_service import ApiService, ApiServiceProps
from modules.compute.lambda_artifact import AUTHORIZER_DIR
from stages import resolve_stage
from tests.modules.synth import synth_scenarios

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


def test_authorizer_guards_default_route_but_not_public_routes(scenarios):
    stack = scenarios[0]["authorized"]
    stack.resource_count_is("aws_apigatewayv2_authorizer", 1)
    authorizer_address = stack.has_resource_properties(
        "aws_apigatewayv2_authorizer",
        {
            "authorizer_type": "REQUEST",
            "identity_sources": ["$request.header.Authorization"],
            "enable_simple_responses": True,
        },
    )
    stack.has_resource_properties(
        "aws_apigatewayv2_route",
        {
            "route_key": "$default",
            "authorization_type": "CUSTOM",
            "authorizer_id": "${" + authorizer_address + ".id}",
        },
    )
    for public in ("GET /health", "POST /workflows/{proxy+}"):
        stack.has_resource_properties(
            "aws_apigatewayv2_route",
            {"route_key": public, "authorization_type": "NONE", "authorizer_id": Match.absent()},
        )


def test_authorizer_function_reads_the_token_secret_and_may_be_invoked_by_its_api(scenarios):
    stack = scenarios[0]["authorized"]
    authorizer = {"function_name": "sgcarstrends-dev-api-authorizer"}
    stack.resource_properties_count_is("aws_lambda_function", authorizer, 1)
    stack.has_resource_properties(
        "aws_lambda_function",
        {
            **authorizer,
            "environment": {
                "variables": Match.exact({"SG_CARS_TRENDS_API_TOKEN": "${var.SG_CARS_TRENDS_API_TOKEN}"})
            },
            "architectures": ["arm64"],
            "runtime": "nodejs22.x",
        },
    )
    stack.has_resource_properties(
        "aws_lambda_permission", {"source_arn": Match.string_like_regexp("/authorizers/")}
    )
    stack.has_resource_properties(
        "aws_lambda_permission", {"source_arn": Match.string_like_regexp(r"/\*/\*$")}
    )


def test_throttling_comes_from_stage_settings_when_set(scenarios):
    stack = scenarios[0]["throttled"]
    stack.resource_count_is("aws_apigatewayv2_stage", 1)
    stack.has_resource_properties(
        "aws_apigatewayv2_stage",
        {"default_route_settings": Match.exact({"throttling_rate_limit": 50, "throttling_burst_limit": 100})},
    )


def test_custom_domain_can_be_left_out(scenarios):
    stack = scenarios[0]["throttled"]
    stack.resource_count_is("aws_apigatewayv2_domain_name", 0)
    stack.resource_count_is("aws_apigatewayv2_api_mapping", 0)
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
def test_api_lambda_handler_timeout_memory(template, stage):
    stack = template(stage)
    api = {"function_name": f"sgcarstrends-{stage}-api"}
    stack.resource_properties_count_is("aws_lambda_function", api, 1)
    stack.has_resource_properties(
        "aws_lambda_function",
        {**api, "handler": "apps/api/src/index.handler", "timeout": 120, "memory_size": API_MEMORY[stage]},
    )


@pytest.mark.parametrize("stage", STAGES)
def test_cors_per_stage(template, stage):
    stack = template(stage)
    origins, max_age = (["https://sgcarstrends.com"], 86400) if stage == "prod" else (["*"], 300)
    stack.resource_count_is("aws_apigatewayv2_api", 1)
    stack.has_resource_properties(
        "aws_apigatewayv2_api",
        {
            "cors_configuration": {
                "allow_headers": ["*"],
                "allow_methods": ["*"],
                "allow_origins": origins,
                "max_age": max_age,
            }
        },
    )


@pytest.mark.parametrize("stage", STAGES)
def test_throttling_off_and_access_logs_with_stage_retention(template, stage):
    stack = template(stage)
    stack.resource_count_is("aws_apigatewayv2_stage", 1)
    stack.has_resource_properties(
        "aws_apigatewayv2_stage",
        {
            "default_route_settings": Match.absent(),
            "access_log_settings": {
                "destination_arn": Match.string_like_regexp("aws_cloudwatch_log_group"),
                "format": Match.serialized_json({"requestId": "$context.requestId"}),
            },
        },
    )
    access_logs = {"name": f"/aws/apigateway/sgcarstrends-{stage}-http-api"}
    stack.resource_properties_count_is("aws_cloudwatch_log_group", access_logs, 1)
    stack.has_resource_properties(
        "aws_cloudwatch_log_group", {**access_logs, "retention_in_days": RETENTION[stage]}
    )


@pytest.mark.parametrize("stage", STAGES)
def test_health_route_has_no_authorizer_and_default_route_reaches_lambda(template, stage):
    stack = template(stage)
    target = Capture()
    stack.has_resource_properties("aws_apigatewayv2_route", {"route_key": "$default", "target": target})
    stack.has_resource_properties(
        "aws_apigatewayv2_route",
        {
            "route_key": "GET /health",
            "authorization_type": "NONE",
            "authorizer_id": Match.absent(),
            "target": target.as_string(),
        },
    )
    from_api_gateway = {"principal": "apigateway.amazonaws.com"}
    permissions = stack.find_resources("aws_lambda_permission", from_api_gateway)
    assert permissions, f"{stage}: API Gateway may invoke no function"
    assert permissions == stack.find_resources(
        "aws_lambda_permission", {**from_api_gateway, "source_arn": Match.string_like_regexp(r"/\*/\*$")}
    )


@pytest.mark.parametrize("stage", STAGES)
def test_custom_domain_is_the_stage_api_domain_with_tls_1_2(template, stage):
    stack = template(stage)
    stack.resource_count_is("aws_apigatewayv2_domain_name", 1)
    domain_address = stack.has_resource_properties(
        "aws_apigatewayv2_domain_name",
        {
            "domain_name": resolve_stage(stage).api_domain,
            "domain_name_configuration": {
                "endpoint_type": "REGIONAL",
                "security_policy": "TLS_1_2",
                "certificate_arn": Match.string_like_regexp(r"^\$\{aws_acm_certificate"),
            },
        },
    )
    stack.resource_count_is("aws_apigatewayv2_api_mapping", 1)
    stack.has_resource_properties(
        "aws_apigatewayv2_api_mapping", {"domain_name": "${" + domain_address + ".id}"}
    )


@pytest.mark.parametrize(
    "stage, protected", [("prod", True), ("staging", False), ("dev", False), ("pr-123", False)]
)
def test_api_resources_prevent_destroy_only_on_prod(template, stage, protected):
    stack = template(stage)
    protection = {"prevent_destroy": True} if protected else Match.absent()
    for resource_type in (
        "aws_apigatewayv2_api",
        "aws_apigatewayv2_stage",
        "aws_apigatewayv2_domain_name",
        "aws_apigatewayv2_api_mapping",
    ):
        stack.resource_count_is(resource_type, 1)
        stack.has_resource_properties(resource_type, {"lifecycle": protection})
