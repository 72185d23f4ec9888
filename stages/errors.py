"""One error model for every tool in the repository.

Why here, in the bottom layer: every package (stages, sensitive, modules,
policies, review, harness, sgct) may import `stages`, so each can subclass
the same base and every entry point can treat all of them alike.

- `SgctError` is what a tool reports to its user: the message says what was
  wrong, where, and how to fix it; `exit_code` is what the process exits with.
- `UnusableInputError` (exit 2) is input the tool cannot work with: a bad
  stage name, an unreadable file, an unwritable output path.
- Findings and failures exit 1 (`EXIT_FAILURE`).
- Anything else is a bug: `run_entry_point` prints where it happened and
  exits 1 as an internal error, never 2, so a crash is never mistaken for
  the user's mistake.

The entry points (`sgct`, `python main.py`) call `run_entry_point` once;
nothing below them catches these errors to print them.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import ClassVar, TextIO

EXIT_OK = 0
EXIT_FAILURE = 1
"""Findings at error level, a failed synthesis, an internal error."""
EXIT_UNUSABLE = 2
"""The input (arguments, files, stage names, output paths) cannot be used."""
PREFIX = "error: "
"""Every message an entry point prints for an error starts with this."""


class SgctError(Exception):
    """An error a tool reports to its user, with the process exit code it implies (default 1)."""

    exit_code: ClassVar[int] = EXIT_FAILURE


class UnusableInputError(SgctError):
    """Input the tool cannot use (exit 2); the message says what, where and how to fix it."""

    exit_code: ClassVar[int] = EXIT_UNUSABLE


def report(error: SgctError, stream: TextIO | None = None) -> int:
    """Print `error` with the one prefix and return its exit code."""
    print(f"{PREFIX}{error}", file=stream or sys.stderr)
    return error.exit_code


def report_internal(error: BaseException, program: str, stream: TextIO | None = None) -> int:
    """Print an unexpected exception as an internal error (exit 1), with the frames it came through.

    The exception's own text is left out: it may quote a value read from an
    input (a plan, a stack), and inputs can hold secrets. The type and the
    frames locate the bug without printing any value.
    """
    stream = stream or sys.stderr
    frames = "".join(traceback.format_tb(error.__traceback__))
    print(
        f"Traceback (most recent call last):\n{frames}{type(error).__name__} (message withheld)", file=stream
    )
    print(
        f"{PREFIX}internal error in {program}: {type(error).__name__}; this is a bug, not a problem with "
        "your input: please report it with the traceback above",
        file=stream,
    )
    return EXIT_FAILURE


def run_entry_point(run: Callable[[], int], program: str) -> int:
    """Call `run` and turn what it raises into one message and one exit code.

    `SgctError`s print `error: <message>` and exit with their code; any other
    exception is an internal error (exit 1). `SystemExit` (argparse) passes.
    """
    try:
        return run()
    except SgctError as error:
        return report(error)
    except Exception as error:  # noqa: BLE001 - the one place a bug is reported, as a bug
        return report_internal(error, program)
