"""One CloudWatch alarm built from `Metric` values (a metric or metric math).

Why metric values: the construct that owns a resource hands out its metrics
(`api.metric_errors()`), so an alarm cannot misspell a namespace or a
dimension. Why the region check: an alarm only sees metrics of its own
region and only notifies topics there; CloudFront and Route 53 metrics live
in us-east-1, and a mismatch would be an alarm that never fires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypedDict

from modules.app.aws import (
    CloudwatchMetricAlarm,
    CloudwatchMetricAlarmMetricQuery,
    CloudwatchMetricAlarmMetricQueryMetric,
)
from modules.app.bindings import Construct, TerraformProvider
from modules.monitoring.metrics import Metric
from stages import PRIMARY_REGION, Stage

COMPARISONS = (
    "GreaterThanThreshold",
    "GreaterThanOrEqualToThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
)
MISSING_DATA = ("breaching", "notBreaching", "ignore", "missing")
_QUERY_ID = re.compile(r"^[a-z][a-zA-Z0-9_]*$")


@dataclass(frozen=True)
class MetricExpression:
    """Metric math over named metrics, e.g. `IF(invocations > 0, 100 * errors / invocations, 0)`."""

    expression: str
    metrics: dict[str, Metric]
    """Query ID (lowercase start, e.g. `errors`) -> metric used in the expression."""
    label: str

    def __post_init__(self) -> None:
        if not self.metrics:
            raise ValueError(f"metric expression {self.expression!r} names no metrics; pass at least one.")
        for query_id in self.metrics:
            if not _QUERY_ID.match(query_id):
                raise ValueError(
                    f"metric query ID {query_id!r} must start with a lowercase letter, then letters, digits "
                    "or '_'."
                )
            if query_id not in self.expression:
                raise ValueError(f"metric {query_id!r} is not used in expression {self.expression!r}.")
        regions = {metric.region or PRIMARY_REGION for metric in self.metrics.values()}
        if len(regions) > 1:
            raise ValueError(
                f"metric expression {self.expression!r} mixes regions {sorted(regions)}; CloudWatch math is "
                "per region."
            )

    @property
    def region(self) -> str:
        return next(iter(self.metrics.values())).region or PRIMARY_REGION


@dataclass(frozen=True)
class AlarmProps:
    """What to watch, when to fire and whom to tell."""

    name_suffix: str
    """Catalogued in stages/naming.py, e.g. `api-lambda-error-rate-high`."""
    description: str
    threshold: float
    metric: Metric | None = None
    """default: none; give exactly one of `metric` and `expression`."""
    expression: MetricExpression | None = None
    """default: none; metric math (e.g. an error rate) instead of a single metric."""
    comparison: str = "GreaterThanThreshold"
    """default: fire above the threshold."""
    evaluation_periods: int = 1
    """default: the first breaching period fires."""
    treat_missing_data: str = "notBreaching"
    """default: no data (no traffic) is healthy; health checks use `breaching`."""
    actions: tuple[str, ...] = field(default_factory=tuple)
    """default: none (alarm without notification); SNS topic ARNs in the alarm's region, notified on ALARM
    and OK."""
    region: str = PRIMARY_REGION
    """default: ap-southeast-1; must match the metric's region and the provider's."""
    provider: TerraformProvider | None = None
    """default: the stack's default AWS provider; `providers.aws_global` for us-east-1."""

    def __post_init__(self) -> None:
        if (self.metric is None) == (self.expression is None):
            raise ValueError(f"alarm {self.name_suffix!r}: give exactly one of metric= and expression=.")
        if self.comparison not in COMPARISONS:
            raise ValueError(
                f"alarm {self.name_suffix!r}: comparison {self.comparison!r} is not one of {COMPARISONS}."
            )
        if self.treat_missing_data not in MISSING_DATA:
            raise ValueError(
                f"alarm {self.name_suffix!r}: treat_missing_data {self.treat_missing_data!r} is not one of "
                f"{MISSING_DATA}."
            )
        if self.evaluation_periods < 1:
            raise ValueError(
                f"alarm {self.name_suffix!r}: evaluation_periods={self.evaluation_periods} must be >= 1."
            )
        if not self.actions:
            raise ValueError(
                f"alarm {self.name_suffix!r} notifies nobody; pass the stage's alarm topic ARN in actions."
            )
        metric_region = self.source.region or PRIMARY_REGION
        if metric_region != self.region:
            raise ValueError(
                f"alarm {self.name_suffix!r} is in {self.region} but its metric lives in {metric_region}; "
                f"create it with region={metric_region!r} and that region's provider and topic."
            )
        if self.region != PRIMARY_REGION and self.provider is None:
            raise ValueError(
                f"alarm {self.name_suffix!r} in {self.region} needs that region's provider (e.g. "
                "providers.aws_global)."
            )

    @property
    def source(self) -> Metric | MetricExpression:
        """What the alarm watches: the one of `metric` and `expression` that is set."""
        if self.expression is not None:
            return self.expression
        if self.metric is not None:
            return self.metric
        raise ValueError(f"alarm {self.name_suffix!r}: give exactly one of metric= and expression=.")


class _AlarmArguments(TypedDict):
    """The `CloudwatchMetricAlarm` arguments shared by metric and metric-math alarms."""

    alarm_name: str
    alarm_description: str
    comparison_operator: str
    threshold: float
    evaluation_periods: int
    treat_missing_data: str
    alarm_actions: list[str]
    ok_actions: list[str]
    provider: TerraformProvider | None


class Alarm(Construct):
    """`alarm`: the CloudWatch metric alarm."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: AlarmProps) -> None:
        super().__init__(scope, construct_id)
        common = _AlarmArguments(
            alarm_name=stage.name_for(props.name_suffix),
            alarm_description=props.description,
            comparison_operator=props.comparison,
            threshold=props.threshold,
            evaluation_periods=props.evaluation_periods,
            treat_missing_data=props.treat_missing_data,
            alarm_actions=list(props.actions),
            ok_actions=list(props.actions),
            provider=props.provider,
        )
        metric = props.source
        if isinstance(metric, MetricExpression):
            self.alarm = CloudwatchMetricAlarm(self, "alarm", metric_query=_queries(metric), **common)
        else:
            self.alarm = CloudwatchMetricAlarm(
                self,
                "alarm",
                namespace=metric.namespace,
                metric_name=metric.metric_name,
                dimensions=dict(metric.dimensions) or None,
                period=metric.period_seconds,
                statistic=None if metric.extended_statistic else metric.statistic,
                extended_statistic=metric.extended_statistic,
                **common,
            )


def _queries(expression: MetricExpression) -> list[CloudwatchMetricAlarmMetricQuery]:
    queries = [
        CloudwatchMetricAlarmMetricQuery(
            id=query_id,
            return_data=False,
            metric=CloudwatchMetricAlarmMetricQueryMetric(
                namespace=metric.namespace,
                metric_name=metric.metric_name,
                dimensions=dict(metric.dimensions) or None,
                period=metric.period_seconds,
                stat=metric.extended_statistic or metric.statistic,
            ),
        )
        for query_id, metric in expression.metrics.items()
    ]
    queries.append(
        CloudwatchMetricAlarmMetricQuery(
            id="result", expression=expression.expression, label=expression.label, return_data=True
        )
    )
    return queries
