"""The `sgct` entry point: the one place errors become `error: ...` and an exit code."""

from __future__ import annotations

import pytest

import policies.cli
from sgct.cli import main


def test_bad_input_exits_2_with_the_one_prefix(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "missing" in err and "internal error" not in err


def test_an_unknown_command_is_bad_input(capsys):
    assert main(["nope"]) == 2
    assert capsys.readouterr().err.startswith("error: unknown command 'nope'")


def test_an_unexpected_exception_is_an_internal_error_never_bad_input(monkeypatch, capsys):
    def explode(*args, **kwargs):
        raise ValueError("what looks like a value problem is still a bug here")

    monkeypatch.setattr(policies.cli, "parse_args", explode)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "error: internal error in sgct: ValueError" in err and "Traceback" in err


def test_argument_errors_stay_argparse_usage_errors():
    with pytest.raises(SystemExit) as caught:
        main(["check", "--format", "nope"])
    assert caught.value.code == 2
