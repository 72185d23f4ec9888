"""README examples are executed, so the docs cannot rot.

A fenced ```python block whose first line is `# readme-test` is run: as a
pytest module when it defines `test_` functions (the repo's harness plugin
is loaded), otherwise with `exec` from the repository root.
"""

import re
import subprocess
import sys

import pytest

from harness.synth import REPO_ROOT

MARKER = "# readme-test"
_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def readme_examples() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text()
    return [block for block in _BLOCK.findall(text) if block.startswith(MARKER)]


def _example_id(block: str) -> str:
    lines = [line for line in block.splitlines()[1:] if line.strip() and not line.startswith("#")]
    return lines[0][:40] if lines else "empty"


def test_readme_has_executable_examples():
    assert readme_examples(), f"README.md has no ```python block starting with {MARKER!r}"


@pytest.mark.parametrize("block", readme_examples(), ids=_example_id)
def test_readme_example_runs(block, tmp_path, monkeypatch):
    if re.search(r"^def test_", block, re.MULTILINE):
        module = tmp_path / "test_readme_example.py"
        module.write_text(block)
        (tmp_path / "conftest.py").write_text('pytest_plugins = ["harness.plugin"]\n')
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "--rootdir",
                str(tmp_path),
                str(module),
            ],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
        assert re.search(r"\d+ passed", result.stdout), result.stdout[-2000:]
    else:
        monkeypatch.chdir(REPO_ROOT)
        exec(compile(block, "README.md example", "exec"), {"__name__": "readme_example"})
