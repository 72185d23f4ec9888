"""Monitoring per stage: alarms with the stage's thresholds, topics per region, the /health check."""

import pytest

from modules.monitoring.metrics import Metric
from modules.monitoring.monitoring import FunctionMetrics, Monitoring, MonitoringProps
from stages import resolve_stage
from tests.modules.synth import synth_constructs

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


def _alarms(synth_output, stage):
    prefix = f"sgcarstrends-{stage}-"
    return {
        body["alarm_name"].removeprefix(prefix): body
        for body in synth_output.stack(stage).resources("aws_cloudwatch_metric_alarm").values()
    }


def _topics(synth_output, stage):
    return {
        body["name"]: (address, body)
        for address, body in synth_output.stack(stage).resources("aws_sns_topic").items()
    }


@pytest.mark.parametrize("stage", STAGES)
def test_every_alarm_exists_and_notifies_its_regions_topic(synth_output, stage):
    alarms, topics = _alarms(synth_output, stage), _topics(synth_output, stage)
    health = set() if resolve_stage(stage).settings.health_check_enabled else {"api-health-check-failed"}
    assert set(alarms) == (REGIONAL | GLOBAL) - health
    regional_topic, _ = topics[f"sgcarstrends-{stage}-alarms"]
    global_topic, global_body = topics[f"sgcarstrends-{stage}-alarms-global"]
    assert global_body["provider"] == "aws.us_east_1"
    for name, alarm in alarms.items():
        topic = global_topic if name in GLOBAL else regional_topic
        assert alarm["alarm_actions"] == alarm["ok_actions"] == ["${" + topic + ".arn}"]
        assert alarm.get("provider", "aws") == ("aws.us_east_1" if name in GLOBAL else "aws")
        assert alarm["treat_missing_data"] == (
            "breaching" if name == "api-health-check-failed" else "notBreaching"
        )


@pytest.mark.parametrize("stage", STAGES)
def test_thresholds_come_from_the_stage(synth_output, stage):
    thresholds = resolve_stage(stage).settings.alarms
    alarms = _alarms(synth_output, stage)
    assert alarms["api-lambda-error-rate-high"]["threshold"] == thresholds.lambda_error_rate_percent
    assert alarms["api-lambda-throttles"]["threshold"] == thresholds.lambda_throttles
    assert alarms["api-5xx-high"]["threshold"] == thresholds.api_5xx_count
    assert alarms["api-latency-p95-high"]["threshold"] == thresholds.api_p95_latency_ms
    assert alarms["api-latency-p95-high"]["extended_statistic"] == "p95"
    assert alarms["web-cdn-5xx-rate-high"]["threshold"] == thresholds.cdn_5xx_rate_percent
    assert all(alarm["evaluation_periods"] == thresholds.evaluation_periods for alarm in alarms.values())


def test_thresholds_differ_between_stages(synth_output):
    rates = {
        stage: _alarms(synth_output, stage)["api-lambda-error-rate-high"]["threshold"] for stage in STAGES
    }
    assert rates == {"prod": 2, "staging": 5, "dev": 10, "pr-123": 25}


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("label", ["api", "web"])
def test_duration_alarm_is_a_share_of_the_functions_real_timeout(synth_output, stage, label):
    stack = synth_output.stack(stage)
    function = next(
        f
        for f in stack.resources("aws_lambda_function").values()
        if f["function_name"] == f"sgcarstrends-{stage}-{label}"
    )
    alarm = _alarms(synth_output, stage)[f"{label}-lambda-duration-near-timeout"]
    percent = resolve_stage(stage).settings.alarms.duration_near_timeout_percent
    assert alarm["threshold"] == pytest.approx(function["timeout"] * 1000 * percent / 100)
    assert (alarm["extended_statistic"], alarm["dimensions"]) == (
        "p99",
        {"FunctionName": function["function_name"]},
    )


@pytest.mark.parametrize("stage", STAGES)
def test_error_rate_is_metric_math_over_errors_and_invocations(synth_output, stage):
    queries = {q["id"]: q for q in _alarms(synth_output, stage)["web-lambda-error-rate-high"]["metric_query"]}
    assert queries["result"]["expression"] == "IF(invocations > 0, 100 * errors / invocations, 0)"
    assert queries["result"]["return_data"] is True
    assert (queries["errors"]["metric"]["metric_name"], queries["invocations"]["metric"]["metric_name"]) == (
        "Errors",
        "Invocations",
    )


@pytest.mark.parametrize("stage", STAGES)
def test_cdn_alarm_reads_global_cloudfront_metrics(synth_output, stage):
    queries = {q["id"]: q for q in _alarms(synth_output, stage)["web-cdn-5xx-rate-high"]["metric_query"]}
    rate = queries["error_rate"]["metric"]
    distribution = next(iter(synth_output.stack(stage).resources("aws_cloudfront_distribution")))
    assert (rate["namespace"], rate["metric_name"], rate["stat"]) == (
        "AWS/CloudFront",
        "5xxErrorRate",
        "Average",
    )
    assert rate["dimensions"] == {"DistributionId": "${" + distribution + ".id}", "Region": "Global"}


