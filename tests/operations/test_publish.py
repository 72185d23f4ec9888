import json

import pytest

from builds.opennext import load_output
from operations import bucket as bucket_module
from operations.errors import PublishError
from operations.publish import execute, plan_publish
from operations.publish_files import IMMUTABLE, REVALIDATE
from tests.builds.synthetic_output import write_output
from tests.operations.conftest import keys


def publish(s3, target, output, keep_builds=None):
    plan = plan_publish(s3, output, target, keep_builds)
    execute(s3, None, plan)
    return plan


def test_real_build_first_publish_uploads_everything_and_the_second_nothing(bucket, web_build):
    s3, target = bucket
    output = load_output(web_build)
    first = publish(s3, target, output)
    local = {
        p.relative_to(web_build / "assets").as_posix()
        for p in (web_build / "assets").rglob("*")
        if p.is_file()
    }
    assert {f"_assets/{name}" for name in local} <= keys(s3, target.bucket)
    cache_keys = [k for k in keys(s3, target.bucket) if k.startswith(f"_cache/{output.build_id}/")]
    assert any(k.endswith(".cache") for k in cache_keys)
    chunk = next(f.key for f in first.uploads if "/_next/static/chunks/" in f.key)
    head = s3.head_object(Bucket=target.bucket, Key=chunk)
    assert (head["CacheControl"], head["ContentType"]) == (IMMUTABLE, "text/javascript; charset=utf-8")
    logo = s3.head_object(Bucket=target.bucket, Key="_assets/logo.png")
    assert (logo["CacheControl"], logo["ContentType"]) == (REVALIDATE, "image/png")
    again = plan_publish(s3, output, target)
    assert again.changes_nothing and again.unchanged == len(first.uploads)


def test_a_second_build_keeps_the_first_builds_files_until_pruned(bucket, tmp_path):
    s3, target = bucket
    one = load_output(write_output(tmp_path / "one", "build-one", chunk_salt="a").parent)
    two = load_output(write_output(tmp_path / "two", "build-two", chunk_salt="b").parent)
    publish(s3, target, one)
    after_one = keys(s3, target.bucket)
    publish(s3, target, two)
    after_two = keys(s3, target.bucket)
    assert after_one <= after_two, "publishing build two deleted files build one still uses"
    assert "_cache/build-two/index.cache" in after_two
    s3.put_object(Bucket=target.bucket, Key="_cache/build-one/isr.cache", Body=b"{}")  # written by the server
    pruned = publish(s3, target, two, keep_builds=1)
    assert pruned.pruned_builds == ("build-one",)
    remaining = keys(s3, target.bucket)
    assert "_assets/_next/static/chunks/chunk0-a00000000.js" not in remaining
    assert (
        not {"_cache/build-one/index.cache", "_cache/build-one/isr.cache", "_builds/build-one.json"}
        & remaining
    )
    assert {"_assets/logo.png", "_assets/_next/static/chunks/chunk0-b00000000.js"} <= remaining
    assert plan_publish(s3, two, target, keep_builds=1).changes_nothing


def test_keeping_two_builds_prunes_only_the_third_oldest(bucket, tmp_path):
    s3, target = bucket
    outputs = [load_output(write_output(tmp_path / s, f"build-{s}", chunk_salt=s).parent) for s in "abc"]
    for output in outputs:
        publish(s3, target, output)
    plan = plan_publish(s3, outputs[2], target, keep_builds=2)
    assert plan.pruned_builds == ("build-a",)
    assert plan.prune_keys, "pruning build-a deletes no objects"
    assert all("-a" in k or "build-a" in k for k in plan.prune_keys)


def test_incremental_cache_regenerated_by_the_server_is_not_overwritten(bucket, tmp_path):
    s3, target = bucket
    output = load_output(write_output(tmp_path, "b1").parent)
    publish(s3, target, output)
    s3.put_object(Bucket=target.bucket, Key="_cache/b1/index.cache", Body=b'{"regenerated": true}')
    assert plan_publish(s3, output, target).changes_nothing
    body = s3.get_object(Bucket=target.bucket, Key="_cache/b1/index.cache")["Body"].read()
    assert json.loads(body) == {"regenerated": True}


def test_a_changed_public_file_is_uploaded_again(bucket, tmp_path):
    s3, target = bucket
    publish(s3, target, load_output(write_output(tmp_path, "b1").parent))
    output = load_output(
        write_output(
            tmp_path, "b1", public={"logo.png": b"new logo", "robots.txt": b"User-agent: *\n"}
        ).parent
    )
    plan = plan_publish(s3, output, target)
    assert [f.key for f in plan.uploads] == ["_assets/logo.png"]


def test_a_partial_failure_names_the_key_and_a_retry_completes(bucket, tmp_path, monkeypatch):
    s3, target = bucket
    output = load_output(write_output(tmp_path, "b1").parent)
    real_put = bucket_module._put

    def flaky(client, name, file):
        if file.key == "_assets/robots.txt":
            raise OSError("connection reset")
        real_put(client, name, file)

    monkeypatch.setattr(bucket_module, "_put", flaky)
    expected = r"1 of \d+ uploads .* failed[\s\S]*_assets/robots.txt: connection reset"
    with pytest.raises(PublishError, match=expected):
        publish(s3, target, output)
    assert "_builds/b1.json" not in keys(s3, target.bucket), "the build was recorded although unfinished"
    monkeypatch.setattr(bucket_module, "_put", real_put)
    retry = publish(s3, target, output)
    assert [f.key for f in retry.uploads] == ["_assets/robots.txt"] and retry.write_record
    assert plan_publish(s3, output, target).changes_nothing
