"""The SNS topic a stage's alarms notify, encrypted with a key CloudWatch may use.

Why a customer-managed KMS key and not the AWS-managed `alias/aws/sns`: the
AWS-managed key's policy cannot be changed, and it does not let the
CloudWatch service principal encrypt messages, so an alarm publishing to
such a topic fails silently (AWS SNS guide, "Enable compatibility between
event sources from AWS services and encrypted topics"). Our key allows
exactly `cloudwatch.amazonaws.com` from this account, with rotation on.

Why one topic per region: an alarm can only notify a topic in its own
region, and CloudFront and Route 53 health-check metrics live in us-east-1.
"""

from __future__ import annotations

from dataclasses import dataclass

from modules.app.aws import DataAwsCallerIdentity, KmsAlias, KmsKey, SnsTopic
from modules.app.bindings import Construct, Fn, TerraformProvider
from stages import Stage

KEY_DELETION_WINDOW_DAYS = {True: 30, False: 7}


@dataclass(frozen=True)
class AlarmTopicProps:
    """Where the topic lives and what it is called."""

    name_suffix: str = "alarms"
    """default: `alarms` (`sgcarstrends-<stage>-alarms`); must be catalogued in stages/naming.py."""
    provider: TerraformProvider | None = None
    """default: the stack's default AWS provider; pass `providers.aws_global` for the us-east-1 topic."""

    def __post_init__(self) -> None:
        if not self.name_suffix:
            raise ValueError("AlarmTopicProps.name_suffix is empty; use e.g. 'alarms'.")


class AlarmTopic(Construct):
    """`topic` (SNS) and `key` (KMS); `topic_arn` is what alarm actions take."""

    def __init__(
        self, scope: Construct, construct_id: str, stage: Stage, props: AlarmTopicProps | None = None
    ) -> None:
        super().__init__(scope, construct_id)
        props = props or AlarmTopicProps()
        name = stage.name_for(props.name_suffix)  # raises if the suffix is not catalogued
        account = DataAwsCallerIdentity(self, "account", provider=props.provider)
        root = f"arn:aws:iam::{account.account_id}:root"
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AccountAdministers",
                    "Effect": "Allow",
                    "Principal": {"AWS": root},
                    "Action": "kms:*",
                    "Resource": "*",
                },
                {
                    "Sid": "CloudWatchAlarmsPublish",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudwatch.amazonaws.com"},
                    "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                    "Resource": "*",
                    "Condition": {"StringEquals": {"aws:SourceAccount": account.account_id}},
                },
            ],
        }
        self.key = KmsKey(
            self,
            "key",
            description=f"{name}: SNS alarm notifications (CloudWatch may encrypt)",
            enable_key_rotation=True,
            deletion_window_in_days=KEY_DELETION_WINDOW_DAYS[stage.is_protected],
            policy=Fn.jsonencode(policy),
            provider=props.provider,
        )
        KmsAlias(
            self,
            "key_alias",
            name=stage.name_for(f"alias/{props.name_suffix}"),
            target_key_id=self.key.key_id,
            provider=props.provider,
        )
        self.topic = SnsTopic(
            self,
            "topic",
            name=name,
            kms_master_key_id=self.key.arn,
            provider=props.provider,
        )
        self.topic_arn: str = self.topic.arn
        self.name = name
        self.provider = props.provider
