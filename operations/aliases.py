"""The `live` alias of each of a stage's functions: read it, point it at a version.

Why aliases: every deploy publishes a new function version; traffic (the API
integration, function URLs, the warmer) goes through `live`, so moving the
alias is an instant, Terraform-free way back to the code that ran before.
Functions are found by their catalogued names (`stages.naming`), so a new
function is covered as soon as it is registered there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from operations.errors import OperationError
from stages import Stage
from stages.naming import LIVE_ALIAS, catalogue

LAMBDA_KIND = "Lambda function"


@dataclass(frozen=True)
class AliasMove:
    """One alias moved from one version to another."""

    function_name: str
    from_version: str
    to_version: str


def stage_function_names(stage: Stage) -> tuple[str, ...]:
    """Every Lambda function name the stage derives (catalogued in `stages.naming`)."""
    return tuple(entry.render(stage.prefix) for entry in catalogue() if entry.resource_kind == LAMBDA_KIND)


def live_versions(client: Any, function_names: tuple[str, ...]) -> dict[str, str]:
    """`{function: version}` for each function that exists and has a `live` alias."""
    found = {}
    for name in function_names:
        try:
            found[name] = client.get_alias(FunctionName=name, Name=LIVE_ALIAS)["FunctionVersion"]
        except client.exceptions.ResourceNotFoundException:
            continue
    return found


def published_versions(client: Any, function_name: str) -> list[int]:
    """The function's published version numbers (`$LATEST` left out), ascending."""
    versions: list[int] = []
    for page in client.get_paginator("list_versions_by_function").paginate(FunctionName=function_name):
        versions += [int(entry["Version"]) for entry in page["Versions"] if entry["Version"].isdigit()]
    return sorted(versions)


def version_before(client: Any, function_name: str, current: str) -> str:
    """The newest published version older than `current`; an error when there is none."""
    if not current.isdigit():
        raise OperationError(
            f"{function_name}: alias {LIVE_ALIAS} points at {current!r}, not a published version; "
            "pass --to VERSION"
        )
    older = [version for version in published_versions(client, function_name) if version < int(current)]
    if not older:
        raise OperationError(
            f"{function_name}: no published version older than {current} to roll back to; "
            "deploy a fixed build instead"
        )
    return str(older[-1])


def move_alias(client: Any, function_name: str, current: str, version: str) -> AliasMove:
    """Point `live` at `version` (which must exist), returning the move made."""
    if version not in {str(number) for number in published_versions(client, function_name)}:
        raise OperationError(f"{function_name} has no published version {version!r}; see its versions list")
    client.update_alias(FunctionName=function_name, Name=LIVE_ALIAS, FunctionVersion=version)
    return AliasMove(function_name, current, version)
