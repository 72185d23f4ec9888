"""Roll a stage's functions back: the `live` aliases to the previous (or a named) version.

Two callers: `sgct deploy` after a failed smoke check (back to the versions
recorded just before its apply) and `sgct rollback` by hand (back one
version, or `--to VERSION` for one function).
"""

from __future__ import annotations

from typing import Any

from operations.aliases import AliasMove, live_versions, move_alias, stage_function_names, version_before
from operations.errors import OperationError, OperationInputError
from stages import Stage


def restore(client: Any, recorded: dict[str, str]) -> list[AliasMove]:
    """Point each function's `live` alias back at the version recorded before the deploy."""
    current = live_versions(client, tuple(recorded))
    moves = []
    for name, version in sorted(recorded.items()):
        if current.get(name, version) != version:
            moves.append(move_alias(client, name, current[name], version))
    return moves


def rollback(
    client: Any, stage: Stage, to: str | None = None, function: str | None = None
) -> list[AliasMove]:
    """Move `live` one version back on every aliased function (or `function`), or to version `to`."""
    names = stage_function_names(stage)
    if function is not None:
        wanted = function if function in names else f"{stage.prefix}-{function}"
        if wanted not in names:
            raise OperationInputError(
                f"{function!r} is not one of stage {stage.name}'s functions {list(names)}",
            )
        names = (wanted,)
    current = live_versions(client, names)
    if not current:
        raise OperationError(
            f"no function of stage {stage.name} has a live alias (looked for {list(names)}); "
            "nothing to roll back"
        )
    if to is not None and len(current) > 1:
        raise OperationInputError(
            f"--to {to} is ambiguous: {sorted(current)} all have a live alias and their version numbers "
            "differ; add --function NAME",
        )
    return [
        move_alias(client, name, version, to if to is not None else version_before(client, name, version))
        for name, version in sorted(current.items())
    ]
