"""Where a Lambda's code comes from: a build artifact, or the shipped placeholder.

Why a placeholder mode: synthesis, `terraform plan` and a loopback apply must
work before (or without) the application build, e.g. on an infrastructure
pull request. With no artifact the function gets `modules/compute/assets/placeholder`,
which answers 503, and Terraform ignores changes to its code attributes
(`PLACEHOLDER_IGNORED_ATTRIBUTES`): the placeholder is what a *new* function
starts with, never what replaces deployed code, so an infrastructure-only
deploy keeps the application that is running.

A path that *is* given but does not exist, or that lacks the handler's
module, is an error at synthesis, never a silent placeholder. Release
pipelines that must ship code set `SGCT_REQUIRE_ARTIFACTS=1`, which turns a
missing artifact variable into an error too.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from stages.errors import UnusableInputError

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
PLACEHOLDER_DIR = ASSETS_DIR / "placeholder"
AUTHORIZER_DIR = ASSETS_DIR / "authorizer"
NOTIFIER_DIR = ASSETS_DIR / "notifier"
API_ARTIFACT_VARIABLE = "SGCT_API_ARTIFACT"
WEB_ARTIFACT_VARIABLE = "SGCT_WEB_ARTIFACT"
REQUIRE_ARTIFACTS_VARIABLE = "SGCT_REQUIRE_ARTIFACTS"
MODULE_SUFFIXES = (".mjs", ".js", ".cjs")
# What a code deploy changes on aws_lambda_function. `filename` is the one we set
# (cdktf's asset path, which embeds the archive's content hash, so it differs
# between the placeholder and any build); `source_code_hash` and the S3 location
# are how other deploy paths (the provider's hash, a pipeline's S3 upload)
# record code, ignored so that no code deploy is undone by an infrastructure one.
PLACEHOLDER_IGNORED_ATTRIBUTES = ("filename", "source_code_hash", "s3_bucket", "s3_key", "s3_object_version")


class ArtifactError(UnusableInputError):
    """A code artifact is missing or cannot serve its handler."""


@dataclass(frozen=True)
class CodeArtifact:
    """A resolved code artifact: a directory to zip, or a ready `.zip` file."""

    path: Path
    is_placeholder: bool

    @property
    def is_zip(self) -> bool:
        return self.path.suffix == ".zip"


def handler_module(handler: str) -> str:
    """`apps/api/src/index.handler` -> `apps/api/src/index` (the file without suffix)."""
    return handler.rsplit(".", 1)[0]


def _has_module(names: set[str], module: str) -> bool:
    return any(module + suffix in names for suffix in MODULE_SUFFIXES)


def _files_in(path: Path) -> set[str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    return {str(p.relative_to(path)).replace(os.sep, "/") for p in path.rglob("*") if p.is_file()}


def resolve_artifact(code_path: str | os.PathLike | None, handler: str, owner: str) -> CodeArtifact:
    """Check that `code_path` (or the placeholder) exists and holds the handler's module.

    `owner` names the construct in error messages so the fix is obvious.
    """
    placeholder = code_path is None
    path = PLACEHOLDER_DIR if code_path is None else Path(code_path).expanduser().resolve()
    if not path.exists():
        raise ArtifactError(
            f"{owner}: code artifact {str(path)!r} does not exist. Build the application first, fix the "
            f"path, or leave it unset (code_path=None; {API_ARTIFACT_VARIABLE}/{WEB_ARTIFACT_VARIABLE} "
            "empty) for an infrastructure-only deploy: deployed code is kept, a new function gets the "
            "placeholder handler."
        )
    if not (path.is_dir() or (path.is_file() and path.suffix == ".zip")):
        raise ArtifactError(f"{owner}: code artifact {str(path)!r} must be a directory or a .zip file.")
    if path.suffix == ".zip" and not zipfile.is_zipfile(path):
        raise ArtifactError(f"{owner}: {str(path)!r} is not a valid zip archive; rebuild the artifact.")
    module = handler_module(handler)
    if not _has_module(_files_in(path), module):
        where = (
            "the placeholder directory modules/compute/assets/placeholder" if placeholder else repr(str(path))
        )
        raise ArtifactError(
            f"{owner}: handler {handler!r} needs {module}.mjs (or .js/.cjs) in {where}, which has none. "
            "Fix the handler or the artifact" + (", or add a placeholder module." if placeholder else ".")
        )
    return CodeArtifact(path=path, is_placeholder=placeholder)


def artifacts_required(environ: Mapping[str, str] | None = None) -> bool:
    """True when `SGCT_REQUIRE_ARTIFACTS=1`: a missing artifact is an error, not a placeholder."""
    env: Mapping[str, str] = os.environ if environ is None else environ
    value = env.get(REQUIRE_ARTIFACTS_VARIABLE, "")
    if value not in ("", "0", "1"):
        raise ArtifactError(
            f"{REQUIRE_ARTIFACTS_VARIABLE}={value!r} is not allowed: use 1 (every function must get a build) "
            "or 0 / unset (a function without a build keeps its deployed code)."
        )
    return value == "1"


def artifact_from_environ(
    variable: str, environ: Mapping[str, str] | None = None, owner: str | None = None
) -> str | None:
    """The artifact path CI names in `variable` (e.g. SGCT_API_ARTIFACT), or None for placeholder mode.

    With `SGCT_REQUIRE_ARTIFACTS=1` an unset `variable` is an ArtifactError naming
    `owner` (the function) and the variable, so a release never ships without code.
    """
    env: Mapping[str, str] = os.environ if environ is None else environ
    path = env.get(variable) or None
    if path is None and artifacts_required(env):
        raise ArtifactError(
            f"{owner or 'a Lambda function'}: {REQUIRE_ARTIFACTS_VARIABLE}=1 but {variable} is not set. "
            f"Set {variable} to the application build (a directory or .zip), or unset "
            f"{REQUIRE_ARTIFACTS_VARIABLE} for an infrastructure-only deploy that keeps the deployed code."
        )
    return path
