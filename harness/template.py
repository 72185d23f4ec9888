"""`Template`: assertions on one synthesized stack, in the style of CDK's assertions.

Why: tests should say what must be true ("every Lambda is ARM64", "there are
two log groups") rather than index into JSON. When an assertion fails, the
message lists the nearest resources of that type (fewest differences first)
with their address, construct path and the differing keys. Resources can
also be found by construct path (`api/lambda/function`), which survives the
hash suffix CDKTF puts in every logical ID.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from harness.matchers import match
from harness.nearest import Candidate, list_mismatches, nearest_message, rank
from harness.synth import SynthesizedStack


def _properties(body: dict) -> dict:
    """A resource body without CDKTF's `//` metadata."""
    return {key: value for key, value in body.items() if key != "//"}


def _path_of(body: dict) -> str | None:
    return body.get("//", {}).get("metadata", {}).get("path")


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

    def data_sources(self, data_type: str) -> dict[str, dict]:
        """`{data.<type>.<name>: body}` for every data source of `data_type`."""
        by_name = self.config.get("data", {}).get(data_type, {})
        return {f"data.{data_type}.{name}": body for name, body in by_name.items()}

    def resource_types(self) -> dict[str, int]:
        """`{type: count}` for every resource type in the stack."""
        resources = self.config.get("resource", {})
        return {type_name: len(by_name) for type_name, by_name in sorted(resources.items())}

    def find_resources(self, resource_type: str, properties: Any = None) -> dict[str, dict]:
        """Resources of `resource_type` whose properties match `properties` (partially)."""
        bodies = self.resources(resource_type)
        return {c.address: bodies[c.address] for c in self._ranked(bodies, properties) if c.matched}

    def construct_paths(self) -> dict[str, str]:
        """`{construct path: address}` for every resource and data source that records one."""
        found = {}
        for block, prefix in (("resource", ""), ("data", "data.")):
            for type_name, by_name in self.config.get(block, {}).items():
                for name, body in by_name.items():
                    path = _path_of(body)
                    if path:
                        found[path] = f"{prefix}{type_name}.{name}"
        return found

    def address_at(self, construct_path: str) -> str:
        """The address of the resource built at `construct_path` (with or without the stack prefix).

        `template.address_at("api/lambda/function")` instead of the hashed
        `aws_lambda_function.api_lambda_function_F120EBA0`.
        """
        paths = self.construct_paths()
        for candidate in (construct_path, f"{self.name}/{construct_path}"):
            if candidate in paths:
                return paths[candidate]
        near = difflib.get_close_matches(f"{self.name}/{construct_path}", list(paths), n=3, cutoff=0.5)
        raise AssertionError(
            f"{self.name}: no resource at construct path {construct_path!r}; "
            f"nearest paths: {near or sorted(paths)[:5] or 'none'}"
        )

    def resource_at(self, construct_path: str) -> dict:
        """The body (without `//` metadata) of the resource or data source at `construct_path`."""
        address = self.address_at(construct_path)
        block, rest = ("data", address[5:]) if address.startswith("data.") else ("resource", address)
        type_name, _, name = rest.partition(".")
        return _properties(self.config[block][type_name][name])

    def _ranked(self, bodies: dict[str, dict], properties: Any) -> list[Candidate]:
        values = {address: _properties(body) for address, body in bodies.items()}
        paths = {address: _path_of(body) for address, body in bodies.items()}
        return rank(values, properties, paths)

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
        return self._has(self.resources(resource_type), resource_type, "resources", properties)

    def has_data_source(self, data_type: str, properties: Any = None) -> str:
        """Assert that some data source of the type matches; return its address (`data.<type>.<name>`)."""
        return self._has(self.data_sources(data_type), data_type, "data sources", properties)

    def all_resources_properties(self, resource_type: str, properties: Any) -> None:
        """Assert that every resource of the type matches (and that there is at least one)."""
        bodies = self.resources(resource_type)
        ranked = self._ranked(bodies, properties)
        failing = [candidate for candidate in ranked if not candidate.matched]
        if not ranked:
            raise AssertionError(self._none_message(resource_type, "resources"))
        if failing:
            head = f"{self.name}: {len(failing)} of {len(bodies)} {resource_type} resources do not match"
            raise AssertionError(nearest_message(f"{head} {properties!r}.", failing))

    def has_provider(self, provider: str, properties: Any = None) -> int:
        """Assert that a `provider` block matches (`"aws", {"alias": "us_east_1"}`); return its index."""
        blocks = self.config.get("provider", {}).get(provider)
        if not blocks:
            raise AssertionError(
                f"{self.name}: no {provider!r} provider; providers: {sorted(self.config.get('provider', {}))}"
            )
        ranked = rank({f"provider.{provider}[{i}]": block for i, block in enumerate(blocks)}, properties)
        for candidate in ranked:
            if candidate.matched:
                return int(candidate.address.rsplit("[", 1)[1].rstrip("]"))
        head = f"{self.name}: none of {len(blocks)} {provider!r} provider blocks match {properties!r}."
        raise AssertionError(nearest_message(head, ranked))

    def has_output(self, name: str, properties: Any = None) -> None:
        outputs = self.config.get("output", {})
        if name not in outputs:
            raise AssertionError(f"{self.name}: no output {name!r}; outputs: {sorted(outputs) or 'none'}")
        mismatches = [] if properties is None else match(properties, outputs[name])
        if mismatches:
            raise AssertionError(f"{self.name}: output {name!r} differs:\n" + list_mismatches(mismatches))

    def _has(self, bodies: dict[str, dict], type_name: str, kind: str, properties: Any) -> str:
        ranked = self._ranked(bodies, properties)
        for candidate in ranked:
            if candidate.matched:
                return candidate.address
        if not ranked:
            raise AssertionError(self._none_message(type_name, kind))
        head = f"{self.name}: none of {len(bodies)} {type_name} {kind} match {properties!r}."
        raise AssertionError(nearest_message(head, ranked))

    def _none_message(self, type_name: str, kind: str) -> str:
        return (
            f"{self.name}: no {type_name} {kind} at all.\n"
            f"Resource types in the stack: {self.resource_types() or 'none'}"
        )
