"""Draw a synthesized stack: its resources and the references between them.

Why from the synthesized JSON: it is exactly what Terraform will manage, so
the picture cannot drift from the code. An edge `A --> B` means A's
configuration references B (`${B.attr}` or `depends_on`), i.e. A needs B.
Mermaid text renders inside GitHub markdown; Graphviz DOT renders to SVG or
PNG where the `dot` binary is installed (`render_image`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policies.inputs.config_view import sections
from policies.inputs.shapes import CONFIG_FIX, fail
from policies.output_files import OutputError, write_files

_EXPRESSION = re.compile(r"\$\{(.*?)\}")
_ADDRESS = re.compile(r"\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)")


class DiagramError(RuntimeError):
    """Graphviz is missing or failed; the message says which and how to fix it."""


@dataclass
class Graph:
    """Nodes are Terraform addresses; `groups` puts each node under a service (lambda, s3, dns...)."""

    stack: str
    nodes: list[str] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)

    def group(self, address: str) -> str:
        resource_type = address.removeprefix("data.").split(".")[0]
        provider, _, rest = resource_type.partition("_")
        service = rest.split("_")[0] if provider == "aws" and rest else provider
        return service or resource_type


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "//":
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


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
    edges = set()
    for address, body in bodies.items():
        depends_on = body.get("depends_on") or []
        targets = (
            {item for item in depends_on if isinstance(item, str)} if isinstance(depends_on, list) else set()
        )
        for text in _strings({key: item for key, item in body.items() if key != "depends_on"}):
            for expression in _EXPRESSION.findall(text):
                targets.update(_ADDRESS.findall(expression))
        edges.update((address, target) for target in targets if target in bodies and target != address)
    graph.edges = sorted(edges)
    return graph


def _node_id(address: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", address)


def _label(address: str) -> tuple[str, str]:
    """(resource type, name) for a two-line label."""
    bare = address.removeprefix("data.")
    resource_type, _, name = bare.partition(".")
    return ("data " if address.startswith("data.") else "") + resource_type, name


def to_mermaid(graph: Graph) -> str:
    """A `flowchart LR` with one subgraph per service."""
    lines = ["flowchart LR"]
    by_group: dict[str, list[str]] = {}
    for node in graph.nodes:
        by_group.setdefault(graph.group(node), []).append(node)
    for group, nodes in sorted(by_group.items()):
        lines.append(f'  subgraph g_{re.sub(r"[^A-Za-z0-9_]", "_", group)}["{group}"]')
        for node in nodes:
            resource_type, name = _label(node)
            text = f"{resource_type}<br/>{name}".replace('"', "#quot;")
            shape = ('[("', '")]') if node.startswith("data.") else ('["', '"]')
            lines.append(f"    {_node_id(node)}{shape[0]}{text}{shape[1]}")
        lines.append("  end")
    lines += [f"  {_node_id(source)} --> {_node_id(target)}" for source, target in graph.edges]
    if not graph.nodes:
        lines.append(f'  empty["{graph.stack}: no resources"]')
    return "\n".join(lines) + "\n"


def to_dot(graph: Graph) -> str:
    """Graphviz DOT with one cluster per service."""

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"digraph {quote(graph.stack)} {{", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    by_group: dict[str, list[str]] = {}
    for node in graph.nodes:
        by_group.setdefault(graph.group(node), []).append(node)
    for index, (group, nodes) in enumerate(sorted(by_group.items())):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={quote(group)};")
        for node in nodes:
            resource_type, name = _label(node)
            shape = ", shape=cylinder" if node.startswith("data.") else ""
            label = quote(resource_type)[:-1] + "\\n" + quote(name)[1:]  # DOT's own line break
            lines.append(f"    {quote(node)} [label={label}{shape}];")
        lines.append("  }")
    lines += [f"  {quote(source)} -> {quote(target)};" for source, target in graph.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_image(dot_text: str, output: Path, image_format: str | None = None) -> Path:
    """Render DOT to `output` (format from its suffix: svg or png) with the Graphviz `dot` binary."""
    image_format = image_format or output.suffix.lstrip(".")
    if image_format not in ("svg", "png"):
        raise DiagramError(f"cannot render {output}: image format {image_format!r} is not svg or png")
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError(
            "Graphviz `dot` is not on PATH: install Graphviz (e.g. `apt-get install graphviz`) "
            "or use --format mermaid / --format dot"
        )
    result = subprocess.run(
        [dot, f"-T{image_format}"], input=dot_text.encode(), capture_output=True, timeout=120
    )
    if result.returncode != 0:
        raise DiagramError(f"dot exited {result.returncode}: {result.stderr.decode(errors='replace')[:2000]}")
    try:
        write_files([(output, result.stdout)])
    except OutputError as error:
        raise DiagramError(str(error)) from None
    return output
