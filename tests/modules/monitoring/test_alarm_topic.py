"""Alarm topics: catalogued names, a rotating customer-managed key CloudWatch may use."""

import json

import pytest

from modules.monitoring.alarm_topic import AlarmTopic, AlarmTopicProps
from tests.modules.synth import single, synth_constructs


def test_topic_is_encrypted_with_its_own_key_that_cloudwatch_may_use(tmp_path):
    stack = synth_constructs("dev", lambda scope, stage, _: AlarmTopic(scope, "topic", stage), tmp_path)
    topic, key = single(stack, "aws_sns_topic").body, single(stack, "aws_kms_key").body
    assert topic["name"] == "sgcarstrends-dev-alarms"
    assert topic["kms_master_key_id"].startswith("${aws_kms_key.") and "alias/aws/sns" not in json.dumps(
        stack.config
    )
    assert key["enable_key_rotation"] is True and key["deletion_window_in_days"] == 7
    assert '"Service" = "cloudwatch.amazonaws.com"' in key["policy"]
    assert single(stack, "aws_kms_alias").body["name"] == "alias/sgcarstrends-dev-alarms"


def test_an_uncatalogued_name_is_refused(tmp_path):
    with pytest.raises(KeyError, match="naming catalogue"):
        synth_constructs(
            "dev",
            lambda scope, stage, _: AlarmTopic(scope, "topic", stage, AlarmTopicProps(name_suffix="pager")),
            tmp_path,
        )


def test_an_empty_name_is_refused():
    with pytest.raises(ValueError, match="name_suffix"):
        AlarmTopicProps(name_suffix="")
