"""Which files of an OpenNext build go to which bucket keys, with their HTTP headers.

Why these headers: files under `_next/static/` have content hashes in their
names, so browsers and CloudFront may keep them forever (`immutable`). Every
other public file (`/logo.png`, `/BUILD_ID`) keeps its name across builds, so
browsers revalidate (`max-age=0`) while CloudFront keeps it until the
invalidation after each publish (`s-maxage`). Incremental-cache files are read
only by the server (never through CloudFront) and get no Cache-Control.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path

from builds.opennext_model import CopyRule, OpenNextOutput

IMMUTABLE = "public,max-age=31536000,immutable"
REVALIDATE = "public,max-age=0,s-maxage=31536000,must-revalidate"
TEXT_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".json": "application/json",
    ".map": "application/json",
    ".txt": "text/plain",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".cache": "application/json",
}
BINARY_TYPES = {
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


@dataclass(frozen=True)
class LocalFile:
    """One file to publish: where it is, where it goes, and how it must be served."""

    path: Path
    key: str
    size: int
    md5: str  # hex; equals the S3 ETag of a single-part upload
    content_type: str
    cache_control: str | None  # None: server-only file (incremental cache)
    public: bool  # served through CloudFront (an invalidation candidate unless hashed)
    hashed: bool  # content-hashed name under `<versioned_subdir>/static/`


def content_type(path: Path, server_only: bool) -> str:
    """Type by extension; extensionless incremental-cache entries (fetch cache) are JSON."""
    suffix = path.suffix.lower()
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8"
    if suffix in BINARY_TYPES:
        return BINARY_TYPES[suffix]
    if path.name == "BUILD_ID":
        return "text/plain; charset=utf-8"
    if server_only:
        return "application/json"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def rule_files(rule: CopyRule) -> list[LocalFile]:
    """Every file under `rule.source`, keyed `<destination>/<relative path>`."""
    files = []
    hashed_prefix = f"{rule.versioned_subdir.strip('/')}/static/" if rule.versioned_subdir else None
    for root, dirs, names in os.walk(rule.source):
        dirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            relative = path.relative_to(rule.source).as_posix()
            hashed = bool(rule.cached and hashed_prefix and relative.startswith(hashed_prefix))
            cache_control = (IMMUTABLE if hashed else REVALIDATE) if rule.cached else None
            files.append(
                LocalFile(
                    path=path,
                    key=f"{rule.destination}/{relative}" if rule.destination else relative,
                    size=path.stat().st_size,
                    md5=_md5(path),
                    content_type=content_type(path, server_only=not rule.cached),
                    cache_control=cache_control,
                    public=rule.cached,
                    hashed=hashed,
                )
            )
    return files


def build_files(output: OpenNextOutput) -> list[LocalFile]:
    """The files of every copy rule in manifest order (assets, then the incremental cache)."""
    return [file for rule in output.s3.copy for file in rule_files(rule)]


def public_path(file: LocalFile, output: OpenNextOutput) -> str:
    """The URL path CloudFront serves `file` at: its key without the s3 origin's `originPath`."""
    prefix = output.s3.origin_path.strip("/")
    key = file.key[len(prefix) + 1 :] if prefix and file.key.startswith(prefix + "/") else file.key
    return "/" + key
