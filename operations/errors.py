"""Operations errors: exit 1 (a retry or a fix may succeed), or 2 when the input is unusable.

`OperationError` / `OperationInputError` are the deploy, rollback and drift
errors, `PublishError` / `PublishInputError` the publish ones, all in the one
error model (`stages.errors`): the `sgct` entry point prints them and exits
with their code.
"""

from __future__ import annotations

from stages.errors import SgctError, UnusableInputError


class PublishError(SgctError):
    """Publishing failed: names the stage, bucket, key or distribution involved and what to do."""


class PublishInputError(PublishError, UnusableInputError):
    """Publishing cannot start (exit 2): unreadable outputs, a stage without a bucket, a bad option."""


class OperationError(SgctError):
    """A deploy, rollback or drift check stopped or failed (exit 1); says what, where and what to do."""


class OperationInputError(UnusableInputError):
    """An operation's input cannot be used (exit 2): a bad stage, override, URL or plan file."""
