"""CloudWatch metrics as values: constructs hand them out, alarms take them in.

Why: an alarm built from `api.metric_errors()` cannot misspell a namespace or
a dimension; the construct that owns the resource knows its metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

FIVE_MINUTES = 300


@dataclass(frozen=True)
class Metric:
    """One CloudWatch metric with its statistic and period."""

    namespace: str
    metric_name: str
    dimensions: dict[str, str] = field(default_factory=dict)
    """default: none (the metric's namespace-wide aggregate)."""
    statistic: str = "Sum"
    """default: Sum. Percentiles go in `extended_statistic` instead (e.g. `p95`)."""
    extended_statistic: str | None = None
    """default: none; set e.g. `p95` for latency alarms (then `statistic` is ignored)."""
    period_seconds: int = FIVE_MINUTES
    """default: 5 minutes."""
    region: str | None = None
    """default: the stack's primary region; CloudFront metrics live in us-east-1."""

    def with_statistic(self, statistic: str) -> Metric:
        """A copy using `statistic`; `p95`-style values become extended statistics."""
        if statistic.startswith("p"):
            return replace(self, extended_statistic=statistic)
        return replace(self, statistic=statistic, extended_statistic=None)
