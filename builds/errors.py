"""Errors for build artifacts: unusable input (exit 2) vs a build tool that failed (exit 1).

Both are in the one error model (`stages.errors`): the `sgct` entry point
prints them and exits with their code.
"""

from __future__ import annotations

from stages.errors import SgctError, UnusableInputError


class BuildInputError(UnusableInputError):
    """The artifact is unusable: names the file and the field, and how to fix it."""


class BuildToolError(SgctError):
    """npm / node / open-next is missing or failed while building an app."""
