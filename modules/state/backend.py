"""Remote state: one S3 bucket, one key per stage, encrypted and locked.

Why: every stage must be isolated (its own key) and concurrent deploys of
the same stage must be refused (S3 native lock file, Terraform >= 1.10).
The bucket and region can be overridden for another account without code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from modules.app.bindings import S3Backend, TerraformStack
from modules.app.deployment_target import DeploymentTarget
from stages import APP_NAME, PRIMARY_REGION

STATE_BUCKET_VARIABLE = "SGCT_STATE_BUCKET"
STATE_REGION_VARIABLE = "SGCT_STATE_REGION"
DEFAULT_STATE_BUCKET = f"{APP_NAME}-terraform-state"
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")


@dataclass(frozen=True)
class BackendSettings:
    """Where the stage states live."""

    bucket: str = DEFAULT_STATE_BUCKET
    """default: `sgcarstrends-terraform-state`, created by the bootstrap stack."""
    region: str = PRIMARY_REGION
    """default: ap-southeast-1, next to the workloads."""
    endpoint_url: str | None = None
    """default: AWS itself; set to a loopback S3 endpoint for local runs."""

    def __post_init__(self) -> None:
        if not _BUCKET.match(self.bucket) or ".." in self.bucket:
            raise ValueError(
                f"state bucket {self.bucket!r} (from {STATE_BUCKET_VARIABLE}) is not a valid S3 bucket name: "
                "3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit."
            )
        if not _REGION.match(self.region):
            raise ValueError(
                f"state region {self.region!r} (from {STATE_REGION_VARIABLE}) is not an AWS region name "
                "such as ap-southeast-1."
            )

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> BackendSettings:
        """Read `SGCT_STATE_BUCKET` / `SGCT_STATE_REGION`, falling back to the defaults.

        A local deployment target (`SGCT_LOCAL_ENDPOINT`) also moves the state
        to that loopback endpoint: a local apply must never write real state.
        """
        env: Mapping[str, str] = os.environ if environ is None else environ
        return cls(
            bucket=env.get(STATE_BUCKET_VARIABLE) or DEFAULT_STATE_BUCKET,
            region=env.get(STATE_REGION_VARIABLE) or PRIMARY_REGION,
            endpoint_url=DeploymentTarget.from_environ(env).aws_endpoint_url,
        )


def state_key(stage_name: str) -> str:
    """The object key of a stage's state: `stages/<stage>/terraform.tfstate`."""
    return f"stages/{stage_name}/terraform.tfstate"


def configure_s3_backend(stack: TerraformStack, stage_name: str, settings: BackendSettings) -> S3Backend:
    """Attach the stage's S3 backend to `stack`."""
    # A local deployment target: path-style requests to the loopback endpoint and no AWS account
    # checks. Unset (None) fields are left out of the backend block.
    local = True if settings.endpoint_url else None
    backend = S3Backend(
        stack,
        bucket=settings.bucket,
        key=state_key(stage_name),
        region=settings.region,
        encrypt=True,
        endpoints={"s3": settings.endpoint_url} if local else None,
        use_path_style=local,
        skip_credentials_validation=local,
        skip_requesting_account_id=local,
        skip_region_validation=local,
        skip_metadata_api_check=local,
    )
    # Escape hatch: cdktf 0.21's S3Backend predates `use_lockfile`
    # (Terraform >= 1.10 S3-native locking), so it is set as an override.
    stack.add_override("terraform.backend.s3.use_lockfile", True)
    return backend
