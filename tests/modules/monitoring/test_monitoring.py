"""Monitoring per stage: alarms with the stage's thresholds, topics per region, the /health check."""

import pytest

from harness import Capture, Match
from modules.monitoring.metrics import Metric
from modules.monitoring.monitoring import FunctionMetrics, Monitoring, MonitoringProps
from stages import resolve_stage
from tests.modules.synth import single, synth_constructs

STAGES = ["prod", "staging", "dev", "pr-123"]
REGIONAL = {
    "api-lambda-error-rate-high",
    "api-lambda-throttles",
    "api-lambda-duration-near-timeout",
    "web-lambda-error-rate-high",
    "web-lambda-throttles",
    "web-lambda-duration-near-timeout",
    "api-lambda-memory-high",
    "web-lambda-memory-high",
    "web-latency-p95-high",
    "api-5xx-high",
    "api-latency-p95-high",
}
GLOBAL = {"web-cdn-5xx-rate-high", "api-health-check-failed"}


ALARM = "aws_cloudwatch_metric_alarm"


def _alarm(stage, name, **properties):
    """A pattern for the stage's alarm `name` (without the `sgcarstrends-<stage>-` prefix)."""
    return {"alarm_name": f"sgcarstrends-{stage}-{name}", **properties}


@pytest.mark.parametrize("stage", STAGES)
def test_every_alarm_exists_and_notifies_its_regions_topic(template, stage):
    stack = template(stage)
    health = set() if resolve_stage(stage).settings.health_check_enabled else {"api-health-check-failed"}
    expected = (REGIONAL | GLOBAL) - health
    stack.resource_count_is(ALARM, len(expected))
    regional_topic = stack.has_resource_properties("aws_sns_topic", {"name": f"sgcarstrends-{stage}-alarms"})
    global_topic = stack.has_resource_properties(
        "aws_sns_topic", {"name": f"sgcarstrends-{stage}-alarms-global", "provider": "aws.us_east_1"}
    )
    for name in sorted(expected):
        topic_arn = "${" + (global_topic if name in GLOBAL else regional_topic) + ".arn}"
        stack.has_resource_properties(
            ALARM,
            _alarm(
                stage,
                name,
                alarm_actions=[topic_arn],
                ok_actions=[topic_arn],
                provider="aws.us_east_1" if name in GLOBAL else Match.absent(),
                treat_missing_data="breaching" if name == "api-health-check-failed" else "notBreaching",
            ),
        )


@pytest.mark.parametrize("stage", STAGES)
def test_thresholds_come_from_the_stage(template, stage):
    stack = template(stage)
    thresholds = resolve_stage(stage).settings.alarms
    for name, threshold in (
        ("api-lambda-error-rate-high", thresholds.lambda_error_rate_percent),
        ("api-lambda-throttles", thresholds.lambda_throttles),
        ("api-5xx-high", thresholds.api_5xx_count),
        ("web-cdn-5xx-rate-high", thresholds.cdn_5xx_rate_percent),
    ):
        stack.has_resource_properties(ALARM, _alarm(stage, name, threshold=threshold))
    stack.has_resource_properties(
        ALARM,
        _alarm(
            stage, "api-latency-p95-high", threshold=thresholds.api_p95_latency_ms, extended_statistic="p95"
        ),
    )
    stack.all_resources_properties(ALARM, {"evaluation_periods": thresholds.evaluation_periods})


def test_thresholds_differ_between_stages(template):
    rates = {"prod": 2, "staging": 5, "dev": 10, "pr-123": 25}
    assert set(rates) == set(STAGES)
    for stage, rate in rates.items():
        template(stage).has_resource_properties(
            ALARM, _alarm(stage, "api-lambda-error-rate-high", threshold=rate)
        )


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("label", ["api", "web"])
def test_duration_alarm_is_a_share_of_the_functions_real_timeout(template, stage, label):
    stack = template(stage)
    function_name = f"sgcarstrends-{stage}-{label}"
    timeout, threshold = Capture(), Capture()
    stack.has_resource_properties("aws_lambda_function", {"function_name": function_name, "timeout": timeout})
    stack.has_resource_properties(
        ALARM,
        _alarm(
            stage,
            f"{label}-lambda-duration-near-timeout",
            threshold=threshold,
            extended_statistic="p99",
            dimensions=Match.exact({"FunctionName": function_name}),
        ),
    )
    percent = resolve_stage(stage).settings.alarms.duration_near_timeout_percent
    assert threshold.as_number() == pytest.approx(timeout.as_number() * 1000 * percent / 100)


