"""Render a `Diagram` as a Mermaid flowchart (renders inline in GitHub markdown).

Why escape everything: labels come from hostnames, construct paths, cron
expressions and CloudFront path patterns (`/_next/static/*`), and one stray
quote, bracket or pipe would break the whole picture. Every label is quoted
and its special characters become Mermaid entity codes (`#quot;`).
"""

from __future__ import annotations

import re

from review.diagram.model import Diagram, Node, Style

_OPEN_CLOSE = {
    "box": ('["', '"]'),
    "rounded": ('("', '")'),
    "store": ('[("', '")]'),
    "data": ('[("', '")]'),
    "host": ('[/"', '"/]'),
    "external": ('(["', '"])'),
    "event": ('{{"', '"}}'),
}
_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;", "`": "#96;"}


def escape(text: str) -> str:
    """One label line with Mermaid's special characters as entity codes (`#` first, it starts them)."""
    return "".join(_ENTITIES.get(char, char) for char in " ".join(text.split()))


def label(lines: tuple[str, ...]) -> str:
    return "<br/>".join(escape(line) for line in lines)


def node_ids(diagram: Diagram) -> dict[str, str]:
    """Stable Mermaid identifiers (`n_` + the id's letters and digits; clashes get a number)."""
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for node in diagram.nodes:
        base = "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node.id)
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}_{number}", number + 1
        taken.add(candidate)
        ids[node.id] = candidate
    return ids


def _style(style: Style) -> str:
    parts = [f"fill:{style.fill}", f"stroke:{style.stroke}", f"color:{style.text}"]
    if style.dashed:
        parts.append("stroke-dasharray:5 5")
    parts.append("stroke-width:3px" if style.bold else "stroke-width:1px")
    return ",".join(parts)


def _node(node: Node, ids: dict[str, str]) -> str:
    opening, closing = _OPEN_CLOSE[node.shape]
    return f"{ids[node.id]}{opening}{label(node.lines)}{closing}"


def to_mermaid(diagram: Diagram) -> str:
    """`flowchart <direction>` with one subgraph per cluster, classes for styles, labelled edges."""
    ids = node_ids(diagram)
    lines = [f"flowchart {diagram.direction}"]
    for index, (cluster, nodes) in enumerate(diagram.by_cluster()):
        if not cluster:
            lines += [f"  {_node(node, ids)}" for node in nodes]
            continue
        lines.append(f'  subgraph g{index}["{escape(cluster)}"]')
        lines += [f"    {_node(node, ids)}" for node in nodes]
        lines.append("  end")
    for edge in diagram.edges:
        arrow = "-.->" if edge.dashed else "-->"
        text = f'|"{label(edge.label)}"|' if edge.label else ""
        lines.append(f"  {ids[edge.source]} {arrow}{text} {ids[edge.target]}")
    used = sorted({node.style for node in diagram.nodes if node.style})
    for name in used:
        lines.append(f"  classDef {name} {_style(diagram.styles[name])}")
    for name in used:
        members = ",".join(ids[node.id] for node in diagram.nodes if node.style == name)
        lines.append(f"  class {members} {name}")
    if not diagram.nodes:
        lines.append(f'  empty["{escape(diagram.title)}: nothing to draw"]')
    return "\n".join(lines) + "\n"


def fenced(text: str) -> str:
    """The Mermaid text in a ```mermaid block (for markdown files and PR comments)."""
    return f"```mermaid\n{text}```\n"
