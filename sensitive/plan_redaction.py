"""Mask sensitive values in Terraform plan JSON before anything prints it.

`terraform show -json` writes sensitive values in clear text and marks them
separately (`before_sensitive`, `after_sensitive`, `sensitive_values`,
`"sensitive": true` on outputs and variables). Every report built from a
plan must go through this module first. Public API:

    redacted = redact_plan(plan)           # deep copy, sensitive leaves -> REDACTED
    secrets = sensitive_strings(plan)      # the clear-text values, to scrub free text
    safe_text = scrub(text, secrets)       # last line of defence for messages
    mask_sensitive(value, marker)          # one value against its sensitivity marker

`redact_plan` also masks strings that merely look secret (see
`sensitive.detection`) unless `mask_secret_like=False`.
"""

from __future__ import annotations

import json

from sensitive.detection import mask, secret_value_kind
from sensitive.marker import REDACTED


def mask_sensitive(value, marker):
    """`value` with every part marked sensitive by `marker` replaced by `REDACTED`.

    `marker` mirrors `value`: `True` marks the whole subtree, a dict/list marks
    its members, anything else marks nothing.
    """
    if marker is True:
        return None if value is None else REDACTED
    if isinstance(marker, dict) and isinstance(value, dict):
        return {key: mask_sensitive(item, marker.get(key)) for key, item in value.items()}
    if isinstance(marker, list) and isinstance(value, list):
        return [mask_sensitive(item, marker[i] if i < len(marker) else None) for i, item in enumerate(value)]
    return value


def mask_secret_like(value):
    """`value` with every string that looks like a credential masked."""
    if isinstance(value, str):
        return mask(value) if secret_value_kind(value) else value
    if isinstance(value, dict):
        return {key: mask_secret_like(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_secret_like(item) for item in value]
    return value


def _redact_change(change: dict) -> None:
    for side in ("before", "after"):
        if side in change:
            change[side] = mask_sensitive(change[side], change.get(f"{side}_sensitive"))


def _redact_module_values(module: dict | None) -> None:
    if not isinstance(module, dict):
        return
    for resource in module.get("resources", []):
        resource["values"] = mask_sensitive(resource.get("values"), resource.get("sensitive_values"))
    for child in module.get("child_modules", []):
        _redact_module_values(child)


def _redact_values(values: dict | None) -> None:
    if not isinstance(values, dict):
        return
    for output in (values.get("outputs") or {}).values():
        if output.get("sensitive"):
            output["value"] = REDACTED
    _redact_module_values(values.get("root_module"))


def _sensitive_variables(module: dict) -> set[str]:
    return {name for name, spec in (module.get("variables") or {}).items() if spec.get("sensitive")}


def _redact_configuration(module: dict | None) -> None:
    """Sensitive variable defaults, recursively through module calls."""
    if not isinstance(module, dict):
        return
    for name in _sensitive_variables(module):
        if "default" in module["variables"][name]:
            module["variables"][name]["default"] = REDACTED
    for call in (module.get("module_calls") or {}).values():
        _redact_configuration(call.get("module"))


def scrub_values(value, secrets: set[str]):
    """`value` with every string leaf that contains a known sensitive string replaced by `REDACTED`."""
    if isinstance(value, str):
        return REDACTED if any(secret in value for secret in secrets) else value
    if isinstance(value, dict):
        return {key: scrub_values(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub_values(item, secrets) for item in value]
    return value


def redact_plan(plan: dict, mask_secret_like_strings: bool = True, secrets: set[str] | None = None) -> dict:
    """A deep copy of `plan` in which no sensitive value survives.

    Besides the marked positions, any string that contains a marked value is
    masked too: Terraform does not always carry the mark to derived copies
    (e.g. `terraform_data.output` in prior state echoes a sensitive `input`).
    `secrets` is `sensitive_strings(plan)` when the caller already has it.
    """
    if secrets is None:
        secrets = sensitive_strings(plan)
    plan = json.loads(json.dumps(plan))  # a deep copy; JSON in, JSON out, several times faster
    for key in ("resource_changes", "resource_drift"):
        for entry in plan.get(key) or []:
            _redact_change(entry.get("change") or {})
    for deferred in plan.get("deferred_changes") or []:
        _redact_change((deferred.get("resource_change") or {}).get("change") or {})
    for change in (plan.get("output_changes") or {}).values():
        _redact_change(change)
    _redact_values(plan.get("planned_values"))
    _redact_values((plan.get("prior_state") or {}).get("values"))
    root_config = (plan.get("configuration") or {}).get("root_module") or {}
    for name in _sensitive_variables(root_config):
        if name in (plan.get("variables") or {}):
            plan["variables"][name]["value"] = REDACTED
    _redact_configuration(root_config)
    if secrets:
        plan = scrub_values(plan, secrets)
    return mask_secret_like(plan) if mask_secret_like_strings else plan


def _collect(value, marker, found: set[str]) -> None:
    if marker is True:
        _collect_all(value, found)
    elif isinstance(marker, dict) and isinstance(value, dict):
        for key, item in value.items():
            _collect(item, marker.get(key), found)
    elif isinstance(marker, list) and isinstance(value, list):
        for i, item in enumerate(value):
            _collect(item, marker[i] if i < len(marker) else None, found)


def _collect_all(value, found: set[str]) -> None:
    if isinstance(value, str) and len(value) >= 3:
        found.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_all(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_all(item, found)


def sensitive_strings(plan: dict) -> set[str]:
    """Every clear-text string (3+ chars) the plan marks sensitive, to scrub free text with."""
    found: set[str] = set()
    changes = [
        entry.get("change") or {}
        for key in ("resource_changes", "resource_drift")
        for entry in plan.get(key) or []
    ]
    changes += [
        (d.get("resource_change") or {}).get("change") or {} for d in plan.get("deferred_changes") or []
    ]
    changes += list((plan.get("output_changes") or {}).values())
    for change in changes:
        for side in ("before", "after"):
            _collect(change.get(side), change.get(f"{side}_sensitive"), found)
    root_config = (plan.get("configuration") or {}).get("root_module") or {}
    for name in _sensitive_variables(root_config):
        _collect_all((plan.get("variables") or {}).get(name, {}).get("value"), found)
        _collect_all(root_config["variables"][name].get("default"), found)
    for values in (plan.get("planned_values"), (plan.get("prior_state") or {}).get("values")):
        for output in ((values or {}).get("outputs") or {}).values():
            if output.get("sensitive"):
                _collect_all(output.get("value"), found)
    return found


def scrub(text: str, secrets: set[str]) -> str:
    """`text` with every occurrence of a known sensitive string replaced (longest first)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text
