"""The AWS and Cloudflare providers every stage stack configures.

Why: region, default tags and the us-east-1 alias are the same decision for
every stage; keeping them here means a stage cannot forget its tags or pin
the wrong region.
"""

from __future__ import annotations

from dataclasses import dataclass

from modules.bindings import Construct, aws, cloudflare
from stages import GLOBAL_REGION, PRIMARY_REGION, Stage

GLOBAL_ALIAS = "us_east_1"


@dataclass(frozen=True)
class Providers:
    """The providers a stack's constructs attach resources to."""

    aws_primary: object
    """AWS in ap-southeast-1: everything regional."""
    aws_global: object
    """AWS in us-east-1 (alias `us_east_1`): CloudFront certificates and global metrics only."""
    cloudflare: object
    """Cloudflare: DNS records and DNSSEC. Reads CLOUDFLARE_API_TOKEN from the environment."""


def configure_providers(scope: Construct, stage: Stage) -> Providers:
    """Declare the stage's providers; no credential is ever written as a literal."""
    provider = aws("provider")
    default_tags = [provider.AwsProviderDefaultTags(tags=stage.tags)]
    primary = provider.AwsProvider(scope, "aws", region=PRIMARY_REGION, default_tags=default_tags)
    global_ = provider.AwsProvider(
        scope, "aws_us_east_1", region=GLOBAL_REGION, alias=GLOBAL_ALIAS, default_tags=default_tags
    )
    # No api_token argument: the provider reads CLOUDFLARE_API_TOKEN itself,
    # so the token never reaches the synthesized JSON.
    dns = cloudflare("provider").CloudflareProvider(scope, "cloudflare")
    return Providers(aws_primary=primary, aws_global=global_, cloudflare=dns)