@pytest.mark.parametrize("stage", STAGES)
def test_error_rate_is_metric_math_over_errors_and_invocations(template, stage):
    template(stage).has_resource_properties(
        ALARM,
        _alarm(
            stage,
            "web-lambda-error-rate-high",
            metric_query=Match.array_with(
                [
                    {
                        "id": "result",
                        "expression": "IF(invocations > 0, 100 * errors / invocations, 0)",
                        "return_data": True,
                    },
                    {"id": "errors", "metric": {"metric_name": "Errors"}},
                    {"id": "invocations", "metric": {"metric_name": "Invocations"}},
                ],
                any_order=True,
            ),
        ),
    )


@pytest.mark.parametrize("stage", STAGES)
def test_cdn_alarm_reads_global_cloudfront_metrics(template, stage):
    stack = template(stage)
    distribution, _ = single(stack, "aws_cloudfront_distribution")
    rate = {
        "namespace": "AWS/CloudFront",
        "metric_name": "5xxErrorRate",
        "stat": "Average",
        "dimensions": Match.exact({"DistributionId": "${" + distribution + ".id}", "Region": "Global"}),
    }
    stack.has_resource_properties(
        ALARM,
        _alarm(
            stage,
            "web-cdn-5xx-rate-high",
            metric_query=Match.array_with([{"id": "error_rate", "metric": rate}]),
        ),
    )


@pytest.mark.parametrize("stage", [name for name in STAGES if resolve_stage(name).is_permanent])
def test_https_health_check_on_the_api_domain(template, stage):
    stack = template(stage)
    settings = resolve_stage(stage).settings
    stack.resource_count_is("aws_route53_health_check", 1)
    check = stack.has_resource_properties(
        "aws_route53_health_check",
        {
            "type": "HTTPS",
            "port": 443,
            "resource_path": "/health",
            "enable_sni": True,
            "fqdn": resolve_stage(stage).api_domain,
            "request_interval": settings.health_check_interval_seconds,
        },
    )
    stack.has_resource_properties(
        ALARM,
        _alarm(
            stage,
            "api-health-check-failed",
            namespace="AWS/Route53",
            metric_name="HealthCheckStatus",
            statistic="Minimum",
            dimensions=Match.exact({"HealthCheckId": "${" + check + ".id}"}),
            comparison_operator="LessThanThreshold",
            threshold=1,
        ),
    )


def test_fast_checks_on_prod_standard_ones_elsewhere_none_on_ephemeral_stages(template):
    for stage, interval in (("prod", 10), ("staging", 30), ("dev", 30)):
        template(stage).resource_count_is("aws_route53_health_check", 1)
        template(stage).has_resource_properties("aws_route53_health_check", {"request_interval": interval})
    template("pr-123").resource_count_is("aws_route53_health_check", 0)
    template("pr-123").resource_properties_count_is(ALARM, _alarm("pr-123", "api-health-check-failed"), 0)


