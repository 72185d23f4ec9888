"""Print how many Terraform resources each stage synthesizes, in total and by type.

Synthesizes into a temporary directory (or reads `--outdir` if given), so the
numbers describe exactly what `python main.py` writes today.

    .venv/bin/python scripts/resource_counts.py [--stage pr-123] [--by-type]
    .venv/bin/python scripts/resource_counts.py --outdir cdktf.out
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.synth import SynthOutput, run_synth


def counts(output: SynthOutput) -> dict[str, Counter]:
    """`{stack: Counter(resource_type -> count)}` for every synthesized stack."""
    found = {}
    for name in output.stack_names():
        found[name] = Counter(address.split(".")[0] for address in output.stack(name).resources())
    return found


def render(found: dict[str, Counter], by_type: bool) -> str:
    types = sorted({t for counter in found.values() for t in counter})
    stacks = list(found)
    lines = [
        f"{'stack':<12}{'resources':>10}",
        *(f"{name:<12}{sum(found[name].values()):>10}" for name in stacks),
    ]
    if by_type:
        width = max(len(t) for t in types) + 2 if types else 10
        lines += ["", f"{'resource type':<{width}}" + "".join(f"{name:>10}" for name in stacks)]
        lines += [f"{t:<{width}}" + "".join(f"{found[name][t]:>10}" for name in stacks) for t in types]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--stage", action="append", default=[], help="also count this ephemeral stage (default: pr-123)"
    )
    parser.add_argument("--outdir", help="read an existing synth output instead of synthesizing")
    parser.add_argument("--by-type", action="store_true", help="also print counts per resource type")
    args = parser.parse_args(argv)
    if args.outdir:
        print(render(counts(SynthOutput(Path(args.outdir))), args.by_type))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        outdir = Path(scratch) / "cdktf.out"
        run_synth(outdir, tuple(args.stage or ["pr-123"]))
        print(render(counts(SynthOutput(outdir)), args.by_type))
    return 0


if __name__ == "__main__":
    sys.exit(main())
