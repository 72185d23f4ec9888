"""Alarm topics: catalogued names, a rotating customer-managed key CloudWatch may use."""

import json
import re

import pytest

from harness import Match
from modules.monitoring.alarm_topic import AlarmTopic, AlarmTopicProps
from tests.modules.synth import synth_constructs


def test_topic_is_encrypted_with_its_own_key_that_cloudwatch_may_use(tmp_path):
    stack = synth_constructs("dev", lambda scope, stage, _: AlarmTopic(scope, "topic", stage), tmp_path)
    for resource_type in ("aws_sns_topic", "aws_kms_key", "aws_kms_alias"):
        stack.resource_count_is(resource_type, 1)
    key = stack.has_resource_properties(
        "aws_kms_key",
        {
            "enable_key_rotation": True,
            "deletion_window_in_days": 7,
            "policy": Match.string_like_regexp(re.escape('"Service" = "cloudwatch.amazonaws.com"')),
        },
    )
    stack.has_resource_properties(
        "aws_sns_topic",
        {
            "name": "sgcarstrends-dev-alarms",
            "kms_master_key_id": Match.string_like_regexp("^" + re.escape("${" + key + ".")),
        },
    )
    assert "alias/aws/sns" not in json.dumps(stack.config)
    stack.has_resource_properties("aws_kms_alias", {"name": "alias/sgcarstrends-dev-alarms"})


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
