"""What the web constructs host: from an OpenNext manifest or the defaults; the unhostable is refused."""

import hashlib
import json

import pytest

from builds.errors import BuildInputError
from builds.opennext import load_output
from modules.edge.routes import DEFAULT_ROUTES, Route
from modules.web.hosting import WebHosting, hosting_from_build
from tests.builds.synthetic_output import write_output


def _edit_manifest(output, change):
    path = output / "open-next.output.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_build_gives_its_bundles_prefixes_routes_and_seed_hash(tmp_path):
    output = write_output(tmp_path, "b1")
    seed = output / "dynamodb-provider" / "dynamodb-cache.json"
    seed.write_text('[{"tag":{"S":"b1/stats"}}]')
    hosting = hosting_from_build(load_output(output))
    assert hosting.has_build
    assert hosting.server.code_path == str(output / "server-functions" / "default")
    assert hosting.image.code_path == str(output / "image-optimization-function")
    assert hosting.initialization.code_path == str(output / "dynamodb-provider")
    assert {b.handler for b in (hosting.server, hosting.image, hosting.warmer)} == {"index.handler"}
    assert (hosting.assets_prefix, hosting.cache_prefix) == ("_assets", "_cache")
    assert hosting.cache_data_hash == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert hosting.routes == (
        Route("_next/image*", "image"),
        Route("_next/data/*", "server"),
        Route("*", "server"),
        Route("BUILD_ID", "assets"),
        Route("_next/*", "assets"),
        Route("logo.png", "assets"),
        Route("robots.txt", "assets"),
    )


def test_without_seed_data_nothing_is_invoked(tmp_path):
    assert hosting_from_build(load_output(write_output(tmp_path, "b1"))).cache_data_hash is None


def test_infrastructure_only_mode_is_placeholders_and_the_default_routes():
    hosting = WebHosting()
    assert not hosting.has_build and hosting.server.code_path is None and hosting.routes == DEFAULT_ROUTES


def test_streaming_server_is_reported(tmp_path):
    output = write_output(tmp_path, "b1")

    def stream(data):
        data["origins"]["default"].update(streaming=True, wrapper="aws-lambda-streaming")

    _edit_manifest(output, stream)
    assert hosting_from_build(load_output(output)).server_streaming is True


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["origins"].__setitem__("api", {**d["origins"]["default"]}),
            r"field 'origins.api': split server functions are not hosted",
        ),
        (lambda d: d.__setitem__("edgeFunctions", {"mw": {}}), "field 'edgeFunctions'"),
        (
            lambda d: d["origins"]["default"].__setitem__("wrapper", "cloudflare-node"),
            r"field 'origins.default.wrapper' is 'cloudflare-node'",
        ),
        (
            lambda d: d["origins"]["default"].__setitem__("tagCache", "fs-dev"),
            r"field 'origins.default.tagCache' is 'fs-dev'",
        ),
        (
            lambda d: d["origins"]["imageOptimizer"].__setitem__("converter", "aws-cloudfront"),
            r"field 'origins.imageOptimizer.converter'",
        ),
        (lambda d: d["additionalProps"].pop("warmer"), r"field 'additionalProps.warmer' is missing"),
        (
            lambda d: d["behaviors"].append({"pattern": "*", "origin": "default"}),
            r"field 'behaviors'.*exactly one '\*'",
        ),
    ],
)
def test_what_cannot_be_hosted_is_refused_naming_file_and_field(tmp_path, change, message):
    output = write_output(tmp_path, "b1")
    _edit_manifest(output, change)
    with pytest.raises(BuildInputError, match=message) as caught:
        hosting_from_build(load_output(output))
    assert str(output / "open-next.output.json") in str(caught.value)
    assert caught.value.exit_code == 2