@pytest.mark.parametrize("stage", [name for name in STAGES if resolve_stage(name).is_permanent])
def test_https_health_check_on_the_api_domain(synth_output, stage):
    stack = synth_output.stack(stage)
    ((address, check),) = stack.resources("aws_route53_health_check").items()
    assert (check["type"], check["port"], check["resource_path"], check["enable_sni"]) == (
        "HTTPS",
        443,
        "/health",
        True,
    )
    assert check["fqdn"] == resolve_stage(stage).api_domain
    alarm = _alarms(synth_output, stage)["api-health-check-failed"]
    assert (alarm["namespace"], alarm["metric_name"], alarm["statistic"]) == (
        "AWS/Route53",
        "HealthCheckStatus",
        "Minimum",
    )
    assert alarm["dimensions"] == {"HealthCheckId": "${" + address + ".id}"}
    assert (alarm["comparison_operator"], alarm["threshold"]) == ("LessThanThreshold", 1)
    assert check["request_interval"] == resolve_stage(stage).settings.health_check_interval_seconds


def test_fast_checks_on_prod_standard_ones_elsewhere_none_on_ephemeral_stages(synth_output):
    intervals = {
        stage: [
            c["request_interval"]
            for c in synth_output.stack(stage).resources("aws_route53_health_check").values()
        ]
        for stage in ("prod", "staging", "dev", "pr-123")
    }
    assert intervals == {"prod": [10], "staging": [30], "dev": [30], "pr-123": []}
    assert "api-health-check-failed" not in _alarms(synth_output, "pr-123")


@pytest.mark.parametrize("stage", STAGES)
def test_topics_use_a_key_cloudwatch_may_use_and_prod_keeps_them(synth_output, stage):
    stack = synth_output.stack(stage)
    keys = stack.resources("aws_kms_key")
    topics = _topics(synth_output, stage)
    assert topics, f"{stage} has no alarm topics"
    for _, topic in topics.values():
        key_address = topic["kms_master_key_id"].removeprefix("${").removesuffix(".arn}")
        assert key_address in keys, "topics use our key, not alias/aws/sns (CloudWatch cannot use that one)"
        assert "cloudwatch.amazonaws.com" in keys[key_address]["policy"]
        assert keys[key_address]["enable_key_rotation"] is True
        assert topic.get("lifecycle", {}).get("prevent_destroy", False) is (stage == "prod")
        assert keys[key_address].get("lifecycle", {}).get("prevent_destroy", False) is (stage == "prod")


def _lambda_metric(name, **kwargs):
    return Metric("AWS/Lambda", name, {"FunctionName": "f"}, **kwargs)


def test_plain_metrics_build_only_the_alarms_asked_for(tmp_path):
    function = FunctionMetrics(
        "api",
        _lambda_metric("Errors"),
        _lambda_metric("Invocations"),
        _lambda_metric("Throttles"),
        _lambda_metric("Duration", extended_statistic="p99"),
        120,
    )
    stack = synth_constructs(
        "dev",
        lambda scope, stage, _: Monitoring(
            scope, "monitoring", stage, MonitoringProps(functions=(function,))
        ),
        tmp_path,
    )
    names = sorted(alarm["alarm_name"] for alarm in stack.resources("aws_cloudwatch_metric_alarm").values())
    assert names == [
        "sgcarstrends-dev-api-lambda-duration-near-timeout",
        "sgcarstrends-dev-api-lambda-error-rate-high",
        "sgcarstrends-dev-api-lambda-throttles",
    ]
    assert [t["name"] for t in stack.resources("aws_sns_topic").values()] == ["sgcarstrends-dev-alarms"]
    assert stack.resources("aws_route53_health_check") == {}


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
    function = FunctionMetrics(
        "api",
        _lambda_metric("Errors"),
        _lambda_metric("Invocations"),
        _lambda_metric("Throttles"),
        _lambda_metric("Duration", extended_statistic="p99"),
        120,
    )
    with pytest.raises(ValueError, match="repeat"):
        MonitoringProps(functions=(function, function))


def test_memory_alarms_compare_peak_memory_with_each_functions_size(synth_output):
    alarms = _alarms(synth_output, "prod")
    prod = resolve_stage("prod").settings
    for label, memory_mb in (("api", prod.api_memory_mb), ("web", prod.web_memory_mb)):
        alarm = alarms[f"{label}-lambda-memory-high"]
        assert (alarm["namespace"], alarm["metric_name"], alarm["statistic"]) == (
            "sgcarstrends/Lambda",
            f"sgcarstrends-prod-{label}",
            "Maximum",
        )
        assert alarm["threshold"] == memory_mb * prod.alarms.lambda_memory_used_percent / 100


def test_web_slow_response_alarm_uses_the_stage_threshold(synth_output):
    alarm = _alarms(synth_output, "prod")["web-latency-p95-high"]
    assert (alarm["metric_name"], alarm["extended_statistic"]) == ("Duration", "p95")
    assert alarm["dimensions"] == {"FunctionName": "sgcarstrends-prod-web"}
    assert alarm["threshold"] == resolve_stage("prod").settings.alarms.web_p95_latency_ms


def test_a_memory_alarm_needs_the_functions_size():
    metric = Metric("AWS/Lambda", "Duration", extended_statistic="p99")
    with pytest.raises(ValueError, match="needs both max_memory_used and memory_mb"):
        FunctionMetrics("api", metric, metric, metric, metric, 30, max_memory_used=metric)
