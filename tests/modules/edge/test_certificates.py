"""ACM certificates: CloudFront's in us-east-1, the API's regional, both validated through Cloudflare."""

import re

import pytest

from harness import Capture, Match
from modules.edge.certificates import CertificateProps, DnsValidatedCertificate
from stages import resolve_stage
from tests.modules.synth import synth_constructs

STAGES = ["prod", "staging", "dev", "pr-123"]
EXPECTED_CDN_NAMES = {
    "prod": ("sgcarstrends.com", ["www.sgcarstrends.com", "*.sgcarstrends.com"]),
    "staging": ("staging.sgcarstrends.com", ["*.staging.sgcarstrends.com"]),
    "dev": ("dev.sgcarstrends.com", ["*.dev.sgcarstrends.com"]),
    "pr-123": ("pr-123.sgcarstrends.com", None),
}
ZONE_ID = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize("stage", STAGES)
def test_cdn_certificate_in_us_east_1_covers_every_alias(template, stage):
    stack = template(stage)
    domain, alternatives = EXPECTED_CDN_NAMES[stage]
    address = stack.has_resource_properties(
        "aws_acm_certificate",
        {
            "provider": "aws.us_east_1",
            "domain_name": domain,
            "subject_alternative_names": alternatives if alternatives is not None else Match.absent(),
            "validation_method": "DNS",
        },
    )
    assert address == stack.address_at("cdn_certificate/certificate")


@pytest.mark.parametrize("stage", STAGES)
def test_api_certificate_is_regional(template, stage):
    stack = template(stage)
    address = stack.has_resource_properties(
        "aws_acm_certificate",
        {
            "provider": "aws",  # the default provider: ap-southeast-1
            "domain_name": resolve_stage(stage).api_domain,
        },
    )
    assert address == stack.address_at("api_certificate/certificate")


def _containing(*texts):
    """A string that contains every one of `texts`, in any order."""
    return Match.string_like_regexp("(?s)" + "".join(f"(?=.*{re.escape(text)})" for text in texts))


@pytest.mark.parametrize("stage", STAGES)
def test_each_certificate_is_validated_through_cloudflare(template, stage):
    stack = template(stage)
    stack.resource_count_is("aws_acm_certificate", 2)
    stack.resource_count_is("aws_acm_certificate_validation", 2)
    stack.resource_properties_count_is("cloudflare_dns_record", {"for_each": Match.any_value()}, 2)
    for certificate in stack.resources("aws_acm_certificate"):
        record = Capture()
        stack.has_resource_properties(
            "aws_acm_certificate_validation",
            {"certificate_arn": "${" + certificate + ".arn}", "depends_on": [record]},
        )
        validation_records = stack.find_resources(
            "cloudflare_dns_record",
            {
                "for_each": _containing(
                    certificate + ".domain_validation_options", '!startswith(val.domain_name, "*.")'
                ),
                "proxied": False,
                "content": Match.string_like_regexp(r"^\$\{trimsuffix\(each\.value\.resource_record_value"),
            },
        )
        assert record.as_string() in validation_records, f"{certificate} is not validated through its records"


@pytest.mark.parametrize("stage", STAGES)
def test_prod_certificates_cannot_be_destroyed(template, stage):
    protection = True if stage == "prod" else Match.absent()
    template(stage).all_resources_properties(
        "aws_acm_certificate", {"lifecycle": {"create_before_destroy": True, "prevent_destroy": protection}}
    )


def test_without_validation_there_are_no_records_and_the_raw_arn_is_used(tmp_path):
    built = {}

    def build(scope, stage, providers):
        props = CertificateProps(
            domain_name="dev.sgcarstrends.com", validate=False, provider=providers.aws_global
        )
        built["certificate"] = DnsValidatedCertificate(scope, "certificate", stage, props)

    stack = synth_constructs("dev", build, tmp_path)
    stack.resource_count_is("aws_acm_certificate", 1)
    stack.has_resource_properties("aws_acm_certificate", {"provider": "aws.us_east_1"})
    stack.resource_count_is("aws_acm_certificate_validation", 0)
    stack.resource_count_is("cloudflare_dns_record", 0)
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
    stack.resource_count_is("cloudflare_dns_record", 1)
    stack.has_resource_properties("cloudflare_dns_record", {"zone_id": ZONE_ID})
    stack.resource_count_is("aws_acm_certificate_validation", 1)
    stack.has_resource_properties("aws_acm_certificate_validation", {"provider": Match.absent()})


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
