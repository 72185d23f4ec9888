"""WAF: on for prod only, CLOUDFRONT scope in us-east-1, managed rules + rate rule, attached to CloudFront."""

import dataclasses

import pytest

from harness import Match
from modules.edge.web_acl import WebAcl, WebAclProps
from stages import resolve_stage
from stages.model import StageSettings
from tests.modules.synth import scratch_scope, synth_constructs


def _prod(template):
    """The prod template, with its one web ACL."""
    prod = template("prod")
    prod.resource_count_is("aws_wafv2_web_acl", 1)
    return prod


def _rule_metrics(name):
    return {"metric_name": f"sgcarstrends-prod-web-acl-{name}", "cloudwatch_metrics_enabled": True}


def test_prod_turns_waf_on_and_other_stages_keep_the_cheaper_default():
    assert resolve_stage("prod").settings.waf_enabled is True
    for name in ("staging", "dev", "pr-123"):
        assert resolve_stage(name).settings.waf_enabled is False, name
    assert StageSettings().waf_enabled is False


@pytest.mark.parametrize("stage", ["staging", "dev", "pr-123"])
def test_off_means_no_acl_and_no_attachment(template, stage):
    stack = template(stage)
    stack.resource_count_is("aws_wafv2_web_acl", 0)
    stack.has_resource_properties("aws_cloudfront_distribution", {"web_acl_id": Match.absent()})


def test_prod_acl_is_cloudfront_scoped_in_us_east_1_and_attached_by_arn(template):
    prod = _prod(template)
    acl = prod.has_resource_properties(
        "aws_wafv2_web_acl",
        {
            "scope": "CLOUDFRONT",
            "provider": "aws.us_east_1",
            "name": "sgcarstrends-prod-web-acl",
            "default_action": Match.exact({"allow": {}}),
            "visibility_config": {"cloudwatch_metrics_enabled": True},
        },
    )
    prod.resource_count_is("aws_cloudfront_distribution", 1)
    prod.has_resource_properties("aws_cloudfront_distribution", {"web_acl_id": "${" + acl + ".arn}"})


def test_prod_rules_managed_groups_then_rate_limit_with_metrics(template):
    def managed(priority, group, metrics):
        return {
            "priority": priority,
            "statement": {"managed_rule_group_statement": Match.exact({"name": group, "vendor_name": "AWS"})},
            "override_action": Match.exact({"none": {}}),
            "visibility_config": _rule_metrics(metrics),
        }

    rate_limit = {
        "priority": 2,
        "action": Match.exact({"block": {}}),
        "statement": {
            "rate_based_statement": {
                "limit": resolve_stage("prod").settings.waf_rate_limit,
                "aggregate_key_type": "IP",
            }
        },
        "visibility_config": _rule_metrics("rate-limit"),
    }
    _prod(template).has_resource_properties(
        "aws_wafv2_web_acl",
        {
            "rule": [
                managed(0, "AWSManagedRulesCommonRuleSet", "common-rules"),
                managed(1, "AWSManagedRulesKnownBadInputsRuleSet", "known-bad-inputs"),
                rate_limit,
            ]
        },
    )


def test_prod_acl_is_protected_from_destroy(template):
    _prod(template).has_resource_properties(
        "aws_wafv2_web_acl", {"lifecycle": Match.exact({"prevent_destroy": True})}
    )


def test_rate_limit_is_the_stage_setting(tmp_path):
    stage = dataclasses.replace(
        resolve_stage("dev"), settings=dataclasses.replace(resolve_stage("dev").settings, waf_rate_limit=500)
    )

    def build(stack, _stage, providers):
        return WebAcl(
            stack, "web_acl", stage, WebAclProps(providers.aws_global, stage.settings.waf_rate_limit)
        )

    template = synth_constructs("dev", build, tmp_path)
    template.resource_count_is("aws_wafv2_web_acl", 1)
    rate_limit = {"statement": {"rate_based_statement": {"limit": 500}}}
    template.has_resource_properties(
        "aws_wafv2_web_acl",
        {"name": "sgcarstrends-dev-web-acl", "rule": [Match.any_value(), Match.any_value(), rate_limit]},
    )


@pytest.mark.parametrize("limit", [0, 9, 2_000_000_001])
def test_rate_limit_outside_waf_bounds_is_refused(limit, tmp_path):
    with pytest.raises(ValueError, match="waf_rate_limit"):
        StageSettings(waf_rate_limit=limit)
    provider = scratch_scope(tmp_path)
    with pytest.raises(ValueError, match="rate_limit"):
        WebAclProps(provider=provider, rate_limit=limit)
