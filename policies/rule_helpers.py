"""Small helpers the rule files share (block shapes, live resources, provider lookup)."""

from __future__ import annotations

import functools

from policies.inputs.documents import Document, Resource
from policies.model import UnknownValue, Violation


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
    return [r for r in document.of_type(*types) if _is_live(r)]


def _is_live(resource: Resource) -> bool:
    return not (resource.is_deleted and "create" not in resource.actions)


def aws_resources(document: Document) -> list[Resource]:
    """Live AWS resources (`aws_*` types)."""
    return [
        r for r in live(document, *{r.type for r in document.resources.values()}) if r.type.startswith("aws_")
    ]


def referrers(document: Document, address: str) -> list[Resource]:
    """Resources whose configuration refers to `address` (`${aws_kms_key.k.arn}`, plan `references`).

    Answered from the document's reference index, built once for all rules.
    """
    return document.index.referrers(address)


def provider_for(document: Document, resource: Resource) -> dict | None:
    """The AWS provider block `resource` uses (`aws` or `aws.<alias>`), or None if not declared."""
    alias = None
    if resource.provider and "." in resource.provider:
        alias = resource.provider.split(".", 1)[1]
    return next((p for p in document.providers if p.get("alias") == alias), None)


def provider_address(provider: dict) -> str:
    return f"provider.aws.{provider['alias']}" if provider.get("alias") else "provider.aws"
