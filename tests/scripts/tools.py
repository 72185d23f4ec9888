"""Shared by the set-up and audit tests: the repository, its .venv's tools, and the tool requirement."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.flags import env_flag
from harness.synth import REPO_ROOT

VENV_BIN = Path(sys.executable).parent
UV = shutil.which("uv", path=str(VENV_BIN))
PYTHON = sys.executable


def require(tool: object, reason: str) -> None:
    """Skip when `tool` is missing, naming what is missing; fail instead under SGCT_REQUIRE_TOOLS=1."""
    if tool:
        return
    if env_flag("SGCT_REQUIRE_TOOLS"):
        pytest.fail(f"{reason}, and SGCT_REQUIRE_TOOLS=1 requires it")
    pytest.skip(reason)


def run(command, *, env=None, cwd=REPO_ROOT, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
