"""Lambda code directories are zipped once per process, byte for byte the same."""

import os
import zipfile
import zlib

from modules.compute import lambda_package
from modules.compute.lambda_package import package_code


def _write_code(root, body="export const handler = async () => 1;\n"):
    (root / "apps" / "api").mkdir(parents=True)
    (root / "apps" / "api" / "index.mjs").write_text(body)
    (root / "README.md").write_text("code\n")


def test_same_content_gives_identical_archives_regardless_of_mtime(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _write_code(first)
    _write_code(second)
    os.utime(second / "README.md", (0, 0))
    assert package_code(first).path.read_bytes() == package_code(second).path.read_bytes()
    with zipfile.ZipFile(package_code(first).path) as archive:
        assert archive.namelist() == ["README.md", "apps/api/index.mjs"]
        assert {info.date_time for info in archive.infolist()} == {lambda_package.FIXED_TIMESTAMP}


def test_different_content_gives_a_different_archive(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _write_code(first)
    _write_code(second, body="export const handler = async () => 2;\n")
    assert package_code(first).path.read_bytes() != package_code(second).path.read_bytes()


def test_a_directory_is_zipped_once_per_process_and_a_zip_passes_through(tmp_path):
    code = tmp_path / "code"
    _write_code(code)
    assert package_code(code).path == package_code(code).path
    ready = tmp_path / "ready.zip"
    with zipfile.ZipFile(ready, "w") as archive:
        archive.writestr("index.mjs", "export const handler = 1;")
    assert package_code(ready).path == ready.resolve()


def test_archives_are_reused_across_processes_by_content_hash(tmp_path):
    code, cache = tmp_path / "code", tmp_path / "cache"
    _write_code(code)
    first = package_code(code, cache).path
    lambda_package._packaged.clear()  # a new synthesis process
    modified = first.stat().st_mtime_ns
    assert package_code(code, cache).path == first and first.stat().st_mtime_ns == modified, "not re-zipped"
    copy = tmp_path / "copy"
    _write_code(copy)
    lambda_package._packaged.clear()
    assert package_code(copy, cache).path == first, "same content, another directory: the same archive"


def test_a_changed_file_is_never_served_from_the_cache(tmp_path):
    code, cache = tmp_path / "code", tmp_path / "cache"
    _write_code(code)
    first = package_code(code, cache).path
    (code / "apps" / "api" / "index.mjs").write_text("export const handler = async () => 'changed';\n")
    lambda_package._packaged.clear()
    second = package_code(code, cache).path
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
    zips = [package_code(code, cache).path for code in codes]
    assert len(made) == len(codes) == len(set(zips)), "each directory zipped exactly once"
    with zipfile.ZipFile(zips[0]) as archive:
        assert archive.read("apps/api/index.mjs") == b"export const handler = async () => 'server';\n"


def test_entries_are_deflated_at_the_fast_level_and_named_by_content(tmp_path):
    code = tmp_path / "code"
    _write_code(code, body="export const handler = async () => 'x';\n" * 400)
    packaged = package_code(code, tmp_path / "cache")
    assert packaged.path.name == f"{packaged.content_hash}.zip"
    compressor = zlib.compressobj(lambda_package.COMPRESS_LEVEL, zlib.DEFLATED, -15)
    with zipfile.ZipFile(packaged.path) as archive:
        info = archive.getinfo("apps/api/index.mjs")
        body = archive.read(info)
    expected = compressor.compress(body) + compressor.flush()
    assert info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size == len(expected)
