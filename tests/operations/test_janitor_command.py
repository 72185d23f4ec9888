"""`sgct janitor`: the command end to end on moto (dry run) with a loopback GitHub API."""

import json

from operations.janitor_command import DEFAULT_STATE_BUCKET, DESTROY_PLACEHOLDER, cdktf_destroy
from sgct.cli import main as sgct_main
from stages.app_contract import SECRET_NAMES
from tests.operations.test_pull_requests import github  # noqa: F401 - fixture


def test_dry_run_reports_and_changes_nothing(aws_env, github, monkeypatch, capsys):  # noqa: F811
    url, _ = github
    s3 = aws_env.client("s3")
    bucket = "janitor-command-state"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
    for stage in ("prod", "pr-1", "pr-2"):
        s3.put_object(Bucket=bucket, Key=f"stages/{stage}/terraform.tfstate", Body=json.dumps({"version": 4}))
    monkeypatch.setenv("GITHUB_API_URL", url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/infra")
    code = sgct_main(["janitor", "--dry-run", "--bucket", bucket, "--repository", "acme/app"])
    out = capsys.readouterr().out
    assert code == 0
    assert "would destroy pr-1: pull request #1 is closed (dry run)" in out
    assert "keep     pr-2: kept: active" in out and "keep     prod: permanent stage" in out
    listed = s3.list_objects_v2(Bucket=bucket)["Contents"]
    assert len(listed) == 3


def test_unusable_repository_exits_2(aws_env, monkeypatch, capsys):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    assert sgct_main(["janitor", "--dry-run"]) == 2
    assert "error: repository '' is not owner/name" in capsys.readouterr().err


def test_destroy_runs_cdktf_for_the_stage_with_placeholder_secrets(tmp_path, monkeypatch):
    calls = []

    def fake_run(argv, **options):
        calls.append((argv, options["env"]))

        class Done:
            returncode = 0

        return Done()

    monkeypatch.setattr("operations.janitor_command.subprocess.run", fake_run)
    cdktf_destroy("pr-9", {"TF_VAR_DATABASE_URL": "kept", "PATH": "/bin"})
    [(argv, env)] = calls
    assert argv[1:] == ["destroy", "pr-9", "--auto-approve"] and argv[0].endswith("node_modules/.bin/cdktf")
    assert env["SGCT_EPHEMERAL_STAGES"] == "pr-9" and env["TF_VAR_DATABASE_URL"] == "kept"
    assert all(
        env[f"TF_VAR_{name}"] == DESTROY_PLACEHOLDER for name in SECRET_NAMES if name != "DATABASE_URL"
    )


def test_default_bucket_is_the_backends():
    from modules.state.backend import DEFAULT_STATE_BUCKET as BACKEND_BUCKET

    assert DEFAULT_STATE_BUCKET == BACKEND_BUCKET
