"""`sgct drift --stage S`: refresh-only plan of a deployed stage; report what changed outside Terraform.

Runs `terraform init`, `terraform plan -refresh-only -detailed-exitcode`
and `show -json` in the stage's synthesized stack directory (synthesizing
it first unless --skip-synth), or reads a saved plan JSON (--plan-json).
Nothing is applied. The report goes to stdout and the job summary.

Exit codes: 0 no drift, 1 drift found (or Terraform failed), 2 unusable input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from harness.terraform import Terraform, TerraformError, TerraformOptions
from operations.deploy import resolve, stack_dir, synthesize
from operations.drift import drift_from_plan, render_markdown
from operations.errors import OperationError, OperationInputError
from operations.job_summary import append_summary

DRIFT_PLAN = "drift.tfplan"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sgct drift",
        description="Report resources of a deployed stage that changed outside Terraform.",
        epilog="exit codes: 0 no drift, 1 drift found or Terraform failed, 2 unusable input",
    )
    parser.add_argument("--stage", required=True, help="stage to check (prod, staging, dev, ...)")
    parser.add_argument("--outdir", type=Path, default=Path("cdktf.out"), help="default: %(default)s")
    parser.add_argument("--skip-synth", action="store_true", help="use the stack already in --outdir")
    parser.add_argument(
        "--plan-json", type=Path, metavar="FILE", help="report from this saved refresh-only plan JSON"
    )
    return parser.parse_args(argv)


def placeholder_variables(workdir: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """`TF_VAR_<name>` placeholders for variables with no default and no value in `environ`.

    Why: a refresh-only plan compares state with the real objects and never
    uses a variable's value, but Terraform still wants every variable set; so
    the drift job needs no application secret.
    """
    config = json.loads((workdir / "cdk.tf.json").read_text())
    return {
        f"TF_VAR_{name}": "drift-check-placeholder"
        for name, variable in config.get("variable", {}).items()
        if "default" not in variable and f"TF_VAR_{name}" not in environ
    }


def refresh_only_plan(terraform: Terraform, init: bool = True) -> dict:
    """`plan -refresh-only` in the runner's directory, as `show -json`; the plan file is removed after."""
    workdir = terraform.working_dir
    succeeded = False
    try:
        if init:
            terraform.init()
        terraform.plan(DRIFT_PLAN, "-refresh-only", "-lock=false")  # read-only role: no lock
        plan = terraform.show_json(DRIFT_PLAN)
        succeeded = True
        return plan
    except TerraformError as error:
        raise OperationError(f"drift check in {workdir} failed: {error}") from error
    finally:
        (workdir / DRIFT_PLAN).unlink(missing_ok=True)
        terraform.close(succeeded)


def load_plan_json(path: Path) -> dict:
    try:
        plan = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise OperationInputError(f"--plan-json {path}: not readable plan JSON ({error})") from error
    if not isinstance(plan, dict) or "format_version" not in plan:
        raise OperationInputError(
            f"--plan-json {path}: not `terraform show -json` output of a plan (no format_version)",
        )
    return plan


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    stage = resolve(args.stage)
    if args.plan_json is not None:
        plan = load_plan_json(args.plan_json)
    else:
        if not args.skip_synth:
            print(f"sgct drift: synthesizing {stage.name}", file=sys.stderr)
            synthesize(stage, args.outdir)
        print(f"sgct drift: refresh-only plan of {stage.name}", file=sys.stderr)
        workdir = stack_dir(args.outdir, stage.name)
        env = placeholder_variables(workdir, os.environ)
        plan = refresh_only_plan(Terraform(TerraformOptions(working_dir=workdir, env=env)))
    report = render_markdown(stage.name, plan)
    sys.stdout.write(report)
    append_summary(report)
    return 1 if drift_from_plan(plan) else 0


if __name__ == "__main__":
    sys.exit(main())
