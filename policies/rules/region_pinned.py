"""SGCT011: everything runs in ap-southeast-1, us-east-1 only where AWS requires it."""

from policies.inputs.resource_types import US_EAST_1_TYPES
from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import aws_resources, per_resource, provider_address, provider_for, referrers
from stages import GLOBAL_REGION, PRIMARY_REGION

SUPPORTING_TYPES = frozenset({"aws_kms_key", "aws_kms_alias"})
"""Allowed in us-east-1 only to serve a resource that is: a KMS key must be in its topic's region."""


def _region(doc, resource):
    return resource.get("region") or (provider_for(doc, resource) or {}).get("region")


def _allowed_in_us_east_1(doc, resource, depth: int = 0) -> bool:
    if resource.type == "aws_lambda_function":  # Lambda@Edge only: it must publish a version
        return resource.get("publish") is True
    if resource.type in SUPPORTING_TYPES and depth < 2:
        users = [user for user in referrers(doc, resource.address) if _region(doc, user) == GLOBAL_REGION]
        if resource.type == "aws_kms_alias":
            target = doc.resources.get(
                ".".join(str(resource.get("target_key_id") or "").strip("${}").split(".")[:2])
            )
            users += [target] if target is not None and _region(doc, target) == GLOBAL_REGION else []
        return any(_allowed_in_us_east_1(doc, user, depth + 1) for user in users)
    return resource.type in US_EAST_1_TYPES


@rule(
    "SGCT011",
    "region-pinned",
    "Region pinned to ap-southeast-1 (us-east-1 only where required)",
    Severity.ERROR,
    StageScope.ALL,
    BOTH,
    fix="Use the providers from modules.app.providers: the default AWS provider in ap-southeast-1 and "
    "the `us_east_1` alias only for CloudFront certificates, edge functions and global metrics.",
)
def check(doc, context):
    """What: the default AWS provider sets `region = "ap-southeast-1"` as a literal (not taken from
    the environment); any aliased AWS provider is in ap-southeast-1 or us-east-1; a resource placed
    in us-east-1 (through the alias or its own `region` argument) is of a type AWS requires there:
    ACM certificates for CloudFront and their validation, WAF for CloudFront, CloudFront and
    Route 53 health-check metric alarms and their SNS topics, Lambda@Edge (`publish = true`), and
    the KMS keys (and aliases) that encrypt those us-east-1 resources (a key must be in its
    resource's region).

    Why: data residency and latency (users are in Singapore); a provider without a pinned region
    deploys wherever the CI runner's AWS_REGION points.

    Fix: `"provider": "aws.us_east_1"` only on an `aws_acm_certificate` for CloudFront.
    """
    if not doc.providers and any(r.type.startswith("aws_") for r in doc.resources.values()):
        yield Violation("provider.aws", "no AWS provider block: the region comes from the environment")
    for provider in doc.providers:
        region = provider.get("region")
        allowed = (PRIMARY_REGION,) if not provider.get("alias") else (PRIMARY_REGION, GLOBAL_REGION)
        if region not in allowed:
            shown = "not pinned (taken from the environment)" if region is None else repr(region)
            yield Violation(provider_address(provider), f"region is {shown}, must be {' or '.join(allowed)}")
    for resource in aws_resources(doc):
        yield from _placement(doc, resource)


@per_resource
def _placement(doc, resource):
    region = _region(doc, resource)
    if region == GLOBAL_REGION and not _allowed_in_us_east_1(doc, resource):
        yield Violation(
            resource.address,
            f"{resource.type} is placed in {GLOBAL_REGION}, where AWS does "
            f"not require it; deploy it in {PRIMARY_REGION}",
        )
    elif region not in (None, PRIMARY_REGION, GLOBAL_REGION):
        yield Violation(
            resource.address, f"{resource.type} is placed in {region!r}, must be {PRIMARY_REGION}"
        )
