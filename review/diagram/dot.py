"""Render a `Diagram` as Graphviz DOT (for `dot -Tsvg` / `-Tpng`, see `review.diagram.graphviz`).

Why quote every identifier: node ids are Terraform addresses and construct
paths (`web/server/lambda`), which DOT would otherwise parse as operators.
Label lines are joined with DOT's own `\\n`, never a literal backslash-n.
"""

from __future__ import annotations

from review.diagram.model import Diagram, Edge, Node, Style

_SHAPES = {
    "box": 'shape=box, style="filled"',
    "rounded": 'shape=box, style="rounded,filled"',
    "store": 'shape=cylinder, style="filled"',
    "data": 'shape=cylinder, style="filled"',
    "host": 'shape=parallelogram, style="filled"',
    "external": 'shape=box, style="rounded,filled,dashed"',
    "event": 'shape=hexagon, style="filled"',
}
_DEFAULT_FILL = 'fillcolor="#ffffff", color="#57606a", fontcolor="#1f2328"'


def quote(text: str) -> str:
    """A DOT double-quoted string (backslashes and quotes escaped, one line)."""
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def label(lines: tuple[str, ...]) -> str:
    """Lines joined by DOT's `\\n` escape inside one quoted string."""
    return '"' + "\\n".join(quote(line)[1:-1] for line in lines) + '"'


def _styled(style: Style | None, shape: str) -> str:
    attributes = _SHAPES[shape]
    if style is None:
        return f"{attributes}, {_DEFAULT_FILL}"
    if style.dashed and "dashed" not in attributes:
        attributes = attributes[:-1] + ',dashed"'
    colours = f'fillcolor="{style.fill}", color="{style.stroke}", fontcolor="{style.text}"'
    return f"{attributes}, {colours}" + (", penwidth=3" if style.bold else "")


def _node(node: Node, diagram: Diagram) -> str:
    style = diagram.styles.get(node.style) if node.style else None
    return f"{quote(node.id)} [label={label(node.lines)}, {_styled(style, node.shape)}];"


def _edge(edge: Edge) -> str:
    attributes = [f"label={label(edge.label)}"] if edge.label else []
    if edge.dashed:
        attributes.append("style=dashed")
    suffix = f" [{', '.join(attributes)}]" if attributes else ""
    return f"{quote(edge.source)} -> {quote(edge.target)}{suffix};"


def to_dot(diagram: Diagram) -> str:
    """`digraph` with one `cluster_N` subgraph per cluster, in the diagram's order."""
    lines = [
        f"digraph {quote(diagram.title)} {{",
        f"  rankdir={diagram.direction};",
        '  graph [fontname="Helvetica", fontsize=12, nodesep=0.3, ranksep=0.8];',
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9, color="#57606a"];',
    ]
    for index, (cluster, nodes) in enumerate(diagram.by_cluster()):
        if not cluster:
            lines += [f"  {_node(node, diagram)}" for node in nodes]
            continue
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f'    label={quote(cluster)}; style="rounded"; color="#d0d7de";')
        lines += [f"    {_node(node, diagram)}" for node in nodes]
        lines.append("  }")
    lines += [f"  {_edge(edge)}" for edge in diagram.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"
