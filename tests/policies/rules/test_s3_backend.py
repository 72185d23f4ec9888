"""SGCT010: S3 backend, per-stage key, encrypted, locked."""

from tests.policies.helpers import run_rule, stack


def test_stage_backend_passes_and_dynamodb_lock_is_accepted():
    assert run_rule("SGCT010", stack("staging")) == []
    config = stack("staging")
    s3 = config["terraform"]["backend"]["s3"]
    del s3["use_lockfile"]
    s3["dynamodb_table"] = "terraform-locks"
    assert run_rule("SGCT010", config) == []


def test_shared_key_no_encryption_no_lock_fail():
    config = stack("staging")
    config["terraform"]["backend"]["s3"].update(key="terraform.tfstate", encrypt=False, use_lockfile=False)
    messages = " | ".join(f.message for f in run_rule("SGCT010", config))
    assert (
        "no 'staging' path segment" in messages and "encrypt" in messages and "no state locking" in messages
    )


def test_local_state_fails_on_a_stage_but_not_on_bootstrap():
    config = stack("dev")
    config["terraform"]["backend"] = {"local": {"path": "x.tfstate"}}
    assert [f.address for f in run_rule("SGCT010", config)] == ["terraform.backend"]
    boot = stack("bootstrap")
    boot["terraform"]["backend"] = {"local": {"path": "x.tfstate"}}
    assert run_rule("SGCT010", boot) == []
