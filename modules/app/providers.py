"""The AWS and Cloudflare providers every stage stack configures.

Why: region, default tags and the us-east-1 alias are the same decision for
every stage; keeping them here means a stage cannot forget its tags or pin
the wrong region. A local `DeploymentTarget` points every AWS service the
platform uses at one loopback endpoint and leaves Cloudflare out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modules.app.aws import AwsProvider, AwsProviderDefaultTags, AwsProviderEndpoints
from modules.app.bindings import Construct
from modules.app.cloudflare import CloudflareProvider
from modules.app.deployment_target import DeploymentTarget
from stages import GLOBAL_REGION, PRIMARY_REGION, Stage

GLOBAL_ALIAS = "us_east_1"

# AWS provider `endpoints` keys (names valid in provider 5.x and 6.x) for every
# service the platform uses. A resource type whose service is missing here is
# caught by tests/modules/app/test_providers.py, which maps types to these keys.
LOCAL_SERVICES = (
    "acm",
    "apigateway",
    "apigatewayv2",
    "cloudfront",
    "cloudwatch",
    "dynamodb",
    "events",
    "iam",
    "kms",
    "lambda",
    "logs",
    "route53",
    "s3",
    "scheduler",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "sts",
)


@dataclass(frozen=True)
class Providers:
    """The providers a stack's constructs attach resources to."""

    aws_primary: AwsProvider
    """AWS in ap-southeast-1: everything regional."""
    aws_global: AwsProvider
    """AWS in us-east-1 (alias `us_east_1`): CloudFront certificates and global metrics only."""
    cloudflare: CloudflareProvider | None
    """Cloudflare: DNS records and DNSSEC. Reads CLOUDFLARE_API_TOKEN from the environment.
    None when the target leaves Cloudflare out (`target.includes_cloudflare` is False)."""


def local_endpoint_settings(endpoint_url: str) -> dict[str, Any]:
    """AWS provider arguments that send every used service to `endpoint_url`.

    No credentials here: the harness passes AWS_ACCESS_KEY_ID/SECRET through
    the environment, so no key (fake or real) is ever written to the JSON.
    """
    # `lambda` is a Python keyword, hence the binding's `lambda_` field name.
    endpoints = {("lambda_" if name == "lambda" else name): endpoint_url for name in LOCAL_SERVICES}
    return dict(
        endpoints=[AwsProviderEndpoints(**endpoints)],
        s3_use_path_style=True,
        skip_credentials_validation=True,
        skip_requesting_account_id=True,
        skip_metadata_api_check="true",
        skip_region_validation=True,
    )


def configure_providers(scope: Construct, stage: Stage, target: DeploymentTarget | None = None) -> Providers:
    """Declare the stage's providers; no credential is ever written as a literal."""
    target = target or DeploymentTarget()
    default_tags = [AwsProviderDefaultTags(tags=stage.tags)]
    endpoint = target.aws_endpoint_url
    local = local_endpoint_settings(endpoint) if endpoint is not None else {}
    primary = AwsProvider(scope, "aws", region=PRIMARY_REGION, default_tags=default_tags, **local)
    global_ = AwsProvider(
        scope, "aws_us_east_1", region=GLOBAL_REGION, alias=GLOBAL_ALIAS, default_tags=default_tags, **local
    )
    dns = None
    if target.includes_cloudflare:
        # No api_token argument: the provider reads CLOUDFLARE_API_TOKEN itself,
        # so the token never reaches the synthesized JSON.
        dns = CloudflareProvider(scope, "cloudflare")
    return Providers(aws_primary=primary, aws_global=global_, cloudflare=dns)
