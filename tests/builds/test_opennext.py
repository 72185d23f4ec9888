import json
import shutil
from pathlib import Path

import pytest

from builds.errors import BuildInputError
from builds.opennext import load_output
from tests.builds.synthetic_output import write_output


def test_real_build_manifest_is_read_with_every_origin_and_behavior(web_build):
    output = load_output(web_build)
    assert output.s3.origin_path == "_assets"
    assets, cache = output.s3.copy
    assert (assets.destination, assets.cached, assets.versioned_subdir) == ("_assets", True, "_next")
    assert (cache.destination, cache.cached) == ("_cache", False) and cache.source == web_build / "cache"
    assert output.default.bundle == web_build / "server-functions" / "default"
    assert (output.default.queue, output.default.incremental_cache, output.default.tag_cache) == (
        "sqs",
        "s3",
        "dynamodb",
    )
    assert output.image_optimizer.image_loader == "s3" and output.image_optimizer.handler == "index.handler"
    assert (output.image_optimizer.bundle / "index.mjs").is_file()
    assert output.initialization.bundle.name == "dynamodb-provider"
    assert (output.initialization.bundle / "dynamodb-cache.json").is_file()
    assert output.revalidation.bundle.name == "revalidation-function"
    assert output.warmer.bundle.name == "warmer-function"
    patterns = [(b.pattern, b.origin) for b in output.behaviors]
    assert patterns[:3] == [("_next/image*", "imageOptimizer"), ("_next/data/*", "default"), ("*", "default")]
    assert {("_next/*", "s3"), ("logo.png", "s3"), ("robots.txt", "s3"), ("BUILD_ID", "s3")} <= set(patterns)
    assert output.build_id == (web_build / "assets" / "BUILD_ID").read_text().strip()


def test_the_app_directory_holding_dot_open_next_is_accepted(tmp_path):
    write_output(tmp_path, "b1")
    assert load_output(tmp_path).build_id == "b1"


@pytest.fixture
def edited(tmp_path):
    """Write a synthetic output, apply `change(manifest)`, return the manifest path."""

    def make(change) -> Path:
        root = write_output(tmp_path, "b1")
        data = json.loads((root / "open-next.output.json").read_text())
        change(data)
        (root / "open-next.output.json").write_text(json.dumps(data))
        return root

    return make


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda d: d["origins"]["default"].update(type="ecs"), "origins.default.type"),
        (lambda d: d["origins"].update(api={"type": "edge-thing"}), "origins.api.type"),
        (
            lambda d: d["origins"]["default"].update(bundle=".open-next/server-functions/missing"),
            "origins.default.bundle",
        ),
        (lambda d: d["origins"].pop("imageOptimizer"), "origins.imageOptimizer"),
        (
            lambda d: d["origins"]["s3"].update(copy=[{"from": ".open-next/assets", "cached": True}]),
            "origins.s3.copy[0].to",
        ),
        (lambda d: d["behaviors"].append({"pattern": "x/*", "origin": "nowhere"}), "behaviors[7]"),
        (
            lambda d: d["additionalProps"]["warmer"].update(handler="main.handler"),
            "additionalProps.warmer.handler",
        ),
    ],
)
def test_bad_manifest_names_the_file_and_the_field(edited, change, field):
    root = edited(change)
    with pytest.raises(BuildInputError) as error:
        load_output(root)
    assert str(root / "open-next.output.json") in str(error.value) and repr(field) in str(error.value)
    assert error.value.exit_code == 2


def test_unknown_manifest_shape_and_missing_manifest_are_unusable_input(tmp_path):
    root = write_output(tmp_path, "b1")
    (root / "open-next.output.json").write_text(json.dumps({"version": 9, "routes": []}))
    with pytest.raises(BuildInputError, match="unknown manifest shape"):
        load_output(root)
    shutil.rmtree(root)
    with pytest.raises(BuildInputError, match=r"not a directory|open-next.output.json: missing"):
        load_output(root)


def test_split_server_functions_are_read_as_extra_origins(edited):
    def add_split(data):
        data["origins"]["api"] = dict(data["origins"]["default"])
        data["behaviors"].insert(1, {"pattern": "api/*", "origin": "api"})

    output = load_output(edited(add_split))
    assert [f.name for f in output.server_functions] == ["default", "api"]
    assert output.behaviors[1].origin == "api"
