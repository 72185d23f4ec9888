"""The engine: crashing rules and unknown values are findings, applicability by stage and input."""

import dataclasses

import pytest

from policies.engine import check_documents
from policies.inputs.config_view import config_document
from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, CONFIG, Rule
from tests.policies.helpers import stack


def make_rule(check, stages=StageScope.ALL, inputs=BOTH, severity=Severity.WARNING):
    return Rule("TEST001", "test", "Test rule", severity, stages, inputs, "fix it", check)


def document(stage="dev"):
    return config_document(f"{stage}/cdk.tf.json", stack(stage, {"aws_s3_bucket.b": {"bucket": "x"}}))


def test_a_rule_that_raises_is_an_error_finding_not_a_pass():
    def crashes(doc, context):
        yield Violation("aws_s3_bucket.b", "first")
        raise KeyError("boom")

    result = check_documents([document()], rules={"TEST001": make_rule(crashes)})
    assert [f.severity for f in result.findings] == [Severity.ERROR, Severity.WARNING]
    assert "rule crashed" in result.findings[0].message and result.exit_code == 1


def test_findings_carry_stage_address_and_construct_path():
    result = check_documents(
        [document("pr-3")], rules={"TEST001": make_rule(lambda d, c: [Violation("aws_s3_bucket.b", "m")])}
    )
    (finding,) = result.findings
    assert (finding.stage, finding.address, finding.construct_path) == ("pr-3", "aws_s3_bucket.b", "pr-3/b")
    assert finding.severity is Severity.WARNING and result.exit_code == 0


def test_rules_only_run_on_their_stages_and_inputs():
    always = lambda d, c: [Violation("x", "m")]  # noqa: E731
    protected = make_rule(always, stages=StageScope.PROTECTED)
    assert check_documents([document("dev")], rules={"TEST001": protected}).findings == []
    assert len(check_documents([document("prod")], rules={"TEST001": protected}).findings) == 1
    plan_only = make_rule(always, inputs=frozenset() | {next(iter(BOTH - CONFIG))})
    assert check_documents([document("prod")], rules={"TEST001": plan_only}).findings == []


def test_rules_get_an_immutable_context_and_the_documents_are_not_changed():
    seen = []

    def records(doc, context):
        seen.append(context)
        return []

    checked = document("prod")
    before = dict(vars(checked))
    check_documents([checked], rules={"TEST001": make_rule(records)}, protected_types=frozenset({"x"}))
    assert seen and seen[0].protected_types == frozenset({"x"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        seen[0].protected_types = frozenset()
    assert {key: value for key, value in vars(checked).items() if key != "index"} == before
