"""`sgct stage up|down NAME`: an engineer's own ephemeral stage; permanent stages refused."""

import json

import pytest

from sgct.cli import main as sgct_main


@pytest.mark.parametrize("action", ["up", "down"])
@pytest.mark.parametrize("name", ["prod", "staging", "dev"])
def test_permanent_stages_are_refused(capsys, action, name):
    assert sgct_main(["stage", action, name]) == 2
    assert f"stage {name!r} is permanent" in capsys.readouterr().err


def test_invalid_names_are_unusable_input(capsys):
    assert sgct_main(["stage", "up", "Feature_Auth"]) == 2
    assert "Feature_Auth" in capsys.readouterr().err


def test_up_is_sgct_deploy_for_the_stage(monkeypatch):
    seen = []
    monkeypatch.setattr("operations.deploy_command.main", lambda argv: seen.append(argv) or 0)
    assert sgct_main(["stage", "up", "feature-auth", "--no-smoke-check"]) == 0
    assert seen == [["--stage", "feature-auth", "--no-smoke-check"]]


def test_down_destroys_then_removes_the_state(aws_env, monkeypatch, capsys):
    s3 = aws_env.client("s3")
    bucket = "stage-command-state"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    for stage in ("feature-auth", "dev"):
        s3.put_object(Bucket=bucket, Key=f"stages/{stage}/terraform.tfstate", Body=json.dumps({"version": 4}))
    destroyed = []
    monkeypatch.setattr("operations.janitor_command.cdktf_destroy", destroyed.append)
    monkeypatch.setenv("SGCT_STATE_BUCKET", bucket)
    assert sgct_main(["stage", "down", "feature-auth"]) == 0
    assert destroyed == ["feature-auth"]
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    assert keys == ["stages/dev/terraform.tfstate"]
    assert "destroyed feature-auth; removed 1 state object version(s)" in capsys.readouterr().out


def test_a_failed_destroy_keeps_the_state(aws_env, monkeypatch, capsys):
    from operations.errors import OperationError

    def fail(stage):
        raise OperationError(f"cdktf destroy {stage} exited with 1; re-run to retry")

    monkeypatch.setattr("operations.janitor_command.cdktf_destroy", fail)
    assert sgct_main(["stage", "down", "feature-x"]) == 1
    assert "cdktf destroy feature-x exited with 1" in capsys.readouterr().err


def test_down_takes_no_options(capsys):
    assert sgct_main(["stage", "down", "feature-auth", "--force"]) == 2
