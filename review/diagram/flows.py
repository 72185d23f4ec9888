"""The labelled edges of the architecture view: who sends what to whom.

Two sources here, each read from the synthesized JSON:
- references between components, drawn by `kinds.EDGE_RULES`;
- CloudFront behaviors, one edge per origin labelled with its path patterns.
Calls to URLs and external services are in `review.diagram.calls`.

Label text is limited to what is safe to publish: path patterns, route
keys, schedule expressions, variable names. Anything that is a `${...}`
expression or looks like a credential is left out (`safe_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatchcase
from typing import Any

from review.diagram.components import Component, ComponentModel
from review.diagram.kinds import DEFAULT_LABELS, EDGE_RULES, EdgeRule
from review.diagram.resources import references
from sensitive.display_redaction import looks_secret

MAX_LABEL_LINES = 6
Flows = dict[tuple[str, str], list[str]]
"""(source node, target node) -> label lines, in the order they were found."""


def safe_text(value: Any) -> str | None:
    """`value` if it is a literal, non-secret-looking string; else None (never shown)."""
    if not isinstance(value, str) or not value or "${" in value or looks_secret(value):
        return None
    return " ".join(value.split())


def add(flows: Flows, source: str, target: str, *labels: str | None) -> None:
    if source == target:
        return
    lines = flows.setdefault((source, target), [])
    lines += [label for label in labels if label and label not in lines]


def capped(lines: list[str]) -> list[str]:
    return (
        lines
        if len(lines) <= MAX_LABEL_LINES
        else [*lines[: MAX_LABEL_LINES - 1], f"+{len(lines) - MAX_LABEL_LINES + 1} more"]
    )


def _rule(referrer_type: str, target: Component) -> EdgeRule | None:
    for rule in EDGE_RULES:
        if fnmatchcase(referrer_type, rule.referrer) and rule.target in ("*", target.kind.name):
            return rule
    return None


_READ_BY = {"@routes": "route_key", "@schedule": "schedule_expression"}
"""Label placeholders -> the attribute of the referring component's resources they list."""


def _component_label(text: str, source: Component, model: ComponentModel) -> list[str]:
    attribute = _READ_BY.get(text)
    if attribute is None:
        return [text] if text else []
    values = (safe_text(model.stack.resources[m].body.get(attribute)) for m in source.members)
    return capped(sorted(value for value in values if value))


def reference_flows(model: ComponentModel, node_of: Callable[[str], str], flows: Flows) -> None:
    """One edge per pair of components whose resources reference each other, per `EDGE_RULES`."""
    labels_of: dict[tuple[str, str], list[str]] = {}  # (label text, source) -> lines: read once
    for address, targets in sorted(model.stack.refs.items()):
        source = model.components[model.owner[address]]
        for target_address in sorted(targets):
            target = model.components[model.owner[target_address]]
            if target.key == source.key:
                continue
            rule = _rule(model.stack.resources[address].type, target)
            if rule is not None and rule.skip:
                continue
            text = rule.label if rule else DEFAULT_LABELS.get(target.kind.name, "")
            if (text, source.key) not in labels_of:
                labels_of[text, source.key] = _component_label(text, source, model)
            labels = labels_of[text, source.key]
            ends = (target, source) if rule is not None and rule.reverse else (source, target)
            add(flows, node_of(ends[0].key), node_of(ends[1].key), *labels)


def behavior_flows(
    model: ComponentModel, node_of: Callable[[str], str], flows: Flows, origins: dict[str, str]
) -> None:
    """CloudFront -> each origin, labelled with the path patterns routed there (declared order; default last).

    `origins` collects literal origin domains (outside this stack) as `{node id: domain}`.
    """
    stack = model.stack
    for component in model.of_kind("cdn"):
        for core in component.cores:
            body = stack.resources[core].body
            targets: dict[str, tuple[str, str | None]] = {}
            for origin in body.get("origin") or []:
                refs = sorted(
                    model.owner[t] for t in _origin_refs(origin, model) if model.owner[t] != component.key
                )
                domain = safe_text(origin.get("domain_name"))
                node = node_of(refs[0]) if refs else (f"origin:{domain}" if domain else "")
                if node and not refs and domain:
                    origins[node] = domain
                if node:
                    targets[str(origin.get("origin_id"))] = (node, safe_text(origin.get("origin_path")))
            behaviors = [
                (b.get("path_pattern"), b.get("target_origin_id"))
                for b in body.get("ordered_cache_behavior") or []
            ]
            default = body.get("default_cache_behavior") or {}
            behaviors.append(("* (default)", default.get("target_origin_id")))
            by_origin: dict[str, list[str]] = {}
            for pattern, origin_id in behaviors:
                if str(origin_id) in targets and safe_text(pattern):
                    by_origin.setdefault(str(origin_id), []).append(str(pattern))
            for origin_id, patterns in by_origin.items():
                node, origin_path = targets[origin_id]
                lines = capped(patterns) + ([f"origin path {origin_path}"] if origin_path else [])
                add(flows, node_of(component.key), node, *lines)


def _origin_refs(origin: dict[str, Any], model: ComponentModel) -> set[str]:
    return {
        target for target in references({"domain_name": origin.get("domain_name")}) if target in model.owner
    }
