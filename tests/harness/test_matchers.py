"""Matchers: partial objects, exact arrays, Match.* and Capture, each matching and failing."""

import pytest

from harness.matchers import Capture, Match, match

BODY = {
    "runtime": "nodejs22.x",
    "architectures": ["arm64"],
    "environment": {"variables": {"STAGE": "dev", "X": "1"}},
    "layers": ["a", "b", "c"],
    "timeout": 120,
}


def test_plain_dicts_match_partially_and_deeply():
    assert match({"environment": {"variables": {"STAGE": "dev"}}}, BODY) == []
    [mismatch] = match({"environment": {"variables": {"STAGE": "prod"}}}, BODY)
    assert mismatch.path == "/environment/variables/STAGE" and "'prod'" in mismatch.message


def test_plain_lists_must_match_exactly():
    assert match({"architectures": ["arm64"]}, BODY) == []
    assert "expected 2 elements, got 1" in match({"architectures": ["arm64", "x86_64"]}, BODY)[0].message


def test_missing_key_is_named():
    [mismatch] = match({"memory_size": 512}, BODY)
    assert (mismatch.path, mismatch.message) == ("/memory_size", "missing key (expected 512)")


def test_types_are_not_coerced_but_int_equals_float():
    assert match({"timeout": 120.0}, BODY) == []
    assert match({"timeout": "120"}, BODY)[0].message == "expected '120', got 120"


def test_exact_and_object_equals_refuse_extra_keys():
    assert match({"environment": Match.exact({"variables": {"STAGE": "dev", "X": "1"}})}, BODY) == []
    [extra] = match({"environment": {"variables": Match.object_equals({"STAGE": "dev"})}}, BODY)
    assert extra.path == "/environment/variables/X" and extra.message == "unexpected key"


def test_array_with_is_an_ordered_subset():
    assert match({"layers": Match.array_with(["a", "c"])}, BODY) == []
    assert match({"layers": Match.array_with(["c", "a"])}, BODY) != []


def test_any_value_absent_regexp_not():
    assert match({"runtime": Match.any_value(), "handler": Match.absent()}, BODY) == []
    assert match({"handler": Match.any_value()}, BODY) != []
    assert match({"runtime": Match.absent()}, BODY)[0].message.startswith("expected the key to be absent")
    assert match({"runtime": Match.string_like_regexp(r"^nodejs2\d")}, BODY) == []
    assert match({"runtime": Match.string_like_regexp(r"^python")}, BODY) != []
    assert match({"runtime": Match.not_("nodejs18.x")}, BODY) == []
    assert match({"runtime": Match.not_("nodejs22.x")}, BODY) != []


def test_capture_records_and_types():
    runtime, variables = Capture(), Capture(Match.object_like({"STAGE": "dev"}))
    assert match({"runtime": runtime, "environment": {"variables": variables}}, BODY) == []
    assert runtime.as_string() == "nodejs22.x"
    assert variables.as_object()["X"] == "1"
    with pytest.raises(AssertionError, match="not a number"):
        runtime.as_number()


def test_capture_with_failing_pattern_records_nothing():
    capture = Capture(Match.string_like_regexp("^python"))
    assert match({"runtime": capture}, BODY) != []
    with pytest.raises(AssertionError, match="matched nothing"):
        capture.as_string()


def test_capture_next_walks_values():
    capture = Capture()
    for value in ("a", "b"):
        match(capture, value)
    assert capture.as_string() == "a" and capture.next() and capture.as_string() == "b" and not capture.next()


POLICY = (
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
    '"Action": ["logs:CreateLogStream", "logs:PutLogEvents"], '
    '"Resource": "${aws_cloudwatch_log_group.api_log_group_D8F7C43B.arn}:*"}]}'
)


def test_serialized_json_matches_a_policy_string_with_references():
    pattern = Match.serialized_json(
        {
            "Statement": [
                {
                    "Action": Match.array_with(["logs:PutLogEvents"]),
                    "Resource": Match.string_like_regexp(r"^\$\{aws_cloudwatch_log_group\..*\.arn\}:\*$"),
                }
            ]
        }
    )
    assert match(pattern, POLICY) == []
    [mismatch] = match(Match.serialized_json({"Statement": [{"Effect": "Deny"}]}), POLICY)
    assert mismatch.path == "(json)/Statement/0/Effect" and "'Deny'" in mismatch.message


def test_serialized_json_refuses_what_is_not_json():
    [mismatch] = match(Match.serialized_json({}), "${jsonencode({a = 1})}")
    assert "a Terraform expression, not JSON" in mismatch.message
    assert "expected a JSON string" in match(Match.serialized_json({}), {"a": 1})[0].message


def test_array_with_any_order():
    actions = ["s3:PutObject", "s3:GetObject", "s3:ListBucket"]
    assert match(Match.array_with(["s3:GetObject", "s3:PutObject"]), actions) != [], "in order by default"
    assert match(Match.array_with(["s3:GetObject", "s3:PutObject"], any_order=True), actions) == []
    [mismatch] = match(Match.array_with(["s3:GetObject", "s3:GetObject"], any_order=True), actions)
    assert "any order" in mismatch.message, "each pattern element needs its own array element"


def test_array_with_any_order_assigns_overlapping_patterns():
    """Greedy would give "a" to the regexp and leave nothing for the literal."""
    pattern = Match.array_with([Match.string_like_regexp("^[ab]$"), "a"], any_order=True)
    assert match(pattern, ["a", "b"]) == []


def test_capture_in_any_order_keeps_only_the_assigned_values():
    captured = Capture(Match.string_like_regexp("^s3:"))
    assert match(Match.array_with([captured, "x"], any_order=True), ["x", "s3:Get"]) == []
    assert captured.values == ["s3:Get"]
