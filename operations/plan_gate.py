"""Destroys and replacements in a saved plan, and the reviewed overrides that let them through.

Why a gate of its own (besides SGCT002, which guards protected resource
types): on prod and staging *any* delete or replace is a decision a person
must make, because Terraform destroys the old object first or last but
always. The override names every address it allows plus a reason, so the
job summary and the log say who allowed what and why; an override that
names an address the plan does not destroy is refused (a stale override
must not travel to the next deploy).
"""

from __future__ import annotations

from dataclasses import dataclass

from operations.errors import OperationInputError
from stages import Protection, Stage

MIN_REASON_CHARS = 10
"""An override reason shorter than this says nothing a reviewer can check."""


@dataclass(frozen=True)
class Destruction:
    """One address the plan deletes (`["delete"]`) or replaces (delete + create, either order)."""

    address: str
    actions: tuple[str, ...]
    reason: str = ""
    """Terraform's `action_reason`, when it gave one."""

    @property
    def kind(self) -> str:
        return "replace" if "create" in self.actions else "delete"


@dataclass(frozen=True)
class DestroyOverride:
    """Addresses a reviewer allows to be destroyed or replaced in this deploy, and why."""

    addresses: tuple[str, ...] = ()
    """default: none, every destroy on a guarded stage stops the deploy."""
    reason: str = ""
    """default: empty; required (at least MIN_REASON_CHARS characters) when addresses are given."""

    def __post_init__(self) -> None:
        if self.addresses and len(self.reason.strip()) < MIN_REASON_CHARS:
            raise OperationInputError(
                f"--override-destroy {' '.join(self.addresses)} needs --override-reason with at least "
                f"{MIN_REASON_CHARS} characters saying why (got {self.reason.strip()!r}); it is recorded "
                "in the job summary and the log",
            )
        if self.reason.strip() and not self.addresses:
            raise OperationInputError(
                "--override-reason was given without --override-destroy ADDRESS: name each address "
                "the override allows",
            )


@dataclass(frozen=True)
class GateResult:
    """What the gate decided for one plan."""

    stage: str
    guarded: bool
    destructions: tuple[Destruction, ...]
    overridden: tuple[Destruction, ...]
    override_reason: str

    @property
    def refused(self) -> tuple[Destruction, ...]:
        """Destructions that stop the deploy: on a guarded stage, those no override names."""
        if not self.guarded:
            return ()
        allowed = {entry.address for entry in self.overridden}
        return tuple(entry for entry in self.destructions if entry.address not in allowed)

    @property
    def passed(self) -> bool:
        return not self.refused


def is_guarded(stage: Stage) -> bool:
    """Prod (protected) and staging (retained): destroys there need an override."""
    return stage.protection is not Protection.NONE


def destructions(plan: dict) -> tuple[Destruction, ...]:
    """Every managed resource whose planned actions include `delete`, in address order."""
    found = []
    for entry in plan.get("resource_changes", []):
        actions = tuple(entry.get("change", {}).get("actions", ()))
        if entry.get("mode", "managed") == "managed" and "delete" in actions:
            found.append(Destruction(entry["address"], actions, entry.get("action_reason", "")))
    return tuple(sorted(found, key=lambda entry: entry.address))


def gate(stage: Stage, plan: dict, override: DestroyOverride = DestroyOverride()) -> GateResult:
    """Decide whether `plan` may be applied on `stage`; refuse overrides naming other addresses."""
    planned = destructions(plan)
    by_address = {entry.address: entry for entry in planned}
    unknown = sorted(set(override.addresses) - set(by_address))
    if unknown:
        destroyed = ", ".join(by_address) or "nothing"
        raise OperationInputError(
            f"--override-destroy names {unknown}, which this plan does not destroy or replace "
            f"(it destroys: {destroyed}); name exactly the addresses the plan destroys",
        )
    overridden = tuple(by_address[address] for address in sorted(set(override.addresses)))
    return GateResult(stage.name, is_guarded(stage), planned, overridden, override.reason.strip())


def describe(result: GateResult) -> list[str]:
    """Log lines: what is destroyed, what an override allowed (with its reason), what stops."""
    lines = []
    for entry in result.overridden:
        lines.append(f"override: {entry.kind} of {entry.address} allowed, reason: {result.override_reason}")
    for entry in result.refused:
        why = f" ({entry.reason})" if entry.reason else ""
        lines.append(
            f"refused: the plan would {entry.kind} {entry.address}{why} on {result.stage}; "
            f"review it, then re-run with --override-destroy {entry.address} --override-reason TEXT"
        )
    return lines
