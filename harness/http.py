"""HTTP checks with retry and timeout, like Terratest's `http_helper.HttpGetWithRetry`.

Why: a freshly applied stage is not answering yet (DNS, cold starts, CDN
propagation); a check must retry a bounded number of times with a timeout
per request, and its failure must say what the last attempt saw.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

BODY_SHOWN = 300


@dataclass(frozen=True)
class HttpResponse:
    """What one GET returned."""

    status: int
    body: str
    headers: dict[str, str]


class HttpCheckError(AssertionError):
    """Every attempt failed; the message lists the attempts and what each saw."""


def http_get(url: str, timeout_seconds: float = 10, headers: dict[str, str] | None = None) -> HttpResponse:
    """One GET; an HTTP error status is a response, not an exception."""
    request = urllib.request.Request(url, headers=headers or {}, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout_seconds) as response:
            body = response.read().decode("utf-8", "replace")
            return HttpResponse(response.status, body, dict(response.headers))
    except urllib.error.HTTPError as error:
        return HttpResponse(error.code, error.read().decode("utf-8", "replace"), dict(error.headers or {}))


def _verdict(response, expected_status, expected_body_contains, predicate) -> str | None:
    """None when the response is what we wait for, else why not."""
    if response.status != expected_status:
        return f"status {response.status} (want {expected_status}), body {response.body[:BODY_SHOWN]!r}"
    if expected_body_contains is not None and expected_body_contains not in response.body:
        return f"body lacks {expected_body_contains!r}: {response.body[:BODY_SHOWN]!r}"
    if predicate is not None and not predicate(response):
        return f"predicate refused status {response.status}, body {response.body[:BODY_SHOWN]!r}"
    return None


def http_get_with_retry(
    url: str,
    expected_status: int = 200,
    expected_body_contains: str | None = None,
    predicate: Callable[[HttpResponse], bool] | None = None,
    retries: int = 10,
    sleep_seconds: float = 3,
    timeout_seconds: float = 10,
    headers: dict[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> HttpResponse:
    """GET `url` until it answers `expected_status` (and body/predicate hold), at most `retries` + 1 times.

    Connection errors and timeouts count as failed attempts. Raises
    HttpCheckError naming every attempt's outcome when none succeeds.
    """
    if retries < 0 or sleep_seconds < 0 or timeout_seconds <= 0:
        raise ValueError(
            f"retries={retries}, sleep_seconds={sleep_seconds}, timeout_seconds={timeout_seconds}: "
            "retries and sleep must be >= 0 and the timeout > 0"
        )
    attempts: list[str] = []
    for attempt in range(retries + 1):
        try:
            response = http_get(url, timeout_seconds, headers)
            why_not = _verdict(response, expected_status, expected_body_contains, predicate)
        except (urllib.error.URLError, OSError) as error:
            why_not = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
        if why_not is None:
            return response
        attempts.append(f"  attempt {attempt + 1}: {why_not}")
        if attempt < retries:
            sleep(sleep_seconds)
    raise HttpCheckError(f"GET {url} did not succeed after {retries + 1} attempts:\n" + "\n".join(attempts))
