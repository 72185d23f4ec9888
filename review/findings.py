"""Policy findings for the review: run the policies engine on what the review covers.

Why in the review: a reviewer deciding on a plan should see, in the same
comment, that it also breaks a rule (a Lambda on x86, a log group without
retention) and how many findings are waived. The engine is the policies
package's (`policies.api.check_paths`); this module only chooses each
stage's inputs (its synthesized stack from the head, its plan) and converts
the findings into display-safe review values.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policies.api import DEFAULT_SUPPRESSIONS_TEXT, check_paths
from policies.model import InputError
from review.changes import Finding, StageReview
from review.stage_info import ReviewInputError
from sensitive.display_redaction import scrub

__all__ = ["add_policy_findings", "stage_inputs"]


def stage_inputs(stage: str, synth_dir: Path | None, plan_file: Path | None) -> list[Path]:
    """The files to check for one stage: its synthesized stack (if present) and its plan."""
    inputs = []
    if synth_dir is not None:
        config = synth_dir / "stacks" / stage / "cdk.tf.json"
        if config.is_file():
            inputs.append(config)
    if plan_file is not None:
        inputs.append(plan_file)
    return inputs


def add_policy_findings(
    reviews: list[StageReview],
    synth_dir: Path | None,
    plans: dict[str, Path],
    suppressions_file: Path | None,
    known_secrets: set[str],
    parsed_plans: Mapping[Path, Any] | None = None,
) -> None:
    """Attach each stage's unsuppressed findings to its review (in place); waived ones are counted.

    `suppressions_file` must exist when given: a waiver file the user named
    but that is not there would otherwise silently show every finding
    unwaived. `policies.api.default_suppressions()` is the one that may be absent.
    `parsed_plans`: the plans the review already read, so they are not parsed again.
    """
    if suppressions_file is not None and not suppressions_file.is_file():
        raise ReviewInputError(
            f"suppressions file {suppressions_file} does not exist; pass an existing file "
            f"(default: {DEFAULT_SUPPRESSIONS_TEXT}, if present)"
        )
    for review in reviews:
        inputs = stage_inputs(review.stage, synth_dir, plans.get(review.stage))
        if not inputs:
            continue
        try:
            result = check_paths(
                inputs, stage=review.stage, suppressions_file=suppressions_file, parsed=parsed_plans
            )
        except InputError as error:
            raise ReviewInputError(f"policy check of stage {review.stage}: {error}") from None
        review.policies_checked = True
        waived = 0
        for finding in result.findings:
            if finding.suppressed_by is not None:
                waived += 1
                continue
            review.findings.append(
                Finding(
                    rule_id=finding.rule_id,
                    severity=finding.severity.value,
                    address=scrub(finding.address, known_secrets),
                    message=scrub(finding.message, known_secrets),
                    fix=scrub(finding.fix, known_secrets),
                )
            )
        if waived:
            review.notes.append(
                f"{waived} policy finding(s) waived by suppressions (each has a reason and an expiry)."
            )
