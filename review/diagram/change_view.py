"""What a pull request changes, drawn: the touched components of one stage review, coloured by action.

Why components and not resources: a reviewer asks "does this touch the
API's function, the CDN, the prod bucket?", not "which of 70 addresses".
Each changed resource is mapped to its architecture component through the
synthesized stacks (head first, then base, for what the change removes);
without a stack it falls back to its construct path, or its resource
type. Labels are kind, construct name and action only: no attribute value
can reach the comment through the diagram. Destroys and replacements on a
protected stage are drawn in the CAUTION colour of the comment's warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from review.changes import Action, ComponentChange, ResourceChange, StageReview
from review.diagram.architecture import Architecture, build_architecture
from review.diagram.components import display_name
from review.diagram.kinds import KINDS, OTHER, TIERS, TIERS_BY_CONSTRUCT
from review.diagram.model import Diagram, Edge, Node, Style
from review.stack_input import read_stack

CAUTION = "caution"
STYLES = {
    Action.CREATE.value: Style(fill="#dafbe1", stroke="#1a7f37"),
    Action.UPDATE.value: Style(fill="#ddf4ff", stroke="#0969da"),
    Action.REPLACE.value: Style(fill="#fff8c5", stroke="#9a6700"),
    Action.DESTROY.value: Style(fill="#ffebe9", stroke="#cf222e"),
    CAUTION: Style(fill="#d1242f", stroke="#82071e", text="#ffffff", bold=True),
}
"""Colours by action; CAUTION (GitHub's caution red) for destruction on a protected stage."""
LEGEND = (
    "Colours: green add, blue change, amber replace, light red destroy; "
    "solid red: destroy or replace on a protected stage."
)
_SEVERITY = list(Action)  # DESTROY first: the most destructive action wins


def _fallback(change: ResourceChange) -> tuple[str, str, str, str]:
    """(key, title, name, tier) for a resource no stack knows: its construct, else its type."""
    kind = KINDS.get(change.resource_type, OTHER)
    parts = [part for part in (change.construct_path or "").split("/") if part][1:]
    if len(parts) > 1:
        key = "/".join(parts[:-1])
        tier = kind.tier or TIERS_BY_CONSTRUCT.get(parts[0], OTHER.tier or "")
        return key, kind.title, display_name(key), tier
    title = kind.title if kind is not OTHER else change.resource_type
    return f"type:{change.resource_type}", title, change.resource_type, kind.tier or OTHER.tier or ""


def touched_components(
    changes: list[ResourceChange], stacks: list[tuple[str, dict[str, Any]]]
) -> list[ComponentChange]:
    """The components `changes` touch, using `stacks` (`[(name, config)]`, head first) to place them."""
    if not changes:
        return []
    views: list[Architecture] = []

    def place(address: str) -> Architecture | None:
        """The first view (head, then base) that holds `address`; later stacks are read only if needed."""
        for index in range(len(stacks)):
            if index == len(views):
                views.append(build_architecture(*stacks[index]))
            if address in views[index].model.owner:
                return views[index]
        return None

    found: dict[str, dict[str, Any]] = {}
    for change in changes:
        view = place(change.address)
        if view is not None:
            component = view.model.components[view.model.owner[change.address]]
            key, title, name, tier = component.key, component.kind.title, component.name, component.tier
        else:
            key, title, name, tier = _fallback(change)
        entry = found.setdefault(key, {"title": title, "name": name, "tier": tier, "actions": []})
        entry["actions"].append(change.action)
    links = _links(views[0], set(found)) if views else {}  # flows are the head's
    return [
        ComponentChange(
            key=key,
            title=entry["title"],
            name=entry["name"],
            tier=entry["tier"],
            action=min(entry["actions"], key=_SEVERITY.index),
            resources=len(entry["actions"]),
            links=tuple(sorted(links.get(key, ()))),
        )
        for key, entry in sorted(found.items())
    ]


def _links(view: Architecture, touched: set[str]) -> dict[str, set[str]]:
    """Flows of the architecture between touched components (hostnames stand for their records)."""
    members = {node.id: set(node.members) & touched for node in view.nodes}
    links: dict[str, set[str]] = {}
    for source, target in view.flows:
        for start in members.get(source, set()):
            for end in members.get(target, set()) - {start}:
                links.setdefault(start, set()).add(end)
    return links


def attach_components(review: StageReview, stacks: list[tuple[str, dict[str, Any]]]) -> None:
    """Fill `review.components` (in place) from its changed resources."""
    review.components = touched_components(review.changed, stacks)


def stage_stacks(stage: str, synth_dirs: list[Path | None]) -> list[tuple[str, dict[str, Any]]]:
    """`[(stage, config)]` of the stage's stack in each synthesized directory that has it, in order."""
    found = []
    for synth_dir in synth_dirs:
        path = synth_dir / "stacks" / stage / "cdk.tf.json" if synth_dir is not None else None
        if path is not None and path.is_file():
            found.append((stage, read_stack(path)))
    return found


def change_diagram(review: StageReview) -> Diagram:
    """The touched components, grouped like the architecture view, coloured by action."""
    nodes = []
    for component in review.components:
        count = f" ({component.resources} resources)" if component.resources > 1 else ""
        action = f"{component.action.symbol} {component.action.value}{count}"
        style = CAUTION if review.protected and component.action.is_destructive else component.action.value
        nodes.append(
            Node(component.key, (component.title, component.name, action), component.tier, "box", style)
        )
    order = {tier: index for index, tier in enumerate(TIERS)}
    nodes.sort(key=lambda node: (order.get(node.cluster, len(order)), node.id))
    index = {node.id: position for position, node in enumerate(nodes)}
    edges = sorted(
        (
            Edge(component.key, link)
            for component in review.components
            for link in component.links
            if link in index
        ),
        key=lambda edge: (index[edge.source], index[edge.target]),
    )
    return Diagram(f"{review.stage} changes", tuple(nodes), tuple(edges), TIERS, dict(STYLES))
