"""The one text shown in place of a secret, and the text type redaction leaves alone.

Why one marker: the policy reports (from redacted plans) and the plan review
(from flattened values) show the same secret; a reader, and a test, should
see the same word for it everywhere.
"""

from __future__ import annotations

REDACTED = "(sensitive)"
"""Shown instead of a value that is marked sensitive, or is secret by its name."""


class Rendered(str):
    """Text that is already display-ready (a marker, a folded subtree).

    Redaction passes it through unchanged and the review does not JSON-quote
    it again; it must only ever be built from redacted text.
    """
