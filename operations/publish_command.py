"""`sgct publish --stage S --build PATH`: upload a web build's assets and cache, then invalidate CloudFront.

Exit codes: 0 done (or nothing to do), 1 a step failed (re-run to finish), 2 unusable input.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from builds.opennext import load_output
from operations.bucket import send_bodies_without_waiting
from operations.errors import PublishInputError
from operations.publish import describe_plan, execute, plan_publish
from operations.stage_outputs import read_outputs, resolve_target

EPILOG = """\
The bucket and distribution come from the stage's Terraform outputs (web_assets_bucket,
cdn_distribution_id): --outputs FILE (saved `terraform output -json`), else `terraform output
-json` in STACKS_DIR/<stage>. Nothing is deleted unless --prune or --prune-older-than-builds is
given. AWS credentials and region come from the usual AWS environment (AWS_PROFILE, AWS_REGION,
AWS_ENDPOINT_URL for an emulator).

exit codes: 0 published (or nothing to do), 1 a step failed (re-run to finish), 2 unusable input
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sgct publish",
        description=__doc__.splitlines()[0].split(": ", 1)[1],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--stage", required=True, help="stage name (selects its Terraform outputs)")
    p.add_argument(
        "--build",
        required=True,
        type=Path,
        help="OpenNext output: .open-next directory, the app directory, or a .zip/.tar.gz of it",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="print the plan; upload, invalidate, delete nothing"
    )
    prune = p.add_mutually_exclusive_group()
    prune.add_argument(
        "--prune-older-than-builds",
        type=int,
        metavar="N",
        dest="keep_builds",
        help="delete files used only by builds older than the newest N (current included)",
    )
    prune.add_argument(
        "--prune",
        action="store_const",
        const=2,
        dest="keep_builds",
        help="same as --prune-older-than-builds 2 (keeps the previous build for open tabs)",
    )
    p.add_argument("--bucket", help="override the web_assets_bucket output")
    p.add_argument("--distribution-id", help="override the cdn_distribution_id output")
    p.add_argument("--outputs", type=Path, help="JSON from `terraform output -json` for the stage")
    p.add_argument(
        "--stacks-dir",
        type=Path,
        default=Path("cdktf.out/stacks"),
        help="where synthesized stages live (default: %(default)s)",
    )
    p.add_argument(
        "--endpoint-url",
        default=os.environ.get("AWS_ENDPOINT_URL"),
        help="AWS endpoint (default: $AWS_ENDPOINT_URL; for a local emulator)",
    )
    p.add_argument("--workers", type=int, default=16, help="parallel uploads (default: %(default)s)")
    return p


def clients(endpoint_url: str | None, workers: int):
    """S3 and CloudFront clients; one pooled connection per upload worker (botocore's default is 10).

    The S3 client sends bodies without the `100-continue` handshake (`send_bodies_without_waiting`).
    """
    import boto3
    from botocore.config import Config

    session = boto3.session.Session()
    region = session.region_name or "us-east-1"
    config = Config(max_pool_connections=max(10, workers), retries={"mode": "standard"})
    s3 = session.client("s3", endpoint_url=endpoint_url, region_name=region, config=config)
    send_bodies_without_waiting(s3)
    return s3, session.client("cloudfront", endpoint_url=endpoint_url, region_name=region, config=config)


def run(args: argparse.Namespace) -> int:
    if args.keep_builds is not None and args.keep_builds < 1:
        raise PublishInputError(
            f"--prune-older-than-builds must be at least 1 (the current build), got {args.keep_builds}"
        )
    with tempfile.TemporaryDirectory(prefix="sgct-publish-") as scratch:
        output = load_output(args.build, extract_dir=Path(scratch) / "build")
        # --bucket alone skips Terraform (and so the distribution unless --distribution-id is given)
        wants_outputs = args.outputs is not None or not args.bucket
        outputs = read_outputs(args.stage, args.outputs, args.stacks_dir) if wants_outputs else {}
        target = resolve_target(args.stage, outputs, args.bucket, args.distribution_id)
        s3, cloudfront = clients(args.endpoint_url, args.workers)
        plan = plan_publish(s3, output, target, args.keep_builds)
        print(describe_plan(plan))
        if args.dry_run:
            print("dry run: nothing was uploaded, invalidated or deleted")
            return 0
        if plan.changes_nothing:
            print("nothing to do: the bucket already holds this build")
            return 0
        execute(s3, cloudfront, plan, workers=args.workers)
        print(f"published build {plan.build_id}: {len(plan.uploads)} uploaded, {plan.unchanged} unchanged")
    return 0


def main(argv: list[str]) -> int:
    return run(parser().parse_args(argv))  # errors: reported once by the sgct entry point
