"""What parallel pytest workers (`pytest -n auto`) share: one synthesis per input key, one plugin cache.

Why: pytest-xdist runs a session per worker, so session fixtures run once
per worker. Synthesis is the slow part; workers with the same inputs (the
synthesis cache key: sources, settings, environment, packages) share one
output directory, made by whichever worker takes the file lock first.
Terraform's provider plugin cache is shared too, and `init` holds a lock
on it, because concurrent inits that fill one cache race (Terraform issue
31964). Without xdist the shared directory is the session's own temp dir.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from harness.locks import file_lock
from harness.synth import SynthOutput, run_synth
from modules.app.synth_cache import input_key, key_path
from stages import PERMANENT_STAGES

WORKER_VARIABLE = "PYTEST_XDIST_WORKER"


def shared_root(basetemp: Path, environ: dict[str, str] | None = None) -> Path:
    """The directory every worker of this run can see: basetemp's parent under xdist, else basetemp."""
    environ = dict(os.environ) if environ is None else environ
    return basetemp.parent if environ.get(WORKER_VARIABLE) else basetemp


def synth_key(ephemeral_stages: tuple[str, ...], endpoint_url: str | None) -> str:
    """A short hash of everything the synthesis depends on (see modules/app/synth_cache.py)."""
    stages = [*PERMANENT_STAGES, *ephemeral_stages]
    key = input_key(stages, Path("shared"), {**os.environ, "SGCT_LOCAL_ENDPOINT": endpoint_url or ""})
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


def shared_synth(
    root: Path, ephemeral_stages: tuple[str, ...], endpoint_url: str | None = None
) -> SynthOutput:
    """Synthesize once per key under `root`; other workers wait on the lock, then reuse the output."""
    key = synth_key(ephemeral_stages, endpoint_url)
    outdir = root / f"synth-{key}" / "cdktf.out"
    with file_lock(root / f"synth-{key}.lock"):
        if not key_path(outdir).is_file():  # written by main.py after a complete synthesis
            run_synth(outdir, ephemeral_stages, endpoint_url=endpoint_url)
    return SynthOutput(outdir)


def plugin_cache_dir(root: Path) -> Path:
    path = root / "terraform-plugin-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path
