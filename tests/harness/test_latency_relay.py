"""The latency relay delays each direction by its delay, keeps the bytes, and overlaps connections."""

import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import pytest

from harness.latency_relay import latency_relay, main
from harness.loopback import loopback_server

ONE_WAY_MS = 100


class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[::-1])

    def log_message(self, *args):
        pass


def _post(url: str, body: bytes) -> tuple[bytes, float]:
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, data=body, method="POST"), timeout=10) as reply:
        return reply.read(), time.perf_counter() - started


@pytest.fixture
def relayed_url():
    with loopback_server(Echo) as url, latency_relay(urlsplit(url).port, ONE_WAY_MS) as port:
        yield f"http://127.0.0.1:{port}/"


def test_a_request_pays_one_round_trip_and_its_bytes_arrive_intact(relayed_url):
    body = bytes(range(256)) * 4096  # 1 MiB: many chunks each way
    reply, elapsed = _post(relayed_url, body)
    assert reply == body[::-1]
    assert 2 * ONE_WAY_MS / 1000 <= elapsed < 2 * ONE_WAY_MS / 1000 + 0.5


def test_concurrent_connections_wait_side_by_side_not_in_turn(relayed_url):
    with ThreadPoolExecutor(max_workers=8) as pool:
        started = time.perf_counter()
        replies = list(pool.map(lambda n: _post(relayed_url, str(n).encode())[0], range(8)))
        elapsed = time.perf_counter() - started
    assert replies == [str(n).encode()[::-1] for n in range(8)]
    assert elapsed < 4 * 2 * ONE_WAY_MS / 1000, f"8 requests took {elapsed:.2f} s: serialized"


@pytest.mark.parametrize("argv", [[], ["8080"], ["not-a-port", "5"], ["8080", "-1"], ["99999", "5"]])
def test_a_bad_invocation_is_refused_with_usage(argv, capsys):
    assert main(argv) == 2
    assert "usage: python -m harness.latency_relay TARGET_PORT ONE_WAY_MS" in capsys.readouterr().err
