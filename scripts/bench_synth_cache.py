"""Benchmark: the synthesis cache, cold vs unchanged, in one run.

A cold `python main.py` into a fresh output directory, then the same command
again with nothing changed (the cache's case), then once more with an input
changed (must synthesize again). Each is a fresh process, timed end to end.

    .venv/bin/python scripts/bench_synth_cache.py [--repeat 3]

Target: the unchanged run takes at most 0.5 s.
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
TARGET_SECONDS = 0.5


def timed_synth(outdir: Path, env: dict[str, str]) -> tuple[float, str]:
    command = [sys.executable, str(REPO_ROOT / "main.py"), "--outdir", str(outdir)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, result.stderr.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="unchanged runs to time (default: 3)")
    args = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if key != "SGCT_SYNTH_CACHE"}
    with tempfile.TemporaryDirectory() as scratch:
        outdir = Path(scratch) / "cdktf.out"
        cold, cold_says = timed_synth(outdir, env)
        unchanged = [timed_synth(outdir, env) for _ in range(args.repeat)]
        changed, changed_says = timed_synth(outdir, {**env, "SGCT_STATE_BUCKET": "bench-changed-bucket"})
    best = min(seconds for seconds, _ in unchanged)
    print(f"cold synthesis:        {cold:6.2f} s   ({cold_says})")
    print(
        f"unchanged (best of {args.repeat}): {best:6.2f} s   median "
        f"{statistics.median(s for s, _ in unchanged):.2f} s ({unchanged[0][1][:60]}...)"
    )
    print(f"changed input:         {changed:6.2f} s   ({changed_says[:60]}...)")
    verdict = "met" if best <= TARGET_SECONDS else "MISSED"
    print(f"speed-up: {cold / best:.0f}x; target unchanged <= {TARGET_SECONDS} s: {verdict}")
    skipped = all(says.startswith("unchanged:") for _, says in unchanged)
    resynthesized = changed_says.startswith("synthesized")
    return 0 if skipped and resynthesized else 1


if __name__ == "__main__":
    sys.exit(main())
