"""Which stage a review input belongs to, and whether that stage is protected.

Decision (documented in the README): the stage of a plan is what the user
names (`--plan prod=plan.json`); without a name it is read from the file
name (`plan-prod.json`, `plan-pr-7.json`, `prod.plan.json`; a bare
`prod.json` only for permanent stages). When the plan also
carries the stage (the AWS provider's default tag `stage`, which every
stage stack sets), the two must agree: a prod
plan reviewed as dev would hide exactly the warnings that matter.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from policies.inputs.plan_stage import check_plan_stage as check_plan_stage_recorded
from policies.inputs.stage_context import resolve_stage_context
from policies.model import InputError
from stages import BOOTSTRAP_STACK_NAME, PERMANENT_STAGES, StageNameError
from stages.errors import UnusableInputError

_FILE_PATTERNS = (r"plan[-_](?P<stage>.+)", r"(?P<stage>.+)[-_.]plan")


class ReviewInputError(UnusableInputError):
    """A review input is unusable; the message says which, why and how to fix it."""


def is_protected(stage: str) -> bool:
    """Prod (and the state bootstrap stack, which holds every stage's state) are protected.

    The stage model is the policies' (`policies.inputs.stage_context`), so `sgct check`
    and `sgct review` agree on which stages are protected.
    """
    try:
        return resolve_stage_context(stage).is_protected
    except StageNameError as error:
        raise ReviewInputError(f"{stage!r} is not a stage this repository knows: {error}") from None


def stage_from_filename(path: Path) -> str:
    """`plan-prod.json` -> `prod`; raise when the name gives no valid stage."""
    stem = path.name.removesuffix(".json")
    if stem in (*PERMANENT_STAGES, BOOTSTRAP_STACK_NAME):
        return stem
    for pattern in _FILE_PATTERNS:
        match = re.fullmatch(pattern, stem)
        if match:
            candidate = match.group("stage")
            try:
                is_protected(candidate)
            except ReviewInputError:
                continue
            return candidate
    raise ReviewInputError(
        f"cannot tell the stage of plan {path}: name it explicitly, e.g. --plan prod={path}"
    )


def check_plan_stage(stage: str, plan: dict[str, Any], source: Path) -> None:
    """Refuse a plan whose recorded stage differs from the one it is reviewed as.

    The check is the policies' (`policies.inputs.plan_stage`), so `sgct check` and
    `sgct review` agree on what stage a plan records; only the fix differs.
    """
    try:
        check_plan_stage_recorded(
            str(source), plan, stage, "reviewed as", f"pass --plan {{recorded}}={source}"
        )
    except InputError as error:
        raise ReviewInputError(f"plan {error}") from None
