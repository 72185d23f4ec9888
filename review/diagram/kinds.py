"""The data behind the architecture view: which resource types are components, and how flows are labelled.

Why a table: the platform grows (OpenNext functions, a queue, a tag table,
a QStash schedule, a notifier) and each new construct must show up in the
picture without new drawing code. A resource type listed in `KINDS` makes
a component (one node); every other resource joins the component of its
nearest construct (see `review.diagram.components`). A new kind of
component is one line here; a new way a flow is labelled is one `EdgeRule`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _literal_name(body: dict[str, Any]) -> bool:
    """A DNS record with a literal name is a hostname; computed ones (ACM validation) are plumbing."""
    name = body.get("name")
    return isinstance(name, str) and "${" not in name


@dataclass(frozen=True)
class Kind:
    """What a component is and how it is drawn."""

    name: str
    """Stable id, used in edge rules and node ids (`function`, `bucket`...)."""
    title: str
    """First label line (`Lambda function`)."""
    tier: str | None = None
    """Cluster it is drawn in; None: from its top-level construct (`TIERS_BY_CONSTRUCT`)."""
    shape: str = "box"
    identity: str = ""
    """Attribute holding the object's name, which other resources may quote literally
    (an alarm's `FunctionName` dimension): such a literal counts as a reference."""
    group_by: str = ""
    """Attribute whose referenced component gathers every resource of this kind into one node
    (alarms by the topic they notify: one node per topic, not one per alarm)."""
    when: Callable[[dict[str, Any]], bool] | None = None
    """Only resources whose body passes this are components (default: all of the type)."""
    noun: str = ""
    """Set for kinds gathered into one node: the node says how many (`8 alarms`) instead of a name."""
    each: bool = False
    """One component per resource, keyed by its own path (DNS records: `dns/apex`, `dns/www`),
    instead of one per construct holding it (`api/http_api` -> `api`). Its scope (what other
    resources are matched against) is still the construct holding it."""


FUNCTION = Kind("function", "Lambda function", shape="rounded", identity="function_name")
GATEWAY = Kind("gateway", "API Gateway", "API", "rounded", identity="name")
ALARMS = Kind("alarms", "CloudWatch alarms", "Monitoring", group_by="alarm_actions", noun="alarm")
EVENT = Kind("event", "EventBridge schedule", "Schedules", "event", identity="name", each=True)
QSTASH = Kind("qstash_schedule", "QStash schedule", "Schedules", "event", each=True)
HOSTNAME = Kind("hostname", "DNS record", "DNS (Cloudflare)", "host", when=_literal_name, each=True)
OTHER = Kind("other", "Other resources", "Other", noun="resource")
"""Resources no component claims: drawn, never dropped."""

KINDS: dict[str, Kind] = {
    "aws_lambda_function": FUNCTION,
    "aws_apigatewayv2_api": GATEWAY,
    "aws_api_gateway_rest_api": GATEWAY,
    "aws_cloudfront_distribution": Kind("cdn", "CloudFront distribution", "Edge (CloudFront)", "rounded"),
    "aws_s3_bucket": Kind("bucket", "S3 bucket", shape="store", identity="bucket"),
    "aws_sqs_queue": Kind("queue", "SQS queue", shape="store", identity="name"),
    "aws_dynamodb_table": Kind("table", "DynamoDB table", shape="store", identity="name"),
    "aws_sns_topic": Kind("topic", "SNS topic", "Monitoring", identity="name"),
    "aws_cloudwatch_metric_alarm": ALARMS,
    "aws_cloudwatch_composite_alarm": ALARMS,
    "aws_cloudwatch_event_rule": EVENT,
    "aws_scheduler_schedule": EVENT,
    "aws_route53_health_check": Kind("health_check", "Route 53 health check", "Monitoring", "event"),
    "upstash_qstash_schedule_v2": QSTASH,
    "upstash_qstash_schedule": QSTASH,
    "cloudflare_dns_record": HOSTNAME,
    "cloudflare_record": HOSTNAME,
    "cloudflare_zone_dnssec": Kind("dnssec", "DNSSEC", "DNS (Cloudflare)", each=True),
}
"""Resource type -> the component it makes. Everything else joins a component."""

TIERS = (
    "Users",
    "DNS (Cloudflare)",
    "Edge (CloudFront)",
    "Web",
    "API",
    "Schedules",
    "Application",
    "Monitoring",
    "State",
    "External services",
    "Other",
)
"""Clusters, in drawing order."""

TIERS_BY_CONSTRUCT = {
    "web": "Web",
    "api": "API",
    "cdn": "Edge (CloudFront)",
    "dns": "DNS (Cloudflare)",
    "monitoring": "Monitoring",
    "schedule": "Schedules",
    "state": "State",
}
"""Top-level construct id -> cluster, for kinds without a fixed tier (functions, buckets, queues)."""
DEFAULT_TIER = "Application"

GENERIC_SEGMENTS = frozenset({"lambda", "function", "handler", "resource"})
"""Construct ids that say nothing in a label (`web/server/lambda` is shown as `web/server`)."""


@dataclass(frozen=True)
class EdgeRule:
    """How a reference from a resource of type `referrer` to a component of kind `target` is drawn.

    `referrer` and `target` accept `*` as a wildcard (matched with fnmatch).
    `label` is literal text, or `@routes` / `@schedule` for the referring
    component's API routes / schedule expression. `reverse` draws the flow
    against the reference (an alarm references a function: metrics flow
    from the function to the alarm); `skip` draws nothing (the flow is drawn
    another way, or the reference is a permission, not a flow).
    """

    referrer: str
    target: str = "*"
    label: str = ""
    reverse: bool = False
    skip: bool = False


EDGE_RULES: tuple[EdgeRule, ...] = (
    EdgeRule("aws_lambda_permission", skip=True),
    EdgeRule("aws_s3_bucket_policy", skip=True),
    EdgeRule("aws_cloudfront_*", skip=True),
    EdgeRule("cloudflare_*", skip=True),
    EdgeRule("aws_acm_*", skip=True),
    EdgeRule("aws_iam_*", skip=True),  # who MAY act; the function's environment says what it calls
    EdgeRule("aws_cloudwatch_*alarm", "topic", "ALARM / OK"),
    EdgeRule("aws_cloudwatch_*alarm", "*", "metrics", reverse=True),
    EdgeRule("aws_lambda_event_source_mapping", "function", "messages"),
    EdgeRule("aws_lambda_event_source_mapping", "*", "messages", reverse=True),
    EdgeRule("aws_sns_topic_subscription", "topic", "notification", reverse=True),
    EdgeRule("aws_sns_topic_subscription", "*", "notification"),
    EdgeRule("aws_apigatewayv2_integration", "function", "@routes"),
    EdgeRule("aws_apigatewayv2_authorizer", "function", "authorize"),
    EdgeRule("aws_cloudwatch_event_target", "*", "@schedule"),
    EdgeRule("aws_scheduler_schedule", "*", "@schedule"),
)
"""First matching rule wins; no match: drawn forward with `DEFAULT_LABELS[target kind]`."""

DEFAULT_LABELS = {
    "bucket": "read/write",
    "table": "read/write",
    "queue": "send",
    "topic": "publish",
    "function": "invoke",
    "gateway": "HTTPS",
}
