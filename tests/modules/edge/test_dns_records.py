"""Cloudflare records for every hostname (DNS only), DNSSEC owned by prod, nothing on local targets."""

import json

import pytest

from harness.synth import SynthesizedStack
from modules.edge.dns_records import DnsRecords, DnsRecordsProps, DnsTarget, stage_dns_props
from stages import resolve_stage
from tests.modules.synth import single, synth_constructs

STAGES = ["prod", "staging", "dev", "pr-123"]
ZONE_ID = "0123456789abcdef0123456789abcdef"


def _hostname_records(synth_output, stage):
    """The stage's hostname records (certificate validation records use for_each)."""
    records = synth_output.stack(stage).resources("cloudflare_dns_record")
    return {body["name"]: body for body in records.values() if "for_each" not in body}


@pytest.mark.parametrize("stage", STAGES)
def test_a_dns_only_cname_for_every_hostname(synth_output, stage):
    records = _hostname_records(synth_output, stage)
    assert sorted(records) == sorted(resolve_stage(stage).hostnames)
    for record in records.values():
        assert (record["type"], record["proxied"], record["ttl"]) == ("CNAME", False, 1)
        assert "var.cloudflare_zone_id" in record["zone_id"]


@pytest.mark.parametrize("stage", STAGES)
def test_web_hosts_point_at_cloudfront_and_the_api_at_its_gateway_domain(synth_output, stage):
    the_stage = resolve_stage(stage)
    records = _hostname_records(synth_output, stage)
    distribution = next(iter(synth_output.stack(stage).resources("aws_cloudfront_distribution")))
    for host in (the_stage.web_domain, *the_stage.redirect_domains):
        assert records[host]["content"] == "${" + distribution + ".domain_name}"
    api = records[the_stage.api_domain]["content"]
    assert api.startswith("${aws_apigatewayv2_domain_name.") and "target_domain_name" in api


@pytest.mark.parametrize("stage", STAGES)
def test_dnssec_only_on_prod(synth_output, stage):
    dnssec = synth_output.stack(stage).resources("cloudflare_zone_dnssec")
    if stage == "prod":
        (body,) = dnssec.values()
        assert body["status"] == "active" and body["lifecycle"] == {"prevent_destroy": True}
    else:
        assert dnssec == {}


@pytest.mark.parametrize("stage", STAGES)
def test_records_are_protected_on_prod_only(synth_output, stage):
    records = synth_output.stack(stage).resources("cloudflare_dns_record")
    assert records, f"{stage} has no DNS records"
    for record in records.values():
        assert record.get("lifecycle", {}).get("prevent_destroy", False) is (stage == "prod")


def test_zone_id_is_a_variable_with_a_lookup_fallback(synth_output):
    config = synth_output.stack("dev").config
    variable = config["variable"]["cloudflare_zone_id"]
    assert variable["default"] == "" and "sensitive" not in variable
    (lookup,) = config["data"]["cloudflare_zone"].values()
    assert lookup["filter"] == {"name": "sgcarstrends.com"}


@pytest.fixture(scope="module")
def local_stack(tmp_path_factory) -> SynthesizedStack:
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
    return SynthesizedStack.load(outdir / "stacks" / "dev" / "cdk.tf.json")


def test_local_target_leaves_cloudflare_and_validation_out(local_stack):
    text = json.dumps({key: local_stack.config.get(key, {}) for key in ("resource", "data")})
    assert "cloudflare_" not in text
    assert local_stack.resources("aws_acm_certificate_validation") == {}
    (certificate,) = local_stack.resources("aws_acm_certificate").values()
    assert certificate["domain_name"] == "api.dev.sgcarstrends.com", (
        "certificates are still requested locally"
    )


def test_local_target_leaves_the_cdn_and_its_alarm_out(local_stack):
    """The local AWS server lacks CloudFront policies (DeploymentTarget.includes_cdn)."""
    assert not [address for address in local_stack.resources() if address.startswith("aws_cloudfront_")]
    names = [alarm["alarm_name"] for alarm in local_stack.resources("aws_cloudwatch_metric_alarm").values()]
    assert "sgcarstrends-dev-web-cdn-5xx-rate-high" not in names
    assert "sgcarstrends-dev-api-health-check-failed" in names


def test_plain_inputs_with_a_given_zone_id(tmp_path):
    props = DnsRecordsProps(
        records=(DnsTarget("pr-9.sgcarstrends.com", "d111.cloudfront.net", "web"),), zone_id=ZONE_ID
    )
    stack = synth_constructs("pr-9", lambda scope, stage, _: DnsRecords(scope, "dns", stage, props), tmp_path)
    record = single(stack, "cloudflare_dns_record").body
    assert (record["name"], record["content"], record["zone_id"]) == (
        "pr-9.sgcarstrends.com",
        "d111.cloudfront.net",
        ZONE_ID,
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
