"""Cloudflare records for every hostname (DNS only), DNSSEC owned by prod, nothing on local targets."""

import json

import pytest

from harness import Match, Template
from modules.edge.dns_records import DnsRecords, DnsRecordsProps, DnsTarget, stage_dns_props
from stages import resolve_stage
from tests.modules.synth import single, synth_constructs

STAGES = ["prod", "staging", "dev", "pr-123"]
ZONE_ID = "0123456789abcdef0123456789abcdef"


HOSTNAME_RECORD = {"for_each": Match.absent()}  # certificate validation records use for_each


@pytest.mark.parametrize("stage", STAGES)
def test_a_dns_only_cname_for_every_hostname(template, stage):
    stack = template(stage)
    hostnames = resolve_stage(stage).hostnames
    assert hostnames, f"{stage} has no hostnames"
    stack.resource_properties_count_is("cloudflare_dns_record", HOSTNAME_RECORD, len(hostnames))
    for hostname in hostnames:
        stack.has_resource_properties(
            "cloudflare_dns_record",
            {
                **HOSTNAME_RECORD,
                "name": hostname,
                "type": "CNAME",
                "proxied": False,
                "ttl": 1,
                "zone_id": Match.string_like_regexp(r"var\.cloudflare_zone_id"),
            },
        )


@pytest.mark.parametrize("stage", STAGES)
def test_web_hosts_point_at_cloudfront_and_the_api_at_its_gateway_domain(template, stage):
    stack = template(stage)
    the_stage = resolve_stage(stage)
    distribution, _ = single(stack, "aws_cloudfront_distribution")
    for host in (the_stage.web_domain, *the_stage.redirect_domains):
        stack.has_resource_properties(
            "cloudflare_dns_record",
            {**HOSTNAME_RECORD, "name": host, "content": "${" + distribution + ".domain_name}"},
        )
    stack.has_resource_properties(
        "cloudflare_dns_record",
        {
            **HOSTNAME_RECORD,
            "name": the_stage.api_domain,
            "content": Match.string_like_regexp(r"^\$\{aws_apigatewayv2_domain_name\..*target_domain_name"),
        },
    )


@pytest.mark.parametrize("stage", STAGES)
def test_dnssec_only_on_prod(template, stage):
    stack = template(stage)
    if stage == "prod":
        stack.resource_count_is("cloudflare_zone_dnssec", 1)
        stack.has_resource_properties(
            "cloudflare_zone_dnssec",
            {"status": "active", "lifecycle": Match.exact({"prevent_destroy": True})},
        )
    else:
        stack.resource_count_is("cloudflare_zone_dnssec", 0)


@pytest.mark.parametrize("stage", STAGES)
def test_records_are_protected_on_prod_only(template, stage):
    protection = {"prevent_destroy": True} if stage == "prod" else Match.absent()
    template(stage).all_resources_properties("cloudflare_dns_record", {"lifecycle": protection})


def test_zone_id_is_a_variable_with_a_lookup_fallback(template):
    dev = template("dev")
    variable = dev.config["variable"]["cloudflare_zone_id"]
    assert variable["default"] == "" and "sensitive" not in variable
    assert len(dev.data_sources("cloudflare_zone")) == 1
    dev.has_data_source("cloudflare_zone", {"filter": Match.exact({"name": "sgcarstrends.com"})})


@pytest.fixture(scope="module")
def local_stack(tmp_path_factory) -> Template:
    """The whole dev platform for a loopback AWS endpoint (no Cloudflare), synthesized in-process."""
    from modules.app.bindings import App
    from modules.app.deployment_target import DeploymentTarget
    from modules.app.platform_stack import PlatformStack
    from modules.state.backend import BackendSettings

    outdir = tmp_path_factory.mktemp("local-target")
    app = App(outdir=str(outdir), stack_traces=False)
    PlatformStack(
        app,
        resolve_stage("dev"),
        BackendSettings(),
        DeploymentTarget(aws_endpoint_url="http://127.0.0.1:5000"),
    )
    app.synth()
    return Template.from_json_file(outdir / "stacks" / "dev" / "cdk.tf.json")


def test_local_target_leaves_cloudflare_and_validation_out(local_stack):
    text = json.dumps({key: local_stack.config.get(key, {}) for key in ("resource", "data")})
    assert "cloudflare_" not in text
    local_stack.resource_count_is("aws_acm_certificate_validation", 0)
    local_stack.resource_count_is("aws_acm_certificate", 1)
    # certificates are still requested locally
    local_stack.has_resource_properties("aws_acm_certificate", {"domain_name": "api.dev.sgcarstrends.com"})


def test_local_target_leaves_the_cdn_and_its_alarm_out(local_stack):
    """The local AWS server lacks CloudFront policies (DeploymentTarget.includes_cdn)."""
    assert not [name for name in local_stack.resource_types() if name.startswith("aws_cloudfront_")]
    local_stack.resource_properties_count_is(
        "aws_cloudwatch_metric_alarm", {"alarm_name": "sgcarstrends-dev-web-cdn-5xx-rate-high"}, 0
    )
    local_stack.has_resource_properties(
        "aws_cloudwatch_metric_alarm", {"alarm_name": "sgcarstrends-dev-api-health-check-failed"}
    )


def test_plain_inputs_with_a_given_zone_id(tmp_path):
    props = DnsRecordsProps(
        records=(DnsTarget("pr-9.sgcarstrends.com", "d111.cloudfront.net", "web"),), zone_id=ZONE_ID
    )
    stack = synth_constructs("pr-9", lambda scope, stage, _: DnsRecords(scope, "dns", stage, props), tmp_path)
    stack.resource_count_is("cloudflare_dns_record", 1)
    stack.has_resource_properties(
        "cloudflare_dns_record",
        {"name": "pr-9.sgcarstrends.com", "content": "d111.cloudfront.net", "zone_id": ZONE_ID},
    )
    assert "data" not in stack.config, "a given zone ID needs no lookup"


def test_stage_props_cover_every_hostname():
    props = stage_dns_props(
        resolve_stage("prod"), "d1.cloudfront.net", "d-1.execute-api.ap-southeast-1.amazonaws.com"
    )
    assert [r.hostname for r in props.records] == [
        "sgcarstrends.com",
        "www.sgcarstrends.com",
        "api.sgcarstrends.com",
    ]
    assert props.manage_dnssec is True
    assert stage_dns_props(resolve_stage("staging"), "d", "a").manage_dnssec is False


@pytest.mark.parametrize(
    ("records", "zone_id", "message"),
    [
        ((), None, "empty"),
        ((DnsTarget("example.org", "d.cloudfront.net", "x"),), None, "outside the zone"),
        (
            (DnsTarget("a.sgcarstrends.com", "d", "x"), DnsTarget("a.sgcarstrends.com", "e", "y")),
            None,
            "appears twice",
        ),
        ((DnsTarget("*.sgcarstrends.com", "d.cloudfront.net", "x"),), None, "wildcard"),
        ((DnsTarget("a.sgcarstrends.com", "https://d.cloudfront.net/", "x"),), None, "bare DNS name"),
        ((DnsTarget("a.sgcarstrends.com", "d.cloudfront.net", "x"),), "not-a-zone", "32 lowercase hex"),
    ],
)
def test_bad_props_are_refused(records, zone_id, message):
    with pytest.raises(ValueError, match=message):
        DnsRecordsProps(records=records, zone_id=zone_id)
