"""The output directory: where synthesis writes, and what it may replace."""

import pytest

from modules.app import synthesis
from modules.app.output_dir import OutdirError, check_replaceable, target_outdir


def test_outdir_comes_from_flag_then_cdktf_cli_then_default(monkeypatch, tmp_path):
    monkeypatch.setenv("CDKTF_OUTDIR", str(tmp_path / "from-cli"))
    assert target_outdir(str(tmp_path / "flag")) == tmp_path / "flag"
    assert target_outdir() == tmp_path / "from-cli"
    monkeypatch.delenv("CDKTF_OUTDIR")
    monkeypatch.chdir(tmp_path)
    assert target_outdir() == tmp_path / "cdktf.out"


def test_a_directory_that_is_not_a_synth_output_is_never_replaced(tmp_path):
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "main.py").write_text("print('keep me')")
    with pytest.raises(OutdirError, match="not a cdktf output directory"):
        synthesis.synthesize([], project)
    assert (project / "main.py").read_text() == "print('keep me')" and (project / ".git").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_a_file_as_output_directory_is_refused(tmp_path):
    target = tmp_path / "out"
    target.write_text("not a directory")
    with pytest.raises(OutdirError, match="is a file"):
        synthesis.synthesize([], target)


def test_empty_and_previous_output_directories_are_replaceable(tmp_path):
    (tmp_path / "empty").mkdir()
    check_replaceable(tmp_path / "empty")
    (tmp_path / "previous" / "stacks" / "prod").mkdir(parents=True)
    (tmp_path / "previous" / "manifest.json").write_text("{}")
    check_replaceable(tmp_path / "previous")
    check_replaceable(tmp_path / "missing")
