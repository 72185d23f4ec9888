"""Which stage a plan is for, cross-checked against the stage the plan itself records.

Why: the stage decides which rules apply (prod may not lose a bucket), so a
prod plan checked or reviewed as dev would skip exactly the checks that
matter. Every stage stack tags its AWS providers with `stage` (default
tags), so the plan carries its own stage; any other claim (`--stage`, the
`cdk.tf.json` next to the plan, `sgct review --plan dev=...`) must agree
with it, or the input is unusable. `sgct review` uses `check_plan_stage` too.
"""

from __future__ import annotations

from pathlib import Path

from policies.inputs.config_view import stack_name
from policies.inputs.plan_providers import aws_providers
from policies.inputs.stage_context import StageContext, stage_context
from policies.model import InputError

RECORDED = "its AWS provider's default `stage` tag"


class StageMismatch(InputError):
    """A plan is claimed to be for one stage but records another."""

    def __init__(self, path: str, claimed: str, claimed_by: str, recorded: str, fix: str) -> None:
        self.claimed, self.recorded = claimed, recorded
        super().__init__(
            f"{path}: {claimed_by} stage {claimed!r}, but the plan was made for stage "
            f"{recorded!r} ({RECORDED}); {fix}"
        )


def recorded_stage(plan: dict, path: str = "plan JSON") -> str | None:
    """The stage the plan names itself (the AWS provider's default `stage` tag), or None."""
    for provider in aws_providers(plan, path):
        stage = provider["default_tags"].get("stage")
        if isinstance(stage, str) and stage:
            return stage
    return None


def check_plan_stage(path: str, plan: dict, stage: str, claimed_by: str, fix: str) -> None:
    """Raise `StageMismatch` when the plan records a stage other than `stage`.

    `claimed_by` says who claims `stage` ("--stage says"); `fix` may use
    `{recorded}` for the stage the plan records.
    """
    recorded = recorded_stage(plan, path)
    if recorded is not None and recorded != stage:
        raise StageMismatch(path, stage, claimed_by, recorded, fix.replace("{recorded}", recorded))


def plan_stage(
    path: str, plan: dict, sibling: dict | None, sibling_path: Path, override: str | None
) -> StageContext:
    """The plan's stage: `--stage`, else the neighbouring stack's name, else the recorded tag.

    Each claim that is present must agree with the recorded tag.
    """
    if override:
        check_plan_stage(
            path,
            plan,
            override,
            "--stage says",
            "pass --stage {recorded}, or check the plan made for the stage you meant",
        )
    neighbour = stack_name(sibling) if sibling else None
    if neighbour:
        check_plan_stage(
            path,
            plan,
            neighbour,
            f"{sibling_path} next to it is",
            "move the plan next to its own stack (stacks/{recorded}/cdk.tf.json) or out of this directory",
        )
    name = override or neighbour or recorded_stage(plan, path)
    if not name:
        raise InputError(
            f"{path}: cannot tell which stage this plan is for (no cdk.tf.json next to it, "
            "no `stage` default tag on the AWS provider); pass --stage NAME"
        )
    return stage_context(name, path)
