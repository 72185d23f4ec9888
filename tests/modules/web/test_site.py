"""Web: SSR Lambda kept warm, function URL, private assets bucket read only by the distribution."""

import json

import pytest

from modules.web.server import WebServerProps
from modules.web.site import Web
from stages import resolve_stage
from tests.modules.synth import scratch_scope, single, synth_scenarios

STAGES = ["prod", "staging", "dev", "pr-123"]
WEB_MEMORY = {"prod": 1536, "staging": 1024, "dev": 1024, "pr-123": 512}
DISTRIBUTION_ARN = "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE"


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory):
    def granted(stack, stage):
        web = Web(stack, "web", stage)
        web.grant_read_to_distribution(DISTRIBUTION_ARN)
        return web

    def cold(stack, stage):
        return Web(stack, "web", stage, WebServerProps(warm_interval_minutes=None, memory_mb=2048))

    return synth_scenarios(
        {"granted": (resolve_stage("staging"), granted), "cold": (resolve_stage("dev"), cold)},
        tmp_path_factory.mktemp("scenarios"),
    )


def test_bucket_policy_lets_only_the_given_distribution_read_over_tls(scenarios):
    stack = scenarios[0]["granted"]
    bucket_address, _ = single(stack, "aws_s3_bucket")
    _, policy = single(stack, "aws_s3_bucket_policy")
    allow, deny = json.loads(policy["policy"])["Statement"]
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"} and allow["Action"] == "s3:GetObject"
    assert allow["Condition"] == {"StringEquals": {"AWS:SourceArn": [DISTRIBUTION_ARN]}}
    assert allow["Resource"] == "${" + bucket_address + ".arn}/*"
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_no_bucket_policy_until_a_distribution_is_granted(scenarios):
    assert not scenarios[0]["cold"].resources("aws_s3_bucket_policy")


def test_warmer_can_be_turned_off_and_memory_overridden(scenarios):
    stack = scenarios[0]["cold"]
    assert not stack.resources("aws_cloudwatch_event_rule") and not stack.resources("aws_lambda_permission")
    assert single(stack, "aws_lambda_function")[1]["memory_size"] == 2048


def test_web_exposes_what_the_cdn_needs(scenarios):
    web = scenarios[1]["granted"]
    for value in (web.bucket_regional_domain_name, web.bucket_arn, web.ssr_origin_domain):
        assert isinstance(value, str) and value


def test_second_grant_and_empty_grant_are_refused(tmp_path):
    web = Web(scratch_scope(tmp_path), "web", resolve_stage("dev"))
    with pytest.raises(ValueError, match="at least one"):
        web.grant_read_to_distribution()
    web.grant_read_to_distribution(DISTRIBUTION_ARN)
    with pytest.raises(ValueError, match="already called"):
        web.grant_read_to_distribution(DISTRIBUTION_ARN)


@pytest.mark.parametrize(
    "props, message",
    [
        (dict(warm_interval_minutes=0), "1-14 minutes"),
        (dict(warm_interval_minutes=30), "1-14 minutes"),
        (dict(invoke_mode="STREAM"), "invoke_mode"),
    ],
)
def test_bad_server_props_are_refused(props, message):
    with pytest.raises(ValueError, match=message):
        WebServerProps(**props)


def _web_function(stack, stage):
    return single(stack, "aws_lambda_function", {"function_name": f"sgcarstrends-{stage}-web"}).body


@pytest.mark.parametrize("stage", STAGES)
def test_ssr_lambda_is_arm64_nodejs22_with_stage_memory(synth_output, stage):
    function = _web_function(synth_output.stack(stage), stage)
    assert function["architectures"] == ["arm64"] and function["runtime"] == "nodejs22.x"
    assert function["memory_size"] == WEB_MEMORY[stage] and function["handler"] == "index.handler"
    assert function["environment"]["variables"]["NEXT_PUBLIC_APP_ENV"] == stage


