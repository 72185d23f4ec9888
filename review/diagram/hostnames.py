"""The hostnames a stage answers on, each with a role that is the same in every stage.

Why roles: prod's web hostname is `sgcarstrends.com` and pr-123's is
`pr-123.sgcarstrends.com`, but both are "the web hostname"; `--compare`
matches them by role (`host:web`, `host:www`, `host:wildcard`, `host:api`)
so that only what one stage really lacks (the www redirect, the wildcard
alias) is marked. Hostnames come from CloudFront aliases, API Gateway
custom domains and DNS records with a literal name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from review.diagram.components import ComponentModel

DOMAIN_TYPES = ("aws_apigatewayv2_domain_name", "aws_api_gateway_domain_name")


@dataclass
class Hostname:
    id: str
    name: str
    records: list[str] = field(default_factory=list)
    """Keys of the DNS record components that publish it."""
    serves: list[str] = field(default_factory=list)
    """Keys of the components it leads to (the distribution for an alias, the gateway for a domain)."""
    alias_only: bool = False


def _literal(value: object) -> str | None:
    if isinstance(value, str) and value and "${" not in value:
        return value.strip().rstrip(".").lower()
    return None


def _role(name: str, aliases: set[str], domains: set[str], taken: set[str]) -> str:
    if name.startswith("*."):
        role = "host:wildcard"
    elif name in aliases and name.startswith("www."):
        role = "host:www"
    elif name in aliases:
        role = "host:web"
    elif name in domains:
        role = "host:api"
    else:
        role = f"host:{name}"
    return role if role not in taken else f"host:{name}"


def collect_hostnames(model: ComponentModel) -> list[Hostname]:
    """Every hostname, in a stable order: web, www, wildcard, api, then the rest by name."""
    stack, owner = model.stack, model.owner
    serves: dict[str, set[str]] = {}
    aliases: set[str] = set()
    domains: set[str] = set()
    for component in model.of_kind("cdn"):
        for core in component.cores:
            for alias in stack.resources[core].body.get("aliases") or []:
                name = _literal(alias)
                if name:
                    aliases.add(name)
                    serves.setdefault(name, set()).add(component.key)
    for address, resource in sorted(stack.resources.items()):
        name = _literal(resource.body.get("domain_name")) if resource.type in DOMAIN_TYPES else None
        if name:
            domains.add(name)
            serves.setdefault(name, set()).add(owner[address])
    records: dict[str, list[str]] = {}
    for component in model.of_kind("hostname"):
        for core in component.cores:
            name = _literal(stack.resources[core].body.get("name"))
            if name:
                records.setdefault(name, []).append(component.key)
                if name not in serves:  # a record outside CloudFront/API Gateway: follow its references
                    targets = {owner[t] for t in stack.refs[core]} - {component.key}
                    serves.setdefault(name, set()).update(targets)
    order = {"host:web": 0, "host:www": 1, "host:wildcard": 2, "host:api": 3}
    found: list[Hostname] = []
    taken: set[str] = set()
    for name in sorted(set(serves) | set(records)):
        role = _role(name, aliases, domains, taken)
        taken.add(role)
        found.append(
            Hostname(
                role,
                name,
                sorted(records.get(name, [])),
                sorted(serves.get(name, set())),
                name not in records,
            )
        )
    return sorted(found, key=lambda host: (order.get(host.id, 4), host.name))
