"""Zip a Lambda code directory once per content hash, deterministically, and reuse it across synths.

Why: an OpenNext build holds ~60 MB of function bundles; zipping them on every
synthesis (and cdktf zipping each directory again per stack) would cost most
of a synth. Here each distinct directory is zipped once, with fixed
timestamps and permissions, into a cache keyed by the hash of its content, so
the archive (and the asset path cdktf derives from it) is identical run to
run, and an unchanged build costs one `stat` per file:

- `<cache>/zips/<content sha256>.zip`: the archive;
- `<cache>/stat/<fingerprint>`: the content hash of a directory whose paths,
  sizes and modification times hash to `<fingerprint>`. A changed file changes
  its size or mtime, so a stale entry is never reused; a touched but unchanged
  file only costs a re-hash (the zip is still found by content).

The cache directory is `SGCT_PACKAGE_CACHE`, default `.cache/lambda-zips/` in
the repository; deleting it is always safe.

`package_ahead` starts the zipping on worker threads before jsii loads (zlib
releases the GIL, so a cold build's zips and the seconds jsii takes to start
overlap); `package_code` then finds the zip done, or waits for the one in
flight, never zips a directory twice.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import zipfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
# zlib's fastest level: half the CPU of its default (6) for ~10% larger
# archives (an OpenNext build: 20 MB instead of 18 MB), well inside Lambda's
# 50 MB limit for a direct upload. A `ZipInfo` ignores the archive's own
# `compresslevel`, so each entry is given it.
COMPRESS_LEVEL = 1
CACHE_VARIABLE = "SGCT_PACKAGE_CACHE"
DEFAULT_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "lambda-zips"


@dataclass(frozen=True)
class PackagedCode:
    """A deployable zip, and the hash of its content when we zipped it.

    `content_hash` becomes the cdktf asset hash, so cdktf does not read every
    archive again, once per stack, to hash it. It is None for a `.zip` given
    as is (cdktf hashes that one).
    """

    path: Path
    content_hash: str | None


_packaged: dict[Path, PackagedCode] = {}
_in_flight: dict[Path, threading.Lock] = {}
_in_flight_guard = threading.Lock()


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`SGCT_PACKAGE_CACHE`, else `.cache/lambda-zips/` at the repository root."""
    value = (os.environ if environ is None else environ).get(CACHE_VARIABLE)
    return Path(value).resolve() if value else DEFAULT_CACHE


def _files(directory: Path) -> list[tuple[str, Path]]:
    """`(archive name, path)` for every file, sorted by name (the archive's order)."""
    found = []
    for root, dirs, names in os.walk(directory):
        dirs.sort()
        for name in names:
            path = Path(root, name)
            if path.is_file():
                found.append((path.relative_to(directory).as_posix(), path))
    return sorted(found)


def stat_fingerprint(directory: Path, files: list[tuple[str, Path]]) -> str:
    """Hash of the directory's path and each file's name, size and mtime: cheap change detection."""
    digest = hashlib.sha256(str(directory).encode() + b"\0")
    for name, path in files:
        status = path.stat()
        digest.update(f"{name}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def content_hash(files: list[tuple[str, Path]]) -> str:
    """Hash of every file's archive name, mode and bytes: what the zip's identity is."""
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(f"{name}\0{_mode(path):o}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _mode(path: Path) -> int:
    """0o755 for executables (native helpers), else 0o644: the only permissions an archive records."""
    return 0o755 if os.access(path, os.X_OK) else 0o644


def _write_atomically(target: Path, write) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _zip(files: list[tuple[str, Path]], target: Path) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for name, path in files:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
            info.external_attr = _mode(path) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=COMPRESS_LEVEL)


def _lock_for(code: Path) -> threading.Lock:
    with _in_flight_guard:
        return _in_flight.setdefault(code, threading.Lock())


def package_code(code: Path, cache: Path | None = None) -> PackagedCode:
    """A `.zip` for `code`: the file itself, or the cached deterministic archive of the directory."""
    code = code.resolve()
    if code.suffix == ".zip":
        return PackagedCode(code, None)
    with _lock_for(code):
        if code in _packaged and _packaged[code].path.is_file():
            return _packaged[code]
        cache = cache or cache_dir()
        files = _files(code)
        by_stat = cache / "stat" / stat_fingerprint(code, files)
        known = by_stat.read_text().strip() if by_stat.is_file() else None
        if known and (cache / "zips" / f"{known}.zip").is_file():
            digest = known
        else:
            digest = content_hash(files)
            target = cache / "zips" / f"{digest}.zip"
            if not target.is_file():
                _write_atomically(target, lambda path: _zip(files, path))
            _write_atomically(by_stat, lambda path: path.write_text(digest + "\n"))
        _packaged[code] = PackagedCode(cache / "zips" / f"{digest}.zip", digest)
        return _packaged[code]


def package_ahead(codes: Iterable[Path], cache: Path | None = None) -> None:
    """Start zipping `codes` on worker threads; a later `package_code` of one waits for it.

    A failure here is dropped: the construct's own `package_code` call meets it
    again and reports it where it belongs. The workers are joined at exit, so a
    zip is never left half-written.
    """
    directories = [code for code in codes if code.suffix != ".zip"]
    if not directories:
        return
    executor = ThreadPoolExecutor(max_workers=min(len(directories), os.cpu_count() or 1))
    for code in directories:
        executor.submit(package_code, code, cache)
    executor.shutdown(wait=False)


__all__ = ["CACHE_VARIABLE", "PackagedCode", "cache_dir", "package_ahead", "package_code"]
