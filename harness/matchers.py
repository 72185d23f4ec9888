"""Matchers and captures for partial assertions on Terraform JSON.

Why: modelled on AWS CDK's `assertions` (`Match`, `Capture`), so an engineer
who knows that API can assert on our stacks without reading this file. A
plain dict in a pattern matches partially (deeply: extra keys are fine), a
plain list must match element for element; `Match.*` changes that locally.
Every mismatch is reported as a path plus what differed, so a failure says
which key to look at.
"""

from __future__ import annotations

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
        for index, (want, have) in enumerate(zip(pattern, actual)):
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
    """The pattern's elements appear in the array, in order, other elements in between allowed."""

    def __init__(self, pattern: list) -> None:
        self.pattern = list(pattern)

    def test(self, actual, path):
        if not isinstance(actual, list):
            return [Mismatch(path, f"expected an array, got {_show(actual)}")]
        position = 0
        for want in self.pattern:
            while position < len(actual) and match(want, actual[position], path):
                position += 1
            if position == len(actual):
                return [Mismatch(path, f"no element matching {_show(want)} (in order) in {_show(actual)}")]
            position += 1
        return []

    def __repr__(self):
        return f"Match.array_with({self.pattern!r})"


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
    array_with = staticmethod(lambda pattern: _ArrayWith(pattern))
    any_value = staticmethod(lambda: _AnyValue())
    absent = staticmethod(lambda: _Absent())
    string_like_regexp = staticmethod(lambda pattern: _Regexp(pattern))
    not_ = staticmethod(lambda pattern: _Not(pattern))


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
