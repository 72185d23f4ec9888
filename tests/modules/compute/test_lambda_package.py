"""Lambda code directories are zipped once per process, byte for byte the same."""

import os
import zipfile

from modules.compute import lambda_package
from modules.compute.lambda_package import packaged_zip


def _write_code(root, body="export const handler = async () => 1;\n"):
    (root / "apps" / "api").mkdir(parents=True)
    (root / "apps" / "api" / "index.mjs").write_text(body)
    (root / "README.md").write_text("code\n")


def test_same_content_gives_identical_archives_regardless_of_mtime(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _write_code(first)
    _write_code(second)
    os.utime(second / "README.md", (0, 0))
    assert packaged_zip(first).read_bytes() == packaged_zip(second).read_bytes()
    with zipfile.ZipFile(packaged_zip(first)) as archive:
        assert archive.namelist() == ["README.md", "apps/api/index.mjs"]
        assert {info.date_time for info in archive.infolist()} == {lambda_package.FIXED_TIMESTAMP}


def test_different_content_gives_a_different_archive(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _write_code(first)
    _write_code(second, body="export const handler = async () => 2;\n")
    assert packaged_zip(first).read_bytes() != packaged_zip(second).read_bytes()


def test_a_directory_is_zipped_once_per_process_and_a_zip_passes_through(tmp_path):
    code = tmp_path / "code"
    _write_code(code)
    assert packaged_zip(code) == packaged_zip(code)
    ready = tmp_path / "ready.zip"
    with zipfile.ZipFile(ready, "w") as archive:
        archive.writestr("index.mjs", "export const handler = 1;")
    assert packaged_zip(ready) == ready.resolve()


def test_archives_are_reused_across_processes_by_content_hash(tmp_path):
    code, cache = tmp_path / "code", tmp_path / "cache"
    _write_code(code)
    first = packaged_zip(code, cache)
    lambda_package._packaged.clear()  # a new synthesis process
    modified = first.stat().st_mtime_ns
    assert packaged_zip(code, cache) == first and first.stat().st_mtime_ns == modified, "not re-zipped"
    copy = tmp_path / "copy"
    _write_code(copy)
    lambda_package._packaged.clear()
    assert packaged_zip(copy, cache) == first, "same content, another directory: the same archive"


def test_a_changed_file_is_never_served_from_the_cache(tmp_path):
    code, cache = tmp_path / "code", tmp_path / "cache"
    _write_code(code)
    first = packaged_zip(code, cache)
    (code / "apps" / "api" / "index.mjs").write_text("export const handler = async () => 'changed';\n")
    lambda_package._packaged.clear()
    second = packaged_zip(code, cache)
    assert second != first
    with zipfile.ZipFile(second) as archive:
        assert b"changed" in archive.read("apps/api/index.mjs")


def test_cache_dir_follows_the_environment(tmp_path):
    assert lambda_package.cache_dir({"SGCT_PACKAGE_CACHE": str(tmp_path)}) == tmp_path.resolve()
    assert lambda_package.cache_dir({}) == lambda_package.DEFAULT_CACHE


def test_zips_started_ahead_are_waited_for_and_never_made_twice(tmp_path, monkeypatch):
    codes = [tmp_path / name for name in ("server", "image", "warmer")]
    for code in codes:
        _write_code(code, body=f"export const handler = async () => '{code.name}';\n")
    made = []
    real_zip = lambda_package._zip
    monkeypatch.setattr(
        lambda_package, "_zip", lambda files, target: made.append(target) or real_zip(files, target)
    )
    cache = tmp_path / "cache"
    lambda_package.package_ahead([*codes, tmp_path / "ready.zip"], cache)
    zips = [packaged_zip(code, cache) for code in codes]
    assert len(made) == len(codes) == len(set(zips)), "each directory zipped exactly once"
    with zipfile.ZipFile(zips[0]) as archive:
        assert archive.read("apps/api/index.mjs") == b"export const handler = async () => 'server';\n"
