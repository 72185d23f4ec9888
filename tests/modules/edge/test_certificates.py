"""ACM certificates: CloudFront's in us-east-1, the API's regional, both validated through Cloudflare."""

import pytest

from modules.edge.certificates import CertificateProps, DnsValidatedCertificate
from stages import resolve_stage
from tests.modules.synth import single, synth_constructs

STAGES = ["prod", "staging", "dev", "pr-123"]
EXPECTED_CDN_NAMES = {
    "prod": ("sgcarstrends.com", ["www.sgcarstrends.com", "*.sgcarstrends.com"]),
    "staging": ("staging.sgcarstrends.com", ["*.staging.sgcarstrends.com"]),
    "dev": ("dev.sgcarstrends.com", ["*.dev.sgcarstrends.com"]),
    "pr-123": ("pr-123.sgcarstrends.com", None),
}
ZONE_ID = "0123456789abcdef0123456789abcdef"


def _certificates(synth_output, stage):
    found = synth_output.stack(stage).resources("aws_acm_certificate")
    return {address.split(".")[1].split("_certificate")[0]: body for address, body in found.items()}


@pytest.mark.parametrize("stage", STAGES)
def test_cdn_certificate_in_us_east_1_covers_every_alias(synth_output, stage):
    certificate = _certificates(synth_output, stage)["cdn"]
    domain, alternatives = EXPECTED_CDN_NAMES[stage]
    assert certificate["provider"] == "aws.us_east_1"
    assert certificate["domain_name"] == domain
    assert certificate.get("subject_alternative_names") == alternatives
    assert certificate["validation_method"] == "DNS"


@pytest.mark.parametrize("stage", STAGES)
def test_api_certificate_is_regional(synth_output, stage):
    certificate = _certificates(synth_output, stage)["api"]
    assert certificate.get("provider", "aws") == "aws", (
        "the API certificate belongs in ap-southeast-1 (default provider)"
    )
    assert certificate["domain_name"] == resolve_stage(stage).api_domain


@pytest.mark.parametrize("stage", STAGES)
def test_each_certificate_is_validated_through_cloudflare(synth_output, stage):
    stack = synth_output.stack(stage)
    certificates = stack.resources("aws_acm_certificate")
    validations = stack.resources("aws_acm_certificate_validation")
    records = {a: r for a, r in stack.resources("cloudflare_dns_record").items() if "for_each" in r}
    assert len(validations) == len(records) == len(certificates) == 2
    for validation in validations.values():
        assert validation["certificate_arn"][2:-5] in certificates
        (depends,) = validation["depends_on"]
        assert depends in records
        record = records[depends]
        assert validation["certificate_arn"][2:-5] + ".domain_validation_options" in record["for_each"]
        assert '!startswith(val.domain_name, "*.")' in record["for_each"]
        assert record["proxied"] is False and record["content"].startswith(
            "${trimsuffix(each.value.resource_record_value"
        )


@pytest.mark.parametrize("stage", STAGES)
def test_prod_certificates_cannot_be_destroyed(synth_output, stage):
    certificates = synth_output.stack(stage).resources("aws_acm_certificate")
    assert certificates, f"{stage} has no certificates"
    for certificate in certificates.values():
        assert certificate["lifecycle"]["create_before_destroy"] is True
        assert certificate["lifecycle"].get("prevent_destroy", False) is (stage == "prod")


def test_without_validation_there_are_no_records_and_the_raw_arn_is_used(tmp_path):
    built = {}

    def build(scope, stage, providers):
        props = CertificateProps(
            domain_name="dev.sgcarstrends.com", validate=False, provider=providers.aws_global
        )
        built["certificate"] = DnsValidatedCertificate(scope, "certificate", stage, props)

    stack = synth_constructs("dev", build, tmp_path)
    assert single(stack, "aws_acm_certificate").body["provider"] == "aws.us_east_1"
    assert stack.resources("aws_acm_certificate_validation") == {}
    assert stack.resources("cloudflare_dns_record") == {}
    assert built["certificate"].validation is None


def test_validated_certificate_built_from_plain_inputs(tmp_path):
    def build(scope, stage, providers):
        props = CertificateProps(
            domain_name="staging.sgcarstrends.com",
            subject_alternative_names=("*.staging.sgcarstrends.com",),
            zone_id=ZONE_ID,
        )
        DnsValidatedCertificate(scope, "certificate", stage, props)

    stack = synth_constructs("staging", build, tmp_path)
    assert single(stack, "cloudflare_dns_record").body["zone_id"] == ZONE_ID
    assert "provider" not in single(stack, "aws_acm_certificate_validation").body


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"domain_name": "x.sgcarstrends.com", "subject_alternative_names": ("*.y.sgcarstrends.com",)},
            "needs its base domain",
        ),
        (
            {"domain_name": "x.sgcarstrends.com", "subject_alternative_names": ("x.sgcarstrends.com",)},
            "repeat",
        ),
        ({"domain_name": "X.sgcarstrends.com"}, "lowercase hostname"),
        ({"domain_name": "a.*.sgcarstrends.com"}, "wildcard must be the whole first label"),
        ({"domain_name": "x.sgcarstrends.com", "zone_id": None}, "zone_id"),
    ],
)
def test_bad_certificate_props_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CertificateProps(**{"zone_id": ZONE_ID, **kwargs})
