"""Is a pull request still open? A small interface, and its GitHub REST implementation.

Why an interface: the janitor decides from "closed or not", and its tests
must not call GitHub. CI passes `GitHubPullRequests` (the job's
`GITHUB_TOKEN`, read-only `pull-requests: read`); tests pass a fake.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Protocol

from operations.errors import OperationError, OperationInputError

GITHUB_API_URL = "https://api.github.com"
_REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class PullRequestLookupError(OperationError):
    """The pull request's state could not be read (network, permissions, unknown number)."""


class PullRequestLookup(Protocol):
    """What the janitor asks about a `pr-<n>` stage's pull request."""

    def is_closed(self, number: int) -> bool:
        """True when pull request `number` is closed or merged; raises `PullRequestLookupError` if unknown."""
        ...


class GitHubPullRequests:
    """`GET /repos/{owner}/{repo}/pulls/{number}` on the GitHub REST API."""

    def __init__(self, repository: str, token: str | None, api_url: str = GITHUB_API_URL) -> None:
        if not _REPOSITORY.match(repository or ""):
            raise OperationInputError(
                f"repository {repository!r} is not owner/name (set --repository or GITHUB_REPOSITORY)"
            )
        self.repository = repository
        self.token = token
        self.api_url = api_url.rstrip("/")

    def is_closed(self, number: int) -> bool:
        url = f"{self.api_url}/repos/{self.repository}/pulls/{number}"
        request = urllib.request.Request(url, headers={"Accept": "application/vnd.github+json"})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                state = json.load(response).get("state")
        except urllib.error.HTTPError as error:
            raise PullRequestLookupError(
                f"pull request #{number} of {self.repository}: GitHub answered {error.code}; "
                "check the number and that the token may read pull requests"
            ) from None
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise PullRequestLookupError(f"pull request #{number} of {self.repository}: {error}") from None
        if state not in ("open", "closed"):
            raise PullRequestLookupError(
                f"pull request #{number} of {self.repository}: unexpected state {state!r}"
            )
        return state == "closed"


class PullRequestsInRepositories:
    """`pr-<n>` may belong to this repository's or the application's pull request #n (app previews).

    Closed when no repository has #n open and at least one has it closed; unknown (an error)
    when no repository could answer. An open #n anywhere keeps the stage: someone uses it.
    """

    def __init__(self, lookups: list[PullRequestLookup]) -> None:
        if not lookups:
            raise OperationInputError("no repository to look pull requests up in (give --repository)")
        self.lookups = lookups

    def is_closed(self, number: int) -> bool:
        answers, errors = [], []
        for lookup in self.lookups:
            try:
                answers.append(lookup.is_closed(number))
            except PullRequestLookupError as error:
                errors.append(str(error))
        if not answers:
            raise PullRequestLookupError("; ".join(errors))
        return all(answers)
