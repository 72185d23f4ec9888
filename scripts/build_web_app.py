"""Build the test Next.js app (tests/web_app) with OpenNext, cached by content hash.

    .venv/bin/python scripts/build_web_app.py            # prints the .open-next path
    .venv/bin/python scripts/build_web_app.py --app DIR --cache-dir DIR

Repeated runs reuse `.web-build/<hash>/` until a source file or the lock file changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builds.app_build import build_app  # noqa: E402
from stages.errors import run_entry_point  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=ROOT / "tests" / "web_app")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".web-build")
    args = parser.parse_args(argv)

    def build() -> int:
        print(build_app(args.app.resolve(), args.cache_dir.resolve()))
        return 0

    return run_entry_point(build, "build_web_app.py")


if __name__ == "__main__":
    sys.exit(main())
