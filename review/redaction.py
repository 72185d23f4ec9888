"""Redaction for review output, built on the policies package's idea of "secret".

Why reuse `policies.secrets` / `policies.redaction`: the no-secret-literals
rule and every report must agree on what looks secret, so a value the rule
would flag is also a value the review never prints. This module only adapts
those checks to one attribute at a time (`safe_display`), so the model holds
nothing but redacted text before any template runs.
"""

from __future__ import annotations

import re
from typing import Any

from policies.redaction import REDACTED as POLICY_REDACTED
from policies.redaction import scrub as _policy_scrub
from policies.secrets import is_secret_key, mask, secret_value_kind
from review.values import ABSENT, SENSITIVE, UNKNOWN, Rendered, display

REDACTED = "(redacted)"
"""Shown for a value that is not marked sensitive but is secret by its name or shape."""
MIN_SCRUB_CHARS = 4
"""Known secrets shorter than this are not scrubbed from free text (it would mangle the comment)."""


def _last_segment(path: str) -> str:
    return re.split(r"[.\[]", path)[-1].rstrip("]") if path else ""


def secret_name(path: str) -> bool:
    """True when the attribute's own name says it holds a credential (`...DATABASE_URL` is not; `api_key` is)."""
    return is_secret_key(_last_segment(path))


def looks_secret(text: str) -> bool:
    """True when a string has the shape of a credential (key formats, URL passwords, high entropy)."""
    return secret_value_kind(text) is not None


def safe_display(path: str, leaf: Any) -> str:
    """Display text for one attribute leaf: markers and `${...}` references pass, secrets are masked.

    A reference is not a value, so it is shown even under a secret name: that
    is how a reviewer sees *which* variable feeds a secret setting.
    """
    if leaf in (SENSITIVE, UNKNOWN, ABSENT) or leaf is None or isinstance(leaf, Rendered):
        return display(leaf)
    if isinstance(leaf, str):
        if "${" in leaf and secret_value_kind(leaf) is None:
            return display(leaf)
        if secret_name(path) and leaf:
            return REDACTED
        if looks_secret(leaf):
            return mask(leaf)
    return display(leaf)


def scrub(text: str, known_values: set[str]) -> str:
    """Replace every occurrence of a known sensitive value in the final text.

    The model never holds sensitive leaves, so this should find nothing; it
    exists so that a future bug (a reason string echoing a value) still
    cannot leak.
    """
    return _policy_scrub(text, {value for value in known_values if len(value) >= MIN_SCRUB_CHARS})


__all__ = ["POLICY_REDACTED", "REDACTED", "looks_secret", "safe_display", "scrub", "secret_name"]
