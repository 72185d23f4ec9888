"""A plan's claimed stage (--stage, the stack next to it) must match the stage the plan records.

The failure this guards against: a prod plan saved in a dev stack directory
was checked as dev, so SGCT002 (no protected destroy) never ran on it.
"""

from __future__ import annotations

import pytest

from policies.inputs.plan_stage import StageMismatch, check_plan_stage, recorded_stage
from policies.model import InputError
from tests.policies.helpers import change, plan, stack, write_json
from tests.sgct.commands import check as main

BUCKET = {"bucket": "sgcarstrends-prod-web-assets"}


def prod_plan_deleting_a_bucket() -> dict:
    return plan([change("aws_s3_bucket.assets", ["delete"], BUCKET, None)], "prod")


def test_prod_plan_in_a_dev_stack_directory_is_unusable(tmp_path, capsys):
    write_json(tmp_path / "stacks" / "dev" / "cdk.tf.json", stack("dev"))
    path = write_json(tmp_path / "stacks" / "dev" / "plan.json", prod_plan_deleting_a_bucket())
    assert main([str(path), "--no-suppressions"]) == 2
    err = capsys.readouterr().err
    assert "'dev'" in err and "'prod'" in err and "cdk.tf.json" in err and str(path) in err


def test_prod_plan_next_to_its_own_stack_is_checked_as_prod(tmp_path, capsys):
    write_json(tmp_path / "stacks" / "prod" / "cdk.tf.json", stack("prod"))
    path = write_json(tmp_path / "stacks" / "prod" / "plan.json", prod_plan_deleting_a_bucket())
    assert main([str(path), "--no-suppressions"]) == 1
    assert "SGCT002" in capsys.readouterr().out


def test_stage_flag_contradicting_the_plan_is_unusable(tmp_path, capsys):
    path = write_json(tmp_path / "plan.json", prod_plan_deleting_a_bucket())
    assert main([str(path), "--stage", "dev", "--no-suppressions"]) == 2
    err = capsys.readouterr().err
    assert "--stage says stage 'dev'" in err and "made for stage 'prod'" in err and "--stage prod" in err
    assert main([str(path), "--stage", "prod", "--no-suppressions"]) == 1


def test_untagged_plan_takes_the_claimed_stage(tmp_path):
    write_json(tmp_path / "cdk.tf.json", stack("staging"))
    path = write_json(tmp_path / "plan.json", plan([], None))
    assert main([str(path), "--no-suppressions"]) == 0


def test_shared_check_names_both_stages():
    data = plan([], "staging")
    assert recorded_stage(data) == "staging" and recorded_stage(plan([], None)) is None
    check_plan_stage("p.json", data, "staging", "reviewed as", "unused")
    with pytest.raises(
        StageMismatch,
        match=r"p.json: reviewed as stage 'prod', but the plan was made for "
        r"stage 'staging' .*; pass --plan staging=p.json",
    ) as error:
        check_plan_stage("p.json", data, "prod", "reviewed as", "pass --plan {recorded}=p.json")
    assert isinstance(error.value, InputError) and (error.value.claimed, error.value.recorded) == (
        "prod",
        "staging",
    )
