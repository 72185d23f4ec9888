"""One error model: every tool error carries its exit code; bugs are never bad input."""

from __future__ import annotations

import pytest

from stages import StageNameError, resolve_stage
from stages.errors import EXIT_FAILURE, EXIT_UNUSABLE, SgctError, UnusableInputError, run_entry_point


def _raising(error: BaseException):
    def run() -> int:
        raise error

    return run


def test_unusable_input_exits_2_with_the_prefix(capsys):
    with pytest.raises(StageNameError) as caught:
        resolve_stage("API")
    assert isinstance(caught.value, UnusableInputError)
    assert run_entry_point(_raising(caught.value), "tool") == EXIT_UNUSABLE
    assert capsys.readouterr().err.startswith("error: stage name 'API'")


def test_a_failure_exits_1(capsys):
    assert run_entry_point(_raising(SgctError("deploy refused")), "tool") == EXIT_FAILURE
    assert capsys.readouterr().err == "error: deploy refused\n"


@pytest.mark.parametrize("error", [ValueError("x"), KeyError("x"), RuntimeError("x")])
def test_any_other_exception_is_an_internal_error_exit_1(error, capsys):
    assert run_entry_point(_raising(error), "tool") == EXIT_FAILURE
    err = capsys.readouterr().err
    assert f"error: internal error in tool: {type(error).__name__}" in err and "Traceback" in err


def test_success_passes_through():
    assert run_entry_point(lambda: 0, "tool") == 0
