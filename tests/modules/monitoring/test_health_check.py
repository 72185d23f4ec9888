"""The /health check: HTTPS on 443 with SNI; bad paths, hosts and intervals refused."""

import pytest

from harness import Match
from modules.monitoring.health_check import HealthCheck, HealthCheckProps
from tests.modules.synth import synth_constructs


def test_health_check_and_its_us_east_1_metric(tmp_path):
    built = {}
    stack = synth_constructs(
        "pr-5",
        lambda scope, stage, _: built.setdefault(
            "check",
            HealthCheck(scope, "health", stage, HealthCheckProps(domain_name="api-pr-5.sgcarstrends.com")),
        ),
        tmp_path,
    )
    stack.resource_count_is("aws_route53_health_check", 1)
    stack.has_resource_properties(
        "aws_route53_health_check",
        {
            "type": "HTTPS",
            "fqdn": "api-pr-5.sgcarstrends.com",
            "port": 443,
            "resource_path": "/health",
            "tags": Match.exact({"Name": "sgcarstrends-pr-5-api-health"}),
        },
    )
    metric = built["check"].metric_status()
    assert (metric.namespace, metric.metric_name, metric.statistic, metric.region) == (
        "AWS/Route53",
        "HealthCheckStatus",
        "Minimum",
        "us-east-1",
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"domain_name": "https://api.sgcarstrends.com"}, "lowercase hostname"),
        ({"resource_path": "health"}, "start with '/'"),
        ({"request_interval_seconds": 60}, "only"),
        ({"failure_threshold": 0}, "between 1 and 10"),
    ],
)
def test_bad_props_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        HealthCheckProps(**{"domain_name": "api.sgcarstrends.com", **kwargs})
