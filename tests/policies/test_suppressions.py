"""Suppressions: validated data; matching by rule, address or construct path and stage; notices."""

import datetime as dt

import pytest

from policies.api import check_paths
from policies.model import InputError
from tests.policies.helpers import lambda_function, stack, write_json
from tests.sgct.commands import check as main

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def stacks(tmp_path):
    for name in ("dev", "staging"):
        write_json(
            tmp_path / "out" / "stacks" / name / "cdk.tf.json",
            stack(
                name,
                {
                    "aws_lambda_function.api": lambda_function(name, architectures=["x86_64"]),
                    "aws_cloudwatch_log_group.api": {
                        "name": f"/aws/lambda/sgcarstrends-{name}-api",
                        "retention_in_days": 7,
                    },
                },
            ),
        )
    return tmp_path / "out"


def write(tmp_path, text):
    path = tmp_path / "suppressions.yaml"
    path.write_text(text)
    return path


ENTRY = """suppressions:
  - rule: SGCT003
    resource: {resource}
    stages: [{stages}]
    reason: "x86 build until the native module ships arm64"
    expires: {expires}
"""


def test_suppression_by_construct_path_scoped_to_one_stage(tmp_path, stacks):
    path = write(tmp_path, ENTRY.format(resource="dev/api", stages="dev", expires="2026-02-01"))
    result = check_paths([stacks], suppressions_file=path, today=TODAY)
    by_stage = {f.stage: f for f in result.findings if f.rule_id == "SGCT003"}
    assert by_stage["dev"].suppressed_by.startswith("x86 build")
    assert by_stage["staging"].suppressed_by is None and result.exit_code == 1


def test_expired_and_unused_suppressions_are_reported(tmp_path, stacks):
    text = ENTRY.format(resource="aws_lambda_function.api", stages='"*"', expires="2026-01-01")
    text += ENTRY.format(resource="aws_lambda_function.gone", stages="dev", expires="2027-01-01").replace(
        "suppressions:\n", ""
    )
    result = check_paths([stacks], suppressions_file=write(tmp_path, text), today=TODAY)
    notices = {f.rule_id: f for f in result.findings if f.rule_id.startswith("SGCT9")}
    assert "expired on 2026-01-01" in notices["SGCT901"].message
    assert "aws_lambda_function.gone" in notices["SGCT902"].message
    assert all(f.suppressed_by is None for f in result.findings)


@pytest.mark.parametrize(
    "text, words",
    [
        (
            ENTRY.format(resource="a.b", stages="dev", expires="2026-02-01").replace(
                '    reason: "x86 build until the native module ships arm64"\n', ""
            ),
            "missing reason",
        ),
        (
            ENTRY.format(resource="a.b", stages="dev", expires="2026-02-01").replace(
                '"x86 build until the native module ships arm64"', '"  "'
            ),
            "missing reason",
        ),
        (ENTRY.format(resource="a.b", stages="dev", expires="soon"), "expires must be a date"),
        (ENTRY.format(resource="a.b", stages="", expires="2026-02-01"), "stages must be"),
        (
            ENTRY.format(resource="a.b", stages="dev", expires="2026-02-01").replace("SGCT003", "SGCT999"),
            "unknown rule",
        ),
        ("suppressions: [1, 2", "not valid YAML"),
        (
            ENTRY.format(resource="a.b", stages="dev", expires="2026-13-31"),
            r"#0: expires must be a date.*'2026-13-31'",
        ),
        (
            ENTRY.format(resource="a.b", stages="dev", expires="2026-02-01T10:00:00"),
            "#0: expires must be a date",
        ),
    ],
)
def test_invalid_suppressions_are_rejected(tmp_path, stacks, text, words):
    with pytest.raises(InputError, match=words):
        check_paths([stacks], suppressions_file=write(tmp_path, text), today=TODAY)


def test_an_impossible_date_is_unusable_input_on_the_command_line(tmp_path, stacks, capsys):
    path = write(tmp_path, ENTRY.format(resource="a.b", stages="dev", expires="2026-13-31"))
    assert main([str(stacks), "--suppressions", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}#0: expires must be a date" in err and "Traceback" not in err


def test_dates_written_as_yaml_dates_or_strings_both_work(tmp_path, stacks):
    for expires in ("2026-02-01", '"2026-02-01"'):
        path = write(tmp_path, ENTRY.format(resource="dev/api", stages="dev", expires=expires))
        result = check_paths([stacks], suppressions_file=path, today=TODAY)
        assert any(f.suppressed_by for f in result.findings if f.rule_id == "SGCT003"), expires
