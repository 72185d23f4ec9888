"""Build a `Document` from `terraform show -json <planfile>` output.

Why `resource_changes` and not `planned_values`: a resource being deleted
is absent from `planned_values`, and a check that only walks the planned
state can never see the deletion it exists to stop. Every change is a
resource here, deletes included (their values are the `before` state).

Fail closed: an unknown major `format_version`, a plan Terraform marked as
errored, or a state file passed as a plan are unusable input. Sensitive
values are masked (`policies.redaction`) before any rule sees them.
"""

from __future__ import annotations

import json
from pathlib import Path

from policies.config_view import construct_paths, stack_name
from policies.documents import Document, Resource
from policies.model import InputError, InputKind
from policies.redaction import redact_plan
from policies.stage_context import stage_context

SUPPORTED_MAJOR_VERSIONS = ("0", "1")


def is_plan(data) -> bool:
    return isinstance(data, dict) and "format_version" in data and (
        "resource_changes" in data or "planned_values" in data or "configuration" in data)


def check_format(path: str, plan) -> None:
    if not isinstance(plan, dict) or "format_version" not in plan:
        raise InputError(f"{path}: not Terraform plan JSON (no format_version); "
                         "produce it with `terraform show -json <planfile>`")
    version = str(plan["format_version"])
    if version.split(".")[0] not in SUPPORTED_MAJOR_VERSIONS:
        raise InputError(f"{path}: plan format_version {version!r} is not supported "
                         f"(this checker reads {', '.join(v + '.x' for v in SUPPORTED_MAJOR_VERSIONS)}); "
                         "upgrade the policy engine before trusting a newer format")
    if plan.get("errored") is True:
        raise InputError(f"{path}: Terraform marked this plan as errored; fix the plan errors first")
    if "values" in plan and not is_plan(plan):
        raise InputError(f"{path}: this is state JSON (`terraform show -json` without a plan file), not a plan")


def _provider_keys(module: dict, prefix: str, keys: dict[str, str]) -> None:
    for resource in module.get("resources") or []:
        if resource.get("mode", "managed") == "managed":
            keys[prefix + resource["address"]] = resource.get("provider_config_key", "")
    for name, call in (module.get("module_calls") or {}).items():
        _provider_keys(call.get("module") or {}, f"{prefix}module.{name}.", keys)


def aws_providers(plan: dict) -> list[dict]:
    providers = []
    for key, entry in ((plan.get("configuration") or {}).get("provider_config") or {}).items():
        if entry.get("name") != "aws" or ":" in key:
            continue
        expressions = entry.get("expressions") or {}
        region = (expressions.get("region") or {}).get("constant_value")
        tags = {}
        for block in expressions.get("default_tags") or []:
            tags.update(((block or {}).get("tags") or {}).get("constant_value") or {})
        providers.append({"alias": entry.get("alias"), "region": region, "default_tags": tags})
    return providers


def _changes(plan: dict):
    for entry in plan.get("resource_changes") or []:
        yield entry
    for deferred in plan.get("deferred_changes") or []:
        if deferred.get("resource_change"):
            yield deferred["resource_change"]


def _plan_stage(path: str, plan: dict, sibling: dict | None, override: str | None):
    if override:
        return stage_context(override, path), "--stage"
    if sibling and stack_name(sibling):
        return stage_context(stack_name(sibling), path), "cdk.tf.json next to the plan"
    for provider in aws_providers(plan):
        stage = provider["default_tags"].get("stage")
        if isinstance(stage, str) and stage:
            return stage_context(stage, path), "the AWS provider's default `stage` tag"
    raise InputError(f"{path}: cannot tell which stage this plan is for (no cdk.tf.json next to it, "
                     "no `stage` default tag on the AWS provider); pass --stage NAME")


def _without_index(address: str) -> str:
    return address.split("[", 1)[0] if address.endswith("]") else address


def plan_document(path: str, plan: dict, stage_override: str | None = None) -> Document:
    """A plan `Document`; the sibling `cdk.tf.json`, if any, gives stage and construct paths."""
    check_format(path, plan)
    sibling_path = Path(path).with_name("cdk.tf.json")
    sibling = None
    if sibling_path.is_file():
        try:
            sibling = json.loads(sibling_path.read_text())
        except (OSError, ValueError) as error:
            raise InputError(f"{sibling_path}: unreadable JSON next to the plan: {error}") from None
    stage, _ = _plan_stage(path, plan, sibling, stage_override)
    paths = construct_paths(sibling) if sibling else {}
    provider_keys: dict[str, str] = {}
    _provider_keys(((plan.get("configuration") or {}).get("root_module")) or {}, "", provider_keys)
    redacted = redact_plan(plan, mask_secret_like_strings=False)
    resources = {}
    for entry in _changes(redacted):
        if entry.get("mode", "managed") != "managed":
            continue
        change = entry.get("change") or {}
        actions = tuple(change.get("actions") or ())
        if not actions:
            raise InputError(f"{path}: resource change {entry.get('address')!r} has no actions")
        gone = change.get("after") is None and "delete" in actions
        address = entry["address"]
        base = _without_index(address)
        resources[address] = Resource(
            address=address, type=entry.get("type", ""), name=entry.get("name", ""),
            values=(change.get("before") if gone else change.get("after")) or {},
            unknown=None if gone else change.get("after_unknown"),
            actions=actions, action_reason=entry.get("action_reason"),
            provider=provider_keys.get(base), construct_path=paths.get(base),
        )
    return Document(path=path, kind=InputKind.PLAN, stage=stage, raw=plan, resources=resources,
                    construct_paths={**paths, **{a: r.construct_path for a, r in resources.items()
                                                 if r.construct_path}},
                    providers=aws_providers(plan))
