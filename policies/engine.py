"""Run every applicable rule over every document, fail closed, apply suppressions.

Why the engine catches exceptions: a rule that crashes or meets a value it
cannot see (`UnknownValue`) has not shown the resource is fine, so the
crash becomes an error finding of that rule, never a silent pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from policies.context import CheckContext
from policies.inputs.documents import Document
from policies.model import Finding, Severity, UnknownValue, Violation
from policies.registry import Rule, all_rules
from policies.rule_helpers import unverifiable
from policies.suppressions import Suppression, apply_suppressions
from sensitive.plan_redaction import scrub


@dataclass
class CheckResult:
    """Findings (suppressed ones included, flagged) and what was checked."""

    findings: list[Finding]
    documents: list[Document]
    rules: dict[str, Rule]
    applied: dict[str, set[str]] = field(default_factory=dict)
    """`{document path: rule IDs that ran on it}`: what reporters list as passed."""

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.is_blocking]

    @property
    def exit_code(self) -> int:
        """0 when nothing unsuppressed is at error level, else 1."""
        return 1 if self.blocking else 0


def _finding(
    rule: Rule,
    document: Document,
    violation: Violation,
    severity: Severity | None = None,
    message: str | None = None,
) -> Finding:
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        severity=severity or rule.severity,
        message=message or violation.message,
        address=violation.address,
        stage=document.stage.name,
        file=document.path,
        construct_path=document.construct_path(violation.address.split("[", 1)[0]),
        fix=rule.fix,
    )


def run_rule(rule: Rule, document: Document, context: CheckContext | None = None) -> list[Finding]:
    """One rule on one document; exceptions become error findings of the rule.

    Violations yielded before an exception are kept; an unverifiable value is
    always an error, whatever the rule's default severity.
    """
    findings = []
    try:
        for violation in rule.check(document, context or CheckContext()):
            severity = Severity.ERROR if violation.unverifiable else None
            findings.append(_finding(rule, document, violation, severity))
    except UnknownValue as error:
        findings.append(_finding(rule, document, unverifiable(error), Severity.ERROR))
    except Exception as error:  # noqa: BLE001 - a crashing rule must not pass
        findings.append(
            _finding(
                rule,
                document,
                Violation("(whole file)", ""),
                Severity.ERROR,
                f"rule crashed, so nothing it checks is verified: {type(error).__name__}: {error}",
            )
        )
    return findings


def check_documents(
    documents: list[Document],
    suppressions: list[Suppression] | None = None,
    today: dt.date | None = None,
    rules: dict[str, Rule] | None = None,
    protected_types: frozenset[str] | None = None,
) -> CheckResult:
    """Check `documents` with `rules` (default: all registered) and apply `suppressions`.

    `protected_types` replaces the default list of protected resource types
    for the delete/replace and deletion-protection rules (see `policies.inputs.resource_types`);
    rules receive it in their immutable `CheckContext`, the documents are not changed.
    """
    rules = all_rules() if rules is None else rules
    findings: list[Finding] = []
    applied: dict[str, set[str]] = {}
    context = CheckContext() if protected_types is None else CheckContext(protected_types)
    for document in documents:
        secrets = document.secrets
        applied[document.path] = set()
        for rule in rules.values():
            if rule.applies_to(document):
                applied[document.path].add(rule.id)
                for finding in run_rule(rule, document, context):
                    if secrets:
                        finding = _scrubbed(finding, secrets)
                    findings.append(finding)
    findings = apply_suppressions(findings, suppressions or [], documents, today or dt.date.today())
    return CheckResult(sorted(findings, key=Finding.sort_key), documents, rules, applied)


def _scrubbed(finding: Finding, secrets: set[str]) -> Finding:
    return replace(finding, message=scrub(finding.message, secrets), address=scrub(finding.address, secrets))
