"""Where a stage's web assets go: its bucket and CloudFront distribution, from Terraform outputs.

Why outputs: they are the applied truth (names may carry suffixes Terraform
chose). They come from a saved `terraform output -json` file, or from running
`terraform output -json` in `cdktf.out/stacks/<stage>`; `--bucket` /
`--distribution-id` override both (e.g. for a one-off fix).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from operations.errors import PublishError, PublishInputError

BUCKET_OUTPUT = "web_assets_bucket"
DISTRIBUTION_OUTPUT = "cdn_distribution_id"


@dataclass(frozen=True)
class PublishTarget:
    """The bucket to upload to and the distribution to invalidate (None: no CloudFront, e.g. local)."""

    stage: str
    bucket: str
    distribution_id: str | None


def _flatten(outputs: dict) -> dict:
    """`terraform output -json` wraps each value as {"value": ..., "type": ...}; plain maps pass."""
    return {
        name: value["value"] if isinstance(value, dict) and "value" in value else value
        for name, value in outputs.items()
    }


def read_outputs(stage: str, outputs_file: Path | None, stacks_dir: Path) -> dict:
    """Outputs from `outputs_file`, else `terraform output -json` in `stacks_dir/<stage>`."""
    if outputs_file is not None:
        try:
            data = json.loads(outputs_file.read_text())
        except (OSError, json.JSONDecodeError) as error:
            raise PublishInputError(f"{outputs_file}: cannot read Terraform outputs ({error})") from error
        if not isinstance(data, dict):
            raise PublishInputError(f"{outputs_file}: expected a JSON object of outputs")
        return _flatten(data)
    workdir = stacks_dir / stage
    terraform = shutil.which("terraform") or shutil.which("tofu")
    if not workdir.is_dir() or terraform is None:
        missing = (
            f"{workdir} does not exist (synthesize and apply the stage)"
            if not workdir.is_dir()
            else "no terraform or tofu on PATH"
        )
        raise PublishInputError(
            f"cannot read the outputs of stage {stage!r}: {missing}; or pass --outputs FILE "
            "(from `terraform output -json`) or --bucket"
        )
    result = subprocess.run([terraform, "output", "-json"], cwd=workdir, capture_output=True, text=True)
    if result.returncode != 0:
        raise PublishError(f"`terraform output -json` failed in {workdir}: {result.stderr.strip()[-1000:]}")
    return _flatten(json.loads(result.stdout or "{}"))


def resolve_target(
    stage: str, outputs: dict, bucket: str | None, distribution_id: str | None
) -> PublishTarget:
    """Overrides first, then outputs; a stage without a bucket cannot be published to."""
    bucket = bucket or outputs.get(BUCKET_OUTPUT)
    if not bucket:
        raise PublishInputError(
            f"stage {stage!r} has no {BUCKET_OUTPUT!r} output; apply the stage (with its web "
            "bucket) first or pass --bucket"
        )
    return PublishTarget(stage, str(bucket), distribution_id or outputs.get(DISTRIBUTION_OUTPUT) or None)
