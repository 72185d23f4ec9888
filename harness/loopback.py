"""A loopback HTTP(S) server on a background thread: what a test points a client at.

Why one helper: every test that needs something to answer (a health check,
a webhook, an API, the Lambda stand-ins) needs the same steps: a free port on
127.0.0.1, a serving thread, the base URL, and on exit shutdown, close and
join, so no port or thread outlives the test.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOOPBACK = "127.0.0.1"


@contextmanager
def loopback_server(
    handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None
) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 (HTTPS with `tls`) until the block ends; yields the base URL."""
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
