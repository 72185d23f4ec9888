"""The one error model: every expected failure is an `SgctError` carrying its exit code.

Why: command entry points catch this class once and turn it into a message and
an exit status; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

EXIT_FAILURE = 1  # the job could not be completed (a retry may succeed)
EXIT_INPUT = 2  # the input is unusable; fix it before retrying


class SgctError(Exception):
    """An expected failure with a message fit for the user and the exit code to end with."""

    exit_code: int = EXIT_FAILURE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
