"""Shape checks for the JSON the views read: a wrong shape is unusable input, never a traceback.

Why: `sgct check` must say what is wrong with a hand-edited or truncated
file (which key, where, how to get a good one) and exit 2; a crash in a
view would print a traceback and exit 1, as if the checked code had failed
a rule. Messages name JSON types only, never values, so a malformed secret
is not echoed into CI logs.
"""

from __future__ import annotations

from policies.model import InputError

CONFIG_FIX = "regenerate it with `cdktf synth` (or `sgct synth`)"
PLAN_FIX = "regenerate it with `terraform show -json <planfile>`"


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__
    )


def fail(path: str, where: str, expected: str, value, fix: str) -> InputError:
    """The error for `where` (a JSON location) holding `value` instead of `expected`."""
    return InputError(f"{path}: {where} must be {expected}, got {_kind(value)}; {fix}")


def optional_object(value, path: str, where: str, fix: str, expected: str = "an object") -> dict:
    """`value` if it is an object, `{}` if absent/null; `InputError` (saying `expected`) otherwise."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(path, where, expected, value, fix)
    return value


def optional_list(value, path: str, where: str, fix: str) -> list:
    """`value` if it is a list, `[]` if absent/null; `InputError` otherwise."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail(path, where, "a list", value, fix)
    return value


def objects(value, path: str, where: str, fix: str) -> list[tuple[str, dict]]:
    """A list of objects as `[(location, object)]`; each item must be an object."""
    found = []
    for index, item in enumerate(optional_list(value, path, where, fix)):
        if not isinstance(item, dict):
            raise fail(path, f"{where}[{index}]", "an object", item, fix)
        found.append((f"{where}[{index}]", item))
    return found


def blocks(value, path: str, where: str, fix: str) -> list[tuple[str, dict]]:
    """A Terraform JSON block, written as one object or a list of objects, as `[(location, object)]`."""
    if isinstance(value, dict):
        return [(where, value)]
    if value is not None and not isinstance(value, list):
        raise fail(path, where, "an object or a list of objects", value, fix)
    return objects(value, path, where, fix)
