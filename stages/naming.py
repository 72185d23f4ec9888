"""The catalogue of every AWS name a stage derives, with AWS's length limits.

Why: a long ephemeral stage name (`feature-very-long-branch-name`) would
otherwise fail at apply time, deep inside AWS, after half a stage exists.
Listing every derived name here lets `stages.validation` reject the stage
name before anything is written, and `Stage.name_for` refuses a name that
is not catalogued, so a new resource cannot skip the check.

The catalogue is data: `NAME_KINDS` lists, per resource kind, its AWS length
limit and the names derived for it. A new name goes into its kind's group;
a name listed twice is refused when the catalogue is built.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DerivedName:
    """One AWS name pattern: `{prefix}` is replaced by `sgcarstrends-<stage>`."""

    resource_kind: str
    pattern: str
    max_length: int

    def render(self, prefix: str) -> str:
        return self.pattern.format(prefix=prefix)


@dataclass(frozen=True)
class NameKind:
    """The names derived for one kind of AWS resource, and that kind's length limit."""

    resource_kind: str
    max_length: int
    suffixes: tuple[str, ...] = ()
    """Names `{prefix}-<suffix>`, looked up by `<suffix>`."""
    patterns: tuple[tuple[str, str], ...] = ()
    """`(lookup key, pattern)` for names shaped otherwise, e.g. `/aws/lambda/{prefix}-api`."""


_FUNCTIONS = (
    "api",
    "api-authorizer",
    "web",
    "health-check",
    "alarm-notifier",
    # The web app's OpenNext functions (modules/web/).
    "web-image",
    "web-revalidation",
    "web-warmer",
    "web-init",
)
_WAF_RULES = ("common-rules", "known-bad-inputs", "rate-limit")
"""The web ACL's rules; each reports a CloudWatch metric `{prefix}-web-acl-<rule>`."""
_FUNCTION_ALARMS = (
    "lambda-error-rate-high",
    "lambda-throttles",
    "lambda-duration-near-timeout",
    "lambda-memory-high",
)
LIVE_ALIAS = "live"
"""The alias every function's traffic goes through; `sgct rollback` moves it (not stage-prefixed:
an alias name is scoped to its function)."""

NAME_KINDS: tuple[NameKind, ...] = (
    # "api-authorizer" also names the HTTP API's authorizer (API Gateway allows
    # 128 characters; the Lambda limit is tighter).
    NameKind("Lambda function", 64, suffixes=_FUNCTIONS),
    NameKind("IAM role", 64, suffixes=tuple(f"{name}-role" for name in _FUNCTIONS)),
    NameKind(
        "CloudWatch log group",
        512,
        patterns=(
            *((f"/aws/lambda/{name}", "/aws/lambda/{prefix}-" + name) for name in _FUNCTIONS),
            ("/aws/apigateway/http-api", "/aws/apigateway/{prefix}-http-api"),
        ),
    ),
    NameKind(
        "CloudWatch metric filter", 512, suffixes=tuple(f"{name}-max-memory-used" for name in _FUNCTIONS)
    ),
    NameKind("S3 bucket", 63, suffixes=("web-assets", "cdn-logs")),
    NameKind("API Gateway API", 128, suffixes=("http-api",)),
    NameKind("SNS topic", 256, suffixes=("alarms", "alarms-global")),
    NameKind(
        "KMS alias",
        256,
        patterns=(
            ("alias/alarms", "alias/{prefix}-alarms"),
            ("alias/alarms-global", "alias/{prefix}-alarms-global"),
            ("alias/lambda-env", "alias/{prefix}-lambda-env"),
        ),
    ),
    NameKind("EventBridge rule", 64, suffixes=("web-warmer-schedule", "health-check-schedule")),
    NameKind(
        "CloudFront cache policy",
        128,
        suffixes=("web-static", "web-server-cache", "web-image-cache", "web-api"),
    ),
    NameKind("CloudFront response headers policy", 128, suffixes=("web-security-headers",)),
    NameKind("CloudFront origin request policy", 128, suffixes=("web-forward-all",)),
    NameKind("CloudFront function", 64, suffixes=("web-viewer-request",)),
    NameKind("SQS FIFO queue", 80, suffixes=("web-revalidation.fifo", "web-revalidation-dlq.fifo")),
    NameKind("DynamoDB table", 255, suffixes=("web-tag-cache",)),
    NameKind("CloudFront origin access control", 64, suffixes=("web-assets-oac",)),
    NameKind("WAF web ACL", 128, suffixes=("web-acl",)),
    NameKind("WAF CloudWatch metric", 128, suffixes=tuple(f"web-acl-{rule}" for rule in _WAF_RULES)),
    NameKind("Route 53 health check Name tag", 256, suffixes=("api-health",)),
    NameKind(
        "CloudWatch alarm",
        255,
        suffixes=(
            *(f"{label}-{alarm}" for label in ("api", "web") for alarm in _FUNCTION_ALARMS),
            "api-5xx-high",
            "api-latency-p95-high",
            "api-health-check-failed",
            "web-cdn-5xx-rate-high",
            "web-latency-p95-high",
        ),
    ),
)


class Catalogue:
    """Lookup key -> `DerivedName`; registering a key twice is an error."""

    def __init__(self) -> None:
        self._names: dict[str, DerivedName] = {}

    def register(self, key: str, name: DerivedName) -> None:
        if key in self._names:
            raise ValueError(
                f"AWS name {key!r} is catalogued twice ({self._names[key].resource_kind} and "
                f"{name.resource_kind}); list it once, in its resource kind's group in stages/naming.py."
            )
        self._names[key] = name

    def register_kind(self, kind: NameKind) -> None:
        for suffix in kind.suffixes:
            self.register(suffix, DerivedName(kind.resource_kind, "{prefix}-" + suffix, kind.max_length))
        for key, pattern in kind.patterns:
            self.register(key, DerivedName(kind.resource_kind, pattern, kind.max_length))

    def lookup(self, key: str) -> DerivedName:
        try:
            return self._names[key]
        except KeyError:
            raise KeyError(
                f"AWS name suffix {key!r} is not in the naming catalogue; add it to its resource kind's "
                "group in stages/naming.py (NAME_KINDS) so stage-name length checks cover it."
            ) from None

    def names(self) -> tuple[DerivedName, ...]:
        return tuple(self._names.values())


def build_catalogue(kinds: tuple[NameKind, ...]) -> Catalogue:
    """The catalogue of `kinds`; raises ValueError on a name listed twice."""
    built = Catalogue()
    for kind in kinds:
        built.register_kind(kind)
    return built


_CATALOGUE = build_catalogue(NAME_KINDS)


def lookup(suffix: str) -> DerivedName:
    """The catalogued name for `suffix`, or a KeyError that says how to add it."""
    return _CATALOGUE.lookup(suffix)


def catalogue() -> tuple[DerivedName, ...]:
    """Every catalogued name, grouped by resource kind."""
    return _CATALOGUE.names()
