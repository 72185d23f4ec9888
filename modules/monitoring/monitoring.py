"""A stage's monitoring: alarm topics, alarms from metrics, the `/health` check.

Why one construct takes plain metrics: the Lambda, API and CDN constructs
own their metrics; this one only turns them into alarms with the stage's
thresholds (`stage.settings.alarms`), so thresholds are data, not code.
Regional alarms notify the ap-southeast-1 topic; CloudFront and health-check
alarms live in us-east-1 (where those metrics are) and notify a topic there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Required, TypedDict, Unpack

from modules.app.bindings import Construct, TerraformProvider
from modules.monitoring.alarm_topic import AlarmTopic, AlarmTopicProps
from modules.monitoring.alarms import Alarm, AlarmProps, MetricExpression
from modules.monitoring.health_check import HealthCheck, HealthCheckProps
from modules.monitoring.metrics import Metric
from stages import GLOBAL_REGION, PRIMARY_REGION, Stage

MILLISECONDS = 1000


@dataclass(frozen=True)
class FunctionMetrics:
    """One Lambda function's metrics, e.g. from `LambdaFunction.metric_errors()`."""

    label: str
    """`api` or `web`: the alarm names' prefix (`<label>-lambda-...`)."""
    errors: Metric
    invocations: Metric
    throttles: Metric
    duration_p99: Metric
    timeout_seconds: int
    max_memory_used: Metric | None = None
    """default: no memory alarm; `LambdaFunction.metric_max_memory_used()` (MB, from REPORT lines)."""
    memory_mb: int | None = None
    """default: none; the function's memory size, required with `max_memory_used`."""

    def __post_init__(self) -> None:
        if self.timeout_seconds <= 0:
            raise ValueError(
                f"function {self.label!r}: timeout_seconds={self.timeout_seconds} must be positive."
            )
        if (self.max_memory_used is None) != (self.memory_mb is None):
            raise ValueError(
                f"function {self.label!r}: a memory alarm needs both max_memory_used and memory_mb."
            )
        if not (self.duration_p99.extended_statistic or "").startswith("p"):
            raise ValueError(
                f"function {self.label!r}: duration_p99 needs a percentile statistic, e.g. "
                "metric_duration('p99')."
            )


@dataclass(frozen=True)
class ApiMetrics:
    """The HTTP API's 5xx count and latency metrics."""

    errors_5xx: Metric
    latency: Metric
    """A percentile metric; its statistic is replaced by `p95`."""


@dataclass(frozen=True)
class MonitoringProps:
    """Everything the stage exposes to be watched; omitted parts get no alarms."""

    functions: tuple[FunctionMetrics, ...] = ()
    """default: none."""
    api: ApiMetrics | None = None
    """default: no API alarms."""
    web_latency: Metric | None = None
    """default: no web slow-response alarm; the web server's `metric_duration("p95")`."""
    cdn_5xx_rate: Metric | None = None
    """default: no CDN alarm; `Cdn.metric_5xx_rate()` (us-east-1)."""
    cdn_requests: Metric | None = None
    """default: none; when given, the CDN alarm ignores periods with fewer than `cdn_min_requests`."""
    cdn_min_requests: int = 20
    """default: 20 requests per period before a 5xx rate counts (one failed request is not 100 % down)."""
    health_check_domain: str | None = None
    """default: no health check; e.g. `stage.api_domain`."""
    health_check_interval_seconds: int = 30
    """default: 30 s; `stage.settings.health_check_interval_seconds` (prod: 10 s)."""
    global_provider: TerraformProvider | None = None
    """default: none; the us-east-1 provider, required for the CDN alarm and the health check."""

    def __post_init__(self) -> None:
        needs_global = self.cdn_5xx_rate is not None or self.health_check_domain is not None
        if needs_global and self.global_provider is None:
            raise ValueError(
                "CDN and health-check alarms live in us-east-1: pass global_provider=providers.aws_global."
            )
        labels = [function.label for function in self.functions]
        if len(set(labels)) != len(labels):
            raise ValueError(f"function labels repeat: {labels}; each function needs its own label.")


class _AlarmSpec(TypedDict, total=False):
    """What one alarm watches (`AlarmProps` fields); `Monitoring._add` fills in the rest."""

    description: Required[str]
    threshold: Required[float]
    metric: Metric | None
    expression: MetricExpression | None
    comparison: str
    treat_missing_data: str


