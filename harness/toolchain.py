"""Find the Terraform binary and an offline provider mirror on this machine.

Why: these machines cannot reach the Terraform registry, so `terraform init`
only works with providers already on disk. Every test that drives Terraform
asks here first and skips with a reason naming exactly what is missing.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TERRAFORM_VARIABLE = "SGCT_TERRAFORM"
MIRROR_VARIABLE = "SGCT_PROVIDER_MIRROR"
AWS_PROVIDER = "registry.terraform.io/hashicorp/aws"
PLUGIN_CACHE_VARIABLE = "TF_PLUGIN_CACHE_DIR"


def find_terraform(environ: Mapping[str, str] | None = None) -> str | None:
    """`$SGCT_TERRAFORM`, else `terraform` on PATH, else `tofu` on PATH, else None."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(TERRAFORM_VARIABLE)
    if explicit:
        return shutil.which(explicit) or (explicit if os.access(explicit, os.X_OK) else None)
    return shutil.which("terraform") or shutil.which("tofu")


def _candidate_mirrors(environ: Mapping[str, str]) -> list[Path]:
    """Terraform's implied local mirror directories, then `/opt/*` (where images put mirrors)."""
    home = Path(environ.get("HOME", "~")).expanduser()
    data_home = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    candidates = [
        home / ".terraform.d" / "plugins",
        data_home / "terraform" / "plugins",
        Path("/usr/local/share/terraform/plugins"),
        Path("/usr/share/terraform/plugins"),
    ]
    candidates += [Path(path) for path in sorted(glob.glob("/opt/*")) if Path(path, AWS_PROVIDER).is_dir()]
    return candidates


@dataclass(frozen=True)
class ProviderMirror:
    """A filesystem mirror holding the AWS provider at `aws_version`."""

    path: Path
    aws_version: str


def find_aws_provider_mirror(environ: Mapping[str, str] | None = None) -> ProviderMirror | None:
    """The first mirror (`$SGCT_PROVIDER_MIRROR` first) that holds an unpacked AWS provider."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(MIRROR_VARIABLE)
    for root in [Path(explicit)] if explicit else _candidate_mirrors(environ):
        versions = sorted(
            (
                entry.name
                for entry in (root / AWS_PROVIDER).glob("*")
                if re.fullmatch(r"\d+\.\d+\.\d+", entry.name)
            ),
            key=lambda version: tuple(int(part) for part in version.split(".")),
        )
        if versions:
            return ProviderMirror(path=root, aws_version=versions[-1])
    return None


def offline_cli_environment(
    scratch: Path, mirror: ProviderMirror | None, plugin_cache: Path | None = None
) -> dict[str, str]:
    """Environment for a Terraform child process: our own CLI config, no network, no checkpoint.

    The CLI config installs providers only from `mirror` (or nowhere when None,
    which suits configurations that use built-in resources only). With
    `plugin_cache`, unpacked providers are shared between working directories
    (`Terraform.init` locks the cache while it fills it).
    """
    scratch.mkdir(parents=True, exist_ok=True)
    config = scratch / "terraform.rc"
    lines = []
    if plugin_cache is not None:
        lines += [
            f'plugin_cache_dir = "{plugin_cache}"',
            "plugin_cache_may_break_dependency_lock_file = true",
        ]
    if mirror is None:
        lines += ["provider_installation {", "  direct {", '    exclude = ["*/*/*"]', "  }", "}"]
    else:
        lines += [
            "provider_installation {",
            "  filesystem_mirror {",
            f'    path    = "{mirror.path}"',
            '    include = ["*/*/*"]',
            "  }",
            "}",
        ]
    config.write_text("\n".join(lines) + "\n")
    return {
        "TF_CLI_CONFIG_FILE": str(config),
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "CHECKPOINT_DISABLE": "1",
        **({PLUGIN_CACHE_VARIABLE: str(plugin_cache)} if plugin_cache is not None else {}),
    }


def missing_terraform_reason(environ: Mapping[str, str] | None = None) -> str:
    """Why no Terraform was found; names a set-but-unusable SGCT_TERRAFORM explicitly."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(TERRAFORM_VARIABLE)
    if explicit:
        return (
            f"{TERRAFORM_VARIABLE}={explicit!r} is not an executable Terraform/OpenTofu binary; "
            "fix or unset it"
        )
    return "no Terraform CLI: put `terraform` or `tofu` on PATH or set SGCT_TERRAFORM to the binary"


def missing_mirror_reason(environ: Mapping[str, str] | None = None) -> str:
    """Why no AWS provider mirror was found; names a set-but-unusable SGCT_PROVIDER_MIRROR explicitly."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(MIRROR_VARIABLE)
    if explicit:
        return (
            f"{MIRROR_VARIABLE}={explicit!r} holds no unpacked {AWS_PROVIDER} "
            "(expected <mirror>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/); fix or unset it"
        )
    return (
        f"no offline mirror of the AWS provider ({AWS_PROVIDER}): set SGCT_PROVIDER_MIRROR "
        "to a filesystem mirror directory (the registry is unreachable here)"
    )
