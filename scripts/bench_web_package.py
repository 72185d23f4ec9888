"""Benchmark: packaging an OpenNext build's functions, cold vs unchanged, and a synthesis with the build.

Zipping is timed in process, in a fresh cache directory (cold: every bundle is
hashed and zipped) and again with the in-process memo cleared (what a new
synthesis process sees: one `stat` per file, no zip written). Then whole
`python main.py` runs, with the synthesis cache off, `--repeat` times each:
without a build (the baseline: placeholder code), with `SGCT_WEB_ARTIFACT`
and a cold zip cache, and with it unchanged. Medians are printed, with the
range, and each against the baseline.

    .venv/bin/python scripts/bench_web_package.py [--build PATH] [--repeat 3]   # default: build tests/web_app

Targets: synthesis with a cold zip cache <= 6 s; zipping when unchanged <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
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
        lambda_package.package_code(path, cache)
    return time.perf_counter() - started


def time_synth(build: Path | None, outdir: Path, cache: Path) -> float:
    env = {**os.environ, "SGCT_PACKAGE_CACHE": str(cache), "SGCT_SYNTH_CACHE": "0"}
    env.pop("SGCT_WEB_ARTIFACT", None)
    if build is not None:
        env["SGCT_WEB_ARTIFACT"] = str(build)
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
    parser.add_argument("--repeat", type=int, default=3, help="synthesis runs per mode (default 3)")
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
        runs: dict[str, list[float]] = {"no build": [], "cold zips": [], "unchanged": []}
        for run in range(args.repeat):
            cache = root / f"synth-zips-{run}"
            runs["no build"].append(time_synth(None, root / "out", cache))
            runs["cold zips"].append(time_synth(build, root / "out", cache))
            runs["unchanged"].append(time_synth(build, root / "out", cache))
        baseline = statistics.median(runs["no build"])
        print(f"synthesis of prod, staging, dev (median of {args.repeat}, range):")
        for mode, times in runs.items():
            median = statistics.median(times)
            print(
                f"  {mode:<10} {median:.2f} s ({min(times):.2f}-{max(times):.2f}), "
                f"{median / baseline:.2f}x the no-build synthesis"
            )
    print(f"load average: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
