from pathlib import Path

from builds.opennext import load_output
from operations.publish_files import IMMUTABLE, REVALIDATE, build_files, content_type, public_path
from tests.builds.synthetic_output import write_output


def test_headers_follow_hashing_and_server_only_files(tmp_path):
    output = load_output(write_output(tmp_path, "b1").parent)
    files = {f.key: f for f in build_files(output)}
    chunk = files["_assets/_next/static/chunks/chunk0-00000000.js"]
    assert (chunk.cache_control, chunk.hashed, chunk.public) == (IMMUTABLE, True, True)
    assert files["_assets/_next/static/b1/_buildManifest.js"].cache_control == IMMUTABLE
    for key in ("_assets/logo.png", "_assets/BUILD_ID", "_assets/robots.txt"):
        assert (files[key].cache_control, files[key].hashed) == (REVALIDATE, False)
    cache = files["_cache/b1/index.cache"]
    assert (cache.cache_control, cache.public) == (None, False)
    assert cache.content_type == "application/json; charset=utf-8"
    assert public_path(files["_assets/logo.png"], output) == "/logo.png"


def test_content_types():
    assert content_type(Path("a.css"), False) == "text/css; charset=utf-8"
    assert content_type(Path("font.woff2"), False) == "font/woff2"
    assert content_type(Path("BUILD_ID"), False) == "text/plain; charset=utf-8"
    assert content_type(Path("c9103b5e"), True) == "application/json"
    assert content_type(Path("blob"), False) == "application/octet-stream"
