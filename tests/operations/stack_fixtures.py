"""A real Terraform working directory shaped like `cdktf.out/stacks/prod`, built-in resources only.

Why: the deploy's safety proof needs a real saved plan that destroys and
replaces something on prod, without a provider (the registry is
unreachable). `terraform_data` stands in for prod's distribution and assets
bucket; the `//` metadata names the stack `prod` exactly as CDKTF writes it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from harness.toolchain import offline_cli_environment

DISTRIBUTION = "terraform_data.distribution"
ASSETS = "terraform_data.assets_bucket"


def _resource(name: str, **body) -> dict:
    return {"//": {"metadata": {"path": f"prod/{name}", "uniqueId": name}}, **body}


def stack_config(stage: str, head: bool) -> dict:
    """Base: distribution, assets bucket, api. Head: the distribution removed, the bucket replaced."""
    resources = {
        "assets_bucket": _resource(
            "assets_bucket", input="assets", triggers_replace=["v2" if head else "v1"]
        ),
        "api": _resource("api", input="v2" if head else "v1"),
    }
    if not head:
        resources["distribution"] = _resource("distribution", input="cdn")
    return {
        "//": {"metadata": {"backend": "local", "stackName": stage, "version": "0.21.0"}},
        "terraform": {"backend": {"local": {"path": "terraform.tfstate"}}},
        "resource": {"terraform_data": resources},
    }


def offline_env(scratch: Path) -> dict[str, str]:
    return offline_cli_environment(scratch / "cli", None)


def applied_base(binary: str, outdir: Path, stage: str, env: dict[str, str]) -> Path:
    """Write and apply the base stack in `outdir/stacks/<stage>`; then write the head config."""
    workdir = outdir / "stacks" / stage
    workdir.mkdir(parents=True)
    config = workdir / "cdk.tf.json"
    config.write_text(json.dumps(stack_config(stage, head=False)))
    for args in (["init", "-input=false"], ["apply", "-auto-approve", "-input=false"]):
        subprocess.run(
            [binary, *args, "-no-color"],
            cwd=workdir,
            env={**os.environ, **env},
            check=True,
            capture_output=True,
            timeout=300,
        )
    config.write_text(json.dumps(stack_config(stage, head=True)))
    return workdir


def state_addresses(binary: str, workdir: Path, env: dict[str, str]) -> list[str]:
    listed = subprocess.run(
        [binary, "state", "list"],
        cwd=workdir,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return sorted(listed.stdout.split())
