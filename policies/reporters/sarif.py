"""SARIF 2.1.0 report for code scanning (GitHub, Azure DevOps, IDEs).

Real levels: each result's `level` is the finding's severity (error,
warning, note), and each rule's `defaultConfiguration.level` its default,
so a viewer ranks findings without any online mapping service. Suppressed
findings are kept with a `suppressions` entry carrying the reason.
"""

from __future__ import annotations

import json
from pathlib import Path

from policies.reporters import rule_infos, summary

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SECURITY_SEVERITY = {"error": "8.0", "warning": "5.0", "note": "2.0"}


def _uri(path: str) -> str:
    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return candidate.as_posix()


def _result(finding, index: dict[str, int]) -> dict:
    result = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": finding.severity.value,
        "message": {"text": f"{finding.message} [stage {finding.stage}]"},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": {"uri": _uri(finding.file.split("#", 1)[0])}},
                "logicalLocations": [{"fullyQualifiedName": finding.address, "kind": "resource"}],
            }
        ],
        "partialFingerprints": {"sgct/v1": f"{finding.rule_id}:{finding.stage}:{finding.address}"},
        "properties": {
            "stage": finding.stage,
            "address": finding.address,
            "constructPath": finding.construct_path,
            "fix": finding.fix,
        },
    }
    if finding.suppressed_by:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": finding.suppressed_by}
        ]
    return result


def render(result) -> str:
    infos = rule_infos(result)
    index = {info.id: position for position, info in enumerate(infos)}
    rules = [
        {
            "id": info.id,
            "name": info.slug,
            "shortDescription": {"text": info.title},
            "fullDescription": {"text": info.doc.split("\n\n")[0].replace("\n", " ")},
            "help": {"text": f"{info.doc}\n\nFix: {info.fix}"},
            "defaultConfiguration": {"level": info.severity.value},
            "properties": {
                "stages": info.stages,
                "inputs": info.inputs,
                "security-severity": SECURITY_SEVERITY[info.severity.value],
            },
        }
        for info in infos
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "sgct-policies", "semanticVersion": "1.0.0", "rules": rules}},
                "invocations": [{"executionSuccessful": True, "exitCode": result.exit_code}],
                "results": [_result(finding, index) for finding in result.findings],
                "properties": {"summary": summary(result)},
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"
