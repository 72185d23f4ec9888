"""Two stages in one picture (`sgct diagram --compare prod pr-123`), with one-sided parts marked.

Why one picture: "what does an ephemeral stage leave out?" (the QStash
schedule, DNSSEC, the www redirect, the wildcard alias) is a question about
differences, and two separate pictures make the reader diff them by eye.
Nodes are matched by id, which is stage-independent (construct paths,
hostname roles, service ids); a node or flow present on one side only is
drawn dashed, coloured, and says `only in <stage>`. Where both sides have
a node but its text differs (the hostnames themselves), both texts are shown.
"""

from __future__ import annotations

from review.diagram.model import Diagram, Edge, Node, Style

ONLY_LEFT = "only_left"
ONLY_RIGHT = "only_right"
MARKS = {
    ONLY_LEFT: Style(fill="#fff8c5", stroke="#9a6700", dashed=True, bold=True),
    ONLY_RIGHT: Style(fill="#ddf4ff", stroke="#0969da", dashed=True, bold=True),
}


def merge_lines(left: tuple[str, ...], right: tuple[str, ...], names: tuple[str, str]) -> tuple[str, ...]:
    """Lines both sides share stay as they are; differing ones appear once per side, prefixed by stage."""
    if left == right:
        return left
    merged: list[str] = []
    for index in range(max(len(left), len(right))):
        mine = left[index] if index < len(left) else None
        theirs = right[index] if index < len(right) else None
        if mine == theirs and mine is not None:
            merged.append(mine)
            continue
        merged += [f"{name}: {line}" for name, line in zip(names, (mine, theirs), strict=True) if line]
    return tuple(merged)


def compare(left: Diagram, right: Diagram) -> Diagram:
    """The union of both diagrams; `left.title` and `right.title` are the stage names."""
    names = (left.title, right.title)
    right_nodes = {node.id: node for node in right.nodes}
    left_ids = {node.id for node in left.nodes}
    nodes: list[Node] = []
    for node in left.nodes:
        other = right_nodes.get(node.id)
        if other is None:
            nodes.append(
                Node(node.id, (*node.lines, f"only in {names[0]}"), node.cluster, node.shape, ONLY_LEFT)
            )
        else:
            nodes.append(
                Node(
                    node.id, merge_lines(node.lines, other.lines, names), node.cluster, node.shape, node.style
                )
            )
    for node in right.nodes:
        if node.id not in left_ids:
            nodes.append(
                Node(node.id, (*node.lines, f"only in {names[1]}"), node.cluster, node.shape, ONLY_RIGHT)
            )
    clusters = tuple(dict.fromkeys((*left.clusters, *right.clusters)))
    position = {name: index for index, name in enumerate(clusters)}
    nodes.sort(key=lambda node: position.get(node.cluster, len(position)))  # stable: left's order first
    right_edges = {(edge.source, edge.target): edge for edge in right.edges}
    left_keys = {(edge.source, edge.target) for edge in left.edges}
    edges: list[Edge] = []
    for edge in left.edges:
        twin = right_edges.get((edge.source, edge.target))
        if twin is None:
            edges.append(Edge(edge.source, edge.target, (*edge.label, f"only in {names[0]}"), dashed=True))
        else:
            edges.append(Edge(edge.source, edge.target, merge_lines(edge.label, twin.label, names)))
    edges += [
        Edge(edge.source, edge.target, (*edge.label, f"only in {names[1]}"), dashed=True)
        for edge in right.edges
        if (edge.source, edge.target) not in left_keys
    ]
    index = {node.id: number for number, node in enumerate(nodes)}
    edges.sort(key=lambda edge: (index[edge.source], index[edge.target]))
    styles = {**left.styles, **right.styles, **MARKS}
    return Diagram(f"{names[0]} vs {names[1]}", tuple(nodes), tuple(edges), clusters, styles, left.direction)
