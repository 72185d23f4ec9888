"""Rank candidates against a pattern and explain a miss: the nearest ones, with what differs.

Why shared: `Template` (synthesized JSON) and `PlanTemplate` (a real plan)
fail the same way, listing the nearest resources of the kind asked for
(fewest differences first) with their address, construct path and each
differing key, which is usually the whole diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.matchers import Mismatch, captures_in, match

NEAREST_SHOWN = 3
MISMATCHES_SHOWN = 8


@dataclass(frozen=True)
class Candidate:
    """One resource (or change) tried against a pattern."""

    address: str
    mismatches: list[Mismatch]
    construct_path: str | None = None

    @property
    def matched(self) -> bool:
        return not self.mismatches


def rank(values: dict[str, Any], pattern: Any, paths: dict[str, str | None] | None = None) -> list[Candidate]:
    """Each `{address: value}` tried against `pattern`, nearest first; captures kept only for matches."""
    captures = captures_in(pattern)
    ranked = []
    for address, value in values.items():
        before = [len(capture.values) for capture in captures]
        mismatches = [] if pattern is None else match(pattern, value)
        if mismatches:
            for capture, length in zip(captures, before, strict=True):
                del capture.values[length:]
        ranked.append(Candidate(address, mismatches, (paths or {}).get(address)))
    return sorted(ranked, key=lambda candidate: len(candidate.mismatches))


def nearest_message(head: str, ranked: list[Candidate]) -> str:
    """`head`, then the nearest candidates with their differences."""
    lines = [head, "Nearest (fewest differences first):"]
    for candidate in ranked[:NEAREST_SHOWN]:
        construct = f" (construct {candidate.construct_path})" if candidate.construct_path else ""
        lines.append(f"  {candidate.address}{construct}: {len(candidate.mismatches)} differences")
        lines.append(list_mismatches(candidate.mismatches, indent="    "))
    return "\n".join(lines)


def list_mismatches(mismatches: list[Mismatch], indent: str = "  ") -> str:
    shown = [f"{indent}{mismatch}" for mismatch in mismatches[:MISMATCHES_SHOWN]]
    if len(mismatches) > MISMATCHES_SHOWN:
        shown.append(f"{indent}... and {len(mismatches) - MISMATCHES_SHOWN} more")
    return "\n".join(shown)
