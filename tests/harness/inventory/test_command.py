"""`python -m harness.inventory regenerate|check`: a real regeneration, then checks that pass and fail."""

import subprocess
import sys

import yaml

from harness.inventory import build_inventory, command
from harness.synth import REPO_ROOT


def test_regenerate_then_check_round_trips(synth_output, tmp_path, capsys, monkeypatch):
    assert command.main(["regenerate", "--stage", "dev", "--dir", str(tmp_path)]) == 0  # a real synthesis
    written = yaml.safe_load((tmp_path / "dev.yaml").read_text())
    assert written == build_inventory(synth_output.stack("dev"))
    # The checks reuse the session's identical synthesis instead of two more cdktf runs.
    monkeypatch.setattr(command, "_synthesize", lambda stages, scratch: synth_output)
    assert command.main(["check", "--stage", "dev", "--dir", str(tmp_path)]) == 0
    text = (tmp_path / "dev.yaml").read_text().replace("retention_in_days: 7", "retention_in_days: 3650")
    (tmp_path / "dev.yaml").write_text(text)
    assert command.main(["check", "--stage", "dev", "--dir", str(tmp_path)]) == 1
    assert "retention_in_days: expected 3650, got 7" in capsys.readouterr().out


def test_the_package_runs_as_a_module_without_an_import_cycle():
    """`python -m harness.inventory --help` loads model and command once each (no cycle, no warning)."""
    result = subprocess.run(
        [sys.executable, "-W", "error", "-m", "harness.inventory", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "regenerate" in result.stdout and result.stderr == ""
