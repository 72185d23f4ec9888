"""`PlanTemplate`: assertions on a real plan (`terraform show -json`), like `Template` on synthesized JSON.

Why: the synthesized JSON says what we asked for; the plan says what
Terraform will do about it. Tests (and reviewers) care about "this change
replaces nothing", "the function is updated in place with 512 MB", and "a
re-plan after apply is empty". Failures list the nearest changes with their
differences, like `Template`. Values marked sensitive in the plan are
replaced by `(sensitive)` before matching, so no assertion message can
print one; values known only after apply read `(known after apply)`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.matchers import Matcher, Mismatch
from harness.nearest import nearest_message, rank
from harness.terraform import Terraform

SENSITIVE = "(sensitive)"
UNKNOWN = "(known after apply)"
QUIET_ACTIONS = (["no-op"], ["read"])
_ACTION_WORDS = {
    "create": ["create"],
    "update": ["update"],
    "delete": ["delete"],
    "no-op": ["no-op"],
    "read": ["read"],
}


class _Replace(Matcher):
    """Actions of a replacement, in either order (`create_before_destroy` or not)."""

    def test(self, actual, path):
        if isinstance(actual, list) and sorted(actual) == ["create", "delete"]:
            return []
        return [Mismatch(path, f"expected a replacement (delete and create), got {actual!r}")]

    def __repr__(self):
        return "'replace'"


def _actions_pattern(actions: Any) -> Any:
    """`"replace"` -> either order; `"create"` -> `["create"]`; lists and matchers as given."""
    if actions == "replace":
        return _Replace()
    if isinstance(actions, str):
        if actions not in _ACTION_WORDS:
            raise ValueError(
                f"unknown action {actions!r}; use one of {[*_ACTION_WORDS, 'replace']} or a list"
            )
        return _ACTION_WORDS[actions]
    return actions


def _masked(value: Any, sensitive: Any, unknown: Any) -> Any:
    """`value` with sensitive parts replaced by SENSITIVE and unknown ones added as UNKNOWN."""
    if sensitive is True:
        return SENSITIVE
    if unknown is True:
        return UNKNOWN
    if isinstance(value, dict) or isinstance(unknown, dict):
        value = value if isinstance(value, dict) else {}
        sens = sensitive if isinstance(sensitive, dict) else {}
        unk = unknown if isinstance(unknown, dict) else {}
        keys = list(value) + [key for key in unk if key not in value]
        return {key: _masked(value.get(key), sens.get(key), unk.get(key)) for key in keys}
    if isinstance(value, list):
        sens_list = sensitive if isinstance(sensitive, list) else []
        unk_list = unknown if isinstance(unknown, list) else []
        return [
            _masked(item, _at(sens_list, index), _at(unk_list, index)) for index, item in enumerate(value)
        ]
    return value


def _at(items: list, index: int) -> Any:
    return items[index] if index < len(items) else None


def _changed_paths(before: Any, after: Any, path: str = "") -> list[str]:
    """Attribute paths whose (masked) value differs; values are not shown, they may be secrets."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [
            found
            for key in sorted(set(before) | set(after))
            for found in _changed_paths(before.get(key), after.get(key), f"{path}/{key}")
        ]
    return [] if before == after else [path or "/"]