@pytest.mark.parametrize("stage", STAGES)
def test_topics_use_a_key_cloudwatch_may_use_and_prod_keeps_them(template, stage):
    stack = template(stage)
    protection = {"prevent_destroy": True} if stage == "prod" else Match.absent()
    key_arn = Capture(Match.string_like_regexp(r"^\$\{aws_kms_key\.[^.]+\.arn\}$"))
    stack.all_resources_properties("aws_sns_topic", {"kms_master_key_id": key_arn, "lifecycle": protection})
    cloudwatch_keys = stack.find_resources(
        "aws_kms_key",
        {
            "policy": Match.string_like_regexp(r"cloudwatch\.amazonaws\.com"),
            "enable_key_rotation": True,
            "lifecycle": protection,
        },
    )
    while True:
        key_address = key_arn.as_string().removeprefix("${").removesuffix(".arn}")
        assert key_address in cloudwatch_keys, (
            "topics use our key, not alias/aws/sns (CloudWatch cannot use that one)"
        )
        if not key_arn.next():
            break


def _lambda_metric(name, **kwargs):
    return Metric("AWS/Lambda", name, {"FunctionName": "f"}, **kwargs)


def _api_metrics():
    """The API function's metrics: errors, invocations, throttles, p99 duration, 120 s timeout."""
    return FunctionMetrics(
        "api",
        _lambda_metric("Errors"),
        _lambda_metric("Invocations"),
        _lambda_metric("Throttles"),
        _lambda_metric("Duration", extended_statistic="p99"),
        120,
    )


def test_plain_metrics_build_only_the_alarms_asked_for(tmp_path):
    function = _api_metrics()
    stack = synth_constructs(
        "dev",
        lambda scope, stage, _: Monitoring(
            scope, "monitoring", stage, MonitoringProps(functions=(function,))
        ),
        tmp_path,
    )
    names = (
        "sgcarstrends-dev-api-lambda-duration-near-timeout",
        "sgcarstrends-dev-api-lambda-error-rate-high",
        "sgcarstrends-dev-api-lambda-throttles",
    )
    stack.resource_count_is(ALARM, len(names))
    for name in names:
        stack.has_resource_properties(ALARM, {"alarm_name": name})
    stack.resource_count_is("aws_sns_topic", 1)
    stack.has_resource_properties("aws_sns_topic", {"name": "sgcarstrends-dev-alarms"})
    stack.resource_count_is("aws_route53_health_check", 0)


def test_global_alarms_without_the_us_east_1_provider_are_refused():
    with pytest.raises(ValueError, match="global_provider"):
        MonitoringProps(health_check_domain="api.dev.sgcarstrends.com")


def test_duration_without_a_percentile_is_refused():
    with pytest.raises(ValueError, match="percentile"):
        FunctionMetrics(
            "api",
            _lambda_metric("Errors"),
            _lambda_metric("Invocations"),
            _lambda_metric("Throttles"),
            _lambda_metric("Duration"),
            120,
        )


def test_repeated_function_labels_are_refused():
    function = _api_metrics()
    with pytest.raises(ValueError, match="repeat"):
        MonitoringProps(functions=(function, function))


def test_memory_alarms_compare_peak_memory_with_each_functions_size(template):
    prod = resolve_stage("prod").settings
    for label, memory_mb in (("api", prod.api_memory_mb), ("web", prod.web_memory_mb)):
        template("prod").has_resource_properties(
            ALARM,
            _alarm(
                "prod",
                f"{label}-lambda-memory-high",
                namespace="sgcarstrends/Lambda",
                metric_name=f"sgcarstrends-prod-{label}",
                statistic="Maximum",
                threshold=memory_mb * prod.alarms.lambda_memory_used_percent / 100,
            ),
        )


def test_web_slow_response_alarm_uses_the_stage_threshold(template):
    template("prod").has_resource_properties(
        ALARM,
        _alarm(
            "prod",
            "web-latency-p95-high",
            metric_name="Duration",
            extended_statistic="p95",
            dimensions=Match.exact({"FunctionName": "sgcarstrends-prod-web"}),
            threshold=resolve_stage("prod").settings.alarms.web_p95_latency_ms,
        ),
    )


def test_a_memory_alarm_needs_the_functions_size():
    metric = Metric("AWS/Lambda", "Duration", extended_statistic="p99")
    with pytest.raises(ValueError, match="needs both max_memory_used and memory_mb"):
        FunctionMetrics("api", metric, metric, metric, metric, 30, max_memory_used=metric)
