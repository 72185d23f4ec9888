"""Markdown report for pull-request comments and job summaries."""

from __future__ import annotations

from policies.reporters import summary

ICONS = {"error": "❌ error", "warning": "⚠️ warning", "note": "ℹ️ note"}


def _cell(text) -> str:
    return str(text or "").replace("|", "\\|").replace("\n", " ")


def render(result) -> str:
    counts = summary(result)
    verdict = "passed" if counts["passed"] else "failed"
    lines = [
        f"### Policy check {verdict}",
        "",
        f"{counts['errors']} error(s), {counts['warnings']} warning(s), {counts['notes']} note(s), "
        f"{counts['suppressed']} suppressed; stages: {', '.join(counts['stages']) or 'none'}; "
        f"{counts['files']} file(s), {counts['rules']} rules.",
        "",
    ]
    if result.findings:
        lines += [
            "| severity | rule | stage | resource | construct path | message | fix |",
            "|---|---|---|---|---|---|---|",
        ]
        for f in result.findings:
            severity = "suppressed" if f.suppressed_by else ICONS[f.severity.value]
            message = f.message + (f" (suppressed: {f.suppressed_by})" if f.suppressed_by else "")
            lines.append(
                f"| {severity} | `{f.rule_id}` {_cell(f.title)} | {_cell(f.stage)} | `{_cell(f.address)}` | "
                f"{'`' + _cell(f.construct_path) + '`' if f.construct_path else ''} | {_cell(message)} | "
                f"{_cell(f.fix)} |"
            )
    else:
        lines.append("No findings.")
    return "\n".join(lines) + "\n"
