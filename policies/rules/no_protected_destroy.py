"""SGCT002: a plan never deletes or replaces a protected resource on a guarded stage."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import PLAN, rule


def describe(actions: tuple[str, ...]) -> str:
    if actions == ("create", "delete"):
        return "replace (create before destroy, the old one is deleted)"
    if "create" in actions:
        return "replace (destroy, then create)"
    return "delete"


@rule(
    "SGCT002",
    "no-protected-destroy",
    "No delete or replace of protected resources",
    Severity.ERROR,
    StageScope.GUARDED,
    PLAN,
    fix="Keep the address stable (use move_to / a `moved` block for renames), change the attribute "
    "that forces replacement, or remove the resource from state deliberately outside CI.",
)
def check(doc, context):
    """What: in a plan for a protected or retained stage (prod, staging, bootstrap), no resource of a
    protected type (`PROTECTED_TYPES`) has `delete` among its actions: pure deletes
    (`["delete"]`, e.g. `delete_because_no_resource_config` after a rename or removal), replaces
    (`["delete", "create"]`) and create-before-destroy replaces (`["create", "delete"]`) alike.

    Why: a replace destroys the old object (a bucket's data, a distribution's domain) even when a
    new one appears; `planned_values` never shows a deleted resource, so the check walks
    `resource_changes`.

    Fix: rename with a `moved` block (cdktf `move_to`) instead of a new address, or revert the
    change that forces replacement.
    """
    for resource in doc.resources.values():
        if resource.type in context.protected_types and resource.is_deleted:
            reason = f"; Terraform's reason: {resource.action_reason}" if resource.action_reason else ""
            yield Violation(
                resource.address,
                f"plan would {describe(resource.actions)} {resource.type} "
                f"on {doc.stage.protection.value} stage {doc.stage.name}"
                f" (actions {list(resource.actions)}{reason})",
            )
