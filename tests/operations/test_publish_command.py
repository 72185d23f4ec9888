"""`sgct publish`, run through the `sgct` entry point (which reports errors once, exit 1 or 2)."""

import json

from sgct.cli import main as sgct_main
from tests.builds.synthetic_output import write_output
from tests.operations.conftest import keys


def main(argv: list[str]) -> int:
    return sgct_main(["publish", *argv])


def test_dry_run_prints_the_plan_and_writes_nothing(aws_env, bucket, tmp_path, capsys):
    s3, target = bucket
    root = write_output(tmp_path, "b1")
    assert main(["--stage", "dev", "--build", str(root), "--bucket", target.bucket, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "_assets/logo.png" in out and "invalidation: skipped" in out and "dry run" in out
    assert keys(s3, target.bucket) == set()


def test_publish_from_outputs_file_then_rerun_changes_nothing(aws_env, bucket, tmp_path, capsys):
    s3, target = bucket
    outputs = tmp_path / "outputs.json"
    outputs.write_text(
        json.dumps({"web_assets_bucket": {"value": target.bucket, "type": "string", "sensitive": False}})
    )
    archive_root = write_output(tmp_path / "app", "b1")
    args = ["--stage", "dev", "--build", str(archive_root), "--outputs", str(outputs)]
    assert main(args) == 0
    assert "published build b1" in capsys.readouterr().out and "_builds/b1.json" in keys(s3, target.bucket)
    assert main(args) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_missing_bucket_fails_naming_it(aws_env, tmp_path, capsys):
    root = write_output(tmp_path, "b1")
    assert main(["--stage", "dev", "--build", str(root), "--bucket", "no-such-bucket"]) == 1
    assert "bucket 'no-such-bucket' does not exist" in capsys.readouterr().err


def test_no_credentials_is_named(moto_server, tmp_path, monkeypatch, capsys):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    root = write_output(tmp_path, "b1")
    code = main(
        ["--stage", "dev", "--build", str(root), "--bucket", "b", "--endpoint-url", moto_server.endpoint_url]
    )
    assert code == 1 and "no AWS credentials found" in capsys.readouterr().err


def test_unusable_build_and_bad_prune_count_exit_2(aws_env, tmp_path, capsys):
    assert main(["--stage", "dev", "--build", str(tmp_path / "nothing"), "--bucket", "b"]) == 2
    assert "not a directory or a .zip/.tar.gz" in capsys.readouterr().err
    root = write_output(tmp_path, "b1")
    args = ["--stage", "dev", "--build", str(root), "--bucket", "b", "--prune-older-than-builds", "0"]
    assert main(args) == 2
