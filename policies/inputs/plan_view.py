"""Build a `Document` from `terraform show -json <planfile>` output.

Why `resource_changes` and not `planned_values`: a resource being deleted
is absent from `planned_values`, and a check that only walks the planned
state can never see the deletion it exists to stop. Every change is a
resource here, deletes included (their values are the `before` state).

Fail closed: an unknown major `format_version`, a plan Terraform marked as
errored, a state file passed as a plan, a malformed section, or a plan whose
recorded stage contradicts its claimed one (`policies.inputs.plan_stage`) are
unusable input. Sensitive
values are masked (`sensitive.plan_redaction`) before any rule sees them.
"""

from __future__ import annotations

import json
from pathlib import Path

from policies.inputs.config_view import construct_paths
from policies.inputs.documents import Document, Resource
from policies.inputs.plan_providers import aws_providers
from policies.inputs.plan_stage import plan_stage
from policies.inputs.shapes import PLAN_FIX, fail, objects, optional_list, optional_object
from policies.model import InputError, InputKind
from sensitive.plan_redaction import redact_plan, sensitive_strings

__all__ = ["aws_providers", "check_format", "check_plan", "is_plan", "plan_document"]

SUPPORTED_MAJOR_VERSIONS = ("0", "1")


def is_plan(data) -> bool:
    return (
        isinstance(data, dict)
        and "format_version" in data
        and ("resource_changes" in data or "planned_values" in data or "configuration" in data)
    )


def check_format(path: str, plan) -> None:
    if not isinstance(plan, dict) or "format_version" not in plan:
        raise InputError(
            f"{path}: not Terraform plan JSON (no format_version); "
            "produce it with `terraform show -json <planfile>`"
        )
    version = str(plan["format_version"])
    if version.split(".")[0] not in SUPPORTED_MAJOR_VERSIONS:
        raise InputError(
            f"{path}: plan format_version {version!r} is not supported "
            f"(this checker reads {', '.join(v + '.x' for v in SUPPORTED_MAJOR_VERSIONS)}); "
            "upgrade the policy engine before trusting a newer format"
        )
    if plan.get("errored") is True:
        raise InputError(f"{path}: Terraform marked this plan as errored; fix the plan errors first")
    if "values" in plan and not is_plan(plan):
        raise InputError(
            f"{path}: this is state JSON (`terraform show -json` without a plan file), not a plan"
        )


def check_plan(path: str, plan) -> None:
    """Every check a plan must pass before any view reads it; `InputError` naming the key otherwise.

    Shared with `sgct review`, so a file `sgct check` refuses is never
    reviewed as "no changes".
    """
    check_format(path, plan)
    if not is_plan(plan):
        raise InputError(
            f"{path}: has format_version but no resource_changes, planned_values or configuration, "
            f"so it is not a plan; {PLAN_FIX}"
        )
    list(_changes(path, plan))
    for name, change in optional_object(plan.get("output_changes"), path, "output_changes", PLAN_FIX).items():
        change = optional_object(change, path, f"output_changes.{name}", PLAN_FIX)
        if not optional_list(change.get("actions"), path, f"output_changes.{name}.actions", PLAN_FIX):
            raise InputError(f"{path}: output change {name!r} has no actions; {PLAN_FIX}")


def _provider_keys(path: str, module: dict, prefix: str, keys: dict[str, str]) -> None:
    where = f"configuration.{prefix}root_module" if prefix else "configuration.root_module"
    for resource_where, resource in objects(module.get("resources"), path, f"{where}.resources", PLAN_FIX):
        if resource.get("mode", "managed") == "managed":
            address = resource.get("address")
            if not isinstance(address, str):
                raise fail(path, f"{resource_where}.address", "a string", address, PLAN_FIX)
            keys[prefix + address] = resource.get("provider_config_key", "")
    calls = optional_object(module.get("module_calls"), path, f"{where}.module_calls", PLAN_FIX)
    for name, call in calls.items():
        call = optional_object(call, path, f"{where}.module_calls.{name}", PLAN_FIX)
        child = optional_object(call.get("module"), path, f"{where}.module_calls.{name}.module", PLAN_FIX)
        _provider_keys(path, child, f"{prefix}module.{name}.", keys)


def _changes(path: str, plan: dict):
    """Every resource change (deferred ones included) as `(entry, change)`, shapes checked."""
    entries = objects(plan.get("resource_changes"), path, "resource_changes", PLAN_FIX)
    for where, deferred in objects(plan.get("deferred_changes"), path, "deferred_changes", PLAN_FIX):
        if deferred.get("resource_change") is not None:
            entries.append(
                (
                    f"{where}.resource_change",
                    optional_object(deferred["resource_change"], path, f"{where}.resource_change", PLAN_FIX),
                )
            )
    for where, entry in entries:
        if not isinstance(entry.get("address"), str):
            raise fail(path, f"{where}.address", "a string", entry.get("address"), PLAN_FIX)
        change = optional_object(entry.get("change"), path, f"{where}.change", PLAN_FIX)
        actions = optional_list(change.get("actions"), path, f"{where}.change.actions", PLAN_FIX)
        if not actions:
            raise InputError(f"{path}: resource change {entry['address']!r} has no actions; {PLAN_FIX}")
        yield entry, change


def _without_index(address: str) -> str:
    return address.split("[", 1)[0] if address.endswith("]") else address


def plan_document(path: str, plan: dict, stage_override: str | None = None) -> Document:
    """A plan `Document`; the sibling `cdk.tf.json`, if any, gives stage and construct paths."""
    check_plan(path, plan)  # every shape, before redaction walks the plan
    sibling_path = Path(path).with_name("cdk.tf.json")
    sibling = None
    if sibling_path.is_file():
        try:
            sibling = json.loads(sibling_path.read_text())
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(f"{sibling_path}: unreadable JSON next to the plan: {error}") from None
        if not isinstance(sibling, dict):
            raise InputError(
                f"{sibling_path}: next to the plan but not a Terraform JSON object; move the plan "
                "or regenerate the stack with `cdktf synth`"
            )
    stage = plan_stage(path, plan, sibling, sibling_path, stage_override)
    paths = construct_paths(sibling, str(sibling_path)) if sibling else {}
    configuration = optional_object(plan.get("configuration"), path, "configuration", PLAN_FIX)
    provider_keys: dict[str, str] = {}
    _provider_keys(
        path,
        optional_object(configuration.get("root_module"), path, "configuration.root_module", PLAN_FIX),
        "",
        provider_keys,
    )
    providers = aws_providers(plan, path)
    secrets = sensitive_strings(plan)
    redacted = redact_plan(plan, mask_secret_like_strings=False, secrets=secrets)
    resources = {}
    for entry, change in _changes(path, redacted):
        if entry.get("mode", "managed") != "managed":
            continue
        actions = tuple(change["actions"])
        gone = change.get("after") is None and "delete" in actions
        address = entry["address"]
        base = _without_index(address)
        values = (change.get("before") if gone else change.get("after")) or {}
        resources[address] = Resource(
            address=address,
            type=entry.get("type", ""),
            name=entry.get("name", ""),
            values=values if isinstance(values, dict) else {},
            unknown=None if gone else change.get("after_unknown"),
            actions=actions,
            action_reason=entry.get("action_reason"),
            provider=provider_keys.get(base),
            construct_path=paths.get(base),
        )
    return Document(
        path=path,
        kind=InputKind.PLAN,
        stage=stage,
        raw=plan,
        resources=resources,
        construct_paths={**paths, **{a: r.construct_path for a, r in resources.items() if r.construct_path}},
        providers=providers,
        secrets=secrets,
    )
