"""The alarm notifier: its function, a Lambda subscription and permission per topic, e-mail subscriptions."""

import pytest

from harness import Capture, Match
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
    stack.resource_count_is("aws_lambda_function", 1)
    stack.has_resource_properties(
        "aws_lambda_function",
        {
            "function_name": "sgcarstrends-dev-alarm-notifier",
            "architectures": ["arm64"],
            "runtime": "nodejs22.x",
            "environment": {"variables": Match.exact({"DISCORD_WEBHOOK_URL": WEBHOOK})},
        },
    )
    stack.resource_count_is("aws_sns_topic_subscription", 2)
    stack.resource_count_is("aws_lambda_permission", 2)
    stack.all_resources_properties("aws_lambda_permission", {"principal": "sns.amazonaws.com"})
    for topic, provider in (("global_topic", "aws.us_east_1"), ("topic", Match.absent())):
        topic_arn = Capture(Match.string_like_regexp(r"^\$\{aws_sns_topic\." + topic))
        stack.has_resource_properties(
            "aws_sns_topic_subscription",
            # a subscription lives in its topic's region
            {"protocol": "lambda", "topic_arn": topic_arn, "provider": provider},
        )
        stack.has_resource_properties("aws_lambda_permission", {"source_arn": topic_arn.as_string()})


def test_each_email_address_subscribes_to_every_topic_with_a_stable_address(tmp_path):
    emails = ("oncall@example.com", "team@example.com")
    email = {"protocol": "email"}
    stack = synth_constructs("dev", _build(emails), tmp_path / "a")
    stack.resource_properties_count_is("aws_sns_topic_subscription", email, 2 * len(emails))
    for address in emails:
        stack.resource_properties_count_is("aws_sns_topic_subscription", {**email, "endpoint": address}, 2)
    reordered = synth_constructs("dev", _build(tuple(reversed(emails))), tmp_path / "b")
    assert sorted(reordered.find_resources("aws_sns_topic_subscription", email)) == sorted(
        stack.find_resources("aws_sns_topic_subscription", email)
    )


def test_composed_stages_wire_the_notifier(template):
    for stage in ("prod", "pr-123"):
        stack = template(stage)
        stack.has_resource_properties(
            "aws_lambda_function", {"function_name": f"sgcarstrends-{stage}-alarm-notifier"}
        )
        # the regional and the us-east-1 topic
        stack.resource_properties_count_is("aws_sns_topic_subscription", {"protocol": "lambda"}, 2)


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
