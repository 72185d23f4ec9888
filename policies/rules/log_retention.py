"""SGCT007: every log group expires its logs, and every Lambda logs into such a group."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, UnknownValue, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import blocks, live, per_resource
from stages.model import CLOUDWATCH_RETENTION_DAYS

SUPPORTED_DAYS = frozenset(CLOUDWATCH_RETENTION_DAYS)


def _log_group_names(doc) -> set[str]:
    names = set()
    for group in live(doc, "aws_cloudwatch_log_group"):
        try:
            name = doc.literal(group.get("name"), group.address, "name")
        except UnknownValue:
            continue  # an unknown name cannot be matched; the function's own check reports it
        if isinstance(name, str):
            names.add(name)
    return names


@per_resource
def _group(doc, group):
    days = doc.literal(group.get("retention_in_days"), group.address, "retention_in_days")
    if days in (None, 0):
        yield Violation(group.address, "retention_in_days is unset, so logs never expire")
    elif days not in SUPPORTED_DAYS:
        yield Violation(
            group.address,
            f"retention_in_days is {days!r}, not a CloudWatch-supported value "
            f"({', '.join(str(d) for d in sorted(SUPPORTED_DAYS))})",
        )


@per_resource
def _function(doc, function, declared):
    configured = [b.get("log_group") for b in blocks(function.get("logging_config")) if b.get("log_group")]
    if configured:
        target = doc.literal(configured[0], function.address, "logging_config.log_group")
    else:
        target = (
            f"/aws/lambda/{doc.literal(function.get('function_name'), function.address, 'function_name')}"
        )
    if target not in declared:
        yield Violation(
            function.address,
            f"logs go to {target!r}, which this stack does not declare; "
            "Lambda would create it without retention",
        )


@rule(
    "SGCT007",
    "log-retention",
    "Log groups have a retention period",
    Severity.ERROR,
    StageScope.ALL,
    BOTH,
    fix="Set retention_in_days=stage.settings.log_retention_days on the log group, and declare "
    "/aws/lambda/<function name> (or logging_config.log_group) for every function.",
)
def check(doc, context):
    """What: every `aws_cloudwatch_log_group` has `retention_in_days` set to a CloudWatch-supported
    value (0 or unset means "never expire"), and every `aws_lambda_function` writes to a log group
    declared in the same stack (`/aws/lambda/<function_name>` or its `logging_config.log_group`);
    otherwise Lambda creates its own group, which never expires.

    Why: logs kept forever cost money every month and keep personal data longer than needed;
    each stage sets its retention in `stages/catalog.py`.

    Fix: `"retention_in_days": 90`.
    """
    for group in live(doc, "aws_cloudwatch_log_group"):
        yield from _group(doc, group)
    declared = _log_group_names(doc)
    for function in live(doc, "aws_lambda_function"):
        yield from _function(doc, function, declared)
