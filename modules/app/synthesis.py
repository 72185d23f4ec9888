"""Build the CDKTF app for a set of stages and write it atomically.

Why atomic: `cdktf deploy` and the policy checks read `cdktf.out`. A synth
that fails half-way must leave the previous, complete output in place, so
we synthesize into a sibling temporary directory and swap it in by rename.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from modules.app.bindings import App
from modules.app.deployment_target import DeploymentTarget
from modules.app.output_dir import check_replaceable
from modules.app.platform_stack import PlatformStack
from modules.state.backend import BackendSettings
from modules.state.bootstrap_stack import BootstrapStack
from stages import Stage


def build_app(stages: list[Stage], outdir: Path, backend: BackendSettings | None = None) -> App:
    """An App holding the bootstrap stack and one PlatformStack per stage."""
    backend = backend or BackendSettings.from_environ()
    # stack_traces=False: traces would put machine paths into the JSON.
    app = App(outdir=str(outdir), stack_traces=False)
    target = DeploymentTarget.from_environ()
    BootstrapStack(app, backend, target)
    for stage in stages:
        PlatformStack(app, stage, backend, target)
    return app


def synthesize(stages: list[Stage], outdir: Path, backend: BackendSettings | None = None) -> Path:
    """Synthesize `stages` into `outdir`, replacing it only if synthesis succeeds."""
    check_replaceable(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.new-", dir=outdir.parent))
    try:
        build_app(stages, staging, backend).synth()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, outdir)
    return outdir


def _swap_in(fresh: Path, outdir: Path) -> None:
    """Replace `outdir` by `fresh`, keeping Terraform's working files from the old output."""
    if not outdir.exists():
        fresh.rename(outdir)
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.old-", dir=outdir.parent))
    backup.rmdir()
    outdir.rename(backup)
    try:
        fresh.rename(outdir)
    except BaseException:
        backup.rename(outdir)
        raise
    _carry_over_working_files(backup, outdir)
    shutil.rmtree(backup, ignore_errors=True)


def _is_terraform_working_file(name: str) -> bool:
    """Provider cache, lock file and local state: what `terraform init/apply` left behind."""
    return name in (".terraform", ".terraform.lock.hcl") or ".tfstate" in name


def _carry_over_working_files(old: Path, new: Path) -> None:
    """Keep Terraform's working files from the old stack dirs; drop everything else.

    Only an allowlist moves over: plan files and `show -json` output hold
    sensitive values in clear text and must not outlive the synth they came from.
    """
    old_stacks = old / "stacks"
    if not old_stacks.is_dir():
        return
    for old_stack in old_stacks.iterdir():
        new_stack = new / "stacks" / old_stack.name
        if not new_stack.is_dir():
            continue
        for entry in old_stack.iterdir():
            if _is_terraform_working_file(entry.name) and not (new_stack / entry.name).exists():
                entry.rename(new_stack / entry.name)
