"""The protection Aspect: one type table, applied over a whole stack by protection level."""

import pytest

from harness import Match
from modules.app.aws import CloudwatchLogGroup, IamRole, S3Bucket
from modules.app.bindings import TerraformResourceLifecycle
from modules.app.protection import (
    FORCE_DESTROY_TYPES,
    PREVENT_DESTROY_TYPES,
    exempt_from_protection,
)
from policies.inputs.resource_types import PROTECTED_TYPES
from stages import resolve_stage
from tests.modules.synth import single, synth_scenarios

ROLE_POLICY = '{"Version":"2012-10-17","Statement":[]}'


def _resources(stack, stage):
    S3Bucket(stack, "bucket", bucket=stage.name_for("web-assets"))
    CloudwatchLogGroup(
        stack,
        "logs",
        name=stage.name_for("/aws/lambda/api"),
        lifecycle=TerraformResourceLifecycle(ignore_changes=["tags"]),
    )
    IamRole(stack, "role", name=stage.name_for("api-role"), assume_role_policy=ROLE_POLICY)
    kept = S3Bucket(stack, "exempt_bucket", bucket="exempt-bucket")
    exempt_from_protection(kept, "test: left as built")


@pytest.fixture(scope="module")
def stacks(tmp_path_factory):
    names = {"prod": "prod", "staging": "staging", "dev": "dev"}
    templates, _ = synth_scenarios(
        {name: (resolve_stage(stage), _resources) for name, stage in names.items()},
        tmp_path_factory.mktemp("protection"),
    )
    return templates


def test_protected_stage_prevents_destroy_by_type_and_keeps_the_construct_lifecycle(stacks):
    prod = stacks["prod"]
    single(prod, "aws_s3_bucket", {"bucket": "sgcarstrends-prod-web-assets", "force_destroy": False})
    prod.has_resource_properties(
        "aws_s3_bucket",
        {
            "bucket": "sgcarstrends-prod-web-assets",
            "lifecycle": Match.object_equals({"prevent_destroy": True}),
        },
    )
    prod.has_resource_properties(
        "aws_cloudwatch_log_group",
        {"lifecycle": Match.object_equals({"ignore_changes": ["tags"], "prevent_destroy": True})},
    )
    prod.all_resources_properties("aws_iam_role", {"lifecycle": Match.absent()})


@pytest.mark.parametrize("stage, force_destroy", [("staging", False), ("dev", True)])
def test_other_stages_only_choose_force_destroy(stacks, stage, force_destroy):
    template = stacks[stage]
    template.has_resource_properties(
        "aws_s3_bucket",
        {
            "bucket": f"sgcarstrends-{stage}-web-assets",
            "force_destroy": force_destroy,
            "lifecycle": Match.absent(),
        },
    )
    template.has_resource_properties(
        "aws_cloudwatch_log_group", {"lifecycle": Match.object_equals({"ignore_changes": ["tags"]})}
    )


def test_an_exempt_resource_is_left_as_built(stacks):
    stacks["prod"].has_resource_properties(
        "aws_s3_bucket",
        {"bucket": "exempt-bucket", "lifecycle": Match.absent(), "force_destroy": Match.absent()},
    )


def test_an_exemption_needs_a_reason(tmp_path):
    from tests.modules.synth import scratch_scope

    bucket = S3Bucket(scratch_scope(tmp_path), "bucket", bucket="b")
    with pytest.raises(ValueError, match="reason"):
        exempt_from_protection(bucket, " ")


def test_force_destroyable_types_are_stateful_types():
    assert FORCE_DESTROY_TYPES and FORCE_DESTROY_TYPES <= PREVENT_DESTROY_TYPES


def test_every_type_the_aspect_protects_is_guarded_by_the_policies():
    # SGCT001/SGCT002 check PROTECTED_TYPES (a superset: it also names types no stack creates yet);
    # a type protected here but missing there would have its prod destroys go unflagged on plans.
    assert PREVENT_DESTROY_TYPES <= PROTECTED_TYPES, sorted(PREVENT_DESTROY_TYPES - PROTECTED_TYPES)
