"""Matchers and captures for partial assertions on Terraform JSON.

Why: modelled on AWS CDK's `assertions` (`Match`, `Capture`), so an engineer
who knows that API can assert on our stacks without reading this file. A
plain dict in a pattern matches partially (deeply: extra keys are fine), a
plain list must match element for element; `Match.*` changes that locally.
Every mismatch is reported as a path plus what differed, so a failure says
which key to look at.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mismatch:
    """One difference: where (`/environment/variables/STAGE`) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message}"


class Matcher:
    """A pattern element with its own rule; `test` returns the mismatches (empty = match)."""

    absent_ok = False  # True only for Match.absent(): may match a missing key

    def test(self, actual: Any, path: str) -> list[Mismatch]:  # pragma: no cover - interface
        raise NotImplementedError


def match(pattern: Any, actual: Any, path: str = "", partial_objects: bool = True) -> list[Mismatch]:
    """Every way `actual` differs from `pattern` (dicts partial by default, lists exact)."""
    if isinstance(pattern, Matcher):
        return pattern.test(actual, path)
    if isinstance(pattern, dict):
        return _match_object(pattern, actual, path, partial=partial_objects)
    if isinstance(pattern, (list, tuple)):
        if not isinstance(actual, list):
            return [Mismatch(path, f"expected an array, got {_show(actual)}")]
        if len(actual) != len(pattern):
            return [Mismatch(path, f"expected {len(pattern)} elements, got {len(actual)}: {_show(actual)}")]
        found = []
        for index, (want, have) in enumerate(zip(pattern, actual, strict=True)):
            found += match(want, have, f"{path}/{index}", partial_objects)
        return found
    if type(pattern) is not type(actual) and not (_is_number(pattern) and _is_number(actual)):
        return [Mismatch(path, f"expected {_show(pattern)}, got {_show(actual)}")]
    return [] if pattern == actual else [Mismatch(path, f"expected {_show(pattern)}, got {_show(actual)}")]


