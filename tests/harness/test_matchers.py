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
