"""An HTTPS health check of the API's public `/health` endpoint (Route 53).

Why Route 53 and not only Lambda metrics: it probes the real public path
(DNS, certificate, API Gateway, Lambda) from several regions, so a broken
certificate or DNS record is noticed even when no user traffic arrives.
Its `HealthCheckStatus` metric is published in us-east-1 only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from modules.app.aws import Route53HealthCheck
from modules.app.bindings import Construct
from modules.monitoring.metrics import Metric
from stages import GLOBAL_REGION, Stage

_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
INTERVALS = (10, 30)


@dataclass(frozen=True)
class HealthCheckProps:
    """What to probe and how often."""

    domain_name: str
    """Public hostname, e.g. `api.sgcarstrends.com` (the check uses SNI for it)."""
    resource_path: str = "/health"
    """default: `/health`, the API's liveness route."""
    request_interval_seconds: int = 30
    """default: 30 s (10 s costs more); Route 53 allows only 10 or 30."""
    failure_threshold: int = 3
    """default: three consecutive failures before the checker reports unhealthy."""
    name_suffix: str = "api-health"
    """default: `api-health`; the `Name` tag, catalogued in stages/naming.py."""

    def __post_init__(self) -> None:
        if not _HOST.match(self.domain_name):
            raise ValueError(
                f"health check domain_name={self.domain_name!r} must be a lowercase hostname like "
                "'api.sgcarstrends.com'."
            )
        if not self.resource_path.startswith("/"):
            raise ValueError(
                f"health check resource_path={self.resource_path!r} must start with '/', e.g. '/health'."
            )
        if self.request_interval_seconds not in INTERVALS:
            raise ValueError(
                f"request_interval_seconds={self.request_interval_seconds}: Route 53 allows only {INTERVALS}."
            )
        if not 1 <= self.failure_threshold <= 10:
            raise ValueError(f"failure_threshold={self.failure_threshold} must be between 1 and 10.")


class HealthCheck(Construct):
    """`health_check` (type HTTPS, port 443) and `metric_status()` for its alarm."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: HealthCheckProps) -> None:
        super().__init__(scope, construct_id)
        self.props = props
        self.health_check = Route53HealthCheck(
            self,
            "health_check",
            type="HTTPS",
            fqdn=props.domain_name,
            port=443,
            resource_path=props.resource_path,
            enable_sni=True,
            request_interval=props.request_interval_seconds,
            failure_threshold=props.failure_threshold,
            measure_latency=True,
            tags={"Name": stage.name_for(props.name_suffix)},
        )

    def metric_status(self) -> Metric:
        """1 while healthy, 0 when failing; alarm on Minimum < 1 (us-east-1)."""
        return Metric(
            namespace="AWS/Route53",
            metric_name="HealthCheckStatus",
            dimensions={"HealthCheckId": self.health_check.id},
            statistic="Minimum",
            period_seconds=60,
            region=GLOBAL_REGION,
        )
