"""SGCT008: every AWS resource carries the app, stage and managed-by tags."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, UnknownValue, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import aws_resources, per_resource, provider_address, unverifiable
from stages import APP_NAME

REQUIRED_TAGS = ("app", "stage", "managed-by")


def expected(doc) -> dict[str, str | None]:
    """Required tag -> required value (None: any non-empty value)."""
    return {"app": APP_NAME, "stage": doc.stage.name, "managed-by": None}


def problems(tags, wanted: dict[str, str | None]) -> list[str]:
    tags = tags if isinstance(tags, dict) else {}
    found = []
    for key, value in wanted.items():
        if not tags.get(key):
            found.append(f"missing tag {key!r}")
        elif value is not None and tags[key] != value:
            found.append(f"tag {key!r} is {tags[key]!r}, must be {value!r}")
    return found


@per_resource
def _tags_all(resource, wanted):
    """Plan: the provider merged default tags into `tags_all`; resources without tags support have none."""
    if "tags_all" in resource.values or (
        isinstance(resource.unknown, dict) and "tags_all" in resource.unknown
    ):
        for problem in problems(resource.get("tags_all"), wanted):
            yield Violation(resource.address, f"tags_all: {problem}")


@rule(
    "SGCT008",
    "required-tags",
    "AWS resources carry the required tags",
    Severity.ERROR,
    StageScope.ALL,
    BOTH,
    fix="Configure the AWS providers with modules.app.providers.configure_providers (default_tags = "
    "stage.tags) and do not override app/stage in a resource's tags.",
)
def check(doc, context):
    """What: every AWS provider block sets `default_tags` with `app = sgcarstrends`,
    `stage = <the stack's stage>` and `managed-by`, and no resource overrides `app` or `stage`
    with another value; default tags given as a `${var.x}` reference cannot be verified and
    are reported as such. On a plan, every AWS resource's computed `tags_all` is checked instead
    (unknown `tags_all` is a finding).

    Why: cost reports, the clean-up of ephemeral stages and incident triage all select
    resources by these tags; a resource without them is invisible or, worse, attributed to the
    wrong stage.

    Fix: `"default_tags": [{"tags": {"app": "sgcarstrends", "stage": "prod", "managed-by": "cdktf"}}]`.
    """
    wanted = expected(doc)
    if doc.is_plan:
        for resource in aws_resources(doc):
            yield from _tags_all(resource, wanted)
        return
    for provider in doc.providers:
        if provider.get("unknown_tags"):  # `"tags": "${var.tags}"`: known only at plan time
            references = ", ".join(provider["unknown_tags"])
            yield unverifiable(
                UnknownValue(
                    provider_address(provider),
                    "default_tags.tags",
                    f"the unresolved reference {references!r}",
                )
            )
            continue
        for problem in problems(provider["default_tags"], wanted):
            yield Violation(provider_address(provider), f"default_tags: {problem}")
    for resource in doc.resources.values():
        tags = resource.get("tags")
        if resource.type.startswith("aws_") and isinstance(tags, dict):
            for key in ("app", "stage"):
                if key in tags and tags[key] != wanted[key]:
                    yield Violation(
                        resource.address, f"tags override {key!r} with {tags[key]!r}; must be {wanted[key]!r}"
                    )
