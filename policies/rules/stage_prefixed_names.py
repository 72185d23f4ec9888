"""SGCT009: every account-wide AWS name starts with `sgcarstrends-<stage>`."""

import re

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import aws_resources, per_resource

# The attribute that names the resource in the account, where it is not `name`; these must be set.
NAME_ATTRIBUTES = {
    "aws_lambda_function": "function_name",
    "aws_s3_bucket": "bucket",
    "aws_cloudwatch_metric_alarm": "alarm_name",
    "aws_cloudwatch_composite_alarm": "alarm_name",
    "aws_iam_role": "name",
    "aws_iam_policy": "name",
    "aws_cloudwatch_log_group": "name",
    "aws_sns_topic": "name",
    "aws_apigatewayv2_api": "name",
    "aws_cloudwatch_event_rule": "name",
}
PREFIX_ATTRIBUTES = {"name": "name_prefix", "bucket": "bucket_prefix"}
# Names scoped inside a parent (an API's stage, a role's inline policy) or DNS names, not account-wide.
SCOPED_NAME_TYPES = frozenset(
    {
        "aws_apigatewayv2_stage",
        "aws_apigatewayv2_authorizer",
        "aws_api_gateway_stage",
        "aws_api_gateway_authorizer",
        "aws_iam_role_policy",
        "aws_lambda_alias",
        "aws_route53_record",
        "aws_route53_zone",
        "aws_cloudwatch_log_metric_filter",
        "aws_cloudwatch_log_subscription_filter",
        "aws_api_gateway_model",
        "aws_apigatewayv2_model",
        "aws_lambda_layer_version_permission",
    }
)


def carries_prefix(name: str, prefix: str) -> bool:
    """`sgcarstrends-prod-api`, `/aws/lambda/sgcarstrends-prod-api`: yes; `sgcarstrends-prod2-api`: no."""
    return re.search(rf"(^|/){re.escape(prefix)}($|[-_./])", name) is not None


@rule(
    "SGCT009",
    "stage-prefixed-names",
    "AWS names carry the stage prefix",
    Severity.ERROR,
    StageScope.WORKLOAD,
    BOTH,
    fix='Derive the name with stage.name_for("<suffix>") (register the suffix in stages/naming.py).',
)
def check(doc, context):
    """What: in a stage stack, every AWS resource named in the account or region (functions,
    buckets, roles, log groups, alarms, topics, APIs, CloudFront policies, ...) has a name that
    starts with `sgcarstrends-<stage>` (log groups: a path segment that does). Types with a
    required name attribute must set it (an AWS-generated name has no prefix); names scoped
    inside a parent (an API stage, an inline policy, a DNS record) are exempt.

    Why: stages share one AWS account; the prefix keeps `pr-123` from colliding with or
    deleting prod's objects, and lets the clean-up of an ephemeral stage find everything it owns.

    Fix: `"function_name": "sgcarstrends-prod-api"` via `stage.name_for("api")`.
    """
    for resource in aws_resources(doc):
        if resource.type not in SCOPED_NAME_TYPES:
            yield from _name(doc, resource, doc.stage.prefix)


@per_resource
def _name(doc, resource, prefix):
    attribute = NAME_ATTRIBUTES.get(resource.type, "name")
    value = resource.get(attribute)
    if value is None and attribute in PREFIX_ATTRIBUTES:
        attribute = PREFIX_ATTRIBUTES[attribute]
        value = resource.get(attribute)
    if value is None:
        if resource.type in NAME_ATTRIBUTES:
            yield Violation(
                resource.address,
                f"{NAME_ATTRIBUTES[resource.type]} is unset: AWS generates a name "
                f"without the stage prefix {prefix!r}",
            )
        return
    name = doc.literal(value, resource.address, attribute)
    if not isinstance(name, str) or not carries_prefix(name, prefix):
        yield Violation(resource.address, f"{attribute} {name!r} does not start with {prefix!r}")
