"""The alarm notifier: its function, a Lambda subscription and permission per topic, e-mail subscriptions."""

import pytest

from modules.app.secrets import Secrets
from modules.monitoring.alarm_notifier import AlarmNotifier, AlarmNotifierProps
from modules.monitoring.alarm_topic import AlarmTopic, AlarmTopicProps
from stages import StageSettings
from tests.modules.synth import synth_constructs

WEBHOOK = "${var.DISCORD_WEBHOOK_URL}"


def _build(emails=()):
    def build(scope, stage, providers):
        topics = (
            AlarmTopic(scope, "topic", stage),
            AlarmTopic(
                scope,
                "global_topic",
                stage,
                AlarmTopicProps(name_suffix="alarms-global", provider=providers.aws_global),
            ),
        )
        webhook = Secrets(scope, "secrets").reference("DISCORD_WEBHOOK_URL")
        AlarmNotifier(scope, "notifier", stage, AlarmNotifierProps(webhook, topics, emails))

    return build


def test_every_topic_delivers_to_the_notifier_which_may_be_invoked_only_by_them(tmp_path):
    stack = synth_constructs("dev", _build(), tmp_path)
    (function,) = stack.resources("aws_lambda_function").values()
    assert function["function_name"] == "sgcarstrends-dev-alarm-notifier"
    assert function["architectures"] == ["arm64"] and function["runtime"] == "nodejs22.x"
    assert function["environment"]["variables"] == {"DISCORD_WEBHOOK_URL": WEBHOOK}
    subscriptions = stack.resources("aws_sns_topic_subscription")
    assert sorted(s["protocol"] for s in subscriptions.values()) == ["lambda", "lambda"]
    topic_refs = sorted(s["topic_arn"] for s in subscriptions.values())
    assert topic_refs[0].startswith("${aws_sns_topic.global_topic") and topic_refs[1].startswith(
        "${aws_sns_topic.topic"
    )
    global_subscription = next(s for s in subscriptions.values() if "global_topic" in s["topic_arn"])
    assert global_subscription["provider"] == "aws.us_east_1", "a subscription lives in its topic's region"
    permissions = stack.resources("aws_lambda_permission").values()
    assert sorted(p["source_arn"] for p in permissions) == topic_refs
    assert {p["principal"] for p in permissions} == {"sns.amazonaws.com"}


def test_each_email_address_subscribes_to_every_topic_with_a_stable_address(tmp_path):
    emails = ("oncall@example.com", "team@example.com")
    stack = synth_constructs("dev", _build(emails), tmp_path / "a")
    mails = {
        a: s for a, s in stack.resources("aws_sns_topic_subscription").items() if s["protocol"] == "email"
    }
    assert sorted(s["endpoint"] for s in mails.values()) == sorted(emails * 2)
    reordered = synth_constructs("dev", _build(tuple(reversed(emails))), tmp_path / "b")
    assert sorted(
        a for a, s in reordered.resources("aws_sns_topic_subscription").items() if s["protocol"] == "email"
    ) == sorted(mails)


def test_composed_stages_wire_the_notifier(synth_output):
    for stage in ("prod", "pr-123"):
        stack = synth_output.stack(stage)
        functions = [f["function_name"] for f in stack.resources("aws_lambda_function").values()]
        assert f"sgcarstrends-{stage}-alarm-notifier" in functions
        lambdas = [
            s for s in stack.resources("aws_sns_topic_subscription").values() if s["protocol"] == "lambda"
        ]
        assert len(lambdas) == 2, "the regional and the us-east-1 topic"


@pytest.mark.parametrize(
    "emails, message",
    [
        (("not-an-address",), "are not e-mail addresses"),
        (("a@example.com", "a@example.com"), "an address repeats"),
        ("a@example.com", "must be a tuple"),
    ],
)
def test_bad_alarm_emails_are_refused(emails, message):
    with pytest.raises(ValueError, match=message):
        StageSettings(alarm_emails=emails)


def test_props_need_topics_and_a_webhook():
    with pytest.raises(ValueError, match="topics is empty"):
        AlarmNotifierProps(WEBHOOK, ())
    with pytest.raises(ValueError, match="webhook_url is empty"):
        AlarmNotifierProps("", (object(),))  # type: ignore[arg-type]
