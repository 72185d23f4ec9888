"""The stage a checked file belongs to, and what protection it gets.

Why: rules differ per stage (prod must not lose a bucket, `pr-123` must
destroy cleanly), so every checked file is tied to a stage before any rule
runs. The protection level comes from `stages`, the same data the modules
use, so policy and construct can never disagree on what prod is.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from policies.model import InputError
from stages import BOOTSTRAP_STACK_NAME, Protection, Stage, StageNameError, resolve_stage


@dataclass(frozen=True)
class StageContext:
    """A checked file's stage: the `stages.Stage` it names, or the state bootstrap stack.

    Everything a rule asks of a workload stage (protection, prefix) is the
    `Stage`'s own property; only the bootstrap stack, which is not a stage,
    is described here: protected, because it holds every stage's state.
    """

    name: str
    stage: Stage | None
    """The stage, from `stages.resolve_stage`; None for the bootstrap stack."""

    @property
    def is_bootstrap(self) -> bool:
        return self.stage is None

    @property
    def protection(self) -> Protection:
        return Protection.PROTECTED if self.stage is None else self.stage.protection

    @property
    def is_protected(self) -> bool:
        return self.stage is None or self.stage.is_protected

    @property
    def prefix(self) -> str:
        """`Stage.prefix`; the bootstrap stack has none (its rules are scoped away from it)."""
        if self.stage is None:
            raise ValueError("the bootstrap stack has no stage prefix; scope the rule to StageScope.WORKLOAD")
        return self.stage.prefix


def resolve_stage_context(name: str) -> StageContext:
    """`name` as a `StageContext`; raises `StageNameError` (callers word the error).

    `bootstrap` is the state-bucket stack; any other name must be a valid
    stage name (`stages.resolve_stage`).
    """
    if name == BOOTSTRAP_STACK_NAME:
        return StageContext(BOOTSTRAP_STACK_NAME, None)
    return StageContext(name, resolve_stage(name))


def stage_context(name: str, origin: str) -> StageContext:
    """Resolve `name` (from `origin`, for the error) into a `StageContext`; `InputError` if invalid."""
    try:
        return resolve_stage_context(name)
    except StageNameError as error:
        raise InputError(f"{origin}: stage {name!r} is not a valid stage name: {error}") from None


class StageScope(enum.Enum):
    """Which stages a rule applies to (shown in the rule table)."""

    ALL = "all stacks"
    WORKLOAD = "all stages (not bootstrap)"
    PROTECTED = "protected stages (prod, bootstrap)"
    GUARDED = "protected and retained stages (prod, staging, bootstrap)"

    def includes(self, stage: StageContext) -> bool:
        if self is StageScope.ALL:
            return True
        if self is StageScope.WORKLOAD:
            return not stage.is_bootstrap
        if self is StageScope.PROTECTED:
            return stage.protection is Protection.PROTECTED
        return stage.protection in (Protection.PROTECTED, Protection.RETAINED)
