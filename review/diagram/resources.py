"""The resource view (`sgct diagram --level resources`): every resource, and what it references.

Why keep it next to the architecture view: when an engineer needs to know
exactly which Terraform objects exist and what depends on what (validation
records, IAM policies, permissions), the component picture hides that on
purpose. An edge `A --> B` means A's configuration references B
(`${B.attr}` or `depends_on`), i.e. A needs B.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from policies.inputs.config_view import sections
from policies.inputs.shapes import CONFIG_FIX, fail
from review.diagram.model import Diagram, Edge, Node

_EXPRESSION = re.compile(r"\$\{(.*?)\}")
_ADDRESS = re.compile(r"\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)")


@dataclass
class Graph:
    """Nodes are Terraform addresses; `group` puts each node under a service (lambda, s3, dns...)."""

    stack: str
    nodes: list[str] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)

    def group(self, address: str) -> str:
        resource_type = address.removeprefix("data.").split(".")[0]
        provider, _, rest = resource_type.partition("_")
        service = rest.split("_")[0] if provider == "aws" and rest else provider
        return service or resource_type


def strings(value: Any) -> Iterator[str]:
    """Every string leaf of a resource body, skipping CDKTF's `//` metadata."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "//":
                yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def references(body: dict[str, Any]) -> set[str]:
    """Addresses a body names in `${...}` expressions or `depends_on` (unchecked: may not exist)."""
    depends_on = body.get("depends_on") or []
    found = {item for item in depends_on if isinstance(item, str)} if isinstance(depends_on, list) else set()
    for text in strings({key: item for key, item in body.items() if key != "depends_on"}):
        for expression in _EXPRESSION.findall(text):
            found.update(_ADDRESS.findall(expression))
    return found


def build_graph(stack: str, config: dict[str, Any], source: str = "cdk.tf.json") -> Graph:
    """Resources and data sources of one `cdk.tf.json`, with reference edges between them.

    A malformed stack (`source` names it) raises `InputError` naming the
    key, from the same shape checks `sgct check` uses.
    """
    if not isinstance(config, dict):
        raise fail(source, "the top level", "an object (Terraform JSON config)", config, CONFIG_FIX)
    bodies: dict[str, dict] = {}
    for prefix, section in (("", "resource"), ("data.", "data")):
        for type_name, name, body in sections(config, section, source):
            bodies[f"{prefix}{type_name}.{name}"] = body
    graph = Graph(stack=stack, nodes=sorted(bodies))
    edges: set[tuple[str, str]] = set()
    for address, body in bodies.items():
        targets = references(body)
        edges.update((address, target) for target in targets if target in bodies and target != address)
    graph.edges = sorted(edges)
    return graph


def _lines(address: str) -> tuple[str, str]:
    """(resource type, name) for a two-line label."""
    bare = address.removeprefix("data.")
    resource_type, _, name = bare.partition(".")
    return ("data " if address.startswith("data.") else "") + resource_type, name


def to_diagram(graph: Graph) -> Diagram:
    """One box per resource (a cylinder per data source), one cluster per service."""
    nodes = tuple(
        Node(
            id=address,
            lines=_lines(address),
            cluster=graph.group(address),
            shape="data" if address.startswith("data.") else "box",
        )
        for address in graph.nodes
    )
    edges = tuple(Edge(source, target) for source, target in graph.edges)
    return Diagram(
        title=graph.stack, nodes=nodes, edges=edges, clusters=tuple(sorted({n.cluster for n in nodes}))
    )
