"""The destroy gate: which plan entries stop a deploy, and what an override must say."""

import pytest

from operations.errors import OperationInputError
from operations.plan_gate import DestroyOverride, describe, destructions, gate
from stages import resolve_stage


def _change(address: str, *actions: str, mode: str = "managed", reason: str = "") -> dict:
    entry = {"address": address, "mode": mode, "change": {"actions": list(actions)}}
    return {**entry, "action_reason": reason} if reason else entry


PLAN = {
    "resource_changes": [
        _change("aws_s3_bucket.logs", "create"),
        _change("aws_cloudfront_distribution.cdn", "delete", reason="delete_because_no_resource_config"),
        _change("aws_lambda_function.api", "update"),
        _change("aws_s3_bucket.assets", "delete", "create"),
        _change("aws_acm_certificate.web", "create", "delete"),
        _change("data.aws_caller_identity.me", "delete", mode="data"),
    ]
}


def test_deletes_and_both_replace_orders_are_destructions_data_sources_are_not():
    found = {entry.address: entry.kind for entry in destructions(PLAN)}
    assert found == {
        "aws_acm_certificate.web": "replace",
        "aws_cloudfront_distribution.cdn": "delete",
        "aws_s3_bucket.assets": "replace",
    }


@pytest.mark.parametrize("stage", ["prod", "staging"])
def test_guarded_stages_refuse_every_destroy_without_override(stage):
    result = gate(resolve_stage(stage), PLAN)
    assert not result.passed
    assert [entry.address for entry in result.refused] == [
        "aws_acm_certificate.web",
        "aws_cloudfront_distribution.cdn",
        "aws_s3_bucket.assets",
    ]
    assert any("--override-destroy aws_cloudfront_distribution.cdn" in line for line in describe(result))


@pytest.mark.parametrize("stage", ["dev", "pr-12"])
def test_unguarded_stages_let_destroys_through(stage):
    assert gate(resolve_stage(stage), PLAN).passed


def test_an_override_allows_exactly_the_addresses_it_names():
    override = DestroyOverride(("aws_cloudfront_distribution.cdn",), "moving the CDN to a new origin")
    result = gate(resolve_stage("prod"), PLAN, override)
    assert [entry.address for entry in result.overridden] == ["aws_cloudfront_distribution.cdn"]
    assert [entry.address for entry in result.refused] == ["aws_acm_certificate.web", "aws_s3_bucket.assets"]
    assert "reason: moving the CDN to a new origin" in describe(result)[0]
    everything = DestroyOverride(tuple(entry.address for entry in destructions(PLAN)), "rebuild reviewed")
    assert gate(resolve_stage("prod"), PLAN, everything).passed


def test_an_override_naming_an_address_the_plan_keeps_is_refused():
    override = DestroyOverride(("aws_lambda_function.api",), "not actually destroyed")
    with pytest.raises(OperationInputError, match=r"does not destroy or replace") as caught:
        gate(resolve_stage("prod"), PLAN, override)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("addresses", "reason", "message"),
    [
        (("aws_s3_bucket.assets",), "", "needs --override-reason"),
        (("aws_s3_bucket.assets",), "ok", "at least 10 characters"),
        ((), "a reason with no address", "without --override-destroy"),
    ],
)
def test_overrides_need_addresses_and_a_reason(addresses, reason, message):
    with pytest.raises(OperationInputError, match=message) as caught:
        DestroyOverride(addresses, reason)
    assert caught.value.exit_code == 2
