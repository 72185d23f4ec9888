"""`sgct janitor [--max-age-days N] [--dry-run]`: destroy ephemeral stages that are no longer needed.

Lists stages from the state bucket, destroys those whose pull request is
closed or whose state is older than N days (`operations/janitor.py`), never
touches permanent stages, prints what it did. Safe to re-run: a destroyed
stage's state is removed, so the next run does not see it.

Exit codes: 0 done (or nothing to do), 1 a destroy failed (re-run to retry), 2 unusable input.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from operations.errors import OperationError
from operations.janitor import DEFAULT_MAX_AGE_DAYS, run_janitor
from operations.pull_requests import GITHUB_API_URL, GitHubPullRequests, PullRequestsInRepositories
from stages import APP_NAME, EPHEMERAL_STAGES_VARIABLE, PRIMARY_REGION
from stages.app_contract import SECRET_NAMES
from stages.errors import EXIT_FAILURE, EXIT_OK

STATE_BUCKET_VARIABLE = "SGCT_STATE_BUCKET"
DEFAULT_STATE_BUCKET = f"{APP_NAME}-terraform-state"
"""The bootstrap stack's bucket (same default as modules/state/backend.py, without loading CDKTF)."""
DESTROY_PLACEHOLDER = "janitor-destroy-placeholder"
REPO_ROOT = Path(__file__).resolve().parent.parent


def cdktf_destroy(stage: str, environ: dict[str, str] | None = None) -> None:
    """Run `cdktf destroy <stage> --auto-approve` from the repository root, for an ephemeral stage.

    Destroying needs no application secret: each unset `TF_VAR_<secret>` gets a placeholder
    (the values are only read to evaluate the configuration being deleted).
    """
    env = dict(os.environ if environ is None else environ)
    env[EPHEMERAL_STAGES_VARIABLE] = stage
    for name in SECRET_NAMES:
        env.setdefault(f"TF_VAR_{name}", DESTROY_PLACEHOLDER)
    cdktf = REPO_ROOT / "node_modules" / ".bin" / "cdktf"
    result = subprocess.run(
        [str(cdktf), "destroy", stage, "--auto-approve"], cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL
    )
    if result.returncode != 0:
        raise OperationError(f"cdktf destroy {stage} exited with {result.returncode}; re-run to retry")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sgct janitor",
        description="Destroy ephemeral stages whose pull request is closed or that are older than "
        "--max-age-days; never touches prod, staging or dev.",
        epilog="exit codes: 0 done, 1 a destroy failed (re-run to retry), 2 unusable input",
    )
    p.add_argument(
        "--max-age-days",
        type=int,
        default=DEFAULT_MAX_AGE_DAYS,
        help="destroy any ephemeral stage whose state is older (default: %(default)s)",
    )
    p.add_argument("--dry-run", action="store_true", help="print what would be destroyed; change nothing")
    p.add_argument(
        "--bucket",
        default=os.environ.get(STATE_BUCKET_VARIABLE) or DEFAULT_STATE_BUCKET,
        help=f"state bucket (default: ${STATE_BUCKET_VARIABLE} or {DEFAULT_STATE_BUCKET})",
    )
    p.add_argument(
        "--repository",
        action="append",
        help="owner/name whose pull requests pr-<n> stages belong to; repeat it for the application "
        "repository, whose previews are pr-<n> too (default: $GITHUB_REPOSITORY)",
    )
    p.add_argument(
        "--endpoint-url",
        default=os.environ.get("AWS_ENDPOINT_URL"),
        help="AWS endpoint (default: $AWS_ENDPOINT_URL; for a local emulator)",
    )
    return p


def main(argv: list[str]) -> int:
    """Errors propagate to the `sgct` entry point, which prints them once with their exit code."""
    import boto3

    args = parser().parse_args(argv)
    repositories = args.repository or [os.environ.get("GITHUB_REPOSITORY", "")]
    api_url = os.environ.get("GITHUB_API_URL") or GITHUB_API_URL
    lookup = PullRequestsInRepositories(
        [GitHubPullRequests(name, os.environ.get("GITHUB_TOKEN"), api_url) for name in repositories]
    )
    region = os.environ.get("AWS_REGION") or PRIMARY_REGION
    s3 = boto3.client("s3", endpoint_url=args.endpoint_url, region_name=region)
    report = run_janitor(
        s3,
        args.bucket,
        lookup,
        cdktf_destroy,
        now=datetime.now(UTC),
        max_age_days=args.max_age_days,
        dry_run=args.dry_run,
    )
    return EXIT_OK if report.ok else EXIT_FAILURE