def _match_object(pattern: dict, actual: Any, path: str, partial: bool) -> list[Mismatch]:
    if not isinstance(actual, dict):
        return [Mismatch(path, f"expected an object, got {_show(actual)}")]
    found = []
    for key, want in pattern.items():
        child = f"{path}/{key}"
        if key not in actual:
            if not (isinstance(want, Matcher) and want.absent_ok):
                found.append(Mismatch(child, f"missing key (expected {_show(want)})"))
            continue
        found += match(want, actual[key], child, partial)
    if not partial:
        found += [Mismatch(f"{path}/{key}", "unexpected key") for key in actual if key not in pattern]
    return found


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _show(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Exact(Matcher):
    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern

    def test(self, actual, path):
        return match(self.pattern, actual, path, partial_objects=False)

    def __repr__(self):
        return f"Match.exact({self.pattern!r})"


class _ObjectLike(Matcher):
    def __init__(self, pattern: dict, partial: bool) -> None:
        self.pattern, self.partial = pattern, partial

    def test(self, actual, path):
        return _match_object(self.pattern, actual, path, self.partial)

    def __repr__(self):
        return f"Match.{'object_like' if self.partial else 'object_equals'}({self.pattern!r})"


class _ArrayWith(Matcher):
    """The pattern's elements appear in the array, other elements in between allowed.

    In order by default (as CDK's `arrayWith`); with `any_order=True` each
    pattern element must match a different array element, in any order
    (IAM actions, security group rules, aliases: lists whose order means nothing).
    """

    def __init__(self, pattern: list, any_order: bool = False) -> None:
        self.pattern = list(pattern)
        self.any_order = any_order

    def test(self, actual, path):
        if not isinstance(actual, list):
            return [Mismatch(path, f"expected an array, got {_show(actual)}")]
        if self.any_order:
            return self._test_any_order(actual, path)
        position = 0
        for want in self.pattern:
            while position < len(actual) and match(want, actual[position], path):
                position += 1
            if position == len(actual):
                return [Mismatch(path, f"no element matching {_show(want)} (in order) in {_show(actual)}")]
            position += 1
        return []

    def _test_any_order(self, actual: list, path: str) -> list[Mismatch]:
        # Which array elements each pattern element matches, then a distinct assignment
        # (augmenting paths: small arrays, and greedy would fail on overlapping patterns).
        before = [len(capture.values) for capture in captures_in(self.pattern)]
        candidates = [
            [index for index, have in enumerate(actual) if not match(want, have, path)]
            for want in self.pattern
        ]
        owner: dict[int, int] = {}

        def assign(wanted: int, seen: set[int]) -> bool:
            for index in candidates[wanted]:
                if index not in seen:
                    seen.add(index)
                    if index not in owner or assign(owner[index], seen):
                        owner[index] = wanted
                        return True
            return False

        unmatched = [want for number, want in enumerate(self.pattern) if not assign(number, set())]
        if not unmatched:  # captures keep what the final assignment matched, not every trial
            captures = captures_in(self.pattern)
            for capture, length in zip(captures, before, strict=True):
                del capture.values[length:]
            for index, wanted in sorted(owner.items(), key=lambda item: item[1]):
                match(self.pattern[wanted], actual[index], path)
        return [
            Mismatch(path, f"no element matching {_show(want)} (any order) in {_show(actual)}")
            for want in unmatched
        ]

    def __repr__(self):
        suffix = ", any_order=True" if self.any_order else ""
        return f"Match.array_with({self.pattern!r}{suffix})"


class _SerializedJson(Matcher):
    """A string holding JSON (an IAM policy, a container definition) whose parsed value matches.

    Terraform references inside the JSON (`"${aws_s3_bucket.x.arn}/*"`) are
    plain strings to the parser, so they match literally or with
    `Match.string_like_regexp`. `${jsonencode(...)}` is HCL, not JSON, and is
    reported as such.
    """

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern

    def test(self, actual, path):
        if not isinstance(actual, str):
            return [Mismatch(path, f"expected a JSON string, got {_show(actual)}")]
        try:
            parsed = json.loads(actual)
        except ValueError as error:
            hint = " (a Terraform expression, not JSON)" if actual.startswith("${") else ""
            return [Mismatch(path, f"expected a JSON string{hint}, got {_show(actual)}: {error}")]
        return match(self.pattern, parsed, f"{path}(json)")

    def __repr__(self):
        return f"Match.serialized_json({self.pattern!r})"


class _AnyValue(Matcher):
    def test(self, actual, path):
        return [] if actual is not None else [Mismatch(path, "expected any value, got None")]

    def __repr__(self):
        return "Match.any_value()"


class _Absent(Matcher):
    absent_ok = True

    def test(self, actual, path):
        return [Mismatch(path, f"expected the key to be absent, got {_show(actual)}")]

    def __repr__(self):
        return "Match.absent()"


class _Regexp(Matcher):
    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def test(self, actual, path):
        if isinstance(actual, str) and self.pattern.search(actual):
            return []
        return [Mismatch(path, f"expected a string matching /{self.pattern.pattern}/, got {_show(actual)}")]

    def __repr__(self):
        return f"Match.string_like_regexp({self.pattern.pattern!r})"


class _Not(Matcher):
    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern

    def test(self, actual, path):
        if match(self.pattern, actual):
            return []
        return [Mismatch(path, f"expected anything but {_show(self.pattern)}")]

    def __repr__(self):
        return f"Match.not_({self.pattern!r})"


class Match:
    """Factories, as in aws-cdk-lib/assertions: `Match.object_like({...})`, `Match.absent()`, ..."""

    exact = staticmethod(lambda pattern: _Exact(pattern))
    object_like = staticmethod(lambda pattern: _ObjectLike(pattern, partial=True))
    object_equals = staticmethod(lambda pattern: _ObjectLike(pattern, partial=False))
    array_with = staticmethod(lambda pattern, any_order=False: _ArrayWith(pattern, any_order))
    any_value = staticmethod(lambda: _AnyValue())
    absent = staticmethod(lambda: _Absent())
    string_like_regexp = staticmethod(lambda pattern: _Regexp(pattern))
    not_ = staticmethod(lambda pattern: _Not(pattern))
    serialized_json = staticmethod(lambda pattern: _SerializedJson(pattern))


@dataclass(eq=False)
class Capture(Matcher):
    """Matches like `pattern` (any value by default) and records what it matched.

    After an assertion, `as_string()`/`as_number()`/`as_object()`/... return the
    first value; `next()` moves to the next one when several resources matched.
    """

    pattern: Any = None
    values: list = field(default_factory=list)
    _index: int = 0

    def test(self, actual, path):
        pattern = _AnyValue() if self.pattern is None else self.pattern
        found = match(pattern, actual, path)
        if not found:
            self.values.append(actual)
        return found

    def next(self) -> bool:
        """Advance to the next captured value; False when there is none."""
        if self._index + 1 >= len(self.values):
            return False
        self._index += 1
        return True

    @property
    def value(self) -> Any:
        if not self.values:
            raise AssertionError("Capture matched nothing: the assertion using it did not match any value")
        return self.values[self._index]

    def _typed(self, kind: type | tuple, name: str):
        value = self.value
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise AssertionError(f"captured value is not {name}: {_show(value)}")
        return value

    def as_string(self) -> str:
        return self._typed(str, "a string")

    def as_number(self) -> float:
        return self._typed((int, float), "a number")

    def as_boolean(self) -> bool:
        return self._typed(bool, "a boolean")

    def as_array(self) -> list:
        return self._typed(list, "an array")

    def as_object(self) -> dict:
        return self._typed(dict, "an object")


def captures_in(pattern: Any) -> list[Capture]:
    """Every Capture inside a pattern (so a failed candidate's captures can be rolled back)."""
    if isinstance(pattern, Capture):
        return [pattern, *captures_in(pattern.pattern)]
    if isinstance(pattern, Matcher):
        return [c for value in vars(pattern).values() for c in captures_in(value)]
    if isinstance(pattern, dict):
        return [c for value in pattern.values() for c in captures_in(value)]
    if isinstance(pattern, (list, tuple)):
        return [c for value in pattern for c in captures_in(value)]
    return []
