"""SGCT012: API Gateway custom domains accept TLS 1.2 or newer only."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import blocks, live, per_resource

MODERN_POLICIES = ("TLS_1_2", "SecurityPolicy_TLS13_1_2_2021_06", "SecurityPolicy_TLS13_1_3_2025_09")


def is_modern(policy) -> bool:
    return isinstance(policy, str) and (
        policy in MODERN_POLICIES or policy.startswith("SecurityPolicy_TLS13")
    )


@rule(
    "SGCT012",
    "api-domain-tls12",
    "API custom domains require TLS 1.2+",
    Severity.ERROR,
    StageScope.ALL,
    BOTH,
    fix='security_policy="TLS_1_2" in the domain name configuration.',
)
def check(doc, context):
    """What: every `aws_apigatewayv2_domain_name` has `security_policy = "TLS_1_2"` (or a TLS 1.3
    policy) in each `domain_name_configuration`, and every `aws_api_gateway_domain_name` sets
    such a `security_policy` explicitly (its default allowed TLS 1.0).

    Why: the API is reached on its own hostname (`api.sgcarstrends.com`) without CloudFront in
    front, so its domain is where the TLS floor is enforced.

    Fix: `"domain_name_configuration": {"certificate_arn": "...", "endpoint_type": "REGIONAL",
    "security_policy": "TLS_1_2"}`.
    """
    for domain in live(doc, "aws_apigatewayv2_domain_name", "aws_api_gateway_domain_name"):
        yield from _domain(doc, domain)


@per_resource
def _domain(doc, domain):
    if domain.type == "aws_api_gateway_domain_name":
        policies = [domain.get("security_policy")]
    else:
        policies = [c.get("security_policy") for c in blocks(domain.get("domain_name_configuration"))]
        if not policies:
            yield Violation(domain.address, "no domain_name_configuration")
    for policy in policies:
        policy = doc.literal(policy, domain.address, "security_policy")
        if not is_modern(policy):
            yield Violation(domain.address, f"security_policy is {policy!r}, must be TLS_1_2 or newer")
