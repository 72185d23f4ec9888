"""The catalogue of every AWS name a stage derives, with AWS's length limits.

Why: a long ephemeral stage name (`feature-very-long-branch-name`) would
otherwise fail at apply time, deep inside AWS, after half a stage exists.
Listing every derived name here lets `stages.validation` reject the stage
name before anything is written, and `Stage.name_for` refuses a name that
is not catalogued, so a new resource cannot skip the check.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DerivedName:
    """One AWS name pattern: `{prefix}` is replaced by `sgcarstrends-<stage>`."""

    resource_kind: str
    pattern: str
    max_length: int

    def render(self, prefix: str) -> str:
        return self.pattern.format(prefix=prefix)


LAMBDA_FUNCTION_MAX = 64
IAM_ROLE_MAX = 64
S3_BUCKET_MAX = 63
LOG_GROUP_MAX = 512
ALARM_MAX = 255
SNS_TOPIC_MAX = 256
EVENT_RULE_MAX = 64
API_GATEWAY_MAX = 128
CLOUDFRONT_POLICY_MAX = 128
CLOUDFRONT_OAC_MAX = 64
ROUTE53_HEALTH_CHECK_TAG_MAX = 256
SSM_PARAMETER_MAX = 2048

_CATALOGUE: dict[str, DerivedName] = {}


def register(suffix: str, resource_kind: str, max_length: int, pattern: str | None = None) -> None:
    """Catalogue a stage-prefixed name `{prefix}-<suffix>` (or a custom pattern)."""
    _CATALOGUE[suffix] = DerivedName(resource_kind, pattern or "{prefix}-" + suffix, max_length)


def lookup(suffix: str) -> DerivedName:
    """The catalogued name for `suffix`, or a KeyError that says how to add it."""
    try:
        return _CATALOGUE[suffix]
    except KeyError:
        raise KeyError(
            f"AWS name suffix {suffix!r} is not in the naming catalogue; add it with "
            f"stages.naming.register() so stage-name length checks cover it."
        ) from None


def catalogue() -> tuple[DerivedName, ...]:
    return tuple(_CATALOGUE.values())


# Lambda functions and their roles. "api-authorizer" also names the HTTP API's
# authorizer (API Gateway allows 128 characters; the Lambda limit is tighter).
for _function in ("api", "api-authorizer", "web", "health-check", "alarm-notifier"):
    register(_function, "Lambda function", LAMBDA_FUNCTION_MAX)
    register(f"{_function}-role", "IAM role", IAM_ROLE_MAX)
    register(
        f"/aws/lambda/{_function}",
        "CloudWatch log group",
        LOG_GROUP_MAX,
        pattern="/aws/lambda/{prefix}-" + _function,
    )

register("web-assets", "S3 bucket", S3_BUCKET_MAX)
register("http-api", "API Gateway API", API_GATEWAY_MAX)
register(
    "/aws/apigateway/http-api",
    "CloudWatch log group",
    LOG_GROUP_MAX,
    pattern="/aws/apigateway/{prefix}-http-api",
)
register("alarms", "SNS topic", SNS_TOPIC_MAX)
register("web-warmer", "EventBridge rule", EVENT_RULE_MAX)
register("health-check-schedule", "EventBridge rule", EVENT_RULE_MAX)
register("web-static", "CloudFront cache policy", CLOUDFRONT_POLICY_MAX)
register("web-ssr", "CloudFront cache policy", CLOUDFRONT_POLICY_MAX)
register("web-api", "CloudFront cache policy", CLOUDFRONT_POLICY_MAX)
register("web-security-headers", "CloudFront response headers policy", CLOUDFRONT_POLICY_MAX)
register("web-forward-all", "CloudFront origin request policy", CLOUDFRONT_POLICY_MAX)
register("web-www-redirect", "CloudFront function", LAMBDA_FUNCTION_MAX)
register("web-assets-oac", "CloudFront origin access control", CLOUDFRONT_OAC_MAX)
register("api-lambda-error-rate-high", "CloudWatch alarm", ALARM_MAX)
register("api-lambda-duration-near-timeout", "CloudWatch alarm", ALARM_MAX)
register("web-lambda-duration-near-timeout", "CloudWatch alarm", ALARM_MAX)

# Edge and monitoring (modules/edge/cdn.py, modules/monitoring/monitoring.py and its parts).
KMS_ALIAS_MAX = 256
register("alarms-global", "SNS topic", SNS_TOPIC_MAX)
register("alias/alarms", "KMS alias", KMS_ALIAS_MAX, pattern="alias/{prefix}-alarms")
register("alias/alarms-global", "KMS alias", KMS_ALIAS_MAX, pattern="alias/{prefix}-alarms-global")
register("api-health", "Route 53 health check Name tag", ROUTE53_HEALTH_CHECK_TAG_MAX)
for _label in ("api", "web"):
    for _alarm in ("lambda-error-rate-high", "lambda-throttles", "lambda-duration-near-timeout"):
        register(f"{_label}-{_alarm}", "CloudWatch alarm", ALARM_MAX)
for _alarm in ("api-5xx-high", "api-latency-p95-high", "api-health-check-failed", "web-cdn-5xx-rate-high"):
    register(_alarm, "CloudWatch alarm", ALARM_MAX)
