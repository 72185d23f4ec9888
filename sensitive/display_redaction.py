"""Redaction of single values for display (the plan review), on the same idea of "secret" as the policies.

Why reuse `sensitive.detection` / `sensitive.plan_redaction`: the no-secret-literals
rule and every report must agree on what looks secret, so a value the rule
would flag is also a value the review never prints. This module only adapts
those checks to one attribute or output at a time (`safe_value`, which
walks objects and lists), so the review's model holds nothing but redacted
values before any text is made. Text that is already display-ready
(`sensitive.marker.Rendered`: markers, folded subtrees) passes unchanged.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from sensitive.detection import is_secret_key, mask, secret_value_kind
from sensitive.marker import REDACTED, Rendered
from sensitive.plan_redaction import scrub as _policy_scrub

MIN_SCRUB_CHARS = 4
"""Known secrets shorter than this are not scrubbed from free text (it would mangle the comment)."""


def _names(path: str) -> list[str]:
    """`input.creds[0].api_key` -> `['input', 'creds', 'api_key']` (list indexes dropped)."""
    return [part for part in re.split(r"[.\[\]]", path) if part and not part.isdigit()]


@functools.lru_cache(maxsize=8192)
def secret_name(path: str) -> bool:
    """True when the attribute's name, or the name of any block or object holding it, says "credential".

    `api_key`, `DATABASE_URL` and `credentials.user` are; `endpoint.host` is not.
    """
    return any(is_secret_key(name) for name in _names(path))


def looks_secret(text: str) -> bool:
    """True when a string has a credential's shape (key formats, URL passwords, webhooks, high entropy)."""
    return secret_value_kind(text) is not None


def _safe_leaf(path: str, leaf: Any) -> Any:
    """One scalar, or its replacement (`Rendered`, so it is shown as is) when it is secret."""
    if leaf is None or isinstance(leaf, (Rendered, bool)):
        return leaf
    if isinstance(leaf, str):
        if "${" in leaf and secret_value_kind(leaf) is None:
            return leaf
        if secret_name(path) and leaf:
            return Rendered(REDACTED)
        if looks_secret(leaf):
            return Rendered(mask(leaf))
    elif isinstance(leaf, (int, float)) and secret_name(path):
        return Rendered(REDACTED)
    return leaf


def safe_value(path: str, value: Any) -> Any:
    """`value` with every secret leaf replaced, at any depth of objects and lists.

    Why recursive: outputs are shown whole rather than flattened into rows,
    so an `{"api_key": ...}` or `[<token>]` output must be masked inside.
    """
    if isinstance(value, dict) and not isinstance(value, Rendered):
        return {key: safe_value(f"{path}.{key}" if path else str(key), item) for key, item in value.items()}
    if isinstance(value, list):
        return [safe_value(f"{path}[{index}]", item) for index, item in enumerate(value)]
    return _safe_leaf(path, value)


def scrub(text: str, known_values: set[str]) -> str:
    """Replace every occurrence of a known sensitive value in the final text.

    The model never holds sensitive leaves, so this should find nothing; it
    exists so that a future bug (a reason string echoing a value) still
    cannot leak.
    """
    return _policy_scrub(text, {value for value in known_values if len(value) >= MIN_SCRUB_CHARS})


__all__ = ["REDACTED", "looks_secret", "safe_value", "scrub", "secret_name"]
