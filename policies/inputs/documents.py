"""What a rule sees: one checked file as a `Document` of `Resource`s.

Why one shape for two inputs: most rules (ARM64, TLS, retention, names)
mean the same thing on synthesized config and on a plan, so they are
written once against `Resource.get`, which fails closed: a value that is
unknown until apply (`after_unknown`) or an unresolved `${...}` raises
`UnknownValue`, which the engine reports as a finding.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from policies.inputs.document_index import DocumentIndex
from policies.inputs.stage_context import StageContext
from policies.model import InputKind, UnknownValue

MISSING = object()
_SIMPLE_REFERENCE = re.compile(r"\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}")


@dataclass
class Resource:
    """One managed resource: its values (plan: after, or before when deleted) and its change."""

    address: str
    type: str
    name: str
    values: dict
    unknown: object = None
    """`after_unknown` mirror for plan resources (True marks an unknown subtree)."""
    actions: tuple[str, ...] = ()
    """Plan actions (`("delete", "create")`...); empty for config."""
    action_reason: str | None = None
    lifecycle: dict = field(default_factory=dict)
    provider: str | None = None
    """Provider reference: `aws`, `aws.us_east_1`, ... (config `provider` or plan `provider_config_key`)."""
    construct_path: str | None = None

    @property
    def is_deleted(self) -> bool:
        """The resource (this instance of it) goes away: pure delete or either replace order."""
        return "delete" in self.actions

    def get(self, *path, default=MISSING):
        """The value at `path` (keys and list indexes); `UnknownValue` if unknown until apply."""
        value, unknown = self.values, self.unknown
        for step in path:
            if unknown is True:
                raise UnknownValue(self.address, _dotted(path))
            unknown = _step(unknown, step, None)
            value = _step(value, step, MISSING)
            if value is MISSING:
                if unknown is True:
                    raise UnknownValue(self.address, _dotted(path))
                if default is MISSING:
                    return None
                return default
        if unknown is True or (value is None and _has_unknown(unknown)):
            raise UnknownValue(self.address, _dotted(path))
        return value


def _step(container, step, default):
    if isinstance(container, dict):
        return container.get(step, default)
    if isinstance(container, list) and isinstance(step, int) and -len(container) <= step < len(container):
        return container[step]
    return default


def _has_unknown(marker) -> bool:
    if marker is True:
        return True
    if isinstance(marker, dict):
        return any(_has_unknown(item) for item in marker.values())
    if isinstance(marker, list):
        return any(_has_unknown(item) for item in marker)
    return False


def _dotted(path) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")


@dataclass
class Document:
    """One checked file: its kind, stage, raw JSON and resources by address."""

    path: str
    kind: InputKind
    stage: StageContext
    raw: dict
    resources: dict[str, Resource]
    construct_paths: dict[str, str] = field(default_factory=dict)
    providers: list[dict] = field(default_factory=list)
    """AWS provider blocks: `{"alias": ..., "region": ..., "default_tags": {...}, "unknown_tags": (...)}`.

    Region may be None if unknown; `unknown_tags` holds `${...}` references given as a whole tags map.
    """
    secrets: set[str] = field(default_factory=set)
    """Plans: `sensitive_strings(raw)`, computed once by `plan_document`; the engine scrubs findings."""

    @property
    def is_plan(self) -> bool:
        return self.kind is InputKind.PLAN

    @functools.cached_property
    def index(self) -> DocumentIndex:
        """Resources by type and who refers to whom, built once and shared by every rule."""
        return DocumentIndex(self)

    def of_type(self, *types: str) -> list[Resource]:
        return self.index.of_type(*types)

    def construct_path(self, address: str) -> str | None:
        return self.construct_paths.get(address)

    def literal(self, value, address: str, attribute: str):
        """`value` with `${type.name.attr}` references to literal attributes of this document resolved.

        Raises `UnknownValue` when a reference cannot be resolved to a literal,
        so a rule never passes a value it could not see.
        """
        for _ in range(4):
            if not isinstance(value, str) or "${" not in value:
                return value
            value = _SIMPLE_REFERENCE.sub(lambda match: self._resolve(match, address, attribute), value)
        raise UnknownValue(address, attribute, f"an unresolved reference ({value!r})")

    def _resolve(self, match: re.Match, address: str, attribute: str) -> str:
        target = self.resources.get(f"{match.group(1)}.{match.group(2)}")
        resolved = target.values.get(match.group(3)) if target else None
        if not isinstance(resolved, (str, int, float)) or isinstance(resolved, bool):
            raise UnknownValue(address, attribute, f"the reference {match.group(0)!r}, not a literal")
        return str(resolved)
