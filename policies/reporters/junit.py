"""JUnit XML report: one test suite per checked file, one test case per rule that ran.

Why per rule: CI dashboards then show every rule as passed, failed or
skipped (suppressed) per stage, not only the failures.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from policies.reporters import location, summary


def _case(suite: ET.Element, classname: str, name: str, findings: list) -> None:
    case = ET.SubElement(suite, "testcase", classname=classname, name=name, time="0")
    blocking = [f for f in findings if f.is_blocking]
    others = [f for f in findings if not f.is_blocking and not f.suppressed_by]
    suppressed = [f for f in findings if f.suppressed_by]
    if blocking:
        failure = ET.SubElement(
            case, "failure", type="error", message=f"{len(blocking)} finding(s): {blocking[0].message}"
        )
        failure.text = "\n".join(f"{location(f)}: {f.message}\nfix: {f.fix}" for f in blocking)
    elif suppressed and not others:
        ET.SubElement(
            case, "skipped", message="suppressed: " + "; ".join(sorted({f.suppressed_by for f in suppressed}))
        )
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(
            f"{f.severity.value}: {location(f)}: {f.message}" for f in others
        )


def render(result) -> str:
    by_file = defaultdict(list)
    for finding in result.findings:
        by_file[finding.file].append(finding)
    root = ET.Element("testsuites", name="sgct policies")
    for document in result.documents:
        suite = ET.SubElement(root, "testsuite", name=f"{document.stage.name}: {document.path}")
        rule_ids = sorted(result.applied.get(document.path, ()))
        for rule_id in rule_ids:
            rule = result.rules[rule_id]
            findings = [f for f in by_file[document.path] if f.rule_id == rule_id]
            _case(suite, f"policies.{document.stage.name}", f"{rule_id} {rule.slug}", findings)
        _counts(suite)
    notices = [f for file, items in by_file.items() for f in items if file not in result.applied]
    if notices:
        suite = ET.SubElement(root, "testsuite", name="suppressions")
        for finding in notices:
            _case(
                suite,
                "policies.suppressions",
                f"{finding.rule_id} {finding.address} ({finding.file})",
                [finding],
            )
        _counts(suite)
    _counts(root)
    root.set("errors", "0")
    ET.indent(root)
    counts = summary(result)
    comment = f"<!-- {'PASSED' if counts['passed'] else 'FAILED'}: {counts['errors']} error(s) -->\n"
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + comment + ET.tostring(root, encoding="unicode") + "\n"


def _counts(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(case.find("failure") is not None for case in cases)))
    element.set("skipped", str(sum(case.find("skipped") is not None for case in cases)))
    element.set("errors", "0")
