"""scripts/setup.sh's promise: .venv is exactly uv.lock, every locked file is hashed, the lock is current.

uv answers offline from the lock and the installed environment, so these
checks run anywhere the set-up ran.
"""

import sys
import tomllib

from harness.synth import REPO_ROOT
from tests.scripts.tools import UV, require, run

LOCK = tomllib.loads((REPO_ROOT / "uv.lock").read_text())
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())


def test_the_lock_is_current_with_pyproject():
    require(UV, "uv is not in .venv/bin (bash scripts/setup.sh installs it)")
    result = run([UV, "lock", "--check", "--offline"])
    assert result.returncode == 0, f"uv.lock is stale: run `bash scripts/lock.sh`\n{result.stderr}"


def test_the_environment_holds_exactly_the_lock():
    require(UV, "uv is not in .venv/bin (bash scripts/setup.sh installs it)")
    result = run(
        [UV, "sync", "--locked", "--extra", "test", "--check", "--offline"],
        env={"UV_PROJECT_ENVIRONMENT": sys.prefix},
    )
    assert result.returncode == 0, (
        f"{sys.prefix} differs from uv.lock: run `bash scripts/setup.sh`\n{result.stderr}"
    )


def test_every_locked_file_has_a_hash():
    registry = [package for package in LOCK["package"] if "registry" in package["source"]]
    assert len(registry) > 100
    for package in registry:
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert files and all(file.get("hash", "").startswith("sha256:") for file in files), package["name"]
    others = {package["name"] for package in LOCK["package"] if "registry" not in package["source"]}
    assert others == {PYPROJECT["project"]["name"]}, "only this repository may come from outside PyPI"


def test_the_index_is_pypi_and_the_build_backend_is_pinned():
    assert {package["source"].get("registry") for package in LOCK["package"]} - {None} == {
        "https://pypi.org/simple"
    }
    assert PYPROJECT["tool"]["uv"]["build-constraint-dependencies"] == ["setuptools==84.2.1"]
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=61"]


def test_direct_dependencies_are_pinned_exactly():
    direct = [
        *PYPROJECT["project"]["dependencies"],
        *PYPROJECT["project"]["optional-dependencies"]["test"],
        *PYPROJECT["dependency-groups"]["audit"],
    ]
    assert [requirement for requirement in direct if "==" not in requirement] == []


def test_the_benchmark_lock_is_hashed_and_pins_checkov():
    text = (REPO_ROOT / "scripts" / "bench-requirements.txt").read_text()
    requirements = [line for line in text.splitlines() if line and not line[0].isspace() and line[0] != "#"]
    assert "checkov==3.3.30 \\" in requirements and len(requirements) > 50
    assert all("==" in line and line.endswith("\\") for line in requirements), (
        "every line pinned, hashes follow"
    )
    assert text.count("--hash=sha256:") >= len(requirements)


def test_setup_uses_the_lock_and_no_local_package_source():
    for script in ("setup.sh", "setup_bench.sh", "bootstrap_uv.sh", "audit.sh", "lock.sh"):
        text = (REPO_ROOT / "scripts" / script).read_text()
        assert "/opt" not in text and "find-links" not in text and "pip install -r" not in text, script
    setup = (REPO_ROOT / "scripts" / "setup.sh").read_text()
    assert "sync --quiet --locked --extra test" in setup and "npm ci" in setup
