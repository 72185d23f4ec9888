"""Benchmark: packaging an OpenNext build's functions, cold vs unchanged, and a synthesis with the build.

Zipping is timed in process, in a fresh cache directory (cold: every bundle is
hashed and zipped) and again with the in-process memo cleared (what a new
synthesis process sees: one `stat` per file, no zip written). Then a whole
`python main.py` with `SGCT_WEB_ARTIFACT` is timed twice with the synthesis
cache off: cold zip cache, then unchanged.

    .venv/bin/python scripts/bench_web_package.py [--build PATH]   # default: build tests/web_app

Targets: synthesis with a cold zip cache <= 6 s; zipping when unchanged <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from builds.app_build import build_app  # noqa: E402
from builds.opennext import load_output  # noqa: E402
from modules.compute import lambda_package  # noqa: E402
from modules.web.hosting import hosting_from_build  # noqa: E402


def bundles(build: Path) -> tuple[Path, ...]:
    return hosting_from_build(load_output(build)).code_paths


def time_zipping(paths: tuple[Path, ...], cache: Path) -> float:
    lambda_package._packaged.clear()
    started = time.perf_counter()
    for path in paths:
        lambda_package.packaged_zip(path, cache)
    return time.perf_counter() - started


def time_synth(build: Path, outdir: Path, cache: Path) -> float:
    env = {
        **os.environ,
        "SGCT_WEB_ARTIFACT": str(build),
        "SGCT_PACKAGE_CACHE": str(cache),
        "SGCT_SYNTH_CACHE": "0",
    }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "--outdir", str(outdir)],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="an OpenNext output (default: build tests/web_app)")
    args = parser.parse_args(argv)
    build = args.build or build_app(REPO_ROOT / "tests" / "web_app", REPO_ROOT / ".web-build")
    paths = bundles(build)
    size = sum(p.stat().st_size for path in paths for p in path.rglob("*") if p.is_file())
    with tempfile.TemporaryDirectory(prefix="bench-web-package-") as scratch:
        root = Path(scratch)
        cold = time_zipping(paths, root / "zips")
        warm = time_zipping(paths, root / "zips")
        print(
            f"zipping {len(paths)} bundles ({size / 1e6:.1f} MB): cold {cold:.2f} s, unchanged {warm:.3f} s"
        )
        synth_cold = time_synth(build, root / "out", root / "synth-zips")
        synth_warm = time_synth(build, root / "out", root / "synth-zips")
        print(
            f"synthesis with the build (prod, staging, dev): cold zips {synth_cold:.1f} s, "
            f"unchanged {synth_warm:.1f} s"
        )
    print(f"load average: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
