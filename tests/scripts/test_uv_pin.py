"""scripts/uv_pin.py: the bootstrap's uv requirement comes from uv.lock, every file hashed."""

import tomllib

from harness.synth import REPO_ROOT
from tests.scripts.tools import PYTHON, run

SCRIPT = REPO_ROOT / "scripts" / "uv_pin.py"
LOCK = REPO_ROOT / "uv.lock"


def _pin(lock_text, tmp_path):
    lock = tmp_path / "uv.lock"
    lock.write_text(lock_text)
    return run([PYTHON, SCRIPT, lock])


def test_the_pin_is_the_locked_uv_with_every_file_hash():
    [package] = [p for p in tomllib.loads(LOCK.read_text())["package"] if p["name"] == "uv"]
    files = [*package["wheels"], package["sdist"]]
    result = run([PYTHON, SCRIPT])
    assert result.returncode == 0, result.stderr
    words = result.stdout.split()
    assert words[0] == f"uv=={package['version']}"
    assert sorted(words[1:]) == sorted(f"--hash={file['hash']}" for file in files) and len(files) > 10


def test_the_locked_uv_is_the_one_pyproject_pins():
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    version = run([PYTHON, SCRIPT]).stdout.split()[0]
    assert version in pyproject["project"]["optional-dependencies"]["test"]


def test_a_lock_without_uv_is_refused(tmp_path):
    result = _pin('version = 1\n[[package]]\nname = "pytest"\nversion = "9.2.0"\n', tmp_path)
    assert result.returncode == 2 and "exactly one `uv` package, found 0" in result.stderr
    assert result.stdout == ""


def test_a_uv_file_without_a_hash_is_refused(tmp_path):
    result = _pin(
        '[[package]]\nname = "uv"\nversion = "0.13.9"\n'
        'wheels = [{ url = "https://example.invalid/uv.whl" }]\n',
        tmp_path,
    )
    assert result.returncode == 2 and "files without hashes" in result.stderr


def test_an_unreadable_lock_is_refused(tmp_path):
    assert "not valid TOML" in _pin("[[package]\n", tmp_path).stderr
    result = run([PYTHON, SCRIPT, tmp_path / "missing.lock"])
    assert result.returncode == 2 and "cannot read" in result.stderr
