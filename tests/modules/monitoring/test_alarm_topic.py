"""Alarm topics: catalogued names, a rotating customer-managed key CloudWatch may use."""

import json

import pytest

from modules.monitoring.alarm_topic import AlarmTopic, AlarmTopicProps
from tests.modules.construct_synth import only, synth_constructs


def test_topic_is_encrypted_with_its_own_key_that_cloudwatch_may_use():
    stack = synth_constructs("dev", lambda scope, stage, _: AlarmTopic(scope, "topic", stage))
    topic, key = only(stack, "aws_sns_topic"), only(stack, "aws_kms_key")
    assert topic["name"] == "sgcarstrends-dev-alarms"
    assert topic["kms_master_key_id"].startswith("${aws_kms_key.") and "alias/aws/sns" not in json.dumps(
        stack.config
    )
    assert key["enable_key_rotation"] is True and key["deletion_window_in_days"] == 7
    assert '"Service" = "cloudwatch.amazonaws.com"' in key["policy"]
    assert only(stack, "aws_kms_alias")["name"] == "alias/sgcarstrends-dev-alarms"


def test_an_uncatalogued_name_is_refused():
    with pytest.raises(KeyError, match="naming catalogue"):
        synth_constructs(
            "dev",
            lambda scope, stage, _: AlarmTopic(scope, "topic", stage, AlarmTopicProps(name_suffix="pager")),
        )


def test_an_empty_name_is_refused():
    with pytest.raises(ValueError, match="name_suffix"):
        AlarmTopicProps(name_suffix="")
