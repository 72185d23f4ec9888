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
from stages import APP_NAME, Protection, StageNameError, resolve_stage

BOOTSTRAP = "bootstrap"


@dataclass(frozen=True)
class StageContext:
    """A checked file's stage: name, protection, and whether it is the state bootstrap."""

    name: str
    protection: Protection
    is_bootstrap: bool = False

    @property
    def is_protected(self) -> bool:
        return self.protection is Protection.PROTECTED

    @property
    def prefix(self) -> str:
        """`sgcarstrends-<stage>`: what every AWS name in a stage stack starts with."""
        return f"{APP_NAME}-{self.name}"


def resolve_stage_context(name: str) -> StageContext:
    """`name` as a `StageContext`; raises `StageNameError` (callers word the error).

    `bootstrap` is the state-bucket stack: protected, local state by design.
    Any other name must be a valid stage name (`stages.resolve_stage`).
    """
    if name == BOOTSTRAP:
        return StageContext(BOOTSTRAP, Protection.PROTECTED, is_bootstrap=True)
    stage = resolve_stage(name)
    return StageContext(stage.name, stage.protection)


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
