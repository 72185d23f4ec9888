"""`sgct stage up|down NAME`: an engineer's own ephemeral stage (`feature-auth`), from a laptop.

`up` is `sgct deploy --stage NAME` (synth, policy checks, saved plan, apply,
smoke check); any further options go to `sgct deploy`. `down` destroys the
stage with `cdktf destroy` and then removes its state objects, so nothing is
left behind (the same destroy the janitor runs). Both refuse the permanent
stages: `down` never touches prod, staging or dev, and `up` is only for
ephemeral names (permanent stages deploy from CI).

Credentials come from the usual places: AWS (`AWS_PROFILE`, ...), Cloudflare
(`CLOUDFLARE_API_TOKEN`), and for `up` the application secrets as
`TF_VAR_<NAME>` (preview values; a missing one fails the plan, naming it).

Exit codes: 0 done, 1 a step failed (re-run to finish), 2 unusable input.
"""

from __future__ import annotations

import argparse
import os

from operations.errors import OperationInputError
from stages import PERMANENT_STAGES, PRIMARY_REGION, ephemeral_stage
from stages.errors import EXIT_OK


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="sgct stage",
        description="Deploy (up) or destroy (down) your own ephemeral stage, e.g. feature-auth.",
        epilog="`up` passes any further options to `sgct deploy`. "
        "exit codes: 0 done, 1 a step failed, 2 unusable input",
    )
    parser.add_argument("action", choices=("up", "down"))
    parser.add_argument("name", help="ephemeral stage name, e.g. feature-auth (never prod, staging, dev)")
    return parser.parse_known_args(argv)


def _ephemeral(name: str) -> str:
    if name in PERMANENT_STAGES:
        raise OperationInputError(
            f"stage {name!r} is permanent: `sgct stage` only handles ephemeral stages; "
            "permanent stages deploy from CI (`sgct deploy`)"
        )
    return ephemeral_stage(name).name  # a StageNameError (exit 2) names the broken rule


def down(name: str) -> int:
    """Destroy stage `name`, then remove its state objects (every version)."""
    import boto3

    from operations.janitor import delete_state
    from operations.janitor_command import DEFAULT_STATE_BUCKET, STATE_BUCKET_VARIABLE, cdktf_destroy

    cdktf_destroy(name)
    bucket = os.environ.get(STATE_BUCKET_VARIABLE) or DEFAULT_STATE_BUCKET
    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ.get("AWS_ENDPOINT_URL"),
        region_name=os.environ.get("AWS_REGION") or PRIMARY_REGION,
    )
    removed = delete_state(s3, bucket, name)
    print(f"sgct stage: destroyed {name}; removed {removed} state object version(s) from {bucket}")
    return EXIT_OK


def main(argv: list[str]) -> int:
    args, rest = parse_args(argv)
    name = _ephemeral(args.name)
    if args.action == "up":
        from operations import deploy_command

        return deploy_command.main(["--stage", name, *rest])
    if rest:
        raise OperationInputError(f"`sgct stage down` takes no options, got {' '.join(rest)}")
    return down(name)
