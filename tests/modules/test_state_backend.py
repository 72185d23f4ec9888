"""Remote state: one bucket, a key per stage, encrypted, locked, overridable."""

import pytest

from modules.state_backend import BackendSettings, state_key

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
    settings = BackendSettings.from_environ({"SGCT_STATE_BUCKET": "other-state", "SGCT_STATE_REGION": "eu-west-1"})
    assert (settings.bucket, settings.region) == ("other-state", "eu-west-1")
    assert BackendSettings.from_environ({}) == BackendSettings()


def test_state_key_layout():
    assert state_key("pr-9") == "stages/pr-9/terraform.tfstate"
