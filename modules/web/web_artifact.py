"""`SGCT_WEB_ARTIFACT` -> what the web constructs host.

Why a separate step: the artifact is an OpenNext build output (a `.open-next/`
directory, or a `.zip`/`.tar.gz` of it) read with `builds.opennext.load_output`;
anything unusable is a `BuildInputError` (exit 2) naming the file and field,
raised before synthesis writes anything, so the previous output stays.
Archives are extracted once, next to the archive (`<name>.extracted/`).
"""

from __future__ import annotations

from pathlib import Path

from builds.opennext import load_output
from modules.web.hosting import WebHosting, hosting_from_build


def web_hosting_from_environ(artifact: str | None) -> WebHosting:
    """The build's hosting, or infrastructure-only mode (`WebHosting()`) when `artifact` is None."""
    if artifact is None:
        return WebHosting()
    return hosting_from_build(load_output(Path(artifact).expanduser()))
