"""Remote state: one bucket, a key per stage, encrypted, locked, overridable."""

import pytest

from modules.state.backend import BackendSettings, state_key

STAGES = ["prod", "staging", "dev", "pr-123"]


@pytest.mark.parametrize("stage", STAGES)
def test_s3_backend_per_stage(synth_output, stage):
    s3 = synth_output.stack(stage).backend["s3"]
    assert s3 == {
        "bucket": "sgcarstrends-terraform-state",
        "key": f"stages/{stage}/terraform.tfstate",
        "region": "ap-southeast-1",
        "encrypt": True,
        "use_lockfile": True,
    }


def test_state_keys_are_unique_per_stage(synth_output):
    keys = [synth_output.stack(stage).backend["s3"]["key"] for stage in STAGES]
    assert len(set(keys)) == len(keys)


def test_bucket_and_region_come_from_the_environment():
    settings = BackendSettings.from_environ(
        {"SGCT_STATE_BUCKET": "other-state", "SGCT_STATE_REGION": "eu-west-1"}
    )
    assert (settings.bucket, settings.region) == ("other-state", "eu-west-1")
    assert BackendSettings.from_environ({}) == BackendSettings()


def test_state_key_layout():
    assert state_key("pr-9") == "stages/pr-9/terraform.tfstate"


def test_local_endpoint_moves_the_state_to_loopback():
    settings = BackendSettings.from_environ({"SGCT_LOCAL_ENDPOINT": "http://127.0.0.1:4566"})
    assert settings.endpoint_url == "http://127.0.0.1:4566"
    assert BackendSettings.from_environ({}).endpoint_url is None
    with pytest.raises(ValueError, match="loopback"):
        BackendSettings.from_environ({"SGCT_LOCAL_ENDPOINT": "https://s3.amazonaws.com"})


def test_local_stage_backend_points_at_the_endpoint(local_synth):
    s3 = local_synth.stack.backend["s3"]
    assert s3["endpoints"] == {"s3": local_synth.endpoint_url}
    assert s3["key"] == f"stages/{local_synth.stage}/terraform.tfstate"
    assert (s3["use_path_style"], s3["use_lockfile"], s3["encrypt"]) == (True, True, True)
    assert s3["skip_credentials_validation"] and s3["skip_requesting_account_id"]
    assert "access_key" not in s3 and "secret_key" not in s3


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"SGCT_STATE_BUCKET": "My_Bucket"}, "not a valid S3 bucket name"),
        ({"SGCT_STATE_BUCKET": "ab"}, "not a valid S3 bucket name"),
        ({"SGCT_STATE_BUCKET": "a..b-state"}, "not a valid S3 bucket name"),
        ({"SGCT_STATE_REGION": "singapore"}, "not an AWS region name"),
    ],
)
def test_bad_backend_overrides_are_refused_with_the_variable(environ, message):
    with pytest.raises(ValueError, match=message) as caught:
        BackendSettings.from_environ(environ)
    assert next(iter(environ)) in str(caught.value)


def test_valid_overrides_pass():
    assert BackendSettings.from_environ(
        {"SGCT_STATE_BUCKET": "acme.tf-state-1", "SGCT_STATE_REGION": "us-gov-west-1"}
    )
