"""The GitHub job summary: markdown appended to `$GITHUB_STEP_SUMMARY` when the variable is set.

Why append: a job's steps share one summary file; each step adds its part.
Outside GitHub Actions (the variable unset) nothing is written, and the same
text still reaches the log through the caller's progress messages.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"


def append_summary(markdown: str, environ: Mapping[str, str] | None = None) -> Path | None:
    """Append `markdown` (already redacted by the caller) to the job summary; return its path or None."""
    target = (os.environ if environ is None else environ).get(SUMMARY_VARIABLE)
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as summary:
        summary.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return path
