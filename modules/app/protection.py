"""Protection applied once, over a whole stack, by resource type and protection level.

Why an Aspect (CDK's RemovalPolicy + Aspects idea): a construct cannot forget
to protect what it creates. `protect_stack(stack, level)` adds one aspect that
visits every resource just before synthesis and, from the tables below:

- `prevent_destroy = true` on PROTECTED stages for every type in
  `PREVENT_DESTROY_TYPES` (stateful or user-facing: losing one loses data or
  takes a hostname down), merged into whatever lifecycle the construct set
  (a Lambda's `ignore_changes`, a certificate's `create_before_destroy`);
- AWS-side deletion protection (`DELETION_PROTECTION_ATTRIBUTES`, e.g. a
  DynamoDB table's `deletion_protection_enabled`) on PROTECTED stages only;
- `force_destroy` on every type in `FORCE_DESTROY_TYPES`: true only where
  nothing is protected or retained (dev, ephemeral), so such a stage destroys
  in one command, and explicitly false elsewhere.

A new stateful or user-facing resource type goes into the table, not into a
construct. A resource that must not follow the table (none today) says so
where it is created, with `exempt_from_protection(resource, reason)`.
"""

from __future__ import annotations

import jsii

from modules.app.bindings import Aspects, IAspect, IConstruct, TerraformResource, TerraformResourceLifecycle
from stages import Protection

PREVENT_DESTROY_TYPES = frozenset(
    {
        # Data and keys: gone means lost.
        "aws_s3_bucket",
        "aws_cloudwatch_log_group",
        "aws_kms_key",
        "aws_sns_topic",
        "aws_dynamodb_table",
        "aws_sqs_queue",
        # What users reach: a replacement means downtime or a changed endpoint.
        "aws_lambda_function",
        "aws_lambda_function_url",
        "aws_lambda_alias",  # `live`: every integration, URL and subscription invokes it
        "aws_apigatewayv2_api",
        "aws_apigatewayv2_stage",
        "aws_apigatewayv2_domain_name",
        "aws_apigatewayv2_api_mapping",
        "aws_cloudfront_distribution",
        "aws_wafv2_web_acl",  # the distribution references it; deleting it fails or drops protection
        "aws_acm_certificate",
        "cloudflare_dns_record",
        "cloudflare_zone_dnssec",
    }
)
"""Terraform types that get `prevent_destroy` on PROTECTED stages."""

DELETION_PROTECTION_ATTRIBUTES = {"aws_dynamodb_table": "deletion_protection_enabled"}
"""Terraform types with an AWS-side deletion protection switch, set true on PROTECTED stages."""

FORCE_DESTROY_TYPES = frozenset({"aws_s3_bucket"})
"""Terraform types with a `force_destroy` argument (delete even when not empty)."""

_EXEMPTION_ATTRIBUTE = "_protection_exemption"


def exempt_from_protection(resource: TerraformResource, reason: str) -> None:
    """Leave `resource` as its construct built it; `reason` says why (required)."""
    if not reason.strip():
        raise ValueError(f"exempt_from_protection({resource.node.path}): give the reason for the exemption.")
    setattr(resource, _EXEMPTION_ATTRIBUTE, reason)


def exemption_of(resource: object) -> str | None:
    """The reason `resource` is exempt, or None when the tables apply."""
    return getattr(resource, _EXEMPTION_ATTRIBUTE, None)


@jsii.implements(IAspect)
class ProtectionAspect:
    """Visits every construct of a stack; applies the type tables for one protection level."""

    def __init__(self, protection: Protection) -> None:
        self.protection = protection

    def visit(self, node: IConstruct) -> None:
        if not isinstance(node, TerraformResource) or exemption_of(node) is not None:
            return
        resource_type = node.terraform_resource_type
        if resource_type in PREVENT_DESTROY_TYPES and self.protection is Protection.PROTECTED:
            node.lifecycle = _with_prevent_destroy(node.lifecycle)
        if resource_type in DELETION_PROTECTION_ATTRIBUTES:
            setattr(
                node, DELETION_PROTECTION_ATTRIBUTES[resource_type], self.protection is Protection.PROTECTED
            )
        if resource_type in FORCE_DESTROY_TYPES:
            # Every type in the table has a `force_destroy` argument.
            node.force_destroy = self.protection is Protection.NONE  # type: ignore[attr-defined]


def _with_prevent_destroy(lifecycle: TerraformResourceLifecycle | None) -> TerraformResourceLifecycle:
    """`lifecycle` (kept as the construct set it) plus `prevent_destroy = true`."""
    if lifecycle is None:
        return TerraformResourceLifecycle(prevent_destroy=True)
    return TerraformResourceLifecycle(
        create_before_destroy=lifecycle.create_before_destroy,
        ignore_changes=lifecycle.ignore_changes,
        precondition=lifecycle.precondition,
        postcondition=lifecycle.postcondition,
        replace_triggered_by=lifecycle.replace_triggered_by,
        prevent_destroy=True,
    )


def protect_stack(stack: IConstruct, protection: Protection) -> None:
    """Apply the protection tables for `protection` to every resource under `stack` at synthesis."""
    Aspects.of(stack).add(ProtectionAspect(protection))
