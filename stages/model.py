"""The typed, immutable description of one deployment stage.

Why: every module reads its per-stage choices (memory, retention, CORS,
protection, hostnames) from a `Stage`, so stage differences live in one
place as data (set in `stages/catalog.py`) instead of `if stage == "prod"` branches.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from stages import naming

APP_NAME = "sgcarstrends"
ZONE_NAME = "sgcarstrends.com"
PRIMARY_REGION = "ap-southeast-1"
GLOBAL_REGION = "us-east-1"
BOOTSTRAP_STACK_NAME = "bootstrap"
"""The state-bucket stack: not a stage (it holds every stage's state), so no stage may take its name."""
CLOUDWATCH_RETENTION_DAYS = (
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
)
"""The retention periods CloudWatch Logs accepts, in days."""
DEFAULT_DATA_SCHEDULE_CRON = "*/60 0-10 * * 1-5"
WAF_RATE_LIMIT_MIN = 10
WAF_RATE_LIMIT_MAX = 2_000_000_000
"""A WAF rate-based rule's `limit` bounds (requests per client IP per evaluation window)."""
_CRON_FIELD = re.compile(r"^[0-9*,/\-A-Za-z?LW#]+$")


def check_cron(expression: str) -> str:
    """`expression` if it is a five-field cron (minute hour day month weekday), else a ValueError."""
    fields = expression.split()
    if len(fields) != 5 or not all(_CRON_FIELD.match(part) for part in fields):
        raise ValueError(
            f"StageSettings.data_schedule_cron={expression!r} is not a five-field cron expression "
            "(minute hour day-of-month month day-of-week, UTC), e.g. '*/60 0-10 * * 1-5'."
        )
    return expression


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
"""An e-mail address, loosely: SNS itself rejects what it cannot deliver to."""


def default_tags(stack_name: str) -> dict[str, str]:
    """The tags (app, stage, managed-by) every AWS resource of a stack carries, bootstrap included."""
    return {"app": APP_NAME, "stage": stack_name, "managed-by": "cdktf"}


class StageKind(enum.Enum):
    """Permanent stages live forever; ephemeral ones are created per branch or PR."""

    PERMANENT = "permanent"
    EPHEMERAL = "ephemeral"


class Protection(enum.Enum):
    """How hard Terraform must work to destroy a stage's stateful resources.

    PROTECTED: `prevent_destroy` on stateful and user-facing resources (prod).
    RETAINED: kept on destroy, never force-destroyed (staging).
    NONE: destroyable in one command, buckets force-destroyed (dev, ephemeral).
    """

    PROTECTED = "protected"
    RETAINED = "retained"
    NONE = "none"


@dataclass(frozen=True)
class AlarmThresholds:
    """CloudWatch alarm thresholds for one stage."""

    lambda_error_rate_percent: float = 5.0
    """default: 5 % of invocations over 5 minutes."""
    lambda_throttles: int = 1
    """default: any throttle in 5 minutes."""
    duration_near_timeout_percent: float = 80.0
    """default: p99 duration above 80 % of the function's timeout."""
    api_5xx_count: int = 5
    """default: five API 5xx responses in 5 minutes."""
    api_p95_latency_ms: int = 3000
    """default: p95 API latency above 3 s."""
    cdn_5xx_rate_percent: float = 5.0
    """default: CloudFront 5xx above 5 % of requests."""
    evaluation_periods: int = 1
    """default: alarm on the first breaching 5-minute period."""
    lambda_memory_used_percent: float = 90.0
    """default: a function's peak memory (REPORT lines' Max Memory Used) above 90 % of its size."""
    web_p95_latency_ms: int = 3000
    """default: the web server's p95 response time (its Lambda duration) above 3 s."""


@dataclass(frozen=True)
class StageSettings:
    """Per-stage sizes and policies, read by the modules."""

    api_memory_mb: int = 512
    """default: 512 MB for the Hono API Lambda."""
    web_memory_mb: int = 1024
    """default: 1024 MB for the Next.js SSR Lambda."""
    log_retention_days: int = 14
    """default: 14 days (a CloudWatch-supported value)."""
    cors_allow_origins: tuple[str, ...] = ("*",)
    """default: any origin; prod narrows it to the apex."""
    cors_max_age_seconds: int = 300
    """default: 5 minutes; prod caches preflights for one day."""
    throttle_rate_limit: float | None = None
    """default: no API throttling (off until a stage sets it)."""
    throttle_burst_limit: int | None = None
    """default: no API throttling burst limit."""
    alarms: AlarmThresholds = field(default_factory=AlarmThresholds)
    """default: the thresholds in `AlarmThresholds`."""
    health_check_enabled: bool = True
    """default: on. The Route 53 `/health` check reaches the database every interval from
    every checker region; ephemeral stages turn it off (cost, and load on a shared database)."""
    health_check_interval_seconds: int = 30
    """default: 30 s (the standard, cheaper check); prod uses 10 s (fast: costs more, alarms sooner)."""
    cdn_log_retention_days: int = 30
    """default: CloudFront access logs kept 30 days (S3 lifecycle expiry); prod keeps 365, ephemeral 3."""
    waf_enabled: bool = False
    """default: off. On, a WAFv2 web ACL (AWS managed common and known-bad-inputs rule groups plus a
    per-IP rate limit) guards the CloudFront distribution; it costs about USD 5 a month per ACL plus
    USD 1 per rule and USD 0.60 per million requests, so only prod, which users reach, turns it on."""
    waf_rate_limit: int = 2000
    """default: 2,000 requests per client IP per 5 minutes before the WAF's rate rule blocks it
    (read only when `waf_enabled`)."""
    xray_tracing: bool = False
    """default: off (X-Ray bills per trace recorded); prod turns on Active tracing on every function."""
    alarm_emails: tuple[str, ...] = ()
    """default: none; alarms reach the team's Discord only. Each address gets an e-mail
    subscription to the stage's alarm topics (AWS mails it a confirmation link first)."""
    feature_flag_rate_limit: bool = False
    """default: off; the API's `FEATURE_FLAG_RATE_LIMIT` (prod and staging turn it on)."""
    data_schedule_cron: str = DEFAULT_DATA_SCHEDULE_CRON
    """default: `*/60 0-10 * * 1-5` (UTC: hourly, 08:00-18:00 Singapore time, weekdays), when QStash
    calls the API's `/workflows/trigger`. Permanent stages only; ephemeral stages get no schedule."""

    def __post_init__(self) -> None:
        check_cron(self.data_schedule_cron)
        if isinstance(self.alarm_emails, str):
            raise ValueError(
                f"StageSettings.alarm_emails={self.alarm_emails!r} must be a tuple of addresses, "
                f"e.g. ({self.alarm_emails!r},)."
            )
        bad = [address for address in self.alarm_emails if not _EMAIL.fullmatch(address)]
        if bad or len(set(self.alarm_emails)) != len(self.alarm_emails):
            raise ValueError(
                f"StageSettings.alarm_emails={self.alarm_emails!r}: "
                + (f"{bad} are not e-mail addresses" if bad else "an address repeats")
                + "; list each address once, like 'oncall@example.com'."
            )
        if self.health_check_interval_seconds not in (10, 30):
            raise ValueError(
                f"StageSettings.health_check_interval_seconds={self.health_check_interval_seconds}: "
                "Route 53 checks every 10 or 30 seconds only."
            )
        if not WAF_RATE_LIMIT_MIN <= self.waf_rate_limit <= WAF_RATE_LIMIT_MAX:
            raise ValueError(
                f"StageSettings.waf_rate_limit={self.waf_rate_limit} is outside what WAF accepts: use "
                f"{WAF_RATE_LIMIT_MIN} to {WAF_RATE_LIMIT_MAX:,} requests per client IP per 5 minutes."
            )
        if self.cdn_log_retention_days < 1:
            raise ValueError(
                f"StageSettings.cdn_log_retention_days={self.cdn_log_retention_days} must be at least 1 "
                "(S3 lifecycle expiry, in days)."
            )
        if self.log_retention_days not in CLOUDWATCH_RETENTION_DAYS:
            raise ValueError(
                f"StageSettings.log_retention_days={self.log_retention_days} is not a CloudWatch retention "
                f"value; use one of {CLOUDWATCH_RETENTION_DAYS}."
            )
        if (self.throttle_rate_limit is None) != (self.throttle_burst_limit is None):
            raise ValueError(
                "StageSettings: API throttling needs both throttle_rate_limit and throttle_burst_limit, "
                f"or neither (got {self.throttle_rate_limit} and {self.throttle_burst_limit}); "
                "API Gateway reads an unset half as a limit of 0."
            )


@dataclass(frozen=True)
class Stage:
    """One stage: its name, kind, protection, hostnames and settings.

    Build stages through `stages.resolve_stage`, which validates the name
    before anything is derived from it.
    """

    name: str
    kind: StageKind
    protection: Protection
    settings: StageSettings = field(default_factory=StageSettings)
    web_at_apex: bool = False
    """default: the web answers on `<name>.sgcarstrends.com`; True serves it on the zone apex (prod)."""
    redirect_domains: tuple[str, ...] = ()
    """default: none. Hostnames in the zone that permanently redirect to the web domain (prod's `www`)."""

    def __post_init__(self) -> None:
        for host in self.redirect_domains:
            if not host.endswith("." + ZONE_NAME) or host == self.web_domain:
                raise ValueError(
                    f"stage {self.name!r}: redirect domain {host!r} must be a hostname under {ZONE_NAME} "
                    f"other than the web domain {self.web_domain!r}, e.g. 'www.{ZONE_NAME}'."
                )

    @property
    def is_permanent(self) -> bool:
        return self.kind is StageKind.PERMANENT

    @property
    def runs_data_schedule(self) -> bool:
        """Only permanent stages run the QStash data schedule (previews share the QStash account)."""
        return self.is_permanent

    @property
    def is_protected(self) -> bool:
        return self.protection is Protection.PROTECTED

    @property
    def force_destroy(self) -> bool:
        """Buckets may be emptied by `terraform destroy` only on unprotected, non-retained stages."""
        return self.protection is Protection.NONE

    @property
    def web_domain(self) -> str:
        return ZONE_NAME if self.web_at_apex else f"{self.name}.{ZONE_NAME}"

    @property
    def api_domain(self) -> str:
        if self.is_permanent:
            return f"api.{self.web_domain}"
        return f"api-{self.name}.{ZONE_NAME}"

    @property
    def wildcard_domain(self) -> str | None:
        """Permanent stages carry a wildcard alias/certificate for their subdomains."""
        return f"*.{self.web_domain}" if self.is_permanent else None

    @property
    def hostnames(self) -> tuple[str, ...]:
        """Every concrete hostname this stage answers on."""
        return (self.web_domain, self.api_domain, *self.redirect_domains)

    @property
    def prefix(self) -> str:
        """`sgcarstrends-<stage>`: the start of every AWS name in the stage."""
        return f"{APP_NAME}-{self.name}"

    def name_for(self, suffix: str) -> str:
        """A catalogued, stage-prefixed AWS name, e.g. `sgcarstrends-prod-api`.

        Refuses suffixes missing from `stages.naming`, so every name a module
        derives is covered by the stage-name length checks.
        """
        return naming.lookup(suffix).render(self.prefix)

    @property
    def tags(self) -> dict[str, str]:
        """Default tags every AWS resource of the stage carries."""
        return default_tags(self.name)
