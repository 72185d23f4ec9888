"""Every format carries rule, severity, stage, address and construct path; suppressions are visible."""

import json
import xml.etree.ElementTree as ET

from policies.reporters import render


def test_text(result):
    text = render(result, "text")
    assert "ERROR      SGCT003 [dev] aws_lambda_function.api (dev/api)" in text
    assert "SUPPRESSED SGCT004" in text and "Node 18 until the SDK upgrade lands" in text
    assert text.rstrip().endswith("13 rules") and "FAILED: 1 error(s)" in text


def test_json(result):
    report = json.loads(render(result, "json"))
    (finding,) = [f for f in report["findings"] if f["rule_id"] == "SGCT003"]
    assert (finding["stage"], finding["address"], finding["construct_path"], finding["severity"]) == (
        "dev",
        "aws_lambda_function.api",
        "dev/api",
        "error",
    )
    assert report["summary"]["errors"] == 1 and report["summary"]["suppressed"] == 1
    assert {f["stage"] for f in report["files"]} == {"dev", "prod"}


def test_sarif_has_real_levels_and_suppressions(result):
    log = json.loads(render(result, "sarif"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["SGCT003"]["level"] == "error"
    assert rules[results["SGCT003"]["ruleIndex"]]["id"] == "SGCT003"
    assert all(rule["defaultConfiguration"]["level"] in ("error", "warning", "note") for rule in rules)
    assert results["SGCT004"]["suppressions"][0]["justification"].startswith("Node 18")
    location = results["SGCT003"]["locations"][0]
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "aws_lambda_function.api"
    assert results["SGCT003"]["properties"]["constructPath"] == "dev/api"
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("stacks/dev/cdk.tf.json")


def test_junit_has_a_case_per_rule_per_stack(result):
    root = ET.fromstring(render(result, "junit").split("\n", 2)[2])
    suites = {suite.get("name").split(":")[0]: suite for suite in root.iter("testsuite")}
    dev = suites["dev"]
    failures = [case for case in dev.iter("testcase") if case.find("failure") is not None]
    assert [case.get("name") for case in failures] == ["SGCT003 lambda-arm64"]
    skipped = [case.get("name") for case in dev.iter("testcase") if case.find("skipped") is not None]
    assert skipped == ["SGCT004 lambda-nodejs22"]
    assert suites["prod"].get("failures") == "0" and int(suites["prod"].get("tests")) >= 10
    assert root.get("failures") == "1"


def test_markdown(result):
    text = render(result, "markdown")
    assert text.startswith("### Policy check failed")
    assert (
        "| ❌ error | `SGCT003` Lambda functions run on ARM64 | dev | `aws_lambda_function.api` | `dev/api` |"
        in text
    )
    assert "| suppressed | `SGCT004`" in text
