"""The value types every part of the policy engine shares.

Why one small module: rules, the engine, suppressions and reporters all
speak in `Finding`s and `Severity`s; keeping them here (and free of I/O)
lets each reporter and rule be tested on hand-built values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from stages.errors import UnusableInputError


class Severity(enum.Enum):
    """How bad a finding is; `ERROR` fails the check (exit 1).

    The values are SARIF 2.1.0 result levels, so reporters never translate.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "note": 2}[self.value]


class InputKind(enum.Enum):
    """What a checked file holds."""

    CONFIG = "config"
    """Synthesized Terraform JSON (`cdk.tf.json`)."""
    PLAN = "plan"
    """`terraform show -json <planfile>` output."""


@dataclass(frozen=True)
class Violation:
    """What a rule reports: where (a Terraform address) and what is wrong.

    The engine turns it into a `Finding` by adding the rule's ID, severity,
    fix hint, the stage and the construct path.
    """

    address: str
    message: str
    unverifiable: bool = False
    """True when the value could not be seen (unknown until apply): always reported as an error."""


@dataclass(frozen=True)
class Finding:
    """One problem found in one checked file."""

    rule_id: str
    title: str
    severity: Severity
    message: str
    address: str
    """Terraform address (`aws_lambda_function.api`), or `terraform.backend`, `provider.aws`, ..."""
    stage: str
    file: str
    construct_path: str | None = None
    """CDKTF construct path from the resource's `//` metadata, when known."""
    fix: str = ""
    suppressed_by: str | None = None
    """The suppression's reason when a suppression matched; suppressed findings never fail a run."""

    @property
    def is_blocking(self) -> bool:
        return self.severity is Severity.ERROR and self.suppressed_by is None

    def suppressed(self, reason: str) -> Finding:
        return replace(self, suppressed_by=reason)

    def sort_key(self) -> tuple:
        return (self.stage, self.file, self.severity.rank, self.rule_id, self.address, self.message)


class UnknownValue(Exception):
    """A checked attribute is not known until apply (`after_unknown`, or an unresolved `${...}`).

    Raised by `Resource.get`/`Document.literal`; the engine reports it as a
    finding of the rule that asked, so an unknown value is never a pass.
    """

    def __init__(self, address: str, attribute: str, detail: str = "known only after apply") -> None:
        self.address = address
        self.attribute = attribute
        super().__init__(f"{attribute} of {address} is {detail}, so it cannot be verified")


class InputError(UnusableInputError):
    """The input cannot be checked (unreadable, wrong format, unknown stage); exit code 2."""
