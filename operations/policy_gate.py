"""`sgct check` on a stage's synthesized stack and on its saved plan, as the deploy runs it.

Why here and not a subprocess: the deploy uses the policies' own API
(`policies.api.check_paths`), with the repository's suppressions, so a
deploy and a pull request's `sgct check` cannot disagree. One addition: a
reviewed destroy override (`plan_gate.DestroyOverride`) also waives SGCT002
(no delete/replace of protected resources) for exactly the addresses it
names, recorded as the finding's suppression reason.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from operations.errors import OperationInputError
from operations.plan_gate import DestroyOverride
from policies.api import check_paths
from policies.engine import CheckResult
from policies.model import InputError

PROTECTED_DESTROY_RULE = "SGCT002"


def check_stack(stack_file: Path, stage: str, suppressions_file: Path | None) -> CheckResult:
    """The policies over the synthesized `cdk.tf.json`; unusable input is exit 2."""
    return _checked([stack_file], stage, suppressions_file, plan=False)


def check_plan(
    plan_file: Path, stage: str, suppressions_file: Path | None, override: DestroyOverride
) -> CheckResult:
    """The policies over the plan JSON, with SGCT002 waived for the override's addresses."""
    result = _checked([plan_file], stage, suppressions_file, plan=True)
    allowed = set(override.addresses)
    if not allowed:
        return result
    waived = [
        finding.suppressed(f"destroy override: {override.reason.strip()}")
        if finding.rule_id == PROTECTED_DESTROY_RULE
        and finding.suppressed_by is None
        and finding.address in allowed
        else finding
        for finding in result.findings
    ]
    return replace(result, findings=waived)


def _checked(paths: list[Path], stage: str, suppressions_file: Path | None, plan: bool) -> CheckResult:
    try:
        return check_paths(paths, plan=plan, stage=stage, suppressions_file=suppressions_file)
    except InputError as error:
        raise OperationInputError(f"sgct check could not read {paths[0]}: {error}") from error
