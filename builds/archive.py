"""Safe extraction of a build artifact shipped as `.zip` or `.tar.gz`.

Why by hand: an artifact comes from CI or a colleague; a member named
`../../x`, an absolute path, a link or a device file must never write outside
the target. Python 3.11 has no tar `filter="data"`, so every member is checked
before anything is extracted (nothing half-written on a bad archive).
"""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path, PurePosixPath

from builds.errors import BuildInputError

ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz")


def is_archive(path: Path) -> bool:
    return path.is_file() and path.name.endswith(ARCHIVE_SUFFIXES)


def _checked_name(archive: Path, name: str) -> PurePosixPath:
    member = PurePosixPath(name.replace("\\", "/"))
    if member.is_absolute() or ".." in member.parts or (member.parts and ":" in member.parts[0]):
        raise BuildInputError(
            f"{archive}: member {name!r} would extract outside the target directory; "
            "rebuild the archive with relative paths (e.g. `cd app && zip -r out.zip .open-next`)"
        )
    return member


def extract(archive: Path, target: Path) -> Path:
    """Extract `archive` into `target` (created) after checking every member; returns `target`."""
    try:
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as bundle:
                for info in bundle.infolist():
                    _checked_name(archive, info.filename)
                    if (info.external_attr >> 16) & 0o170000 == 0o120000:
                        raise BuildInputError(
                            f"{archive}: member {info.filename!r} is a symbolic link; "
                            "archive the files themselves (zip without --symlinks)"
                        )
                target.mkdir(parents=True, exist_ok=True)
                bundle.extractall(target)
        else:
            with tarfile.open(archive, "r:gz") as bundle:
                members = bundle.getmembers()
                for member in members:
                    _checked_name(archive, member.name)
                    if not (member.isfile() or member.isdir()):
                        raise BuildInputError(
                            f"{archive}: member {member.name!r} is not a regular file or "
                            "directory (links and devices are refused); archive real files"
                        )
                target.mkdir(parents=True, exist_ok=True)
                bundle.extractall(target, members=members)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
        raise BuildInputError(f"{archive}: not a readable .zip/.tar.gz archive ({error})") from error
    return target
