"""One synthesized stack as the architecture view reads it: resources, construct paths, references.

Why references are widened here: a flow is not always a `${...}` pointing
straight at its target. IAM documents built as data sources sit between a
function and the bucket it reads, and CloudWatch alarms name a function by
its literal `FunctionName`. Data sources are looked through, and a literal
token equal to a component's name (its `Kind.identity` attribute) counts as
a reference, so those flows are drawn like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from policies.inputs.config_view import construct_paths, sections
from policies.inputs.shapes import CONFIG_FIX, fail
from review.diagram.kinds import KINDS
from review.diagram.resources import references, strings

_TOKEN = re.compile(r"[A-Za-z0-9._-]+")
_UNREAD = frozenset({"tags", "tags_all", "description", "comment"})
"""Free text and labels: a name quoted there is not a flow."""
MIN_IDENTITY_CHARS = 6
"""Shorter names (`prod`, `api`) are too common to be taken as a reference when quoted literally."""


@dataclass(frozen=True)
class Resource:
    """One managed resource. `path` is its construct path below the stack (None without metadata)."""

    address: str
    type: str
    path: tuple[str, ...] | None
    body: dict[str, Any] = field(compare=False, repr=False)


@dataclass
class Stack:
    """Every resource of one stack and, per address, the resource addresses it references."""

    name: str
    resources: dict[str, Resource]
    refs: dict[str, set[str]]

    def referrers(self) -> dict[str, set[str]]:
        """The reverse of `refs`: address -> the addresses that reference it."""
        found: dict[str, set[str]] = {address: set() for address in self.resources}
        for source, targets in self.refs.items():
            for target in targets:
                found[target].add(source)
        return found

    def attribute_refs(self, address: str, attribute: str) -> list[str]:
        """Resources referenced from one attribute of `address`, sorted (for `Kind.group_by`)."""
        body = self.resources[address].body
        if attribute not in body:
            return []
        return sorted(
            target for target in references({attribute: body[attribute]}) if target in self.resources
        )


def _path(construct: str | None) -> tuple[str, ...] | None:
    """`prod/web/server/lambda/function` -> `('web', 'server', 'lambda', 'function')`.

    CDKTF paths start with the stack's id; dropping it makes the same construct
    have the same path in every stage (which `--compare` relies on).
    """
    if not construct:
        return None
    parts = tuple(part for part in construct.split("/") if part)
    return parts[1:] if len(parts) > 1 else parts


def _identities(resources: dict[str, Resource]) -> dict[str, str]:
    """Literal names of component resources (`function_name`, `bucket`...) -> their address."""
    found: dict[str, str] = {}
    for address, resource in sorted(resources.items()):
        kind = KINDS.get(resource.type)
        value = resource.body.get(kind.identity) if kind and kind.identity else None
        if isinstance(value, str) and "${" not in value and len(value) >= MIN_IDENTITY_CHARS:
            found.setdefault(value, address)
    return found


def read_stack(name: str, config: dict[str, Any], source: str = "cdk.tf.json") -> Stack:
    """Parse one `cdk.tf.json` (shape-checked like `sgct check` does; `InputError` names the key)."""
    if not isinstance(config, dict):
        raise fail(source, "the top level", "an object (Terraform JSON config)", config, CONFIG_FIX)
    paths = construct_paths(config, source)
    resources = {
        f"{type_name}.{resource_name}": Resource(
            f"{type_name}.{resource_name}", type_name, _path(paths.get(f"{type_name}.{resource_name}")), body
        )
        for type_name, resource_name, body in sections(config, "resource", source)
    }
    data = {
        f"data.{type_name}.{data_name}": body
        for type_name, data_name, body in sections(config, "data", source)
    }
    data_refs = {address: references(body) for address, body in data.items()}

    def expand(targets: set[str], seen: set[str]) -> set[str]:
        """Look through data sources to the resources they reference."""
        found = set()
        for target in targets:
            if target in resources:
                found.add(target)
            elif target in data_refs and target not in seen:
                seen.add(target)
                found |= expand(data_refs[target], seen)
        return found

    identities = _identities(resources)
    refs: dict[str, set[str]] = {}
    for address, resource in resources.items():
        targets = expand(references(resource.body), set())
        for text in strings({key: value for key, value in resource.body.items() if key not in _UNREAD}):
            if "${" in text:
                text = re.sub(r"\$\{[^}]*\}", " ", text)
            targets.update(identities[token] for token in _TOKEN.findall(text) if token in identities)
        targets.discard(address)
        refs[address] = targets
    return Stack(name=name, resources=resources, refs=refs)
