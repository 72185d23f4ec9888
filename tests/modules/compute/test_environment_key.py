"""The per-stage KMS key for Lambda environments: least-privilege policy, rotation, protection."""

import json

import pytest

from harness import Match
from modules.compute.environment_key import (
    KEY_ADMIN_ACTIONS,
    EnvironmentKey,
    EnvironmentKeyProps,
    key_policy,
)
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from stages import resolve_stage
from tests.modules.synth import single, synth_scenarios


def _build(stack, stage):
    key = EnvironmentKey(stack, "environment_key", stage)
    LambdaFunction(
        stack,
        "fn",
        stage,
        LambdaFunctionProps(name_suffix="api", handler="index.handler", kms_key_arn=key.key_arn),
    )
    return key


@pytest.fixture(scope="module")
def stacks(tmp_path_factory):
    stacks, _ = synth_scenarios(
        {name: (resolve_stage(name), _build) for name in ("prod", "staging", "pr-5")},
        tmp_path_factory.mktemp("environment-key"),
    )
    return stacks


def test_policy_separates_administration_from_use():
    policy = key_policy("123456789012", "ap-southeast-1")
    admin, use = policy["Statement"]
    assert admin["Principal"] == use["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
    assert not {"kms:Encrypt", "kms:Decrypt", "kms:CreateGrant", "kms:*"} & set(admin["Action"])
    assert not any(
        action.startswith(("kms:GenerateDataKey", "kms:ReEncrypt")) for action in KEY_ADMIN_ACTIONS
    )
    assert use["Condition"] == {"StringEquals": {"kms:ViaService": "lambda.ap-southeast-1.amazonaws.com"}}
    assert "*" not in json.dumps(use["Action"])


@pytest.mark.parametrize(
    "stage, window, protected", [("prod", 30, True), ("staging", 30, False), ("pr-5", 7, False)]
)
def test_key_rotation_window_and_protection_follow_the_stage(stacks, stage, window, protected):
    stack = stacks[stage]
    stack.resource_count_is("aws_kms_key", 1)
    stack.has_resource_properties(
        "aws_kms_key",
        {
            "enable_key_rotation": True,
            "deletion_window_in_days": window,
            "lifecycle": {"prevent_destroy": True} if protected else Match.absent(),
        },
    )
    stack.resource_count_is("aws_kms_alias", 1)
    stack.has_resource_properties("aws_kms_alias", {"name": f"alias/sgcarstrends-{stage}-lambda-env"})


def test_function_uses_the_key_and_its_role_may_decrypt_with_it_single(stacks):
    stack = stacks["pr-5"]
    key_address, _ = single(stack, "aws_kms_key")
    key_arn = f"${{{key_address}.arn}}"
    stack.resource_count_is("aws_lambda_function", 1)
    stack.has_resource_properties("aws_lambda_function", {"kms_key_arn": key_arn})
    decrypt = {"name": "decrypt-own-environment"}
    statement = {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": key_arn}
    stack.resource_properties_count_is("aws_iam_role_policy", decrypt, 1)
    stack.has_resource_properties(
        "aws_iam_role_policy",
        {
            **decrypt,
            "policy": Match.serialized_json({"Statement": Match.exact([statement])}),
        },
    )


def test_without_a_key_nothing_is_granted(tmp_path):
    stacks, _ = synth_scenarios(
        {
            "plain": (
                resolve_stage("dev"),
                lambda stack, stage: LambdaFunction(
                    stack, "fn", stage, LambdaFunctionProps(name_suffix="api", handler="index.handler")
                ),
            )
        },
        tmp_path,
    )
    plain = stacks["plain"]
    plain.resource_count_is("aws_lambda_function", 1)
    plain.has_resource_properties("aws_lambda_function", {"kms_key_arn": Match.absent()})
    plain.resource_count_is("aws_iam_role_policy", 1)
    plain.has_resource_properties("aws_iam_role_policy", {"name": "write-own-log-group"})


def test_alias_must_be_an_alias():
    with pytest.raises(ValueError, match="must start with 'alias/'"):
        EnvironmentKeyProps(alias_suffix="lambda-env")
