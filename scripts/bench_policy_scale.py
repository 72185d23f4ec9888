"""Benchmark: `sgct check`, `sgct review` and checkov on synthetic stacks of 250, 2,500 and 25,000 resources.

Each size is a stack made by `scripts/make_synthetic_stack.py` from the real
prod stack (plus a plan creating every resource, for the review). Every
number is one cold process (interpreter start, imports, parsing, all rules,
report written to a file), measured from the child's own resource usage
(`os.wait4`): wall time, CPU time (user + system) and peak memory (max RSS).
CPU time is printed next to wall time because on a shared, loaded machine
wall time mostly measures waiting for a core.

    bash scripts/setup_bench.sh                       # once: checkov into .venv-bench
    .venv/bin/python scripts/bench_policy_scale.py    [--sizes 250 2500 25000] [--checkov-max 2500]

The per-resource slope is (t(largest) - t(smallest)) / (largest - smallest);
"linear" means t(10n) / t(n) stays near 10 (quadratic would be near 100).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "scripts"))

from make_synthetic_stack import main as make_stack  # noqa: E402

SGCT = REPO_ROOT / ".venv" / "bin" / "sgct"
CHECKOV = REPO_ROOT / ".venv-bench" / "bin" / "checkov"


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float

    def __str__(self) -> str:
        return f"{self.wall:7.2f} s wall {self.cpu:7.2f} s cpu {self.peak_mb:7.0f} MB"


def measure(command: list[str], ok: tuple[int, ...] = (0, 1)) -> Run:
    """One cold process: wall time, CPU time and peak RSS of that child alone."""
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE"}
    started = time.perf_counter()
    with open(os.devnull, "w") as sink, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=sink, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if child.returncode not in ok:
            err.seek(0)
            raise SystemExit(f"{command[0]} exited {child.returncode}:\n{err.read()[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def slope(runs: dict[int, Run], attribute: str) -> str:
    sizes = sorted(runs)
    low, high = sizes[0], sizes[-1]
    per = (getattr(runs[high], attribute) - getattr(runs[low], attribute)) / (high - low)
    ratios = ", ".join(
        f"t({b})/t({a}) = {getattr(runs[b], attribute) / max(getattr(runs[a], attribute), 1e-9):.1f}"
        for a, b in zip(sizes, sizes[1:], strict=False)
    )
    return f"{per * 1e6:.0f} µs/resource ({attribute}); {ratios}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 2500, 25000])
    parser.add_argument("--checkov-max", type=int, default=2500, help="largest size checkov runs on")
    args = parser.parse_args()
    has_checkov = CHECKOV.is_file()
    check: dict[int, Run] = {}
    review: dict[int, Run] = {}
    checkov: dict[int, Run] = {}
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            outdir = Path(scratch) / str(size)
            make_stack([str(size), str(outdir), "--plan"])
            report = Path(scratch) / f"report-{size}.json"
            check[size] = measure(
                [str(SGCT), "check", str(outdir), "--format", "json", "--output", str(report)]
            )
            plan = next(outdir.glob("plan-*.json"))
            comment = Path(scratch) / f"comment-{size}.md"
            review[size] = measure(
                [
                    str(SGCT),
                    "review",
                    "--plan",
                    f"{plan.stem.removeprefix('plan-')}={plan}",
                    "--output",
                    str(comment),
                ]
            )
            if has_checkov and size <= args.checkov_max:
                checkov[size] = measure(
                    [str(CHECKOV), "-d", str(outdir), "--framework", "terraform_json", "--quiet"]
                )
            line = f"{size:>6} resources  sgct check {check[size]}  |  sgct review {review[size]}"
            if size in checkov:
                ratio = checkov[size].wall / check[size].wall
                line += f"  |  checkov {checkov[size]}  ({ratio:.0f}x wall, "
                line += f"{checkov[size].cpu / check[size].cpu:.0f}x cpu)"
            print(line, flush=True)
    if not has_checkov:
        print("checkov skipped: .venv-bench/bin/checkov is missing (run `bash scripts/setup_bench.sh`)")
    print(f"sgct check slope:  {slope(check, 'cpu')}")
    print(f"sgct check slope:  {slope(check, 'wall')}")
    print(f"sgct review slope: {slope(review, 'cpu')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
