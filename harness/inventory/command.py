"""`sgct inventory` / `python -m harness.inventory`: regenerate or check the stage inventories.

    .venv/bin/python -m harness.inventory regenerate            # every inventoried stage
    .venv/bin/python -m harness.inventory regenerate --stage dev
    .venv/bin/python -m harness.inventory check                 # exit 1 listing differences, 2 if synth fails

Why synthesize here: the inventory must describe what `main.py` produces for
real AWS, so the command runs a fresh synthesis (with any local endpoint
variable removed) instead of trusting an old `cdktf.out`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from harness.inventory.model import (
    INVENTORY_DIR,
    INVENTORY_STAGES,
    REGENERATE_COMMAND,
    build_inventory,
    dump_inventory,
    inventory_mismatches,
    inventory_path,
    load_inventory,
)
from harness.synth import SynthError, SynthOutput, run_synth
from policies.output_files import write_files
from stages import PERMANENT_STAGES


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sgct inventory", description="Regenerate or check the stage inventories in tests/inventories."
    )
    parser.add_argument(
        "action",
        choices=("regenerate", "check"),
        help="regenerate: rewrite the YAML from a fresh synthesis; check: exit 1 on a difference",
    )
    parser.add_argument(
        "--stage",
        action="append",
        default=[],
        metavar="NAME",
        help=f"only this stage (repeatable; default: {', '.join(INVENTORY_STAGES)})",
    )
    parser.add_argument(
        "--dir", type=Path, default=INVENTORY_DIR, help="inventory directory (default: tests/inventories)"
    )
    return parser.parse_args(argv)


def _synthesize(stages: list[str], scratch: Path) -> SynthOutput:
    ephemeral = tuple(name for name in stages if name not in PERMANENT_STAGES)
    run_synth(scratch / "cdktf.out", ephemeral)  # no endpoint_url: inventories describe real AWS
    return SynthOutput(scratch / "cdktf.out")


def main(argv: list[str]) -> int:
    args = _parse(argv)
    stages = args.stage or list(INVENTORY_STAGES)
    with tempfile.TemporaryDirectory(prefix="sgct-inventory-") as scratch:
        try:
            output = _synthesize(stages, Path(scratch))
        except SynthError as error:
            print(f"error: cannot build inventories, {error}", file=sys.stderr)
            return 2
        failed = False
        for stage in stages:
            stack = output.stack(stage)
            path = inventory_path(stage, args.dir)
            if args.action == "regenerate":
                write_files([(path, dump_inventory(build_inventory(stack)))])
                print(f"wrote {path}")
                continue
            try:
                problems = inventory_mismatches(load_inventory(path), stack)
            except (FileNotFoundError, ValueError) as error:  # missing file, or unreadable YAML
                problems = [str(error)]
            failed |= bool(problems)
            print(f"{stage}: " + ("matches" if not problems else "\n  - ".join(["differs", *problems])))
    if failed:
        print(f"regenerate after an intended change: {REGENERATE_COMMAND}", file=sys.stderr)
    return 1 if failed else 0
