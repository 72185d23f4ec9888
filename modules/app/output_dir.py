"""Where synthesis writes, and whether that directory may be replaced.

Kept free of CDKTF imports so `main.py` can refuse a bad output directory
before paying for the jsii runtime.
"""

from __future__ import annotations

import os
from pathlib import Path

from stages.errors import UnusableInputError

DEFAULT_OUTDIR = "cdktf.out"
OUTDIR_VARIABLE = "CDKTF_OUTDIR"


def target_outdir(explicit: str | None = None) -> Path:
    """`--outdir`, else what the cdktf CLI passes in `CDKTF_OUTDIR`, else `cdktf.out`."""
    return Path(explicit or os.environ.get(OUTDIR_VARIABLE) or DEFAULT_OUTDIR).resolve()


SYNTH_OUTPUT_ENTRIES = frozenset({"manifest.json", "stacks"})


class OutdirError(UnusableInputError):
    """The output directory holds something other than a previous synthesis."""


def check_replaceable(outdir: Path) -> None:
    """Refuse to replace a directory that is not (empty or) a previous cdktf output.

    Why: the swap removes the old directory whole; `--outdir .` must not
    take the repository (or a home directory) with it.
    """
    if not outdir.exists():
        return
    if not outdir.is_dir():
        raise OutdirError(f"output path {outdir} is a file; choose a directory for --outdir / CDKTF_OUTDIR.")
    foreign = sorted(entry.name for entry in outdir.iterdir() if entry.name not in SYNTH_OUTPUT_ENTRIES)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise OutdirError(
            f"refusing to replace {outdir}: it is not a cdktf output directory (it holds {shown}). "
            "Choose a new or empty directory for --outdir / CDKTF_OUTDIR (default: cdktf.out)."
        )
