"""Human-readable report for terminals and CI logs."""

from __future__ import annotations

from policies.reporters import location, summary


def render(result) -> str:
    lines = []
    for finding in result.findings:
        status = "SUPPRESSED" if finding.suppressed_by else finding.severity.value.upper()
        lines.append(f"{status:<10} {finding.rule_id} [{finding.stage}] {location(finding)}")
        lines.append(f"           {finding.message}")
        if finding.suppressed_by:
            lines.append(f"           suppressed: {finding.suppressed_by}")
        elif finding.fix:
            lines.append(f"           fix: {finding.fix}")
        lines.append(f"           in {finding.file}")
    counts = summary(result)
    verdict = "PASSED" if counts["passed"] else "FAILED"
    lines.append(
        f"{verdict}: {counts['errors']} error(s), {counts['warnings']} warning(s), "
        f"{counts['notes']} note(s), "
        f"{counts['suppressed']} suppressed; {counts['files']} file(s) "
        f"[{', '.join(counts['stages'])}], {counts['rules']} rules"
    )
    return "\n".join(lines) + "\n"
