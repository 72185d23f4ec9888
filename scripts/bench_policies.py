"""Benchmark: `sgct check` vs checkov on the same synthesized stacks, in one run.

What is timed, honestly:
  * sgct (cold):   a fresh `.venv/bin/sgct check <outdir>` process per run, end to end
                   (interpreter start, imports, loading, all rules, report to /dev/null).
  * sgct (engine): `policies.api.check_paths` in this process after a warm-up run
                   (loading + rules + suppressions, no interpreter start).
  * checkov:       a fresh `.venv-bench/bin/checkov -d <outdir> --framework terraform_json`
                   process per run with BC_SKIP_MAPPING=TRUE (no network mapping download).
Cold-process numbers are the fair comparison (both are CLIs); the ratio uses them.

    bash scripts/setup_bench.sh                    # once: checkov into .venv-bench
    .venv/bin/python scripts/bench_policies.py     [--repeat 5] [--outdir cdktf.out]
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
TARGET_SECONDS = 0.3
TARGET_RATIO = 10.0


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # 1 = findings; anything else means the tool did not run
        raise SystemExit(f"{command[0]} exited {result.returncode}:\n{result.stderr[-2000:]}")
    return elapsed


def median_of(runs: list[float]) -> str:
    each = ", ".join(f"{r:.3f}" for r in runs)
    return f"median {statistics.median(runs):.3f} s over {len(runs)} runs ({each})"


def engine_runs(outdir: Path, repeat: int) -> list[float]:
    from policies.api import DEFAULT_SUPPRESSIONS, check_paths

    check_paths([outdir], suppressions_file=DEFAULT_SUPPRESSIONS)  # warm-up: imports and rule registration
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        check_paths([outdir], suppressions_file=DEFAULT_SUPPRESSIONS)
        runs.append(time.perf_counter() - started)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per tool (default 5); medians are reported"
    )
    parser.add_argument(
        "--outdir", type=Path, help="existing synth output (default: synthesize all stages + pr-123)"
    )
    args = parser.parse_args()
    checkov = REPO_ROOT / ".venv-bench" / "bin" / "checkov"
    if not checkov.is_file():
        print("checkov is not installed: run `bash scripts/setup_bench.sh` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        outdir = args.outdir
        if outdir is None:
            from harness.synth import run_synth

            outdir = Path(scratch) / "cdktf.out"
            run_synth(outdir, ("pr-123",))
        stacks = sorted(path.parent.name for path in outdir.glob("stacks/*/cdk.tf.json"))
        env = {**os.environ, "BC_SKIP_MAPPING": "TRUE"}
        sgct = [str(REPO_ROOT / ".venv" / "bin" / "sgct"), "check", str(outdir), "--format", "json"]
        ours = [timed(sgct, env) for _ in range(args.repeat)]
        engine = engine_runs(outdir, args.repeat)
        theirs = [
            timed([str(checkov), "-d", str(outdir), "--framework", "terraform_json", "--quiet"], env)
            for _ in range(args.repeat)
        ]
    ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
    ratio = theirs_median / ours_median
    print(f"stacks: {', '.join(stacks)} ({os.cpu_count()} cores)")
    print(f"sgct check (cold process): {median_of(ours)}")
    print(f"sgct engine (in-process):  {median_of(engine)}")
    print(f"checkov (cold process):    {median_of(theirs)}")
    print(f"ratio checkov/sgct (cold): {ratio:.1f}x")
    met = ours_median <= TARGET_SECONDS and ratio >= TARGET_RATIO
    print(f"target (<= {TARGET_SECONDS} s, >= {TARGET_RATIO:.0f}x): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