class Monitoring(Construct):
    """`topic` (ap-southeast-1), `global_topic` (us-east-1), `alarms` by name suffix, `health_check`."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: MonitoringProps) -> None:
        super().__init__(scope, construct_id)
        self.stage = stage
        self.thresholds = stage.settings.alarms
        self.topic = AlarmTopic(self, "topic", stage)
        self.global_topic: AlarmTopic | None = None
        if props.global_provider is not None:
            self.global_topic = AlarmTopic(
                self,
                "global_topic",
                stage,
                AlarmTopicProps(name_suffix="alarms-global", provider=props.global_provider),
            )
        self.alarms: dict[str, Alarm] = {}
        for function in props.functions:
            self._function_alarms(function)
        if props.api is not None:
            self._api_alarms(props.api)
        if props.web_latency is not None:
            self._add(
                "web-latency-p95-high",
                description=f"web server p95 response time above {self.thresholds.web_p95_latency_ms} ms",
                threshold=self.thresholds.web_p95_latency_ms,
                metric=props.web_latency.with_statistic("p95"),
            )
        if props.cdn_5xx_rate is not None:
            self._cdn_alarm(props.cdn_5xx_rate, props)
        self.health_check: HealthCheck | None = None
        if props.health_check_domain is not None:
            self._health_check(props.health_check_domain, props)

    def _add(self, suffix: str, global_: bool = False, **spec: Unpack[_AlarmSpec]) -> Alarm:
        topic = self.global_topic if global_ else self.topic
        if topic is None:
            raise ValueError(
                f"alarm {suffix!r} lives in us-east-1: pass global_provider=providers.aws_global."
            )
        props = AlarmProps(
            name_suffix=suffix,
            actions=(topic.topic_arn,),
            evaluation_periods=self.thresholds.evaluation_periods,
            region=GLOBAL_REGION if global_ else PRIMARY_REGION,
            provider=topic.provider if global_ else None,
            **spec,
        )
        self.alarms[suffix] = Alarm(self, suffix.replace("-", "_"), self.stage, props)
        return self.alarms[suffix]

    def _function_alarms(self, function: FunctionMetrics) -> None:
        t = self.thresholds
        self._add(
            f"{function.label}-lambda-error-rate-high",
            description=(
                f"{function.label} Lambda errors above {t.lambda_error_rate_percent} % of invocations"
            ),
            threshold=t.lambda_error_rate_percent,
            expression=MetricExpression(
                "IF(invocations > 0, 100 * errors / invocations, 0)",
                {"errors": function.errors, "invocations": function.invocations},
                label="error rate (%)",
            ),
        )
        self._add(
            f"{function.label}-lambda-throttles",
            description=f"{function.label} Lambda throttled at least {t.lambda_throttles} time(s)",
            threshold=t.lambda_throttles,
            comparison="GreaterThanOrEqualToThreshold",
            metric=function.throttles,
        )
        limit_ms = function.timeout_seconds * MILLISECONDS * t.duration_near_timeout_percent / 100
        self._add(
            f"{function.label}-lambda-duration-near-timeout",
            description=(
                f"{function.label} Lambda p99 duration above {t.duration_near_timeout_percent} % "
                f"of its {function.timeout_seconds} s timeout"
            ),
            threshold=limit_ms,
            metric=function.duration_p99,
        )
        if function.max_memory_used is not None and function.memory_mb is not None:
            percent = t.lambda_memory_used_percent
            self._add(
                f"{function.label}-lambda-memory-high",
                description=(
                    f"{function.label} Lambda peak memory above {percent} % of its {function.memory_mb} MB"
                ),
                threshold=function.memory_mb * percent / 100,
                metric=function.max_memory_used,
            )

    def _api_alarms(self, api: ApiMetrics) -> None:
        t = self.thresholds
        self._add(
            "api-5xx-high",
            description=f"API answered {t.api_5xx_count}+ 5xx responses in a period",
            threshold=t.api_5xx_count,
            comparison="GreaterThanOrEqualToThreshold",
            metric=api.errors_5xx.with_statistic("Sum"),
        )
        self._add(
            "api-latency-p95-high",
            description=f"API p95 latency above {t.api_p95_latency_ms} ms",
            threshold=t.api_p95_latency_ms,
            metric=api.latency.with_statistic("p95"),
        )

    def _cdn_alarm(self, rate: Metric, props: MonitoringProps) -> None:
        t = self.thresholds
        # With a request count, periods with too little traffic do not count (metric math).
        expression = None
        if props.cdn_requests is not None:
            expression = MetricExpression(
                f"IF(requests >= {props.cdn_min_requests}, error_rate, 0)",
                {"error_rate": rate, "requests": props.cdn_requests},
                label="5xx rate (%) with enough traffic",
            )
        self._add(
            "web-cdn-5xx-rate-high",
            global_=True,
            description=f"CloudFront 5xx above {t.cdn_5xx_rate_percent} % of requests",
            threshold=t.cdn_5xx_rate_percent,
            metric=None if expression else rate,
            expression=expression,
        )

    def _health_check(self, domain: str, props: MonitoringProps) -> None:
        check = HealthCheck(
            self,
            "api_health",
            self.stage,
            HealthCheckProps(
                domain_name=domain,
                request_interval_seconds=props.health_check_interval_seconds,
            ),
        )
        self.health_check = check
        self._add(
            "api-health-check-failed",
            global_=True,
            description=f"https://{domain}/health is failing from Route 53 checkers",
            threshold=1,
            comparison="LessThanThreshold",
            treat_missing_data="breaching",
            metric=check.metric_status(),
        )
