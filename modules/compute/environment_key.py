"""The per-stage customer-managed KMS key that encrypts the functions' environments.

Why a customer-managed key and not Lambda's default `aws/lambda` key: the
environments hold every credential the app reads (`stages/app_contract.py`),
and only a key we own can say who may decrypt them. Each stage has its own
key, so a preview stage's role can never read prod's environment.

Key policy, least privilege:

- `KeyAdministration`: the account (through IAM) may administer the key
  (describe, tag, rotate, schedule deletion), but not encrypt or decrypt with it;
- `UseThroughLambdaOnly`: principals of this account that IAM allows may
  encrypt, decrypt and create grants only when the call comes through Lambda
  in this region (`kms:ViaService`), which is how a deploy sets an environment
  and how Lambda decrypts it for the function at start-up.

Each function's role gets `kms:Decrypt` on this key alone (see
`LambdaFunction`), so the key policy grants nothing beyond the account's own IAM.
Rotation is on; the deletion window is 30 days on protected and retained stages,
7 elsewhere; prod's key gets `prevent_destroy` from the stack's protection
aspect (`aws_kms_key` is in its table).
"""

from __future__ import annotations

from dataclasses import dataclass

from modules.app.aws import DataAwsCallerIdentity, KmsAlias, KmsKey
from modules.app.bindings import Construct, Fn
from stages import PRIMARY_REGION, Protection, Stage

KEY_ADMIN_ACTIONS = (
    "kms:Describe*",
    "kms:Get*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Enable*",
    "kms:Disable*",
    "kms:Revoke*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
)
"""Administration without use: no Encrypt, Decrypt, GenerateDataKey or CreateGrant."""
KEY_USE_ACTIONS = ("kms:Encrypt", "kms:Decrypt", "kms:CreateGrant", "kms:DescribeKey")
DELETION_WINDOW_DAYS = {Protection.PROTECTED: 30, Protection.RETAINED: 30, Protection.NONE: 7}


@dataclass(frozen=True)
class EnvironmentKeyProps:
    """What the key is called and which service may use it."""

    alias_suffix: str = "alias/lambda-env"
    """default: `alias/lambda-env` (`alias/sgcarstrends-<stage>-lambda-env`), catalogued in
    stages/naming.py."""
    region: str = PRIMARY_REGION
    """default: ap-southeast-1, where the functions run (the `kms:ViaService` condition names it)."""

    def __post_init__(self) -> None:
        if not self.alias_suffix.startswith("alias/"):
            raise ValueError(
                f"EnvironmentKeyProps.alias_suffix={self.alias_suffix!r} must start with 'alias/', "
                "e.g. 'alias/lambda-env'."
            )


def key_policy(account_id: str, region: str) -> dict:
    """The key policy described in the module docstring, for account `account_id`."""
    root = f"arn:aws:iam::{account_id}:root"
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "KeyAdministration",
                "Effect": "Allow",
                "Principal": {"AWS": root},
                "Action": list(KEY_ADMIN_ACTIONS),
                "Resource": "*",
            },
            {
                "Sid": "UseThroughLambdaOnly",
                "Effect": "Allow",
                "Principal": {"AWS": root},
                "Action": list(KEY_USE_ACTIONS),
                "Resource": "*",
                "Condition": {"StringEquals": {"kms:ViaService": f"lambda.{region}.amazonaws.com"}},
            },
        ],
    }


class EnvironmentKey(Construct):
    """`key` (KMS) and its alias; `key_arn` is what `LambdaFunctionProps.kms_key_arn` takes."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        stage: Stage,
        props: EnvironmentKeyProps | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        props = props or EnvironmentKeyProps()
        alias = stage.name_for(props.alias_suffix)  # raises if the suffix is not catalogued
        account = DataAwsCallerIdentity(self, "account")
        self.key = KmsKey(
            self,
            "key",
            description=f"{stage.prefix}: Lambda environment variables",
            enable_key_rotation=True,
            deletion_window_in_days=DELETION_WINDOW_DAYS[stage.protection],
            policy=Fn.jsonencode(key_policy(account.account_id, props.region)),
        )
        self.alias = KmsAlias(self, "alias", name=alias, target_key_id=self.key.key_id)
        self.key_arn: str = self.key.arn
