"""Real plan JSON (`terraform show -json plan.tfplan`) -> `StageReview`.

Why from the plan and not from the configuration: only Terraform knows
whether a change is an in-place update or a replacement (`replace_paths`,
`action_reason`) and which values are sensitive (`*_sensitive` masks).
Sensitive leaves become `(sensitive)` while flattening; the raw values are
collected only so the final text can be scrubbed of them (`known_secrets`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policies.inputs.plan_view import check_plan
from policies.model import InputError
from review.changes import (
    Action,
    AttributeChange,
    OutputChange,
    ResourceChange,
    StageReview,
    action_from_terraform,
)
from review.stage_info import ReviewInputError, check_plan_stage, is_protected
from review.values import ABSENT, SENSITIVE, UNKNOWN, Rendered, flatten, safe_display
from sensitive.plan_redaction import sensitive_strings

_REASONS = {
    "replace_because_cannot_update": "an attribute that cannot change in place changed",
    "replace_because_tainted": "the object is tainted",
    "replace_by_request": "replacement was requested (-replace)",
    "replace_by_triggers": "a replace_triggered_by reference changed",
    "delete_because_no_resource_config": "removed from the configuration",
    "delete_because_no_module": "its module was removed",
    "delete_because_wrong_repetition": "count/for_each changed shape",
    "delete_because_count_index": "count shrank",
    "delete_because_each_key": "for_each key removed",
}


@dataclass
class PlanReview:
    """The review of one plan plus the raw sensitive values to scrub from any text."""

    review: StageReview
    known_secrets: set[str] = field(default_factory=set)


def load_plan(path: Path) -> dict[str, Any]:
    """Parse and validate a plan JSON file, with an error that says how to produce a good one.

    The validation is `sgct check`'s (`policies.inputs.plan_view.check_plan`): state
    JSON, an errored plan, an unknown major format_version or a malformed
    `resource_changes` is unusable input, never a review saying "no changes".
    """
    try:
        plan = json.loads(path.read_text())
    except FileNotFoundError:
        raise ReviewInputError(f"plan file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReviewInputError(
            f"plan file {path} is not JSON ({error}); "
            f"write it with `terraform show -json plan.tfplan > {path.name}`"
        ) from None
    try:
        check_plan(str(path), plan)
    except InputError as error:
        raise ReviewInputError(f"plan file {error}") from None
    return plan


def _replace_paths(change: dict[str, Any]) -> set[str]:
    paths = set()
    for steps in change.get("replace_paths", []) or []:
        text = ""
        for step in steps:
            text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
        paths.add(text)
    return paths


def _attribute_changes(action: Action, change: dict[str, Any]) -> tuple[AttributeChange, ...]:
    if action is Action.DESTROY:
        return ()
    before = (
        flatten(change.get("before"), change.get("before_sensitive", False)) if change.get("before") else {}
    )
    after = flatten(
        change.get("after"), change.get("after_sensitive", False), change.get("after_unknown", False)
    )
    _collapse_under_markers(before, after)
    forcing = _replace_paths(change)
    rows = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path, ABSENT), after.get(path, ABSENT)
        if old == new and old != SENSITIVE:
            continue
        if old == new == SENSITIVE and _same_raw(change, path):
            continue
        if action is Action.CREATE and new in (None, ABSENT):
            continue
        rows.append(
            AttributeChange(
                path=path,
                before=safe_display(path, old),
                after=safe_display(path, new),
                forces_replacement=any(
                    path == p or path.startswith(p + ".") or path.startswith(p + "[") for p in forcing
                ),
            )
        )
    return tuple(rows)


def _collapse_under_markers(before: dict[str, Any], after: dict[str, Any]) -> None:
    """Where the whole after-value is a marker (unknown/sensitive), fold the before-leaves under it.

    Without this, `output = (known after apply)` shows as one row per old
    child (`output.name: "a" -> (none)`), which is noise, not information.
    """
    for path, new in after.items():
        if new not in (SENSITIVE, UNKNOWN):
            continue
        children = [key for key in before if key.startswith(path + ".") or key.startswith(path + "[")]
        if not children:
            continue
        leaves = [before.pop(key) for key in children]
        if SENSITIVE in leaves:
            before[path] = SENSITIVE
        else:
            parts = [
                f"{key[len(path) :].lstrip('.')}={safe_display(key, leaf)}"
                for key, leaf in zip(children, leaves, strict=True)
            ]
            before[path] = Rendered("{" + ", ".join(parts) + "}")


def _same_raw(change: dict[str, Any], path: str) -> bool:
    """Compare two sensitive leaves without ever turning them into text."""
    raw_before = flatten(change.get("before"))
    raw_after = flatten(change.get("after"))
    return raw_before.get(path) == raw_after.get(path)


def review_plan(stage: str, plan: dict[str, Any], source: Path | None = None) -> PlanReview:
    """Reduce one plan to the review model for `stage`."""
    if source is not None:
        check_plan_stage(stage, plan, source)
    resources = []
    for entry in plan.get("resource_changes", []):
        change = entry.get("change", {})
        action = action_from_terraform(change.get("actions", ["no-op"]))
        if entry.get("mode") == "data" or action in (Action.NO_OP, Action.READ):
            continue
        resources.append(
            ResourceChange(
                address=entry["address"],
                resource_type=entry.get("type", ""),
                action=action,
                attributes=_attribute_changes(action, change),
                reason=_REASONS.get(entry.get("action_reason", ""), entry.get("action_reason", "")),
            )
        )
    outputs = []
    for name, change in sorted(plan.get("output_changes", {}).items()):
        action = action_from_terraform(change.get("actions", ["no-op"]))
        sensitive = bool(change.get("before_sensitive") or change.get("after_sensitive"))
        if action is Action.NO_OP:
            continue
        before, after = (SENSITIVE, SENSITIVE) if sensitive else (change.get("before"), change.get("after"))
        if change.get("after_unknown") is True and not sensitive:
            after = UNKNOWN
        outputs.append(
            OutputChange(name, action, sensitive, safe_display(name, before), safe_display(name, after))
        )
    review = StageReview(
        stage=stage, protected=is_protected(stage), source="plan", resources=resources, outputs=outputs
    )
    return PlanReview(review=review, known_secrets=sensitive_strings(plan))
