"""After an apply: does the stage answer? `/health` on the API and the web root, with retries.

Why retries: a fresh deploy is not answering at once (cold starts, alias
propagation); each URL gets a bounded number of attempts, and the failure
says what the last attempts saw. The retry itself is the harness's
(`harness.http.http_get_with_retry`), the one HTTP retry in the repository.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harness.http import HttpCheckError, http_get_with_retry
from operations.aliases import AliasMove
from operations.errors import OperationError, OperationInputError
from operations.rollback import restore
from stages import Stage

HEALTH_PATH = "/health"


@dataclass(frozen=True)
class SmokeCheck:
    """The URLs to check and how patiently."""

    urls: tuple[str, ...]
    retries: int = 10
    """default: 10 more attempts after the first (about a minute with the default sleep)."""
    sleep_seconds: float = 6
    """default: 6 s between attempts."""
    timeout_seconds: float = 10
    """default: 10 s per request."""

    def __post_init__(self) -> None:
        bad = [url for url in self.urls if not url.startswith(("https://", "http://"))]
        if not self.urls or bad:
            raise OperationInputError(f"smoke check URLs must be http(s) URLs; got {list(self.urls)}")


def stage_urls(stage: Stage) -> tuple[str, str]:
    """`https://<api domain>/health` and `https://<web domain>/`."""
    return f"https://{stage.api_domain}{HEALTH_PATH}", f"https://{stage.web_domain}/"


def run_smoke(check: SmokeCheck, sleep: Callable[[float], None] | None = None) -> list[str]:
    """Each URL's failure (what its attempts saw); empty when every URL answered 200."""
    failures = []
    for url in check.urls:
        try:
            http_get_with_retry(
                url,
                retries=check.retries,
                sleep_seconds=check.sleep_seconds,
                timeout_seconds=check.timeout_seconds,
                sleep=sleep or time.sleep,
            )
        except HttpCheckError as error:
            failures.append(str(error))
    return failures


def smoke_or_rollback(
    check: SmokeCheck,
    lambda_client: Any,
    recorded: dict[str, str],
    log: Callable[[str], None],
    sleep: Callable[[float], None] | None = None,
) -> None:
    """Run the smoke check; on failure move the `live` aliases back to `recorded` and raise."""
    failures = run_smoke(check, sleep)
    if not failures:
        log(f"smoke check passed: {', '.join(check.urls)}")
        return
    for failure in failures:
        log(f"smoke check failed: {failure}")
    moves: list[AliasMove] = restore(lambda_client, recorded)
    for move in moves:
        log(f"rolled back {move.function_name}: live {move.from_version} -> {move.to_version}")
    done = f"rolled back {len(moves)} function(s)" if moves else "no alias had moved, nothing rolled back"
    raise OperationError(f"smoke check failed after apply; {done}. Infrastructure changes stay applied.")
