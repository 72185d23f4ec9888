"""scripts/bootstrap_uv.sh: the locked uv, from PyPI, hash-checked, whatever the local pip configuration says.

The install cases run the script for real (pip downloads uv from PyPI, or
reuses pip's cache) in a copy of the three files it reads, so a tampered lock
can be tried without touching the repository's.
"""

import re
import shutil
import sys

import pytest

from harness.synth import REPO_ROOT
from tests.scripts.tools import UV, VENV_BIN, require, run

BASH = shutil.which("bash")
BASE_PYTHON = getattr(sys, "_base_executable", sys.executable)
HOSTILE_PIP = {  # what a machine's pip settings may say; the bootstrap must read PyPI regardless
    "PIP_INDEX_URL": "file:///nonexistent/simple",
    "PIP_FIND_LINKS": "/nonexistent",
    "PIP_EXTRA_INDEX_URL": "file:///nonexistent/more",
    "PIP_NO_INDEX": "1",
}


def _copy_of_the_repository(tmp_path, lock_text=None):
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    for name in ("bootstrap_uv.sh", "uv_pin.py"):
        shutil.copy(REPO_ROOT / "scripts" / name, root / "scripts" / name)
    (root / "uv.lock").write_text(lock_text if lock_text is not None else (REPO_ROOT / "uv.lock").read_text())
    return root


def _bootstrap(root, tmp_path, path="/usr/bin:/bin"):
    return run(
        [BASH, root / "scripts" / "bootstrap_uv.sh"],
        cwd=tmp_path,
        env={**HOSTILE_PIP, "PATH": path, "PYTHON": BASE_PYTHON, "SGCT_UV_HOME": str(tmp_path / "uv-home")},
    )


def _locked_version():
    return re.search(r'name = "uv"\nversion = "([^"]+)"', (REPO_ROOT / "uv.lock").read_text())[1]


@pytest.fixture(autouse=True)
def _needs_bash():
    require(BASH, "bash is not installed")


def test_a_uv_of_exactly_the_locked_version_on_path_is_used_as_is(tmp_path):
    require(UV, "uv is not in .venv/bin (bash scripts/setup.sh installs it)")
    result = _bootstrap(_copy_of_the_repository(tmp_path), tmp_path, path=f"{VENV_BIN}:/usr/bin:/bin")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == UV and "installing" not in result.stderr
    assert not (tmp_path / "uv-home").exists()


def test_uv_is_installed_from_pypi_with_its_hashes_ignoring_pip_settings(tmp_path):
    result = _bootstrap(_copy_of_the_repository(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    uv = tmp_path / "uv-home" / "bin" / "uv"
    assert result.stdout.strip() == str(uv) and f"installing uv {_locked_version()}" in result.stderr
    assert run([uv, "--version"]).stdout.split()[1] == _locked_version()
    again = _bootstrap(_copy_of_the_repository(tmp_path / "again"), tmp_path)
    assert again.stdout.strip() == str(uv) and "installing" not in again.stderr, "the second run reuses it"


def test_a_file_whose_hash_the_lock_does_not_list_is_refused(tmp_path):
    tampered = re.sub(
        r'(name = "uv"\n(?:.*\n)*?)(?=\n\[\[package\]\]|\Z)',
        lambda block: re.sub(r"sha256:[0-9a-f]{64}", "sha256:" + "0" * 64, block[1]),
        (REPO_ROOT / "uv.lock").read_text(),
        count=1,
    )
    assert tampered.count("sha256:" + "0" * 64) > 10
    result = _bootstrap(_copy_of_the_repository(tmp_path, tampered), tmp_path)
    assert result.returncode != 0 and "DO NOT MATCH THE HASHES" in result.stderr, result.stderr
    assert not (tmp_path / "uv-home").exists(), "nothing half-installed is left to be used"
