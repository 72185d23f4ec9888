"""Runs that resume: `SKIP_<step>` across pytest runs (apply once, iterate on the checks, destroy later).

Why: Terratest's `test_structure` keeps a test's working directory and
options between runs so an engineer can apply once with `SKIP_destroy=1`
and re-run the checks with `SKIP_apply=1`. Here that needs three things
to survive the pytest process, all kept under `.sgct-runs/` (git-ignored)
while any `SKIP_init`/`SKIP_apply`/`SKIP_destroy` is set:

- a stable working directory per test (`run_dir`, the local stage copies),
  so Terraform's `.terraform/` and local state are found again;
- the local stage's options (its stage name, its moto server's port and
  pid), so the next run synthesizes and targets the same stage;
- the moto server itself. moto keeps its state in memory only: its
  recorder can replay requests into a new server, but replayed resources
  get new generated IDs (API Gateway, KMS keys) that no longer match the
  Terraform state. So a run with `SKIP_destroy` leaves the server running,
  and a later run attaches to it; if it is gone, `SKIP_apply` fails with
  the reason instead of testing nothing.

Without SKIP_ variables nothing is kept: temp dirs, a fresh stage, a server
per session.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from harness.synth import REPO_ROOT
from harness.workflow import SKIP_PREFIX, is_step_skipped

RUNS_VARIABLE = "SGCT_RUNS_DIR"
RUNS_DIR = Path(os.environ.get(RUNS_VARIABLE) or REPO_ROOT / ".sgct-runs")
"""default: `.sgct-runs/` in the repository; `SGCT_RUNS_DIR` moves it."""
RESUMABLE_STEPS = ("init", "apply", "destroy")
LOCAL_STAGE_FILE = "local-stage.json"


def resuming(environ: Mapping[str, str] | None = None) -> bool:
    """True when any of SKIP_init / SKIP_apply / SKIP_destroy is on: keep and reuse run state."""
    return any(is_step_skipped(step, environ) for step in RESUMABLE_STEPS)


def keeps_resources(environ: Mapping[str, str] | None = None) -> bool:
    """True when SKIP_destroy is on: what this run applies must still exist for the next one."""
    return is_step_skipped("destroy", environ)


def run_dir_for(nodeid: str, runs_dir: Path = RUNS_DIR) -> Path:
    """A stable directory for one test (`tests/x.py::test_y[a]` -> `.sgct-runs/tests-x.py-test_y-a`)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", nodeid).strip("-")
    return runs_dir / slug


@dataclass(frozen=True)
class SavedLocalStage:
    """What a later run needs to find the local stage an earlier run applied."""

    stage: str
    port: int
    pid: int

    @classmethod
    def load(cls, runs_dir: Path = RUNS_DIR) -> SavedLocalStage | None:
        try:
            return cls(**json.loads((runs_dir / LOCAL_STAGE_FILE).read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def save(self, runs_dir: Path = RUNS_DIR) -> None:
        runs_dir.mkdir(parents=True, exist_ok=True)
        (runs_dir / LOCAL_STAGE_FILE).write_text(json.dumps(asdict(self)))

    @staticmethod
    def clear(runs_dir: Path = RUNS_DIR) -> None:
        (runs_dir / LOCAL_STAGE_FILE).unlink(missing_ok=True)


def cannot_resume(saved: SavedLocalStage | None) -> str:
    """Why `SKIP_apply` cannot be honoured for the local stage, and what to run instead."""
    if saved is None:
        where = f"no earlier run recorded a local stage in {RUNS_DIR / LOCAL_STAGE_FILE}"
    else:
        where = (
            f"the moto server that holds stage {saved.stage!r} (port {saved.port}, pid {saved.pid}) "
            "no longer answers"
        )
    return (
        f"{SKIP_PREFIX}apply is set, but {where}. moto keeps its state in memory only (a replay of its "
        "recording would give resources new IDs that the Terraform state does not know), so there is "
        f"nothing applied to check. Run once with {SKIP_PREFIX}destroy=1 (and without {SKIP_PREFIX}apply) "
        "to apply and keep the stage, then iterate with SKIP_apply=1."
    )


def discard(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
