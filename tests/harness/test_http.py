"""http_get_with_retry against a real server on 127.0.0.1 that fails N times first."""

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harness.http import HttpCheckError, http_get_with_retry
from harness.loopback import loopback_server


class _Flaky(BaseHTTPRequestHandler):
    failures_left = 0
    calls = 0

    def do_GET(self):
        type(self).calls += 1
        if type(self).failures_left > 0:
            type(self).failures_left -= 1
            status, body = 503, b"warming up"
        else:
            status, body = 200, b'{"status":"ok"}'
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky_server():
    _Flaky.calls = 0
    with loopback_server(_Flaky) as url:
        yield f"{url}/health"


def test_succeeds_after_failures(flaky_server):
    url = flaky_server
    _Flaky.failures_left = 2
    response = http_get_with_retry(url, 200, expected_body_contains='"ok"', retries=3, sleep_seconds=0.01)
    assert (response.status, _Flaky.calls) == (200, 3)


def test_gives_up_after_bounded_retries_and_reports_each_attempt(flaky_server):
    url = flaky_server
    _Flaky.failures_left = 10
    with pytest.raises(HttpCheckError) as error:
        http_get_with_retry(url, 200, retries=2, sleep_seconds=0.01)
    assert _Flaky.calls == 3
    assert str(error.value).count("status 503 (want 200)") == 3 and "after 3 attempts" in str(error.value)


def test_body_and_predicate_must_hold(flaky_server):
    url = flaky_server
    _Flaky.failures_left = 0
    with pytest.raises(HttpCheckError, match="body lacks 'healthy'"):
        http_get_with_retry(url, expected_body_contains="healthy", retries=0)
    with pytest.raises(HttpCheckError, match="predicate refused"):
        http_get_with_retry(url, predicate=lambda r: "x-missing" in r.headers, retries=0)


def test_connection_refused_is_a_failed_attempt():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    port = server.server_address[1]
    server.server_close()  # nothing listens on this port any more
    with pytest.raises(HttpCheckError, match="attempt 2: .*(Connection refused|Errno)"):
        http_get_with_retry(f"http://127.0.0.1:{port}/", retries=1, sleep_seconds=0.01, timeout_seconds=2)


def test_invalid_bounds_are_refused():
    with pytest.raises(ValueError, match="retries=-1"):
        http_get_with_retry("http://127.0.0.1:1/", retries=-1)
