"""Indexes of one document, built once and shared by every rule that checks it.

Why: rules ask the same questions of a document over and over ("which
resources are of these types?", "who refers to this resource?"). Answering
each by scanning every resource made the engine quadratic (the region rule
asked "who refers to this key?" for every key), so a 2,500-resource stack
took seconds. Here each question is answered from an index built in one
pass over the document, the first time any rule asks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policies.inputs.documents import Document, Resource

_REFERENCE = re.compile(r"\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.")


def references(value: Any, found: set[str]) -> None:
    """Add to `found` every `type.name` that `value` refers to (`${type.name.attr}`, plan `references`)."""
    if isinstance(value, str):
        if "${" in value:
            found.update(_REFERENCE.findall(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "references" and isinstance(item, list):  # plan configuration expressions
                found.update(".".join(ref.split(".")[:2]) for ref in item if isinstance(ref, str))
            else:
                references(item, found)
    elif isinstance(value, list):
        for item in value:
            references(item, found)


class DocumentIndex:
    """Resources by type, and who refers to whom, for one document.

    `by_type` is built with the index (one pass); the reference index is
    built on first use (one pass over every resource's configuration), so a
    document no rule asks about references never pays for it.
    """

    def __init__(self, document: Document) -> None:
        self._document = document
        self.by_type: dict[str, list[Resource]] = defaultdict(list)
        for resource in document.resources.values():
            self.by_type[resource.type].append(resource)
        self._referrers: dict[str, list[Resource]] | None = None
        self.reference_builds = 0
        """How often the reference index was built (once at most): what the linearity test counts."""

    def of_type(self, *types: str) -> list[Resource]:
        """Resources of `types`, in document order within each type."""
        if len(types) == 1:
            return list(self.by_type.get(types[0], ()))
        wanted = set(types)
        return [r for r in self._document.resources.values() if r.type in wanted]

    def referrers(self, address: str) -> list[Resource]:
        """Resources whose configuration refers to `address` (`${aws_kms_key.k.arn}`, plan `references`)."""
        if self._referrers is None:
            self._referrers = self._build_referrers()
        return list(self._referrers.get(address, ()))

    def _build_referrers(self) -> dict[str, list[Resource]]:
        self.reference_builds += 1
        document = self._document
        if document.is_plan:
            configuration = (document.raw.get("configuration") or {}).get("root_module") or {}
            bodies = {
                str(r.get("address")): r.get("expressions") for r in configuration.get("resources") or []
            }
        else:
            bodies = {r.address: r.values for r in document.resources.values()}
        index: dict[str, list[Resource]] = defaultdict(list)
        for source, body in bodies.items():
            if source not in document.resources:
                continue
            targets: set[str] = set()
            references(body, targets)
            for target in targets:
                index[target].append(document.resources[source])
        return index
