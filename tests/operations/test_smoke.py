"""The smoke check against loopback HTTP servers; a failing one rolls the aliases back on moto."""

import contextlib
import http.server

import pytest

from harness.loopback import loopback_server
from operations.errors import OperationError, OperationInputError
from operations.smoke import SmokeCheck, run_smoke, smoke_or_rollback, stage_urls
from stages import resolve_stage
from tests.operations.lambda_fixtures import function_with_versions, live_version

API = "sgcarstrends-dev-api"


@pytest.fixture
def server():
    """`server(status)`: a loopback HTTP server answering every GET with `status`; its base URL."""
    with contextlib.ExitStack() as servers:

        def start(status: int) -> str:
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b'{"status":"ok"}' if status == 200 else b"upstream failed"
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

                def log_message(self, *args):
                    pass

            return servers.enter_context(loopback_server(Handler))

        yield start


def _no_sleep(_seconds):
    pass


def test_stage_urls_are_the_api_health_and_the_web_root():
    assert stage_urls(resolve_stage("prod")) == (
        "https://api.sgcarstrends.com/health",
        "https://sgcarstrends.com/",
    )


def test_healthy_stage_passes_and_nothing_moves(server, aws):
    function_with_versions(aws, API, versions=2, live="2")
    base = server(200)
    logged = []
    check = SmokeCheck((f"{base}/health", f"{base}/"), retries=1)
    smoke_or_rollback(check, aws, {API: "1"}, logged.append, sleep=_no_sleep)
    assert live_version(aws, API) == "2"
    assert logged == [f"smoke check passed: {base}/health, {base}/"]


def test_a_failed_smoke_check_rolls_back_and_fails(server, aws):
    function_with_versions(aws, API, versions=2, live="2")
    healthy, broken = server(200), server(500)
    logged = []
    check = SmokeCheck((f"{broken}/health", f"{healthy}/"), retries=2)
    with pytest.raises(OperationError, match="smoke check failed after apply; rolled back 1 function"):
        smoke_or_rollback(check, aws, {API: "1"}, logged.append, sleep=_no_sleep)
    assert live_version(aws, API) == "1"
    assert any("did not succeed after 3 attempts" in line and "status 500" in line for line in logged)
    assert f"rolled back {API}: live 2 -> 1" in logged


def test_failures_name_each_failing_url(server):
    broken = server(503)
    failures = run_smoke(SmokeCheck((f"{broken}/health",), retries=0), sleep=_no_sleep)
    assert len(failures) == 1 and f"GET {broken}/health" in failures[0] and "status 503" in failures[0]


def test_urls_must_be_http():
    with pytest.raises(OperationInputError, match="must be http"):
        SmokeCheck(("ftp://example.com",))
