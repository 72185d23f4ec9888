"""Loopback stand-ins for what the Lambda service itself does and moto cannot do without Docker.

Why: moto stores functions, aliases and URLs but runs no code, so two calls
between deployed functions would never happen on the local stage: the
revalidation function's HTTPS `HEAD` to the server (through CloudFront and the
function URL) and the warmer's `Invoke` of the server's `live` alias. Each
stand-in below serves one of those calls on 127.0.0.1 by running the target's
real bundle in Node (`harness.node_lambda.invoke`) with the environment
Terraform gave it, and records what it served so a test can assert that the
call arrived and what it carried.

- `function_url_server`: HTTPS with a throwaway self-signed certificate (the
  caller trusts it through `NODE_EXTRA_CA_CERTS`); each request becomes a
  function-URL event.
- `invoke_server`: the Lambda `Invoke` API (`AWS_ENDPOINT_URL_LAMBDA` points the
  caller's SDK at it) for the functions it is given, by `name:qualifier`; a
  name it was not given gets Lambda's own 404, so a wrong name fails the test.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from harness.loopback import LOOPBACK, loopback_server
from harness.node_lambda import function_url_event, invoke


@dataclass(frozen=True)
class DeployedHandler:
    """One deployed function as the stand-ins run it: its bundle, handler and environment."""

    bundle: Path
    handler: str
    env: Mapping[str, str]


@dataclass(frozen=True)
class ServedCall:
    """A call a stand-in served: where it went, what it carried, what the handler answered."""

    target: str
    method: str
    headers: dict[str, str]
    payload: Any
    answer: Any


@dataclass
class StandIn:
    """A running stand-in: its address and the calls it has served."""

    url: str
    calls: list[ServedCall]


def _handler_class(respond: Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]) -> type:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            status, headers, body = respond(self)
            self.send_response(status)
            # One Content-Length (Node refuses a response with two): the body's, or for a HEAD the
            # handler's own (the length a GET would have had).
            length = {name.lower(): value for name, value in headers.items()}.get("content-length")
            for name, value in headers.items():
                if name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header(
                "content-length", length if self.command == "HEAD" and length else str(len(body))
            )
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test asserts on `calls`, not on a log."""

    return Handler


def write_self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that is its own CA (so one file is both the chain and the trust root)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOOPBACK)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOOPBACK))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "loopback-cert.pem", directory / "loopback-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@contextmanager
def function_url_server(
    target: DeployedHandler, certificate: tuple[Path, Path], node: str | None = None
) -> Iterator[StandIn]:
    """Serve `target` as its function URL over HTTPS on loopback; `url` is `https://127.0.0.1:<port>`."""
    calls: list[ServedCall] = []

    def respond(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(request.path)
        headers = {name.lower(): value for name, value in request.headers.items()}
        event = function_url_event(
            unquote(parts.path),
            request.command,
            query=dict(parse_qsl(parts.query)),
            headers=headers,
            host=headers.get("host", LOOPBACK),
        )
        answer = invoke(target.bundle, target.handler, event, target.env, node)
        calls.append(ServedCall(request.path, request.command, headers, None, answer))
        body = answer.get("body") or ""
        return answer["statusCode"], dict(answer.get("headers") or {}), body.encode()

    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(*certificate)
    with loopback_server(_handler_class(respond), tls) as url:
        yield StandIn(url, calls)


@contextmanager
def invoke_server(functions: Mapping[str, DeployedHandler], node: str | None = None) -> Iterator[StandIn]:
    """Answer Lambda `Invoke` for `functions` (keyed `name:qualifier`); `url` is the SDK's endpoint."""
    calls: list[ServedCall] = []

    def respond(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        # POST /2015-03-31/functions/<name, URL-encoded>/invocations?Qualifier=<q>
        parts = urlsplit(request.path)
        segments = parts.path.strip("/").split("/")
        name = unquote(segments[2]) if len(segments) == 4 and segments[3] == "invocations" else ""
        qualifier = dict(parse_qsl(parts.query)).get("Qualifier")
        target = f"{name}:{qualifier}" if qualifier else name
        payload = json.loads(request.rfile.read(int(request.headers.get("content-length") or 0)) or b"null")
        headers = {name.lower(): value for name, value in request.headers.items()}
        if target not in functions:
            calls.append(ServedCall(target, request.command, headers, payload, None))
            message = {"Type": "User", "message": f"Function not found: {target}"}
            return 404, {"x-amzn-errortype": "ResourceNotFoundException"}, json.dumps(message).encode()
        function = functions[target]
        answer = invoke(function.bundle, function.handler, payload, function.env, node)
        calls.append(ServedCall(target, request.command, headers, payload, answer))
        return 200, {"content-type": "application/json"}, json.dumps(answer).encode()

    with loopback_server(_handler_class(respond)) as url:
        yield StandIn(url, calls)
