"""A WAFv2 web ACL in front of the CloudFront distribution.

Why: the site is public and runs server-side code on every uncached
request; AWS's managed rule groups block common exploits (OWASP-style
payloads, known-bad inputs such as Log4Shell probes) and a rate-based rule
stops one client IP from flooding the SSR and API origins. It is billed per
ACL, per rule and per request, so `StageSettings.waf_enabled` keeps it to the
stages that need it (prod).

Why us-east-1: an ACL for CloudFront has scope CLOUDFRONT, which AWS only
accepts in us-east-1, so it is created with `providers.aws_global`. The
distribution takes the ACL's ARN (not its ID) in `web_acl_id` for WAFv2.

Why `statement` as a plain mapping: the provider bindings type it as `Any`
(the block nests too deeply to generate), so it is written in Terraform's
own snake_case block names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modules.app.aws import (
    Wafv2WebAcl,
    Wafv2WebAclDefaultAction,
    Wafv2WebAclDefaultActionAllow,
    Wafv2WebAclRule,
    Wafv2WebAclRuleAction,
    Wafv2WebAclRuleActionBlock,
    Wafv2WebAclRuleOverrideAction,
    Wafv2WebAclRuleOverrideActionNone,
    Wafv2WebAclRuleVisibilityConfig,
    Wafv2WebAclVisibilityConfig,
)
from modules.app.bindings import Construct, TerraformProvider
from stages import Stage
from stages.model import WAF_RATE_LIMIT_MAX, WAF_RATE_LIMIT_MIN

SCOPE = "CLOUDFRONT"
AWS_VENDOR = "AWS"
MANAGED_RULE_GROUPS = (
    ("common-rules", "AWSManagedRulesCommonRuleSet"),
    ("known-bad-inputs", "AWSManagedRulesKnownBadInputsRuleSet"),
)
"""(rule suffix, AWS managed rule group name), in evaluation order."""
RATE_RULE = "rate-limit"
RATE_WINDOW_SECONDS = 300
"""WAF counts a client IP's requests over 5 minutes (its default evaluation window)."""


@dataclass(frozen=True)
class WebAclProps:
    """The ACL's provider and rate limit."""

    provider: TerraformProvider
    """The us-east-1 AWS provider (`providers.aws_global`): CLOUDFRONT-scope ACLs exist only there."""
    rate_limit: int = 2000
    """default: 2,000 requests per client IP per 5 minutes; the stage passes `waf_rate_limit`."""

    def __post_init__(self) -> None:
        if not WAF_RATE_LIMIT_MIN <= self.rate_limit <= WAF_RATE_LIMIT_MAX:
            raise ValueError(
                f"WebAclProps.rate_limit={self.rate_limit}: WAF accepts {WAF_RATE_LIMIT_MIN} to "
                f"{WAF_RATE_LIMIT_MAX:,} requests per client IP per 5 minutes."
            )


class WebAcl(Construct):
    """The stage's web ACL; exposes `arn` for the distribution's `web_acl_id`."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: WebAclProps) -> None:
        super().__init__(scope, construct_id)
        name = stage.name_for("web-acl")
        rules = [
            Wafv2WebAclRule(
                name=f"{AWS_VENDOR}-{group}",
                priority=priority,
                override_action=Wafv2WebAclRuleOverrideAction(none=Wafv2WebAclRuleOverrideActionNone()),
                statement=_managed_group(group),
                visibility_config=_rule_visibility(stage, suffix),
            )
            for priority, (suffix, group) in enumerate(MANAGED_RULE_GROUPS)
        ]
        rules.append(
            Wafv2WebAclRule(
                name=RATE_RULE,
                priority=len(rules),
                action=Wafv2WebAclRuleAction(block=Wafv2WebAclRuleActionBlock()),
                statement={
                    "rate_based_statement": {
                        "limit": props.rate_limit,
                        "aggregate_key_type": "IP",
                        "evaluation_window_sec": RATE_WINDOW_SECONDS,
                    }
                },
                visibility_config=_rule_visibility(stage, RATE_RULE),
            )
        )
        self.web_acl = Wafv2WebAcl(
            self,
            "web_acl",
            provider=props.provider,
            name=name,
            description=f"{stage.prefix} web: AWS managed rules and a per-IP rate limit",
            scope=SCOPE,
            default_action=Wafv2WebAclDefaultAction(allow=Wafv2WebAclDefaultActionAllow()),
            rule=rules,
            visibility_config=Wafv2WebAclVisibilityConfig(
                cloudwatch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True
            ),
        )
        self.arn: str = self.web_acl.arn


def _managed_group(group: str) -> dict[str, Any]:
    return {"managed_rule_group_statement": {"name": group, "vendor_name": AWS_VENDOR}}


def _rule_visibility(stage: Stage, suffix: str) -> Wafv2WebAclRuleVisibilityConfig:
    return Wafv2WebAclRuleVisibilityConfig(
        cloudwatch_metrics_enabled=True,
        metric_name=stage.name_for(f"web-acl-{suffix}"),
        sampled_requests_enabled=True,
    )
