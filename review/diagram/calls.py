"""Calls the architecture view finds in literal values and variable names, not in references.

- A URL or hostname written literally (a health check's `fqdn`, a QStash
  schedule's `destination`, a function's `API_URL` variable) that names one
  of the stage's hostnames is a call to it (`URL_FLOWS`, function variables).
- A function whose environment variable NAMES match an external service
  (`DATABASE_URL` -> PostgreSQL) calls it (`review.diagram.externals`).

Values are only ever compared with the stage's own hostnames; none is shown
except through `safe_text` (cron expressions, paths), and variable values
that are `${...}` (every secret) are never read at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from review.diagram.components import ComponentModel
from review.diagram.externals import ExternalService, environment_variables, services_used
from review.diagram.flows import Flows, add, safe_text


@dataclass(frozen=True)
class UrlFlow:
    """A resource type that calls a URL or hostname written in `attribute`; `label` reads the body."""

    attribute: str
    label: Callable[[dict[str, Any], str], list[str | None]]


def _cron(body: dict[str, Any], path: str) -> list[str | None]:
    cron = safe_text(body.get("cron"))
    method = safe_text(body.get("method")) or "POST"
    return [f"cron {cron}" if cron else None, f"{method} {path}" if safe_text(path) else None]


def _health(body: dict[str, Any], path: str) -> list[str | None]:
    return [f"GET {safe_text(body.get('resource_path')) or '/'}"]


URL_FLOWS: dict[str, UrlFlow] = {
    "aws_route53_health_check": UrlFlow("fqdn", _health),
    "upstash_qstash_schedule_v2": UrlFlow("destination", _cron),
    "upstash_qstash_schedule": UrlFlow("destination", _cron),
}
"""Resource type -> where it calls and how the call is labelled (a new caller is one line)."""


def host_and_path(value: Any) -> tuple[str, str] | None:
    """`https://api.x.com/a?b` -> (`api.x.com`, `/a`); a bare hostname -> (it, ``). Queries are dropped."""
    text = safe_text(value)
    if text is None:
        return None
    try:
        parts = urlsplit(text if "://" in text else f"//{text}")
        host = parts.hostname
    except ValueError:
        return None
    return (host.rstrip("."), parts.path) if host else None


def url_flows(
    model: ComponentModel, node_of: Callable[[str], str], hosts: dict[str, str], flows: Flows
) -> None:
    """Edges to the stage's hostnames (`hosts`: name -> node id) from literal URLs."""
    for address, resource in sorted(model.stack.resources.items()):
        source = node_of(model.owner[address])
        flow = URL_FLOWS.get(resource.type)
        if flow is not None:
            found = host_and_path(resource.body.get(flow.attribute))
            if found and found[0] in hosts:
                add(flows, source, hosts[found[0]], *flow.label(resource.body, found[1]))
        if resource.type == "aws_lambda_function":
            for name, value in sorted(environment_variables(resource.body).items()):
                found = host_and_path(value) if isinstance(value, str) and "${" not in value else None
                if found and found[0] in hosts:
                    add(flows, source, hosts[found[0]], safe_text(name))


SUBSCRIBERS: dict[str, tuple[str, str]] = {
    "email": ("email", "E-mail subscribers"),
    "email-json": ("email", "E-mail subscribers"),
    "sms": ("sms", "SMS subscribers"),
    "https": ("webhook", "HTTPS subscribers"),
}
"""SNS subscription protocol -> external node (id, title). The endpoint (an address) is never read."""


def subscriber_flows(model: ComponentModel, node_of: Callable[[str], str], flows: Flows) -> dict[str, str]:
    """Topic -> people: subscriptions by protocol; `{node id: title}` of the subscriber nodes drawn."""
    used: dict[str, str] = {}
    for address, resource in sorted(model.stack.resources.items()):
        protocol = resource.body.get("protocol") if resource.type == "aws_sns_topic_subscription" else None
        if not isinstance(protocol, str) or protocol not in SUBSCRIBERS:
            continue
        node, title = f"ext:{SUBSCRIBERS[protocol][0]}", SUBSCRIBERS[protocol][1]
        topics = sorted(
            t for t in model.stack.refs[address] if model.stack.resources[t].type == "aws_sns_topic"
        )
        for topic in topics:
            used[node] = title
            add(flows, node_of(model.owner[topic]), node, "notification")
    return used


def service_flows(
    model: ComponentModel, node_of: Callable[[str], str], flows: Flows
) -> dict[str, ExternalService]:
    """Edges from functions to the external services their variable names point at; `{node id: service}`."""
    used: dict[str, ExternalService] = {}
    for address, resource in sorted(model.stack.resources.items()):
        if resource.type != "aws_lambda_function":
            continue
        for service in services_used(sorted(environment_variables(resource.body))):
            node = f"ext:{service.id}"
            used[node] = service
            add(flows, node_of(model.owner[address]), node, service.label)
    return used
