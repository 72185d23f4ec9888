"""Run a command the way a user does: through the `sgct` entry point, which reports errors once.

The commands' own `main` functions raise `SgctError`s; only the entry point
turns them into `error: ...` and an exit code, so tests of exit codes call
these.
"""

from __future__ import annotations

from sgct.cli import main as sgct_main


def check(argv: list[str]) -> int:
    """`sgct check ARGV...`, its exit code."""
    return sgct_main(["check", *argv])


def review(argv: list[str]) -> int:
    """`sgct review ARGV...`, its exit code."""
    return sgct_main(["review", *argv])


def diagram(argv: list[str]) -> int:
    """`sgct diagram ARGV...`, its exit code."""
    return sgct_main(["diagram", *argv])
