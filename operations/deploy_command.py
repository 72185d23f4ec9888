"""`sgct deploy --stage S`: synth, check, plan, check the plan, gate destroys, apply that plan, smoke-check.

Exit codes: 0 applied (and the smoke check passed), 1 stopped before apply
(policy findings, an unreviewed destroy) or failed (Terraform, smoke check:
the functions are rolled back), 2 unusable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from operations.deploy import DeployOptions, deploy, resolve
from operations.errors import OperationInputError
from operations.plan_gate import DestroyOverride
from operations.smoke import SmokeCheck, stage_urls

EPILOG = """\
Every stage takes the same path: the apply is `terraform apply` of the saved plan that passed
the checks, never a re-plan. With --publish-build the web build is published (sgct publish)
after the apply and before the smoke check. On prod and staging any destroy or replace stops the deploy unless
each address is named with --override-destroy and a --override-reason (recorded in the job
summary and the log). The job summary ($GITHUB_STEP_SUMMARY) gets the policy results, the
destroys and the plan review. After the apply, /health on the API and the web root are checked;
on failure the functions' live aliases go back to the versions they had before the apply.

exit codes: 0 applied, 1 stopped before apply or failed (rolled back), 2 unusable input
"""


def parse_args(argv: list[str]) -> argparse.Namespace:
    from policies.api import DEFAULT_SUPPRESSIONS_TEXT, default_suppressions

    parser = argparse.ArgumentParser(
        prog="sgct deploy",
        description=__doc__.splitlines()[0].split(": ", 1)[1],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--stage", required=True, help="stage to deploy: prod, staging, dev or pr-<n>")
    parser.add_argument(
        "--override-destroy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="allow the plan to destroy or replace this address on prod/staging; repeatable",
    )
    parser.add_argument(
        "--override-reason", default="", metavar="TEXT", help="why the override is safe (required with it)"
    )
    parser.add_argument("--outdir", type=Path, default=Path("cdktf.out"), help="default: %(default)s")
    parser.add_argument(
        "--skip-synth", action="store_true", help="deploy the stack already synthesized in --outdir"
    )
    parser.add_argument(
        "--suppressions",
        type=Path,
        default=default_suppressions(),
        metavar="FILE",
        help=f"policy suppressions (default: {DEFAULT_SUPPRESSIONS_TEXT} when it exists)",
    )
    parser.add_argument(
        "--publish-build",
        type=Path,
        metavar="PATH",
        help="after apply, publish this OpenNext build (as `sgct publish`) before the smoke check",
    )
    parser.add_argument("--no-smoke-check", action="store_true", help="skip the checks after apply")
    parser.add_argument("--api-url", help="smoke-check this URL instead of https://<api domain>/health")
    parser.add_argument("--web-url", help="smoke-check this URL instead of https://<web domain>/")
    parser.add_argument(
        "--smoke-retries", type=int, default=10, help="attempts after the first (default: %(default)s)"
    )
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace) -> DeployOptions:
    stage = resolve(args.stage)
    smoke = None
    if not args.no_smoke_check:
        api_url, web_url = stage_urls(stage)
        if args.smoke_retries < 0:
            raise OperationInputError(f"--smoke-retries {args.smoke_retries}: must be 0 or more")
        smoke = SmokeCheck((args.api_url or api_url, args.web_url or web_url), retries=args.smoke_retries)
    return DeployOptions(
        stage=stage.name,
        outdir=args.outdir,
        synthesize=not args.skip_synth,
        override=DestroyOverride(tuple(args.override_destroy), args.override_reason),
        suppressions_file=args.suppressions,
        smoke=smoke,
        publish_build=args.publish_build,
    )


def log(message: str) -> None:
    print(f"sgct deploy: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from operations.aws_clients import lambda_client

    deploy(options_from(args), log, lambda_client)  # errors: reported once by the sgct entry point
    return 0


if __name__ == "__main__":
    sys.exit(main())
