"""Alarms reach people: a notifier function subscribed to a stage's alarm topics, plus e-mail.

Why a function and not a chat integration: the team reads alarms in Discord,
which takes webhooks, not SNS. The notifier (`modules/compute/assets/notifier`,
ARM64, Node.js 22) turns each CloudWatch alarm message into one Discord post
with the alarm's name, state, reason and console link; its webhook URL is a
sensitive variable (`DISCORD_WEBHOOK_URL`), never a literal. Every topic
(the regional one and the us-east-1 one) delivers to the same function: the
subscription lives in the topic's region, the invoke permission with the
function. Optional e-mail subscriptions come from `stage.settings.alarm_emails`;
AWS mails each address a confirmation link first, and Terraform cannot
delete a subscription that was never confirmed (it only forgets it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from modules.app.aws import SnsTopicSubscription
from modules.app.bindings import Construct
from modules.compute.lambda_artifact import NOTIFIER_DIR
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from modules.monitoring.alarm_topic import AlarmTopic
from stages import Stage

NOTIFIER_SUFFIX = "alarm-notifier"
NOTIFIER_TIMEOUT_SECONDS = 10
"""One webhook POST per record; Discord answers in well under a second."""
NOTIFIER_MEMORY_MB = 128


@dataclass(frozen=True)
class AlarmNotifierProps:
    """What the notifier posts to and which topics feed it."""

    webhook_url: str
    """The Discord webhook: `Secrets.reference("DISCORD_WEBHOOK_URL")`, never a literal."""
    topics: tuple[AlarmTopic, ...]
    """The stage's alarm topics (each with its own provider/region)."""
    emails: tuple[str, ...] = ()
    """default: none; usually `stage.settings.alarm_emails` (validated there)."""

    def __post_init__(self) -> None:
        if not self.topics:
            raise ValueError("AlarmNotifierProps.topics is empty: pass the stage's alarm topics.")
        if not self.webhook_url:
            raise ValueError(
                "AlarmNotifierProps.webhook_url is empty: pass Secrets.reference('DISCORD_WEBHOOK_URL')."
            )


def _address_id(address: str) -> str:
    """A stable construct ID per address (its Terraform address survives reordering the list)."""
    return hashlib.sha256(address.lower().encode()).hexdigest()[:10]


class AlarmNotifier(Construct):
    """`function` (the notifier), one Lambda subscription per topic, e-mail subscriptions."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: AlarmNotifierProps) -> None:
        super().__init__(scope, construct_id)
        self.function = LambdaFunction(
            self,
            "function",
            stage,
            LambdaFunctionProps(
                name_suffix=NOTIFIER_SUFFIX,
                handler="index.handler",
                code_path=str(NOTIFIER_DIR),
                timeout_seconds=NOTIFIER_TIMEOUT_SECONDS,
                memory_mb=NOTIFIER_MEMORY_MB,
                environment={"DISCORD_WEBHOOK_URL": props.webhook_url},
                description="CloudWatch alarms (SNS) to the team's Discord",
            ),
        )
        subscription = SnsTopicSubscription
        for index, topic in enumerate(props.topics):
            name = f"topic_{index}"
            permission = self.function.allow_invoke(
                self, f"{name}_invoke", f"sns-{topic.name}", "sns.amazonaws.com", topic.topic_arn
            )
            subscription(
                self,
                f"{name}_lambda",
                topic_arn=topic.topic_arn,
                protocol="lambda",
                endpoint=self.function.function_arn,
                provider=topic.provider,
                depends_on=[permission],
            )
            for address in props.emails:
                subscription(
                    self,
                    f"{name}_email_{_address_id(address)}",
                    topic_arn=topic.topic_arn,
                    protocol="email",
                    endpoint=address,
                    provider=topic.provider,
                )
