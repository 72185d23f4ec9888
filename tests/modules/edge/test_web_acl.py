"""WAF: on for prod only, CLOUDFRONT scope in us-east-1, managed rules + rate rule, attached to CloudFront."""

import dataclasses

import pytest

from harness import Match, Template
from modules.edge.web_acl import WebAcl, WebAclProps
from stages import resolve_stage
from stages.model import StageSettings
from tests.modules.synth import scratch_scope, single, synth_constructs


def _acl(synth_output, stage):
    return single(synth_output.stack(stage), "aws_wafv2_web_acl")


def test_prod_turns_waf_on_and_other_stages_keep_the_cheaper_default():
    assert resolve_stage("prod").settings.waf_enabled is True
    for name in ("staging", "dev", "pr-123"):
        assert resolve_stage(name).settings.waf_enabled is False, name
    assert StageSettings().waf_enabled is False


@pytest.mark.parametrize("stage", ["staging", "dev", "pr-123"])
def test_off_means_no_acl_and_no_attachment(synth_output, stage):
    template = Template.from_stack(synth_output.stack(stage))
    assert template.resources("aws_wafv2_web_acl") == {}
    template.has_resource_properties("aws_cloudfront_distribution", {"web_acl_id": Match.absent()})


def test_prod_acl_is_cloudfront_scoped_in_us_east_1_and_attached_by_arn(synth_output):
    address, acl = _acl(synth_output, "prod")
    assert acl["scope"] == "CLOUDFRONT"
    assert acl["provider"] == "aws.us_east_1"
    assert acl["name"] == "sgcarstrends-prod-web-acl"
    assert acl["default_action"] == {"allow": {}}
    assert acl["visibility_config"]["cloudwatch_metrics_enabled"] is True
    distribution = single(synth_output.stack("prod"), "aws_cloudfront_distribution").body
    assert distribution["web_acl_id"] == "${" + address + ".arn}"


def test_prod_rules_managed_groups_then_rate_limit_with_metrics(synth_output):
    rules = _acl(synth_output, "prod").body["rule"]
    assert [rule["priority"] for rule in rules] == [0, 1, 2]
    groups = [rule["statement"]["managed_rule_group_statement"] for rule in rules[:2]]
    assert groups == [
        {"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"},
        {"name": "AWSManagedRulesKnownBadInputsRuleSet", "vendor_name": "AWS"},
    ]
    for rule in rules[:2]:
        assert rule["override_action"] == {"none": {}}
    rate = rules[2]
    assert rate["action"] == {"block": {}}
    assert rate["statement"]["rate_based_statement"]["limit"] == resolve_stage("prod").settings.waf_rate_limit
    assert rate["statement"]["rate_based_statement"]["aggregate_key_type"] == "IP"
    metric_names = [rule["visibility_config"]["metric_name"] for rule in rules]
    assert metric_names == [
        "sgcarstrends-prod-web-acl-common-rules",
        "sgcarstrends-prod-web-acl-known-bad-inputs",
        "sgcarstrends-prod-web-acl-rate-limit",
    ]
    for rule in rules:
        assert rule["visibility_config"]["cloudwatch_metrics_enabled"] is True


def test_prod_acl_is_protected_from_destroy(synth_output):
    assert _acl(synth_output, "prod").body["lifecycle"] == {"prevent_destroy": True}


def test_rate_limit_is_the_stage_setting(tmp_path):
    stage = dataclasses.replace(
        resolve_stage("dev"), settings=dataclasses.replace(resolve_stage("dev").settings, waf_rate_limit=500)
    )

    def build(stack, _stage, providers):
        return WebAcl(
            stack, "web_acl", stage, WebAclProps(providers.aws_global, stage.settings.waf_rate_limit)
        )

    template = synth_constructs("dev", build, tmp_path)
    acl = single(template, "aws_wafv2_web_acl").body
    assert acl["rule"][2]["statement"]["rate_based_statement"]["limit"] == 500
    assert acl["name"] == "sgcarstrends-dev-web-acl"


@pytest.mark.parametrize("limit", [0, 9, 2_000_000_001])
def test_rate_limit_outside_waf_bounds_is_refused(limit, tmp_path):
    with pytest.raises(ValueError, match="waf_rate_limit"):
        StageSettings(waf_rate_limit=limit)
    provider = scratch_scope(tmp_path)
    with pytest.raises(ValueError, match="rate_limit"):
        WebAclProps(provider=provider, rate_limit=limit)
