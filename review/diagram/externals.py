"""External services the platform talks to, recognised from the NAMES of function environment variables.

Why names and never values: a function's environment says which services
it uses (`DATABASE_URL` -> PostgreSQL, `UPSTASH_REDIS_REST_URL` -> Upstash
Redis), and the values are secrets (sensitive variables) that no diagram
may show or even read. A new service is one `ExternalService` line.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any


@dataclass(frozen=True)
class ExternalService:
    """One service outside AWS; `variables` are fnmatch patterns over environment variable names."""

    id: str
    title: str
    variables: tuple[str, ...]
    label: str
    """What the function does with it (edge label)."""


EXTERNAL_SERVICES: tuple[ExternalService, ...] = (
    ExternalService("postgres", "PostgreSQL", ("DATABASE_URL", "POSTGRES_*", "PG*"), "SQL"),
    ExternalService("redis", "Upstash Redis", ("UPSTASH_REDIS_*", "REDIS_*", "KV_*"), "REST"),
    ExternalService("qstash", "Upstash QStash", ("QSTASH_*",), "publish / verify"),
    ExternalService("gemini", "Google Gemini", ("GEMINI_*", "GOOGLE_GENERATIVE_AI_*"), "generate"),
    ExternalService("discord", "Discord", ("DISCORD_*",), "webhook"),
    ExternalService("linkedin", "LinkedIn", ("LINKEDIN_*",), "post"),
    ExternalService("telegram", "Telegram", ("TELEGRAM_*",), "post"),
    ExternalService("twitter", "Twitter / X", ("TWITTER_*",), "post"),
)


def environment_variables(body: dict[str, Any]) -> dict[str, Any]:
    """A Lambda body's `environment.variables` (an object in CDKTF output, a one-item list in plain JSON)."""
    environment = body.get("environment")
    if isinstance(environment, list):
        environment = environment[0] if environment else None
    variables = environment.get("variables") if isinstance(environment, dict) else None
    return variables if isinstance(variables, dict) else {}


def services_used(variable_names: list[str]) -> list[ExternalService]:
    """The services whose patterns match any of the names, in table order."""
    return [
        service
        for service in EXTERNAL_SERVICES
        if any(fnmatchcase(name, pattern) for name in variable_names for pattern in service.variables)
    ]
