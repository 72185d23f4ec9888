"""Machine-readable JSON report (stable keys, one object per finding)."""

from __future__ import annotations

import json

from policies.reporters import rule_infos, summary

SCHEMA_VERSION = 1


def finding_dict(finding) -> dict:
    return {
        "rule_id": finding.rule_id,
        "title": finding.title,
        "severity": finding.severity.value,
        "stage": finding.stage,
        "address": finding.address,
        "construct_path": finding.construct_path,
        "message": finding.message,
        "fix": finding.fix,
        "file": finding.file,
        "suppressed": finding.suppressed_by is not None,
        "suppression_reason": finding.suppressed_by,
    }


def render(result) -> str:
    report = {
        "schema_version": SCHEMA_VERSION,
        "summary": summary(result),
        "files": [{"path": d.path, "kind": d.kind.value, "stage": d.stage.name} for d in result.documents],
        "rules": [
            {
                "id": r.id,
                "slug": r.slug,
                "title": r.title,
                "severity": r.severity.value,
                "stages": r.stages,
                "inputs": r.inputs,
                "fix": r.fix,
            }
            for r in rule_infos(result)
        ],
        "findings": [finding_dict(finding) for finding in result.findings],
    }
    return json.dumps(report, indent=2) + "\n"
