"""Benchmark: cold synthesis of all stages, fast provider imports vs the normal path.

Each run is a fresh `python main.py` process (cold: new interpreter, new jsii
runtime), timed end to end. Both modes are measured in the same run, so the
ratio compares like with like on this machine.

    .venv/bin/python scripts/bench_synth.py [--repeat 3] [--stage pr-123 ...]

By default it times what `python main.py` synthesizes: every permanent stage
plus the bootstrap stack; `--stage` adds ephemeral stages.
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


def time_synth(mode: str, stages: list[str]) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, str(REPO_ROOT / "main.py"), "--outdir", str(Path(scratch) / "out")]
        for stage in stages:
            command += ["--stage", stage]
        env = {**os.environ, "SGCT_PROVIDER_IMPORT": mode}
        started = time.perf_counter()
        subprocess.run(command, cwd=REPO_ROOT, env=env, check=True, capture_output=True)
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per mode (default 3); the median is reported"
    )
    parser.add_argument(
        "--stage", action="append", default=[], help="also synthesize this ephemeral stage; repeatable"
    )
    args = parser.parse_args()
    results = {}
    for mode in ("fast", "full"):
        runs = [time_synth(mode, args.stage) for _ in range(args.repeat)]
        results[mode] = statistics.median(runs)
        print(
            f"{mode:>4}: median {results[mode]:.2f} s over {args.repeat} cold runs "
            f"({', '.join(f'{run:.2f}' for run in runs)})"
        )
    stages = ", ".join(["bootstrap", "prod", "staging", "dev", *args.stage])
    ratio = results["full"] / results["fast"]
    print(f"ratio full/fast: {ratio:.1f}x (stages: {stages}; {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
