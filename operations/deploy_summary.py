"""What a deploy tells people: the job summary (markdown) and the log (stderr).

Everything shown was redacted on the way in: policy findings are built from
redacted values, the plan review masks sensitive leaves and scrubs the
plan's known secrets. Written once, whether the deploy applied or stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from operations.errors import OperationError
from operations.job_summary import append_summary
from operations.plan_gate import GateResult
from policies.engine import CheckResult
from policies.reporters import render


@dataclass
class DeploySummary:
    stage: str
    outcome: str = "not applied"
    stack_check: CheckResult | None = None
    plan_check: CheckResult | None = None
    gate: GateResult | None = None
    review_markdown: str = ""
    stopped: list[str] = field(default_factory=list)

    def stop(self, reason: str) -> OperationError:
        """Record why the deploy stops before apply; the caller raises the returned error."""
        self.stopped.append(reason)
        self.outcome = "stopped before apply"
        return OperationError(f"deploy of {self.stage} stopped before apply: {reason} (see the job summary)")

    def review_plan(self, plan: dict, source: Path) -> None:
        from review.plan_changes import review_plan
        from review.render import render_comment
        from review.stage_info import ReviewInputError

        try:
            reviewed = review_plan(self.stage, plan, source)
        except (ReviewInputError, ValueError) as error:
            self.review_markdown = f"_The plan review could not be rendered: {error}_\n"
            return
        self.review_markdown = render_comment(
            [reviewed.review], reviewed.known_secrets, title=f"Plan applied by sgct deploy {self.stage}"
        )

    def markdown(self) -> str:
        parts = [f"## sgct deploy {self.stage}: {self.outcome}", ""]
        parts += [f"- **stopped**: {reason}" for reason in self.stopped]
        for title, result in (("Synthesized stack", self.stack_check), ("Plan", self.plan_check)):
            if result is not None:
                parts += ["", f"#### {title}", "", render(result, "markdown")]
        if self.gate is not None:
            parts += ["", "#### Destroys and replacements", "", *_gate_lines(self.gate)]
        if self.review_markdown:
            parts += ["", self.review_markdown]
        return "\n".join(parts) + "\n"

    def publish(self, log: Callable[[str], None]) -> None:
        """Findings to the log, everything to the job summary."""
        for result in (self.stack_check, self.plan_check):
            if result is not None and result.blocking:
                log(render(result, "text").rstrip())
        path = append_summary(self.markdown())
        log(f"deploy of {self.stage}: {self.outcome}" + (f" (job summary: {path})" if path else ""))


def _gate_lines(result: GateResult) -> list[str]:
    if not result.destructions:
        return ["None."]
    guard = "needs a reviewed override" if result.guarded else "allowed on this stage"
    lines = [f"Stage `{result.stage}`: every destroy or replace {guard}.", ""]
    lines += ["| address | change | decision |", "|---|---|---|"]
    overridden = {entry.address for entry in result.overridden}
    refused = {entry.address for entry in result.refused}
    for entry in result.destructions:
        if entry.address in overridden:
            decision = f"override: {result.override_reason}".replace("|", "\\|").replace("\n", " ")
        elif entry.address in refused:
            decision = "**refused**: no override"
        else:
            decision = "allowed"
        lines.append(f"| `{entry.address}` | {entry.kind} | {decision} |")
    return lines
