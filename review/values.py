"""Flatten Terraform values into attribute paths, honouring sensitive and unknown marks.

Why: a plan holds nested objects (`input.pw`, `tags.app`, `rule[0].cidr`)
with parallel masks saying which leaves are sensitive or unknown until
apply. Reviewers read leaf paths; sensitive leaves must become a marker
*before* any text is produced, so nothing downstream can leak them.
"""

from __future__ import annotations

import json
from typing import Any

from sensitive.display_redaction import safe_value
from sensitive.marker import REDACTED, Rendered

SENSITIVE = Rendered(REDACTED)
"""A value the plan marks sensitive: the one marker `sensitive` uses everywhere."""
UNKNOWN = Rendered("(known after apply)")
ABSENT = Rendered("(none)")
MAX_VALUE_CHARS = 60
"""Longer values are shortened with an ellipsis: a PR comment is not a diff viewer."""


def _child(mask: Any, key: Any) -> Any:
    """The mask for `key` inside `mask` (masks mirror the value's shape, or are a bool)."""
    if isinstance(mask, bool):
        return mask
    if isinstance(mask, dict):
        return mask.get(key, False)
    if isinstance(mask, list) and isinstance(key, int) and key < len(mask):
        return mask[key]
    return False


def flatten(value: Any, sensitive: Any = False, unknown: Any = False, prefix: str = "") -> dict[str, Any]:
    """`{path: leaf}` where a leaf is a scalar, SENSITIVE or UNKNOWN.

    Empty containers are kept as leaves (`{}` / `[]`) so that "set to empty"
    is still a visible change.
    """
    if sensitive is True:
        return {prefix or "(value)": SENSITIVE}
    if unknown is True:
        return {prefix or "(value)": UNKNOWN}
    flat: dict[str, Any] = {}
    if isinstance(value, dict) and value:
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten(item, _child(sensitive, key), _child(unknown, key), path))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            flat.update(flatten(item, _child(sensitive, index), _child(unknown, index), f"{prefix}[{index}]"))
    else:
        flat[prefix or "(value)"] = value
    # Unknown keys that have no value yet (e.g. `id` on create) still show up.
    if isinstance(unknown, dict):
        for key, mark in unknown.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if mark is True and path not in flat:
                flat[path] = UNKNOWN
    return flat


def display(leaf: Any) -> str:
    """A short, single-line text for one leaf (markers pass through unchanged)."""
    if leaf in (SENSITIVE, UNKNOWN, ABSENT):
        return leaf
    text = str(leaf) if isinstance(leaf, Rendered) else json.dumps(leaf, sort_keys=True)
    text = " ".join(text.split())
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + "…"
    return text


def safe_display(path: str, leaf: Any) -> str:
    """Display text for one value: markers and `${...}` references pass, secrets are masked.

    A reference is not a value, so it is shown even under a secret name: that
    is how a reviewer sees *which* variable feeds a secret setting. Objects and
    lists are masked leaf by leaf (`sensitive.display_redaction.safe_value`)
    before they become text.
    """
    if isinstance(leaf, Rendered):  # a marker or folded text: already safe, already display-ready
        return display(leaf)
    return display(safe_value(path, leaf))


__all__ = ["ABSENT", "SENSITIVE", "UNKNOWN", "Rendered", "display", "flatten", "safe_display"]