class PlanTemplate:
    """A queryable, assertable view of one `terraform show -json` plan document."""

    def __init__(self, plan: dict, name: str = "plan", config: dict | None = None) -> None:
        if "resource_changes" not in plan and "format_version" not in plan:
            raise ValueError(f"{name}: not a `terraform show -json <plan>` document (no resource_changes)")
        self.plan = plan
        self.name = name
        self._paths = _construct_paths(config or {})

    @classmethod
    def from_file(cls, path: str | Path, config_path: str | Path | None = None) -> PlanTemplate:
        path = Path(path)
        config = json.loads(Path(config_path).read_text()) if config_path else None
        return cls(json.loads(path.read_text()), path.stem, config)

    @classmethod
    def from_terraform(cls, terraform: Terraform, *plan_args: str) -> PlanTemplate:
        """Plan in the runner's working dir now; construct paths come from its `cdk.tf.json`, if any."""
        config_file = terraform.working_dir / "cdk.tf.json"
        config = json.loads(config_file.read_text()) if config_file.is_file() else None
        return cls(terraform.plan_json(*plan_args), terraform.working_dir.name, config)

    # Queries -----------------------------------------------------------------

    def changes(self, address_or_type: str | None = None) -> dict[str, dict]:
        """`{address: resource_change}`: all, one address, or every change of one resource type."""
        every = {change["address"]: change for change in self.plan.get("resource_changes", [])}
        if address_or_type is None:
            return every
        if address_or_type in every:
            return {address_or_type: every[address_or_type]}
        return {address: change for address, change in every.items() if change["type"] == address_or_type}

    def values(self, address: str) -> Any:
        """The planned values of one change (`before` for a delete), sensitive and unknown parts masked."""
        return _values(self._one(address)["change"])

    def replace_paths(self, address: str) -> list[list]:
        """The attribute paths that force `address` to be replaced (Terraform's `replace_paths`)."""
        return self._one(address)["change"].get("replace_paths", [])

    def _one(self, address: str) -> dict:
        every = self.changes()
        if address not in every:
            raise AssertionError(f"{self.name}: no change for {address}; planned: {sorted(every) or 'none'}")
        return every[address]

    # Assertions --------------------------------------------------------------

    def has_change(self, address_or_type: str, actions: Any = None, props: Any = None) -> str:
        """Assert a change of that address/type with `actions` and planned values matching `props`.

        `actions`: "create", "update", "delete", "replace" (either order), "no-op",
        "read", a list such as `["delete", "create"]`, or a `Match`. Returns the address.
        """
        candidates = self.changes(address_or_type)
        if not candidates:
            types = sorted({change["type"] for change in self.changes().values()})
            raise AssertionError(
                f"{self.name}: no change for {address_or_type!r}; "
                f"resource types in the plan: {types or 'none'}"
            )
        pattern = {
            key: value
            for key, value in (("actions", _actions_pattern(actions)), ("values", props))
            if value is not None
        }
        observed = {
            address: {"actions": change["change"]["actions"], "values": _values(change["change"])}
            for address, change in candidates.items()
        }
        ranked = rank(observed, pattern, self._paths)
        for candidate in ranked:
            if candidate.matched:
                return candidate.address
        head = f"{self.name}: none of {len(candidates)} changes for {address_or_type!r} match {pattern!r}."
        raise AssertionError(nearest_message(head, ranked))

    def no_replacements(self, except_: tuple[str, ...] | list[str] = ()) -> None:
        """Assert nothing is replaced, except addresses or resource types listed in `except_`."""
        replaced = [
            change
            for change in self.changes().values()
            if not _Replace().test(change["change"]["actions"], "")
            and change["address"] not in except_
            and change["type"] not in except_
        ]
        if replaced:
            lines = [f"{self.name}: {len(replaced)} resources would be replaced:"]
            for change in replaced:
                construct = self._paths.get(change["address"])
                lines.append(
                    f"  {change['address']}"
                    + (f" (construct {construct})" if construct else "")
                    + f": {change.get('action_reason', 'no reason given')}; "
                    f"forced by {change['change'].get('replace_paths', 'unknown attributes')}"
                )
            raise AssertionError("\n".join(lines))

    def assert_idempotent(self, allowed: Mapping[str, str] | None = None) -> None:
        """Assert the plan changes nothing (the re-plan after an apply); name each change and attribute.

        `allowed`: `{"<type or address></attribute/path>": reason}` for differences known to come
        from an emulator rather than from the configuration (e.g. moto's JSON formatting). An
        update whose changed attributes are all allowed passes; anything else still fails.
        """
        allowed = allowed or {}
        lines = []
        for change in self.changes().values():
            actions = change["change"]["actions"]
            if actions in QUIET_ACTIONS:
                continue
            detail = change["change"]
            before = _masked(detail.get("before"), detail.get("before_sensitive"), None)
            after = _values(detail)
            paths = _changed_paths(before, after) if "update" in actions else []
            if paths and all(
                f"{change['address']}{path}" in allowed or f"{change['type']}{path}" in allowed
                for path in paths
            ):
                continue
            attributes = f" attributes {', '.join(paths)}" if paths else ""
            lines.append(f"  {change['address']}: {'/'.join(actions)}{attributes}")
        for name, output in self.plan.get("output_changes", {}).items():
            if output.get("actions") not in QUIET_ACTIONS:
                lines.append(f"  output.{name}: {'/'.join(output.get('actions', []))}")
        if lines:
            head = f"{self.name}: the re-plan is not empty ({len(lines)} changes):"
            raise AssertionError("\n".join([head, *lines]))


def _values(change: dict) -> Any:
    if change.get("after") is None and "delete" in change.get("actions", []):
        return _masked(change.get("before"), change.get("before_sensitive"), None)
    return _masked(change.get("after"), change.get("after_sensitive"), change.get("after_unknown"))


def _construct_paths(config: dict) -> dict[str, str | None]:
    """`{address: construct path}` from a synthesized config's `//` metadata (plans do not carry it)."""
    found: dict[str, str | None] = {}
    for block, prefix in (("resource", ""), ("data", "data.")):
        for type_name, by_name in config.get(block, {}).items():
            for name, body in by_name.items():
                path = body.get("//", {}).get("metadata", {}).get("path")
                if path:
                    found[f"{prefix}{type_name}.{name}"] = path
    return found
