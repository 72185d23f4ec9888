"""Zip a Lambda code directory once per process, deterministically.

Why: cdktf's ARCHIVE assets zip a directory in the jsii (Node.js) process at
synthesis, once per function per stack: about 1.3 s of a 5 s synthesis of
every stage, for the same placeholder zipped eight times. Zipping here, once
per distinct directory, with fixed timestamps and permissions, makes the
archive (and so its content hash in the asset path) identical run to run.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import zipfile
from pathlib import Path

FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_packaged: dict[Path, Path] = {}
_scratch: Path | None = None


def _scratch_dir() -> Path:
    global _scratch
    if _scratch is None:
        _scratch = Path(tempfile.mkdtemp(prefix="sgct-lambda-zips-"))
        atexit.register(shutil.rmtree, _scratch, True)
    return _scratch


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file())


def packaged_zip(code: Path) -> Path:
    """A `.zip` for `code`: the file itself, or a deterministic archive of the directory."""
    code = code.resolve()
    if code.suffix == ".zip":
        return code
    if code not in _packaged:
        digest = hashlib.sha256()
        entries = []
        for path in _files(code):
            name = path.relative_to(code).as_posix()
            data = path.read_bytes()
            digest.update(name.encode() + b"\0" + data + b"\0")
            entries.append((name, data))
        target = _scratch_dir() / digest.hexdigest()[:16] / "code.zip"
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        _packaged[code] = target
    return _packaged[code]


__all__ = ["packaged_zip"]
