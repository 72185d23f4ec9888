"""Drift: what changed outside Terraform, from a refresh-only plan's `resource_drift`.

Why `resource_drift`: `terraform plan -refresh-only` compares the state with
the real objects; `show -json` lists each object that differs under
`resource_drift` (before = state, after = what AWS now reports). Attribute
values are masked the way the plan review masks them (sensitive marks,
secret-looking names and shapes), and the final text is scrubbed of every
value the plan marks sensitive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from review.values import ABSENT, SENSITIVE, flatten, safe_display
from sensitive.plan_redaction import scrub, sensitive_strings

EMPTY: tuple[Any, ...] = (None, {}, [], "")
"""Values AWS and the state use interchangeably for "nothing" (tags null vs {}): not drift."""
MAX_ATTRIBUTES_SHOWN = 20
"""Per resource; a resource recreated by hand would otherwise fill the summary."""


@dataclass(frozen=True)
class AttributeDrift:
    path: str
    before: str
    """Display-safe value in the Terraform state."""
    after: str
    """Display-safe value AWS reports now."""


@dataclass(frozen=True)
class ResourceDrift:
    address: str
    change: str
    """`changed` (updated outside Terraform) or `deleted` (gone outside Terraform)."""
    attributes: tuple[AttributeDrift, ...]


def _shown_path(path: str, shown: dict[str, Any]) -> str:
    """`path`, or the masked prefix that stands for it (`environment[0].variables` when sensitive)."""
    if path in shown:
        return path
    for cut in range(len(path) - 1, 0, -1):
        if path[cut] in ".[" and shown.get(path[:cut]) == SENSITIVE:
            return path[:cut]
    return path


def _changed_attributes(change: dict[str, Any]) -> tuple[AttributeDrift, ...]:
    """Leaves whose raw values differ, named at the level the sensitive masks allow."""
    raw_before, raw_after = flatten(change.get("before")), flatten(change.get("after"))
    shown_before = flatten(change.get("before"), change.get("before_sensitive", False))
    shown_after = flatten(change.get("after"), change.get("after_sensitive", False))
    drifted: dict[str, AttributeDrift] = {}
    for path in sorted(set(raw_before) | set(raw_after)):
        old, new = raw_before.get(path), raw_after.get(path)
        if old == new or (old in EMPTY and new in EMPTY):
            continue
        before_path, after_path = _shown_path(path, shown_before), _shown_path(path, shown_after)
        shown = before_path if len(before_path) <= len(after_path) else after_path
        if shown in drifted:
            continue
        before = shown_before.get(before_path, ABSENT) if path in raw_before else ABSENT
        after = shown_after.get(after_path, ABSENT) if path in raw_after else ABSENT
        drifted[shown] = AttributeDrift(shown, safe_display(shown, before), safe_display(shown, after))
    return tuple(drifted.values())


def drift_from_plan(plan: dict[str, Any]) -> list[ResourceDrift]:
    """Every managed resource that drifted, by address, with its changed attributes."""
    found = []
    for entry in plan.get("resource_drift") or []:
        if entry.get("mode", "managed") != "managed":
            continue
        change = entry.get("change") or {}
        actions = change.get("actions") or []
        if actions == ["no-op"]:
            continue
        if "delete" in actions:
            found.append(ResourceDrift(entry["address"], "deleted", ()))
        else:
            found.append(ResourceDrift(entry["address"], "changed", _changed_attributes(change)))
    return sorted(found, key=lambda drift: drift.address)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(stage: str, plan: dict[str, Any]) -> str:
    """The job-summary section for one stage, scrubbed of the plan's sensitive values."""
    drifts = drift_from_plan(plan)
    if not drifts:
        return f"## Drift on {stage}: none\n\nEvery resource matches the Terraform state.\n"
    lines = [
        f"## Drift on {stage}: {len(drifts)} resource(s) changed outside Terraform",
        "",
        "The next deploy puts these back as configured; to keep a change, make it in code.",
        "",
        "| resource | change | attribute | in state | now |",
        "|---|---|---|---|---|",
    ]
    for drift in drifts:
        if not drift.attributes:
            lines.append(f"| `{drift.address}` | {drift.change} | | | |")
        for attribute in drift.attributes[:MAX_ATTRIBUTES_SHOWN]:
            lines.append(
                f"| `{drift.address}` | {drift.change} | `{_cell(attribute.path)}` | "
                f"`{_cell(attribute.before)}` | `{_cell(attribute.after)}` |"
            )
        hidden = len(drift.attributes) - MAX_ATTRIBUTES_SHOWN
        if hidden > 0:
            lines.append(f"| `{drift.address}` | {drift.change} | …and {hidden} more | | |")
    return scrub("\n".join(lines) + "\n", sensitive_strings(plan))
