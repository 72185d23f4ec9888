"""Golden files and the README picture: the drawn architecture of prod and pr-123 is reviewed like code.

On a mismatch the failure lists the stale files and the command that
regenerates them (`scripts/render_architecture.py`); a new construct
changing them is expected: regenerate, then review the diff.
"""

import importlib.util
import subprocess
import sys

from harness.synth import REPO_ROOT

SCRIPT = REPO_ROOT / "scripts" / "render_architecture.py"


def _script():
    spec = importlib.util.spec_from_file_location("render_architecture", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_golden_files_and_readme_image_are_current(synth_output):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--synth", str(synth_output.outdir)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def test_a_stale_golden_file_is_named_with_the_regenerate_command(synth_output, tmp_path, monkeypatch):
    script = _script()
    monkeypatch.setattr(script, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(script, "GOLDEN_DIR", tmp_path / "golden")
    monkeypatch.setattr(script, "DOCS_DIR", tmp_path / "docs")
    assert sorted(script.stale_files(synth_output.outdir)) == [
        "docs/architecture-prod.mmd",
        "docs/architecture-prod.svg",
        "golden/pr-123.dot",
        "golden/pr-123.mmd",
        "golden/prod.dot",
        "golden/prod.mmd",
    ]
    for path, text in script.expected_texts(synth_output.outdir).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (tmp_path / "docs" / "architecture-prod.svg").write_text("<svg>old picture</svg>")
    assert script.stale_files(synth_output.outdir) == ["docs/architecture-prod.svg"]
    assert script.main(["--check", "--synth", str(synth_output.outdir)]) == 1
