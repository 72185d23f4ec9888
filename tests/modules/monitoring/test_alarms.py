"""Alarms take metrics (or metric math) and refuse region, action and expression mistakes."""

import pytest

from harness import Match
from modules.monitoring.alarms import Alarm, AlarmProps, MetricExpression
from modules.monitoring.metrics import Metric
from tests.modules.synth import synth_constructs

TOPIC = "arn:aws:sns:ap-southeast-1:123456789012:sgcarstrends-dev-alarms"
ERRORS = Metric("AWS/Lambda", "Errors", {"FunctionName": "f"})
INVOCATIONS = Metric("AWS/Lambda", "Invocations", {"FunctionName": "f"})
CDN_RATE = Metric(
    "AWS/CloudFront",
    "5xxErrorRate",
    {"DistributionId": "E1", "Region": "Global"},
    statistic="Average",
    region="us-east-1",
)


def _props(**overrides):
    base = dict(
        name_suffix="api-lambda-throttles", description="d", threshold=1, metric=ERRORS, actions=(TOPIC,)
    )
    return AlarmProps(**{**base, **overrides})


def test_a_metric_alarm_synthesizes_namespace_dimensions_and_actions(tmp_path):
    stack = synth_constructs("dev", lambda scope, stage, _: Alarm(scope, "alarm", stage, _props()), tmp_path)
    stack.resource_count_is("aws_cloudwatch_metric_alarm", 1)
    stack.has_resource_properties(
        "aws_cloudwatch_metric_alarm",
        {
            "alarm_name": "sgcarstrends-dev-api-lambda-throttles",
            "namespace": "AWS/Lambda",
            "metric_name": "Errors",
            "statistic": "Sum",
            "dimensions": Match.exact({"FunctionName": "f"}),
            "alarm_actions": [TOPIC],
        },
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"metric": None}, "exactly one of metric= and expression="),
        ({"expression": MetricExpression("errors", {"errors": ERRORS}, "e")}, "exactly one"),
        ({"actions": ()}, "notifies nobody"),
        ({"comparison": "Above"}, "comparison"),
        ({"treat_missing_data": "maybe"}, "treat_missing_data"),
        ({"evaluation_periods": 0}, ">= 1"),
        ({"metric": CDN_RATE}, "metric lives in us-east-1"),
        ({"metric": CDN_RATE, "region": "us-east-1"}, "needs that region's provider"),
    ],
)
def test_mistakes_are_refused(overrides, message):
    with pytest.raises(ValueError, match=message):
        _props(**overrides)


@pytest.mark.parametrize(
    ("expression", "metrics", "message"),
    [
        ("100 * errors", {}, "names no metrics"),
        ("100 * errors", {"Errors": ERRORS}, "lowercase"),
        ("100 * errors", {"errors": ERRORS, "invocations": INVOCATIONS}, "not used"),
        ("errors + rate", {"errors": ERRORS, "rate": CDN_RATE}, "mixes regions"),
    ],
)
def test_bad_metric_math_is_refused(expression, metrics, message):
    with pytest.raises(ValueError, match=message):
        MetricExpression(expression, metrics, "label")
