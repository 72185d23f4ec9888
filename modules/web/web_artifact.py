"""`SGCT_WEB_ARTIFACT` -> what the web constructs host.

Why a separate step: the artifact is an OpenNext build output (a `.open-next/`
directory, or a `.zip`/`.tar.gz` of it) read with `builds.opennext.load_output`;
anything unusable is a `BuildInputError` (exit 2) naming the file and field,
raised before synthesis writes anything, so the previous output stays.
Archives are extracted once, next to the archive (`<name>.extracted/`).
"""

from __future__ import annotations

from pathlib import Path

from builds.archive import is_archive
from builds.errors import BuildInputError
from builds.opennext import load_output
from modules.compute.lambda_package import package_ahead
from modules.web.hosting import WebHosting, hosting_from_build


def web_hosting_from_environ(artifact: str | None) -> WebHosting:
    """The build's hosting, or infrastructure-only mode (`WebHosting()`) when `artifact` is None."""
    if artifact is None:
        return WebHosting()
    return hosting_from_build(load_output(Path(artifact).expanduser()))


def package_build_ahead(artifact: str | None) -> None:
    """Start zipping a build directory's function bundles before jsii loads (see `package_ahead`).

    Archives are left to synthesis (it extracts them first); so is an unusable
    build, which synthesis reports with its file and field.
    """
    if artifact is None or is_archive(Path(artifact)):
        return
    try:
        hosting = web_hosting_from_environ(artifact)
    except BuildInputError:
        return
    package_ahead(hosting.code_paths)
