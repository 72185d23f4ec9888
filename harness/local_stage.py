"""The local stage: a stage's AWS side, synthesized for a loopback endpoint and applied for real.

Why: a plan proves the JSON is valid; only an apply proves the resources fit
together (roles assumable, ARNs wired, names accepted). `SGCT_LOCAL_ENDPOINT`
makes synthesis point the AWS provider and the S3 backend at a loopback
server and leave out what cannot run there (see modules/app/deployment_target.py).
This module turns that output into a Terraform working directory that runs
offline with the mirrored AWS provider.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from harness.moto_server import FAKE_CREDENTIALS, REGION
from harness.synth import SynthesizedStack, SynthOutput, run_synth
from harness.terraform import Terraform, TerraformOptions
from harness.toolchain import ProviderMirror, offline_cli_environment
from modules.app.deployment_target import LOCAL_ENDPOINT_VARIABLE, check_loopback_endpoint

# Terraform's own working files, never copied from a synthesized stack directory.
_WORKING_FILES = (".terraform", ".terraform.lock.hcl", "*.tfstate", "*.tfstate.backup", "tfplan")


class LocalStageError(ValueError):
    """The synthesized stack cannot run against a loopback endpoint as it is."""


def synth_local(outdir: Path, endpoint_url: str, ephemeral_stages: tuple[str, ...]) -> SynthOutput:
    """Synthesize every stage (plus `ephemeral_stages`) for the local target at `endpoint_url`."""
    check_loopback_endpoint(endpoint_url, "endpoint_url")
    run_synth(outdir, ephemeral_stages, endpoint_url=endpoint_url)
    return SynthOutput(outdir)


def check_local_stack(stack: SynthesizedStack, endpoint_url: str) -> None:
    """Refuse a stack that would reach beyond the loopback endpoint."""
    required = stack.config.get("terraform", {}).get("required_providers", {})
    foreign = sorted(name for name in required if name != "aws")
    if foreign:
        raise LocalStageError(
            f"stack {stack.name} requires providers {foreign} that cannot run locally; constructs must "
            "leave them out when DeploymentTarget.includes_cloudflare (or similar) is False"
        )
    for index, provider in enumerate(stack.providers.get("aws", [])):
        endpoints = provider.get("endpoints", [{}])[0]
        if not endpoints or set(endpoints.values()) != {endpoint_url}:
            raise LocalStageError(
                f"stack {stack.name}: AWS provider #{index} ({provider.get('alias', 'default')}) "
                "does not send "
                f"every service to {endpoint_url}: {endpoints or 'no endpoints'}; synthesize with "
                f"{LOCAL_ENDPOINT_VARIABLE}={endpoint_url}"
            )
    s3 = stack.backend.get("s3", {})
    if s3.get("endpoints", {}).get("s3") != endpoint_url:
        raise LocalStageError(f"stack {stack.name}: the S3 backend is not on {endpoint_url}: {s3}")


def prepare_working_dir(stack: SynthesizedStack, workdir: Path, mirror: ProviderMirror) -> Path:
    """Copy the stack (with its assets) to `workdir`, pinning the AWS provider to the mirror's version.

    The only change to the JSON: `required_providers.aws.version` becomes the
    mirror's version (the bindings target a newer provider than the offline
    mirror holds); everything else is applied exactly as synthesized.
    """
    # dirs_exist_ok: a resumed run copies over its earlier copy, keeping `.terraform/`.
    shutil.copytree(
        stack.path.parent, workdir, ignore=shutil.ignore_patterns(*_WORKING_FILES), dirs_exist_ok=True
    )
    config_path = workdir / "cdk.tf.json"
    config = json.loads(config_path.read_text())
    config["terraform"]["required_providers"]["aws"]["version"] = mirror.aws_version
    config_path.write_text(json.dumps(config, indent=2))
    return workdir


def local_environment(scratch: Path) -> dict[str, str]:
    """AWS environment for Terraform against the loopback server: fake keys, no profiles.

    Only the AWS side: the Terraform CLI configuration comes from whoever
    makes the runner (`offline_cli_environment`, or the `terraform` fixture),
    so a runner never ends up with two CLI config files.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    empty = scratch / "empty-aws-config"
    empty.write_text("")
    return {
        **FAKE_CREDENTIALS,
        "AWS_SESSION_TOKEN": "",
        "AWS_PROFILE": "",
        "AWS_REGION": REGION,
        "AWS_CONFIG_FILE": str(empty),
        "AWS_SHARED_CREDENTIALS_FILE": str(empty),
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def placeholder_variables(config: dict) -> dict[str, str]:
    """`TF_VAR_<name>` for each variable without a default: secrets that only exist in real stages.

    Values are obviously fake, per variable, and only ever reach the loopback server.
    """
    return {
        f"TF_VAR_{name}": f"local-placeholder-{name.lower()}"
        for name, variable in config.get("variable", {}).items()
        if "default" not in variable
    }


def prepare_local_stage(
    stack: SynthesizedStack, endpoint_url: str, workdir: Path, mirror: ProviderMirror
) -> dict[str, str]:
    """Check `stack`, copy it to `workdir`; return the AWS environment (fake keys, secret placeholders)."""
    check_local_stack(stack, endpoint_url)
    prepare_working_dir(stack, workdir, mirror)
    return {
        **local_environment(workdir.parent / f".{workdir.name}-aws"),
        **placeholder_variables(stack.config),
    }


def local_stage_terraform(
    stack: SynthesizedStack, endpoint_url: str, workdir: Path, mirror: ProviderMirror, **options
) -> Terraform:
    """A Terraform runner for `stack`'s local copy in `workdir` (checked, pinned, offline CLI)."""
    env = prepare_local_stage(stack, endpoint_url, workdir, mirror)
    env.update(offline_cli_environment(workdir.parent / f".{workdir.name}-cli", mirror))
    return Terraform(TerraformOptions(working_dir=workdir, env=env, **options))


def create_state_bucket(s3_client, bucket: str, region: str = REGION) -> None:
    """Create the versioned state bucket on the local server (what the bootstrap stack does on AWS)."""
    s3_client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    s3_client.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
