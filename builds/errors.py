"""Errors for build artifacts: unusable input (exit 2) vs a build tool that failed (exit 1)."""

from __future__ import annotations

from sgct.errors import EXIT_INPUT, SgctError


class BuildInputError(SgctError):
    """The artifact is unusable: names the file and the field, and how to fix it."""

    exit_code = EXIT_INPUT


class BuildToolError(SgctError):
    """npm / node / open-next is missing or failed while building an app."""
