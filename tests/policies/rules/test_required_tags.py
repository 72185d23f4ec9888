"""SGCT008: required tags via provider default_tags (config) and tags_all (plan)."""

from tests.policies.helpers import change, plan, run_rule, stack, stage_tags


def test_default_tags_pass():
    assert (
        run_rule("SGCT008", stack("prod", {"aws_sns_topic.alarms": {"name": "sgcarstrends-prod-alarms"}}))
        == []
    )


def test_missing_default_tags_wrong_stage_and_override_fail():
    config = stack("prod", {"aws_sns_topic.alarms": {"name": "x", "tags": {"stage": "dev"}}})
    config["provider"]["aws"][0]["default_tags"] = [{"tags": {"app": "sgcarstrends", "stage": "dev"}}]
    del config["provider"]["aws"][1]["default_tags"]
    messages = [f"{f.address}: {f.message}" for f in run_rule("SGCT008", config)]
    assert "provider.aws: default_tags: missing tag 'managed-by'" in messages
    assert "provider.aws: default_tags: tag 'stage' is 'dev', must be 'prod'" in messages
    assert any(m.startswith("provider.aws.us_east_1: default_tags: missing tag 'app'") for m in messages)
    assert any(m.startswith("aws_sns_topic.alarms: tags override 'stage'") for m in messages)


def test_plan_tags_all_checked_and_unknown_fails_closed():
    good = change("aws_sns_topic.a", ["create"], None, {"tags_all": stage_tags("dev")})
    assert run_rule("SGCT008", plan([good], "dev")) == []
    missing = change("aws_sns_topic.b", ["create"], None, {"tags_all": {"app": "sgcarstrends"}})
    unknown = change("aws_sns_topic.c", ["create"], None, {}, after_unknown={"tags_all": True})
    findings = run_rule("SGCT008", plan([missing, unknown], "dev"))
    assert {f.address for f in findings} == {"aws_sns_topic.b", "aws_sns_topic.c"}
    assert any("cannot verify" in f.message for f in findings)
