"""Reporters: turn a `CheckResult` into text, JSON, SARIF 2.1.0, JUnit XML or markdown.

Each reporter is a module with `render(result) -> str`. Every finding they
print carries the rule ID, severity, stage, resource address and construct
path. Messages were built from redacted values, so reporters print them as is.

May import `policies.model`, `policies.suppressions` and `stages`; imported by
the policy CLI and API.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from policies.model import Finding, Severity
from policies.suppressions import META_RULES

FORMATS = {
    "text": "policies.reporters.text",
    "json": "policies.reporters.json_report",
    "sarif": "policies.reporters.sarif",
    "junit": "policies.reporters.junit",
    "markdown": "policies.reporters.markdown",
}


def render(result, format_name: str) -> str:
    """Render `result` in `format_name` (one of FORMATS)."""
    return importlib.import_module(FORMATS[format_name]).render(result)


@dataclass(frozen=True)
class RuleInfo:
    id: str
    slug: str
    title: str
    severity: Severity
    stages: str
    inputs: str
    fix: str
    doc: str


def rule_infos(result) -> list[RuleInfo]:
    """Every rule a report may mention, the engine's meta rules (suppression notices) included."""
    infos = [
        RuleInfo(
            r.id,
            r.slug,
            r.title,
            r.severity,
            r.stages.value,
            ", ".join(sorted(kind.value for kind in r.inputs)),
            r.fix,
            r.doc,
        )
        for r in result.rules.values()
    ]
    for rule_id, (title, severity, scope) in META_RULES.items():
        infos.append(
            RuleInfo(
                rule_id,
                title.lower().replace(" ", "-"),
                title,
                severity,
                scope.value,
                "suppressions file",
                "Fix the finding or renew/delete the suppression.",
                title,
            )
        )
    return infos


def summary(result) -> dict:
    """Counts every reporter shows the same way."""
    active = [f for f in result.findings if f.suppressed_by is None]
    return {
        "files": len(result.documents),
        "stages": sorted({d.stage.name for d in result.documents}),
        "rules": len(result.rules),
        "findings": len(active),
        "errors": sum(f.severity is Severity.ERROR for f in active),
        "warnings": sum(f.severity is Severity.WARNING for f in active),
        "notes": sum(f.severity is Severity.NOTE for f in active),
        "suppressed": len(result.findings) - len(active),
        "passed": result.exit_code == 0,
    }


def location(finding: Finding) -> str:
    """`aws_lambda_function.api (prod/api/function)`."""
    return f"{finding.address} ({finding.construct_path})" if finding.construct_path else finding.address
