"""Small helpers the rule files share (block shapes, live resources, provider lookup)."""

from __future__ import annotations

import functools
import re

from policies.inputs.documents import Document, Resource
from policies.model import UnknownValue, Violation

_REFERENCE = re.compile(r"\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.")


def unverifiable(error: UnknownValue) -> Violation:
    return Violation(
        error.address,
        f"cannot verify: {error}; make the value known at plan time or check after apply",
        unverifiable=True,
    )


def per_resource(check):
    """Decorate `check(doc, resource)` so an unknown value fails that resource only, not the whole rule."""

    @functools.wraps(check)
    def guarded(doc, resource, *rest):
        try:
            yield from check(doc, resource, *rest)
        except UnknownValue as error:
            yield unverifiable(error)

    return guarded


def blocks(value) -> list[dict]:
    """A nested block as a list of dicts: config writes one block as an object, plans as a list."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def live(document: Document, *types: str) -> list[Resource]:
    """Resources of `types` that exist after this change (config: all; plan: not purely deleted)."""
    return [r for r in document.of_type(*types) if not (r.is_deleted and "create" not in r.actions)]


def aws_resources(document: Document) -> list[Resource]:
    """Live AWS resources (`aws_*` types)."""
    return [
        r for r in live(document, *{r.type for r in document.resources.values()}) if r.type.startswith("aws_")
    ]


def _references(value, found: set[str]) -> None:
    if isinstance(value, str):
        found.update(_REFERENCE.findall(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "references" and isinstance(item, list):  # plan configuration expressions
                found.update(".".join(ref.split(".")[:2]) for ref in item if isinstance(ref, str))
            else:
                _references(item, found)
    elif isinstance(value, list):
        for item in value:
            _references(item, found)


def referrers(document: Document, address: str) -> list[Resource]:
    """Resources whose configuration refers to `address` (`${aws_kms_key.k.arn}`, plan `references`)."""
    if document.is_plan:
        bodies = {
            f"{r.get('address')}": r.get("expressions")
            for r in ((document.raw.get("configuration") or {}).get("root_module") or {}).get("resources")
            or []
        }
    else:
        bodies = {r.address: r.values for r in document.resources.values()}
    found = []
    for source, body in bodies.items():
        targets: set[str] = set()
        _references(body, targets)
        if address in targets and source in document.resources:
            found.append(document.resources[source])
    return found


def provider_for(document: Document, resource: Resource) -> dict | None:
    """The AWS provider block `resource` uses (`aws` or `aws.<alias>`), or None if not declared."""
    alias = None
    if resource.provider and "." in resource.provider:
        alias = resource.provider.split(".", 1)[1]
    return next((p for p in document.providers if p.get("alias") == alias), None)


def provider_address(provider: dict) -> str:
    return f"provider.aws.{provider['alias']}" if provider.get("alias") else "provider.aws"
