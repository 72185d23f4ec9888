"""`Template`: assertions on one synthesized stack, in the style of CDK's assertions.

Why: tests should say what must be true ("every Lambda is ARM64", "there are
two log groups") rather than index into JSON. When an assertion fails, the
message lists the nearest resources of that type (fewest differences first)
with their address, construct path and the differing keys, which is usually
the whole diagnosis.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.matchers import Capture, Matcher, Mismatch, match
from harness.synth import SynthesizedStack

NEAREST_SHOWN = 3
MISMATCHES_SHOWN = 8


def _captures_in(pattern: Any) -> list[Capture]:
    """Every Capture inside a pattern (so a failed candidate's captures can be rolled back)."""
    if isinstance(pattern, Capture):
        return [pattern, *_captures_in(pattern.pattern)]
    if isinstance(pattern, Matcher):
        return [c for value in vars(pattern).values() for c in _captures_in(value)]
    if isinstance(pattern, dict):
        return [c for value in pattern.values() for c in _captures_in(value)]
    if isinstance(pattern, (list, tuple)):
        return [c for value in pattern for c in _captures_in(value)]
    return []


def _properties(body: dict) -> dict:
    """A resource body without CDKTF's `//` metadata."""
    return {key: value for key, value in body.items() if key != "//"}


class Template:
    """A queryable, assertable view of one stack's Terraform JSON."""

    def __init__(self, config: dict, name: str = "stack") -> None:
        self.config = config
        self.name = name

    @classmethod
    def from_stack(cls, stack: SynthesizedStack) -> Template:
        return cls(stack.config, stack.name)

    @classmethod
    def from_json_file(cls, path: str | Path) -> Template:
        path = Path(path)
        return cls(json.loads(path.read_text()), path.parent.name)

    # Queries -----------------------------------------------------------------

    def resources(self, resource_type: str) -> dict[str, dict]:
        """`{address: body}` for every resource of `resource_type`."""
        by_name = self.config.get("resource", {}).get(resource_type, {})
        return {f"{resource_type}.{name}": body for name, body in by_name.items()}

    def resource_types(self) -> dict[str, int]:
        """`{type: count}` for every resource type in the stack."""
        resources = self.config.get("resource", {})
        return {type_name: len(by_name) for type_name, by_name in sorted(resources.items())}

    def find_resources(self, resource_type: str, properties: Any = None) -> dict[str, dict]:
        """Resources of `resource_type` whose properties match `properties` (partially)."""
        ranked = self._ranked(resource_type, properties)
        return {address: body for address, (body, mismatches) in ranked if not mismatches}

    def _ranked(self, resource_type: str, properties: Any) -> list[tuple[str, tuple[dict, list[Mismatch]]]]:
        """Every resource of the type with its mismatches, nearest first; captures kept only for matches."""
        captures = _captures_in(properties)
        ranked = []
        for address, body in self.resources(resource_type).items():
            before = [len(capture.values) for capture in captures]
            mismatches = [] if properties is None else match(properties, _properties(body))
            if mismatches:
                for capture, length in zip(captures, before):
                    del capture.values[length:]
            ranked.append((address, (body, mismatches)))
        return sorted(ranked, key=lambda item: len(item[1][1]))

    # Assertions --------------------------------------------------------------

    def resource_count_is(self, resource_type: str, count: int) -> None:
        found = len(self.resources(resource_type))
        if found != count:
            raise AssertionError(
                f"{self.name}: expected {count} {resource_type} resources, found {found}.\n"
                f"Resource types in the stack: {self.resource_types() or 'none'}"
            )

    def resource_properties_count_is(self, resource_type: str, properties: Any, count: int) -> None:
        found = self.find_resources(resource_type, properties)
        if len(found) != count:
            raise AssertionError(
                f"{self.name}: expected {count} {resource_type} resources matching {properties!r}, "
                f"found {len(found)}: {sorted(found) or 'none'}"
            )

    def has_resource_properties(self, resource_type: str, properties: Any) -> str:
        """Assert that some resource of the type matches; return its address."""
        ranked = self._ranked(resource_type, properties)
        for address, (_, mismatches) in ranked:
            if not mismatches:
                return address
        raise AssertionError(self._no_match_message(resource_type, properties, ranked))

    def all_resources_properties(self, resource_type: str, properties: Any) -> None:
        """Assert that every resource of the type matches (and that there is at least one)."""
        ranked = self._ranked(resource_type, properties)
        failing = [(address, found) for address, found in ranked if found[1]]
        if not ranked or failing:
            raise AssertionError(self._no_match_message(resource_type, properties, failing, every=True))

    def has_output(self, name: str, properties: Any = None) -> None:
        outputs = self.config.get("output", {})
        if name not in outputs:
            raise AssertionError(f"{self.name}: no output {name!r}; outputs: {sorted(outputs) or 'none'}")
        mismatches = [] if properties is None else match(properties, outputs[name])
        if mismatches:
            raise AssertionError(f"{self.name}: output {name!r} differs:\n" + _list(mismatches))

    def _no_match_message(self, resource_type, properties, ranked, every: bool = False) -> str:
        total = len(self.resources(resource_type))
        if total == 0:
            return (
                f"{self.name}: no {resource_type} resources at all.\n"
                f"Resource types in the stack: {self.resource_types() or 'none'}"
            )
        head = (
            f"{self.name}: {len(ranked)} of {total} {resource_type} resources do not match"
            if every
            else f"{self.name}: none of {total} {resource_type} resources match"
        )
        lines = [f"{head} {properties!r}.", "Nearest resources (fewest differences first):"]
        for address, (body, mismatches) in ranked[:NEAREST_SHOWN]:
            path = body.get("//", {}).get("metadata", {}).get("path")
            construct = f" (construct {path})" if path else ""
            lines.append(f"  {address}{construct}: {len(mismatches)} differences")
            lines.append(_list(mismatches, indent="    "))
        return "\n".join(lines)


def _list(mismatches: list[Mismatch], indent: str = "  ") -> str:
    shown = [f"{indent}{mismatch}" for mismatch in mismatches[:MISMATCHES_SHOWN]]
    if len(mismatches) > MISMATCHES_SHOWN:
        shown.append(f"{indent}... and {len(mismatches) - MISMATCHES_SHOWN} more")
    return "\n".join(shown)
