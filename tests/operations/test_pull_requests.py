"""`GitHubPullRequests` against a loopback HTTP server that answers like the GitHub REST API."""

import json
from http.server import BaseHTTPRequestHandler

import pytest

from harness.loopback import loopback_server
from operations.pull_requests import GitHubPullRequests, PullRequestLookupError, PullRequestsInRepositories
from stages.errors import SgctError

STATES = {
    "/repos/acme/app/pulls/1": "closed",
    "/repos/acme/app/pulls/2": "open",
    "/repos/acme/infra/pulls/2": "closed",
    "/repos/acme/infra/pulls/3": "closed",
}


@pytest.fixture(scope="module")
def github():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((self.path, self.headers.get("Authorization")))
            state = STATES.get(self.path)
            body = json.dumps({"state": state} if state else {"message": "Not Found"}).encode()
            self.send_response(200 if state else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with loopback_server(Handler) as url:
        yield url, seen


def test_closed_and_open_pull_requests(github):
    url, seen = github
    lookup = GitHubPullRequests("acme/app", "token-123", url)
    assert lookup.is_closed(1) is True and lookup.is_closed(2) is False
    assert seen[-1] == ("/repos/acme/app/pulls/2", "Bearer token-123")


def test_an_unknown_pull_request_is_an_error_not_an_answer(github):
    url, _ = github
    with pytest.raises(PullRequestLookupError, match="#7 of acme/app: GitHub answered 404"):
        GitHubPullRequests("acme/app", None, url).is_closed(7)


def test_an_unreachable_api_is_an_error():
    with pytest.raises(PullRequestLookupError, match="#1 of acme/app"):
        GitHubPullRequests("acme/app", None, "http://127.0.0.1:9").is_closed(1)


@pytest.mark.parametrize("repository", ["", "acme", "acme/app; rm -rf /", "../x/y"])
def test_a_bad_repository_is_unusable_input(repository):
    with pytest.raises(SgctError, match="not owner/name") as error:
        GitHubPullRequests(repository, None)
    assert error.value.exit_code == 2


def test_pr_n_of_two_repositories_is_closed_only_when_none_has_it_open(github):
    url, _ = github
    both = PullRequestsInRepositories([GitHubPullRequests(r, None, url) for r in ("acme/infra", "acme/app")])
    assert both.is_closed(1) is True  # closed in app, unknown in infra
    assert both.is_closed(2) is False  # closed in infra, open in app: someone uses pr-2
    assert both.is_closed(3) is True
    with pytest.raises(PullRequestLookupError, match="404"):
        both.is_closed(8)
    with pytest.raises(SgctError, match="--repository"):
        PullRequestsInRepositories([])