@pytest.mark.parametrize("stage", STAGES)
def test_one_warm_instance_via_a_five_minute_schedule(synth_output, stage):
    stack = synth_output.stack(stage)
    rule_address, rule = single(stack, "aws_cloudwatch_event_rule")
    assert rule["name"] == f"sgcarstrends-{stage}-web-warmer"
    assert rule["schedule_expression"] == "rate(5 minutes)"
    function_address = next(
        a for a, f in stack.resources("aws_lambda_function").items() if f["function_name"].endswith("-web")
    )
    alias_address = next(
        f"aws_lambda_alias.{name}"
        for name, alias in stack.config["resource"]["aws_lambda_alias"].items()
        if alias["function_name"] == "${" + function_address + ".function_name}"
    )
    _, target = single(stack, "aws_cloudwatch_event_target")
    assert target["arn"] == "${" + alias_address + ".arn}" and json.loads(target["input"]) == {
        "type": "warmer"
    }
    permission = single(stack, "aws_lambda_permission", {"principal": "events.amazonaws.com"}).body
    assert permission["source_arn"] == "${" + rule_address + ".arn}"


def _web_url(stack) -> dict:
    """The web server's function URL (permanent stages also have the API's, for the data schedule)."""
    [url] = [
        body
        for address, body in stack.resources("aws_lambda_function_url").items()
        if "web_server" in address
    ]
    return url


@pytest.mark.parametrize("stage", STAGES)
def test_function_url_is_the_ssr_origin(synth_output, stage):
    url = _web_url(synth_output.stack(stage))
    assert url["authorization_type"] == "NONE" and url["invoke_mode"] == "BUFFERED"


@pytest.mark.parametrize("stage", STAGES)
def test_assets_bucket_is_encrypted_versioned_private_and_owner_enforced(synth_output, stage):
    stack = synth_output.stack(stage)
    (address,) = [
        a
        for a, b in stack.resources("aws_s3_bucket").items()
        if b["bucket"] == f"sgcarstrends-{stage}-web-assets"
    ]
    assert stack.resource(address)["force_destroy"] is (stage in ("dev", "pr-123"))
    bucket_ref = "${" + address + ".id}"
    assert single(stack, "aws_s3_bucket_versioning", {"bucket": bucket_ref}).body[
        "versioning_configuration"
    ] == {"status": "Enabled"}
    encryption = single(
        stack, "aws_s3_bucket_server_side_encryption_configuration", {"bucket": bucket_ref}
    ).body
    assert encryption["rule"][0]["apply_server_side_encryption_by_default"]["sse_algorithm"] == "AES256"
    block = single(stack, "aws_s3_bucket_public_access_block", {"bucket": bucket_ref}).body
    assert all(
        block[key] is True
        for key in (
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        )
    )
    ownership = single(stack, "aws_s3_bucket_ownership_controls", {"bucket": bucket_ref}).body
    assert ownership["rule"] == {"object_ownership": "BucketOwnerEnforced"}


@pytest.mark.parametrize("stage", STAGES)
def test_assets_bucket_policy_names_the_stage_distribution(synth_output, stage):
    stack = synth_output.stack(stage)
    policies = stack.resources("aws_s3_bucket_policy")
    assert len(policies) == 1, "exactly one policy per bucket"
    allow = json.loads(next(iter(policies.values()))["policy"])["Statement"][0]
    (source,) = allow["Condition"]["StringEquals"]["AWS:SourceArn"]
    assert source.startswith("${aws_cloudfront_distribution.") and source.endswith(".arn}")


@pytest.mark.parametrize(
    "stage, protected", [("prod", True), ("staging", False), ("dev", False), ("pr-123", False)]
)
def test_web_resources_prevent_destroy_only_on_prod(synth_output, stage, protected):
    stack = synth_output.stack(stage)
    bodies = [
        single(stack, "aws_s3_bucket", {"bucket": f"sgcarstrends-{stage}-web-assets"}).body,
        _web_function(stack, stage),
        single(stack, "aws_cloudwatch_log_group", {"name": f"/aws/lambda/sgcarstrends-{stage}-web"}).body,
        _web_url(stack),
    ]
    for body in bodies:
        assert body.get("lifecycle", {}).get("prevent_destroy", False) is protected
