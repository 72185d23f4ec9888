"""Inventories: the expected subset of each stage's synthesized JSON, as reviewed YAML.

Why: a reviewer should see in a pull request's diff that prod's API memory
went from 1024 to 512 MB or that a bucket lost `prevent_destroy`, without
reading Terraform JSON. `tests/inventories/<stage>.yaml` holds resource
counts by type plus, per resource address, the properties that matter for
security and sizing (the catalogue below); volatile values (asset hashes,
metadata, tags that default_tags already cover) are left out. A mismatch
fails the stage's inventory test with the command that regenerates it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from harness.matchers import match
from harness.synth import REPO_ROOT, SynthesizedStack

INVENTORY_DIR = REPO_ROOT / "tests" / "inventories"
INVENTORY_STAGES = ("prod", "staging", "dev", "pr-123")
REGENERATE_COMMAND = ".venv/bin/python -m harness.inventory regenerate"

# Properties recorded per resource type. Types not listed record their scalar
# top-level values; `lifecycle` and `provider` are recorded for every type.
PROPERTIES: dict[str, tuple[str, ...]] = {
    "aws_lambda_function": (
        "function_name",
        "runtime",
        "architectures",
        "handler",
        "memory_size",
        "timeout",
        "reserved_concurrent_executions",
        "publish",
        "environment",
        "tracing_config",
    ),
    "aws_iam_role": ("name", "assume_role_policy", "managed_policy_arns"),
    "aws_iam_role_policy": ("name", "policy"),
    "aws_iam_role_policy_attachment": ("policy_arn",),
    "aws_cloudwatch_log_group": ("name", "retention_in_days", "kms_key_id"),
    "aws_s3_bucket": ("bucket", "force_destroy"),
    "aws_s3_bucket_public_access_block": (
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    ),
    "aws_s3_bucket_server_side_encryption_configuration": ("rule",),
    "aws_s3_bucket_versioning": ("versioning_configuration",),
    "aws_cloudfront_distribution": (
        "enabled",
        "aliases",
        "viewer_certificate",
        "price_class",
        "http_version",
        "default_cache_behavior",
        "is_ipv6_enabled",
        "web_acl_id",
    ),
    "aws_cloudfront_response_headers_policy": ("name", "security_headers_config"),
    "aws_cloudfront_function": ("name", "runtime", "publish"),
    "aws_acm_certificate": ("domain_name", "subject_alternative_names", "validation_method"),
    "aws_apigatewayv2_api": ("name", "protocol_type", "cors_configuration", "disable_execute_api_endpoint"),
    "aws_apigatewayv2_stage": ("name", "auto_deploy", "default_route_settings", "access_log_settings"),
    "aws_apigatewayv2_domain_name": ("domain_name", "domain_name_configuration"),
    "aws_apigatewayv2_route": ("route_key", "authorization_type"),
    "aws_cloudwatch_metric_alarm": (
        "alarm_name",
        "namespace",
        "metric_name",
        "comparison_operator",
        "threshold",
        "evaluation_periods",
        "period",
        "statistic",
        "extended_statistic",
        "treat_missing_data",
    ),
    "aws_sns_topic": ("name", "kms_master_key_id"),
    "aws_lambda_permission": ("action", "principal"),
    "cloudflare_dns_record": ("name", "type", "proxied", "ttl"),
}
ALWAYS = ("lifecycle", "provider", "count", "for_each")
VOLATILE = {"//", "depends_on", "filename", "source_code_hash", "etag", "source_hash", "tags", "tags_all"}


def _selected(resource_type: str, body: dict) -> dict:
    if resource_type in PROPERTIES:
        keys = PROPERTIES[resource_type] + ALWAYS
        return {key: body[key] for key in keys if key in body}
    return {
        key: value
        for key, value in body.items()
        if key not in VOLATILE and (key in ALWAYS or isinstance(value, (str, int, float, bool)))
    }


def build_inventory(stack: SynthesizedStack) -> dict:
    """The inventory of one synthesized stack (what `regenerate` writes)."""
    resources = stack.config.get("resource", {})
    return {
        "stage": stack.name,
        "counts": {type_name: len(by_name) for type_name, by_name in sorted(resources.items())},
        "backend": stack.backend,
        "resources": {
            f"{type_name}.{name}": _selected(type_name, body)
            for type_name, by_name in sorted(resources.items())
            for name, body in sorted(by_name.items())
        },
    }


def inventory_path(stage: str, directory: Path = INVENTORY_DIR) -> Path:
    return directory / f"{stage}.yaml"


def dump_inventory(inventory: dict) -> str:
    header = (
        f"# Inventory of stage {inventory['stage']}: an expected subset of its synthesized Terraform JSON.\n"
        "# Reviewed like code. After an intended change, regenerate and review the diff:\n"
        f"#   {REGENERATE_COMMAND}\n"
    )
    return header + yaml.safe_dump(inventory, sort_keys=False, default_flow_style=False, width=110)


def load_inventory(path: Path) -> dict:
    if not path.is_file():
        raise FileNotFoundError(
            f"no inventory at {path}; create it with: {REGENERATE_COMMAND} --stage {path.stem}"
        )
    try:
        inventory = yaml.safe_load(path.read_text())
    except yaml.YAMLError as error:
        raise ValueError(
            f"{path} is not valid YAML ({error}); fix it or run: {REGENERATE_COMMAND} --stage {path.stem}"
        ) from None
    if not isinstance(inventory, dict):
        raise ValueError(
            f"{path} must hold a mapping with counts/backend/resources; run: "
            f"{REGENERATE_COMMAND} --stage {path.stem}"
        )
    return inventory


def inventory_mismatches(expected: dict, stack: SynthesizedStack) -> list[str]:
    """How `stack` differs from the `expected` inventory (empty when it matches)."""
    actual = build_inventory(stack)
    problems = []
    counts = expected.get("counts", {})
    for type_name in sorted(set(counts) | set(actual["counts"])):
        want, have = counts.get(type_name, 0), actual["counts"].get(type_name, 0)
        if want != have:
            problems.append(f"count of {type_name}: expected {want}, synthesized {have}")
    # Exact, not partial: an added property (a new environment variable, a new
    # CORS origin) must show up in the reviewed diff as much as a removed one.
    problems += [
        f"backend{m}" for m in match(expected.get("backend", {}), stack.backend, partial_objects=False)
    ]
    for address, properties in expected.get("resources", {}).items():
        type_name, _, name = address.partition(".")
        body = stack.config.get("resource", {}).get(type_name, {}).get(name)
        if body is None:
            problems.append(f"{address}: expected, but not synthesized")
            continue
        selected = _selected(type_name, body)
        problems += [f"{address}{m}" for m in match(properties or {}, selected, partial_objects=False)]
    return problems


def check_inventory(stack: SynthesizedStack, directory: Path = INVENTORY_DIR) -> None:
    """Raise AssertionError listing every difference, ending with the regenerate command."""
    path = inventory_path(stack.name, directory)
    shown_path = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
    problems = inventory_mismatches(load_inventory(path), stack)
    if problems:
        shown = "\n".join(f"  - {problem}" for problem in problems[:40])
        more = f"\n  ... and {len(problems) - 40} more" if len(problems) > 40 else ""
        raise AssertionError(
            f"stage {stack.name} no longer matches {shown_path}:\n"
            f"{shown}{more}\n"
            f"If the change is intended, regenerate the inventory and review its diff:\n"
            f"  {REGENERATE_COMMAND} --stage {stack.name}"
        )
