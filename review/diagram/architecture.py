"""The architecture view (`sgct diagram`'s default): components, hostnames, external services, flows.

Why built and not drawn: it is derived from the synthesized JSON and the
construct paths in its `//` metadata, so it cannot drift from the code,
and a construct added tomorrow appears without touching this file (see
`review.diagram.kinds`). Node ids are stage-independent (construct paths,
hostname roles, service ids), which is what `--compare` matches on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from review.diagram.calls import service_flows, subscriber_flows, url_flows
from review.diagram.components import Component, ComponentModel, build_components
from review.diagram.externals import EXTERNAL_SERVICES
from review.diagram.flows import Flows, add, behavior_flows, reference_flows
from review.diagram.hostnames import collect_hostnames
from review.diagram.kinds import TIERS
from review.diagram.model import Diagram, Edge, Node, Style
from review.diagram.stack import read_stack

VISITORS = "ext:visitors"
EXTERNAL_TIER = "External services"
STYLES = {
    "rounded": Style(fill="#fff8c5", stroke="#d4a72c"),
    "store": Style(fill="#dafbe1", stroke="#4ac26b"),
    "event": Style(fill="#fff1e5", stroke="#fb8f44"),
    "host": Style(fill="#ddf4ff", stroke="#54aeff"),
    "external": Style(fill="#f6f8fa", stroke="#8c959f", dashed=True),
}
"""Architecture colours by node shape: compute yellow, data green, schedules orange, hostnames blue."""


@dataclass(frozen=True)
class ArchNode:
    id: str
    lines: tuple[str, ...]
    tier: str
    shape: str
    members: tuple[str, ...] = ()
    """Component keys this node draws (DNS records for a hostname; the component itself)."""


@dataclass
class Architecture:
    """A stage's nodes (in drawing order) and labelled flows; `model` keeps the component grouping."""

    stage: str
    nodes: list[ArchNode]
    flows: Flows
    model: ComponentModel

    def to_diagram(self) -> Diagram:
        index = {node.id: position for position, node in enumerate(self.nodes)}
        edges = tuple(
            Edge(source, target, tuple(labels))
            for (source, target), labels in sorted(
                self.flows.items(), key=lambda item: (index[item[0][0]], index[item[0][1]])
            )
        )
        nodes = tuple(
            Node(node.id, node.lines, node.tier, node.shape, node.shape if node.shape in STYLES else "")
            for node in self.nodes
        )
        return Diagram(title=self.stage, nodes=nodes, edges=edges, clusters=TIERS, styles=dict(STYLES))


def component_lines(component: Component) -> tuple[str, ...]:
    """Kind and name, or kind and count for gathered kinds; no attribute values."""
    if component.kind.noun:
        count = len(component.cores) if component.cores else len(component.members)
        noun = component.kind.noun + ("" if count == 1 else "s")
        return (
            component.kind.title,
            f"{count} {noun}" if component.kind.name != "other" else f"{component.name}: {count} {noun}",
        )
    return (component.kind.title, component.name)


def build_architecture(stage: str, config: dict[str, Any], source: str = "cdk.tf.json") -> Architecture:
    """Read one synthesized stack and lay out its architecture."""
    model = build_components(read_stack(stage, config, source))
    hosts = collect_hostnames(model)
    record_node = {key: host.id for host in hosts for key in host.records}

    def node_of(key: str) -> str:
        return record_node.get(key, key)

    nodes: list[ArchNode] = []
    flows: Flows = {}
    if hosts:
        nodes.append(ArchNode(VISITORS, ("Visitors",), "Users", "external"))
    for host in hosts:
        note = (
            "wildcard alias"
            if host.id == "host:wildcard"
            else ("alias, no DNS record" if host.alias_only else "")
        )
        nodes.append(
            ArchNode(
                host.id,
                (host.name, note) if note else (host.name,),
                "DNS (Cloudflare)",
                "host",
                tuple(host.records),
            )
        )
        add(flows, VISITORS, host.id, "HTTPS")
        for key in host.serves:
            add(flows, host.id, node_of(key))
    components = [c for key, c in model.components.items() if key not in record_node]
    nodes += [ArchNode(c.key, component_lines(c), c.tier, c.kind.shape, (c.key,)) for c in components]
    origins: dict[str, str] = {}
    reference_flows(model, node_of, flows)
    behavior_flows(model, node_of, flows, origins)
    url_flows(model, node_of, {host.name: host.id for host in hosts}, flows)
    services = service_flows(model, node_of, flows)
    subscribers = subscriber_flows(model, node_of, flows)
    nodes += [
        ArchNode(node, ("Origin", domain), EXTERNAL_TIER, "external")
        for node, domain in sorted(origins.items())
    ]
    nodes += [
        ArchNode(node, (service.title,), EXTERNAL_TIER, "external") for node, service in services.items()
    ]
    nodes += [ArchNode(node, (title,), "Users", "external") for node, title in sorted(subscribers.items())]
    order = {tier: position for position, tier in enumerate(TIERS)}
    host_order = {host.id: position for position, host in enumerate(hosts)}
    nodes.sort(
        key=lambda node: (
            order.get(node.tier, len(order)),
            host_order.get(node.id, -1),
            _service_order(node.id),
            node.id,
        )
    )
    return Architecture(stage=stage, nodes=nodes, flows=flows, model=model)


def _service_order(node_id: str) -> int:
    """External services in their table order (databases first), not alphabetically."""
    ids = [f"ext:{service.id}" for service in EXTERNAL_SERVICES]
    return ids.index(node_id) if node_id in ids else -1
