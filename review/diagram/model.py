"""What every diagram is before it becomes Mermaid or DOT: nodes, edges, clusters and styles.

Why a render-agnostic model: the architecture view, the resource view, the
stage comparison and the pull-request change view all draw the same kind of
picture, and Mermaid (GitHub) and DOT (Graphviz, SVG/PNG) must show the same
thing. Builders produce a `Diagram` whose nodes and edges are already in
their final order, so the renderers are pure functions and the output is
byte-identical for the same input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SHAPES = ("box", "rounded", "store", "host", "external", "event", "data")
"""Node shapes every renderer knows: a plain box, a rounded box (compute), a cylinder (data
store), a parallelogram (hostname), a stadium (external service), a hexagon (schedule/event)
and a cylinder for data sources in the resource view."""


@dataclass(frozen=True)
class Style:
    """How a class of nodes looks (colours as `#rrggbb`)."""

    fill: str
    stroke: str
    text: str = "#1f2328"
    dashed: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Node:
    """One box. `lines` are plain text (renderers escape them); `cluster` names its group."""

    id: str
    lines: tuple[str, ...]
    cluster: str = ""
    shape: str = "box"
    style: str = ""
    """A key of `Diagram.styles`, or empty for the default look."""

    def __post_init__(self) -> None:
        if self.shape not in SHAPES:
            raise ValueError(f"node {self.id!r}: shape {self.shape!r} is not one of {SHAPES}")


@dataclass(frozen=True)
class Edge:
    """A request or data flow from `source` to `target` (node ids), with an optional label."""

    source: str
    target: str
    label: tuple[str, ...] = ()
    dashed: bool = False


@dataclass(frozen=True)
class Diagram:
    """A whole picture. `clusters` gives the order of the groups; nodes keep their given order."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()
    clusters: tuple[str, ...] = ()
    styles: dict[str, Style] = field(default_factory=dict)
    direction: str = "LR"

    def __post_init__(self) -> None:
        ids = [node.id for node in self.nodes]
        duplicates = sorted({node for node in ids if ids.count(node) > 1})
        if duplicates:
            raise ValueError(f"diagram {self.title!r}: node ids {duplicates} are defined twice")
        known = set(ids)
        dangling = sorted(
            {end for edge in self.edges for end in (edge.source, edge.target) if end not in known}
        )
        if dangling:
            raise ValueError(f"diagram {self.title!r}: edges point at undefined nodes {dangling}")
        missing = sorted({node.style for node in self.nodes if node.style and node.style not in self.styles})
        if missing:
            raise ValueError(f"diagram {self.title!r}: styles {missing} are used but not defined")

    def by_cluster(self) -> list[tuple[str, list[Node]]]:
        """`[(cluster, nodes)]` in `clusters` order, then any other cluster by name; "" (no cluster) last."""
        groups: dict[str, list[Node]] = {}
        for node in self.nodes:
            groups.setdefault(node.cluster, []).append(node)
        order = [name for name in self.clusters if name in groups]
        order += sorted(name for name in groups if name and name not in order)
        if "" in groups:
            order.append("")
        return [(name, groups[name]) for name in order]
