"""Write several output files all or nothing: every temporary file first, then every rename.

Used by `sgct check --output` and the review commands.

Why: `sgct review --output comment.md --save-json review.json` must not
leave a fresh comment next to a missing (or stale) saved review when the
second path cannot be written; CI would post one and upload the other.
Temporary files get unique names (`tempfile`) in each target's directory,
so two runs never collide and the final `os.replace` is atomic on one file
system. A failure while writing (unwritable directory, a parent that is a
file, a full disk) leaves every target untouched; any failure removes the
temporary files and raises `OutputError` naming the path.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from stages.errors import UnusableInputError


class OutputError(UnusableInputError):
    """An output file could not be written; nothing was written (exit 2)."""


def _describe(path: Path, error: OSError, what: str, option: str) -> str:
    reason = error.strerror or str(error)
    where = f" ({error.filename})" if error.filename else ""
    return f"cannot write {what}{path}: {reason}{where}; choose a writable {option}path"


def _temporary(path: Path, content: str | bytes) -> Path:
    for ancestor in path.parents:  # mkdir would only say "File exists" for a parent that is a file
        if ancestor.exists():
            if not ancestor.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(ancestor))
            break
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content.encode("utf-8") if isinstance(content, str) else content)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_files(outputs: Sequence[tuple[Path, str | bytes]], *, what: str = "", option: str = "") -> None:
    """Write every `(path, content)` or none of them; `OutputError` says which path failed.

    `what` and `option` only word the message: `what="the report to "` and
    `option="--output "` give "cannot write the report to P: ...; choose a
    writable --output path" (`sgct check`).
    """
    staged: list[tuple[Path, Path]] = []
    current: Path | None = None
    try:
        for current, content in outputs:
            staged.append((_temporary(current, content), current))
        for temporary, current in staged:
            os.replace(temporary, current)
    except OSError as error:
        assert current is not None  # an OSError only comes from writing or renaming `current`
        raise OutputError(_describe(current, error, what, option)) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)  # already renamed: nothing to remove
