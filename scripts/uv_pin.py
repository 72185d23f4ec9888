"""Print uv's pinned requirement, with every hash uv.lock records for it, for `pip --require-hashes`.

scripts/setup.sh needs uv before any environment exists. Reading the exact
version and its hashes from uv.lock keeps one source of truth: a lock update
(by hand or by Dependabot) moves the bootstrap with it, and pip refuses any
file whose hash the lock does not list.

    python3 scripts/uv_pin.py [uv.lock]  ->  uv==0.13.9 --hash=sha256:... --hash=sha256:...

Exit 2, with the reason, when the lock is missing, unreadable or has no uv.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

DEFAULT_LOCK = Path(__file__).resolve().parent.parent / "uv.lock"


class PinError(Exception):
    """The lock cannot give a hashed uv pin."""


def uv_requirement(lock_text: str) -> str:
    """`uv==<version> --hash=...` for the single uv package in a uv.lock document."""
    try:
        lock = tomllib.loads(lock_text)
    except tomllib.TOMLDecodeError as error:
        raise PinError(f"uv.lock is not valid TOML ({error}); regenerate it with `uv lock`") from error
    packages = [package for package in lock.get("package", []) if package.get("name") == "uv"]
    if len(packages) != 1:
        raise PinError(
            f"uv.lock must hold exactly one `uv` package, found {len(packages)}: "
            "add uv==<version> to the test extra in pyproject.toml and run `uv lock`"
        )
    [package] = packages
    files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
    if not files or any("hash" not in file for file in files):
        raise PinError(
            f"uv {package.get('version')} in uv.lock has files without hashes; regenerate with `uv lock`"
        )
    hashes = sorted({file["hash"] for file in files})
    return " ".join([f"uv=={package['version']}", *(f"--hash={value}" for value in hashes)])


def main(argv: list[str]) -> int:
    lock_path = Path(argv[0]) if argv else DEFAULT_LOCK
    try:
        print(uv_requirement(lock_path.read_text()))
    except OSError as error:
        print(f"error: cannot read {lock_path}: {error.strerror}", file=sys.stderr)
        return 2
    except PinError as error:
        print(f"error: {lock_path}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
