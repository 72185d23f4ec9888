"""The plan-gated deploy: synth, check, plan, check the plan, gate destroys, apply that plan, smoke-check.

Why one path for every stage: the apply always takes the saved plan file
(`terraform apply tfplan`), so what Terraform changes is exactly what the
policies and the destroy gate saw; `cdktf deploy` re-plans and cannot take
a saved plan. Nothing is applied unless every check passed; the job summary
gets the policy results, the destroy gate (overrides with their reasons)
and the plan review in every case.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.terraform import Terraform, TerraformError, TerraformOptions
from operations import deploy_summary
from operations.errors import OperationError, OperationInputError
from operations.plan_gate import DestroyOverride, describe, gate
from operations.policy_gate import check_plan, check_stack
from operations.smoke import SmokeCheck, smoke_or_rollback
from stages import Stage, StageNameError, resolve_stage, selected_stages
from stages.errors import SgctError

PLAN_FILE = "tfplan"
PLAN_JSON = "plan.json"


@dataclass(frozen=True)
class DeployOptions:
    """What to deploy and how."""

    stage: str
    outdir: Path = Path("cdktf.out")
    """default: cdktf.out (the stack is cdktf.out/stacks/<stage>)."""
    synthesize: bool = True
    """default: synthesize the stage first; False deploys the stack already in `outdir`."""
    override: DestroyOverride = field(default_factory=DestroyOverride)
    """default: no override, every destroy/replace on prod or staging stops the deploy."""
    suppressions_file: Path | None = None
    """default: none; the CLI passes policies/suppressions.yaml when it exists."""
    smoke: SmokeCheck | None = None
    """default: no smoke check; the CLI checks the stage's /health and web root."""
    terraform_env: dict[str, str] = field(default_factory=dict)
    """default: nothing added to this process's environment for Terraform."""
    publish_build: Path | None = None
    """default: none; an OpenNext build to publish (`sgct publish`) after apply, before the smoke check."""

    def __post_init__(self) -> None:
        if self.publish_build is not None and not self.publish_build.exists():
            raise OperationInputError(
                f"--publish-build {self.publish_build} does not exist; pass the OpenNext output "
                "(.open-next, the app directory, or its archive)"
            )


def resolve(name: str) -> Stage:
    try:
        return resolve_stage(name)
    except StageNameError as error:
        raise OperationInputError(f"--stage {name!r}: {error}") from error


def synthesize(stage: Stage, outdir: Path) -> None:
    """Synthesize the permanent stages plus `stage` (when ephemeral) into `outdir`."""
    from modules.app.synthesis import synthesize as synthesize_app  # jsii: only when synthesizing

    extra = [] if stage.is_permanent else [stage.name]
    synthesize_app(selected_stages(extra, environ={}), outdir.resolve())


def stack_dir(outdir: Path, stage: str) -> Path:
    directory = outdir / "stacks" / stage
    if not (directory / "cdk.tf.json").is_file():
        raise OperationInputError(
            f"no synthesized stack {directory / 'cdk.tf.json'}; run `sgct synth` (or drop --skip-synth)",
        )
    return directory


def deploy(
    options: DeployOptions, log: Callable[[str], None], lambda_client: Callable[[], Any] | None = None
) -> None:
    """Run the whole deploy; raise OperationError (nothing applied) when a check stops it."""
    stage = resolve(options.stage)
    summary = deploy_summary.DeploySummary(stage.name)
    try:
        _deploy(stage, options, log, summary, lambda_client)
    finally:
        summary.publish(log)


def _deploy(stage, options, log, summary, lambda_client) -> None:
    if options.synthesize:
        log(f"synthesizing {stage.name} into {options.outdir}")
        synthesize(stage, options.outdir)
    workdir = stack_dir(options.outdir, stage.name)
    log(f"checking the synthesized stack {workdir / 'cdk.tf.json'}")
    stack_result = check_stack(workdir / "cdk.tf.json", stage.name, options.suppressions_file)
    summary.stack_check = stack_result
    if stack_result.blocking:
        raise summary.stop(f"the synthesized stack has {len(stack_result.blocking)} policy finding(s)")
    terraform = Terraform(TerraformOptions(working_dir=workdir, env=dict(options.terraform_env)))
    succeeded = False
    try:
        plan = _plan(terraform, workdir, log)
        _check_plan(stage, options, workdir, plan, summary, log)
        recorded = _record_aliases(stage, options, lambda_client, log)
        log(f"applying the checked plan {workdir / PLAN_FILE}")
        terraform.apply(PLAN_FILE)
        summary.outcome = "applied"
        if options.publish_build is not None:
            publish(stage.name, options.publish_build, options.outdir, log)
            summary.outcome = "applied and published"
        if options.smoke is not None and lambda_client is not None:
            summary.outcome = "applied; smoke check failed, rolled back"
            smoke_or_rollback(options.smoke, lambda_client(), recorded, log)
            summary.outcome = "applied; smoke check passed"
        succeeded = True
    except TerraformError as error:
        raise OperationError(f"deploy of {stage.name} failed: {error}") from error
    finally:
        (workdir / PLAN_JSON).unlink(missing_ok=True)  # it holds sensitive values in the clear
        kept = terraform.close(succeeded)
        if kept:
            log(f"Terraform logs kept in {kept}")


def publish(stage: str, build: Path, outdir: Path, log: Callable[[str], None]) -> None:
    """`sgct publish` of `build` to the stage just applied (its bucket from the Terraform outputs)."""
    from operations import publish_command

    log(f"publishing {build} to {stage}")
    arguments = ["--stage", stage, "--build", str(build), "--stacks-dir", str(outdir / "stacks")]
    try:
        publish_command.run(publish_command.parser().parse_args(arguments))
    except SgctError as error:
        raise OperationError(
            f"publishing {build} to {stage} failed after apply: {error}; re-run "
            f"`sgct publish --stage {stage} --build {build}`"
        ) from error


def _plan(terraform: Terraform, workdir: Path, log: Callable[[str], None]) -> dict:
    log(f"terraform init in {workdir}")
    terraform.init()
    log("terraform plan (saved to tfplan)")
    terraform.plan(PLAN_FILE)
    plan = terraform.show_json(PLAN_FILE)
    descriptor = os.open(workdir / PLAN_JSON, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(plan, handle)
    return plan


def _check_plan(stage, options, workdir, plan, summary, log) -> None:
    log("checking the plan (sgct check --plan) and its destroys")
    plan_result = check_plan(workdir / PLAN_JSON, stage.name, options.suppressions_file, options.override)
    summary.plan_check = plan_result
    summary.gate = gate(stage, plan, options.override)
    summary.review_plan(plan, workdir / PLAN_JSON)
    for line in describe(summary.gate):
        log(line)
    problems = []
    if plan_result.blocking:
        problems.append(f"{len(plan_result.blocking)} policy finding(s) in the plan")
    if summary.gate.refused:
        problems.append(f"{len(summary.gate.refused)} destroy/replace without an override")
    if problems:
        raise summary.stop("; ".join(problems))


def _record_aliases(stage, options, lambda_client, log) -> dict[str, str]:
    """The `live` versions before apply: what a failed smoke check rolls back to."""
    if options.smoke is None or lambda_client is None:
        return {}
    from operations.aliases import live_versions, stage_function_names

    recorded = live_versions(lambda_client(), stage_function_names(stage))
    log(f"live versions before apply: {recorded or 'none (no live aliases yet)'}")
    return recorded
