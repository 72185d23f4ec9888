"""Where a Lambda's code comes from: a build artifact, or the shipped placeholder.

Why a placeholder mode: synthesis, `terraform plan` and a loopback apply must
work before (or without) the application build, e.g. on an infrastructure
pull request. With no artifact the function gets `modules/assets/placeholder`,
which answers 503. A path that *is* given but does not exist, or that lacks
the handler's module, is an error at synthesis, never a silent placeholder:
deploying a placeholder over a real function by typo would take a stage down.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
PLACEHOLDER_DIR = ASSETS_DIR / "placeholder"
AUTHORIZER_DIR = ASSETS_DIR / "authorizer"
API_ARTIFACT_VARIABLE = "SGCT_API_ARTIFACT"
WEB_ARTIFACT_VARIABLE = "SGCT_WEB_ARTIFACT"
MODULE_SUFFIXES = (".mjs", ".js", ".cjs")


class ArtifactError(ValueError):
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
    path = PLACEHOLDER_DIR if placeholder else Path(code_path).expanduser().resolve()
    if not path.exists():
        raise ArtifactError(
            f"{owner}: code artifact {str(path)!r} does not exist. Build the application first, fix the "
            f"path, or leave it unset (code_path=None; {API_ARTIFACT_VARIABLE}/{WEB_ARTIFACT_VARIABLE} empty) "
            "to deploy the placeholder handler."
        )
    if not (path.is_dir() or (path.is_file() and path.suffix == ".zip")):
        raise ArtifactError(f"{owner}: code artifact {str(path)!r} must be a directory or a .zip file.")
    if path.suffix == ".zip" and not zipfile.is_zipfile(path):
        raise ArtifactError(f"{owner}: {str(path)!r} is not a valid zip archive; rebuild the artifact.")
    module = handler_module(handler)
    if not _has_module(_files_in(path), module):
        where = "the placeholder directory modules/assets/placeholder" if placeholder else repr(str(path))
        raise ArtifactError(
            f"{owner}: handler {handler!r} needs {module}.mjs (or .js/.cjs) in {where}, which has none. "
            "Fix the handler or the artifact" + (", or add a placeholder module." if placeholder else ".")
        )
    return CodeArtifact(path=path, is_placeholder=placeholder)


def artifact_from_environ(variable: str, environ: dict[str, str] | None = None) -> str | None:
    """The artifact path CI names in `variable` (e.g. SGCT_API_ARTIFACT), or None for placeholder mode."""
    environ = os.environ if environ is None else environ
    return environ.get(variable) or None
