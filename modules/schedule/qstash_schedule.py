"""A typed `upstash_qstash_schedule_v2` resource: a QStash schedule calling a URL on a cron.

Why typed here: there are no Python bindings for the Upstash provider, so
the arguments are declared in `QstashScheduleConfig` (names, types and
required/optional exactly as the provider documents them for
`upstash_qstash_schedule_v2`) and written through the raw resource class.
`tests/modules/schedule/` checks the synthesized JSON against that schema.

Note: every argument of this resource is `ForceNew` in the provider, so any
change (cron, destination, header) replaces the schedule; that is harmless,
a schedule holds no data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from modules.app.bindings import Construct, TerraformResourceLifecycle, Token
from modules.app.raw_provider import RawProvider, RawResource

RESOURCE_TYPE = "upstash_qstash_schedule_v2"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")


@dataclass(frozen=True)
class QstashScheduleConfig:
    """The resource's arguments (provider schema: `cron`, `destination` required; the rest optional)."""

    cron: str
    """Five-field cron, evaluated by QStash in UTC."""
    destination: str
    """The URL QStash calls (or a topic name). May be a Terraform reference."""
    method: str = "POST"
    """default: POST (QStash's default too)."""
    retries: int = 3
    """default: 3, the provider's default, set explicitly so the plan shows it."""
    forward_headers: dict[str, str] = field(default_factory=dict)
    """default: none. Headers QStash forwards to the destination (sent as `Upstash-Forward-<name>`)."""
    body: str | None = None
    """default: none (empty body)."""
    content_type: str | None = None
    """default: none."""
    delay: str | None = None
    """default: none (the provider's "0": deliver at once); seconds as a string."""
    callback: str | None = None
    """default: none."""

    def __post_init__(self) -> None:
        if len(self.cron.split()) != 5:
            raise ValueError(
                f"QstashScheduleConfig.cron={self.cron!r} must have five fields, e.g. '*/60 0-10 * * 1-5'."
            )
        if not Token.is_unresolved(self.destination) and not self.destination.startswith("https://"):
            raise ValueError(
                f"QstashScheduleConfig.destination={self.destination!r} must be an https:// URL."
            )
        if self.method not in METHODS:
            raise ValueError(f"QstashScheduleConfig.method={self.method!r} is not one of {METHODS}.")
        if not 0 <= self.retries <= 5:
            raise ValueError(f"QstashScheduleConfig.retries={self.retries} is outside QStash's 0-5.")
        for name in self.forward_headers:
            if not _HEADER_NAME.match(name):
                raise ValueError(
                    f"QstashScheduleConfig.forward_headers: {name!r} is not an HTTP header name."
                )

    def arguments(self) -> dict[str, object]:
        """The resource body as Terraform JSON arguments (unset optionals left out)."""
        return {
            "cron": self.cron,
            "destination": self.destination,
            "method": self.method,
            "retries": self.retries,
            "forward_headers": dict(self.forward_headers) or None,
            "body": self.body,
            "content_type": self.content_type,
            "delay": self.delay,
            "callback": self.callback,
        }


class QstashScheduleV2(RawResource):
    """One `upstash_qstash_schedule_v2`; `schedule_id` is QStash's ID for it."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        provider: RawProvider,
        config: QstashScheduleConfig,
        lifecycle: TerraformResourceLifecycle | None = None,
    ) -> None:
        super().__init__(
            scope,
            construct_id,
            resource_type=RESOURCE_TYPE,
            provider=provider,
            attributes=config.arguments(),
            lifecycle=lifecycle,
        )
        self.config = config

    @property
    def schedule_id(self) -> str:
        return self.get_string_attribute("schedule_id")
