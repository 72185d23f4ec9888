"""SGCT006: CloudFront serves HTTPS only, with TLS 1.2 or newer, to viewers and origins."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import blocks, live, per_resource

HTTPS_VIEWER_POLICIES = ("https-only", "redirect-to-https")
MODERN_ORIGIN_PROTOCOLS = {"TLSv1.2", "TLSv1.3"}


def is_modern_viewer_tls(version) -> bool:
    """`TLSv1.2_2021`, `TLSv1.2_2019`, `TLSv1.3_2025`... (not `TLSv1`, `TLSv1_2016`, `TLSv1.1_2016`)."""
    return isinstance(version, str) and version.startswith(("TLSv1.2", "TLSv1.3"))


def _behaviours(doc, distribution):
    for name in ("default_cache_behavior", "ordered_cache_behavior"):
        for index, behaviour in enumerate(blocks(distribution.get(name))):
            policy = doc.literal(
                behaviour.get("viewer_protocol_policy"),
                distribution.address,
                f"{name}[{index}].viewer_protocol_policy",
            )
            if policy not in HTTPS_VIEWER_POLICIES:
                yield Violation(
                    distribution.address,
                    f"{name}[{index}].viewer_protocol_policy is {policy!r}, "
                    f"must be one of {HTTPS_VIEWER_POLICIES}",
                )


def _certificate(distribution):
    certificates = blocks(distribution.get("viewer_certificate"))
    if not certificates:
        yield Violation(distribution.address, "no viewer_certificate: the default certificate allows TLSv1")
    for certificate in certificates:
        version = certificate.get("minimum_protocol_version")
        if certificate.get("cloudfront_default_certificate") is True:
            yield Violation(
                distribution.address,
                "cloudfront_default_certificate = true allows TLSv1; "
                "use an ACM certificate with TLSv1.2_2021",
            )
        elif not is_modern_viewer_tls(version):
            yield Violation(
                distribution.address,
                f"viewer_certificate.minimum_protocol_version is {version!r}, "
                "must be TLSv1.2_2021 (or another TLSv1.2+/1.3 policy)",
            )


def _origins(distribution):
    for origin in blocks(distribution.get("origin")):
        origin_id = origin.get("origin_id")
        for custom in blocks(origin.get("custom_origin_config")):
            if custom.get("origin_protocol_policy") != "https-only":
                yield Violation(
                    distribution.address,
                    f"origin {origin_id!r} origin_protocol_policy is "
                    f"{custom.get('origin_protocol_policy')!r}, must be 'https-only'",
                )
            protocols = set(custom.get("origin_ssl_protocols") or [])
            if not protocols or protocols - MODERN_ORIGIN_PROTOCOLS:
                yield Violation(
                    distribution.address,
                    f"origin {origin_id!r} origin_ssl_protocols is {sorted(protocols)}, must be only TLSv1.2",
                )


@rule(
    "SGCT006",
    "cloudfront-https-tls12",
    "CloudFront is HTTPS-only with TLS 1.2+",
    Severity.ERROR,
    StageScope.ALL,
    BOTH,
    fix='viewer_protocol_policy="redirect-to-https" on every behaviour, an ACM certificate with '
    'minimum_protocol_version="TLSv1.2_2021", custom origins https-only with ["TLSv1.2"].',
)
def check(doc, context):
    """What: every `aws_cloudfront_distribution` redirects or refuses plain HTTP on every cache
    behaviour, serves viewers with an ACM certificate whose minimum protocol is TLSv1.2 or newer
    (the default certificate floor is TLSv1), and talks to custom origins over HTTPS with TLSv1.2
    only.

    Why: TLS 1.0/1.1 are deprecated and fail compliance scans; an HTTP behaviour lets cookies and
    tokens travel in clear text.

    Fix: `"viewer_certificate": {"acm_certificate_arn": "...", "ssl_support_method": "sni-only",
    "minimum_protocol_version": "TLSv1.2_2021"}`.
    """
    for distribution in live(doc, "aws_cloudfront_distribution"):
        yield from _distribution(doc, distribution)


@per_resource
def _distribution(doc, distribution):
    yield from _behaviours(doc, distribution)
    yield from _certificate(distribution)
    yield from _origins(distribution)
