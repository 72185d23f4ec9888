"""The code stays lint-clean, formatted and type-checked (configuration in pyproject.toml).

Why a test: `.ci/run` runs the README's test command, so ruff and mypy run
wherever the suite runs, with the versions pinned in the `test` extra. The
rule set and the checked packages are in `[tool.ruff]` and `[tool.mypy]`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    """The pinned tool next to this interpreter (`.venv/bin`), else one on PATH; a named skip if none."""
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed: run `bash scripts/setup.sh` (it installs the pinned {name})")
    return found


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)


def test_ruff_check_is_clean() -> None:
    result = _run(_tool("ruff"), "check", "--no-cache", ".")
    assert result.returncode == 0, (
        f"ruff check found problems (fix: .venv/bin/ruff check --fix .):\n{result.stdout}{result.stderr}"
    )


def test_ruff_format_is_clean() -> None:
    result = _run(_tool("ruff"), "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, (
        f"files need formatting (fix: .venv/bin/ruff format .):\n{result.stdout}{result.stderr}"
    )


def test_mypy_is_clean() -> None:
    # No arguments: mypy checks `[tool.mypy] files` with the settings there.
    result = _run(_tool("mypy"))
    assert result.returncode == 0, f"mypy found type errors:\n{result.stdout}{result.stderr}"
    assert "Success" in result.stdout, f"mypy checked nothing:\n{result.stdout}"


def test_mypy_still_checks_calls_into_the_provider_classes(tmp_path) -> None:
    # The provider packages' `__init__` is skipped (pyproject.toml); the classes we use must not become Any.
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from modules.app.aws import LambdaFunction, S3Bucket\n"
        "from modules.app.bindings import Construct\n\n\n"
        "def probe(scope: Construct) -> None:\n"
        '    LambdaFunction(scope, "f", function_name="f", role="r", timeout="sixty")\n'
        '    S3Bucket(scope, "b", no_such_argument=True)\n'
    )
    result = _run(_tool("mypy"), "--cache-dir", str(tmp_path / "cache"), str(probe))
    assert result.returncode == 1, f"mypy passed a wrong provider call:\n{result.stdout}{result.stderr}"
    assert 'Argument "timeout" to "LambdaFunction" has incompatible type "str"' in result.stdout
    assert 'Unexpected keyword argument "no_such_argument" for "S3Bucket"' in result.stdout
