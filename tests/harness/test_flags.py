"""One true/false reading for every harness switch."""

import pytest

from harness.flags import env_flag
from harness.terraform import Terraform, TerraformOptions
from harness.workflow import is_step_skipped


@pytest.mark.parametrize(
    "value, on",
    [("1", True), ("true", True), ("YES", True), ("on", True), ("", False), ("0", False)]
    + [("false", False), ("No", False), (" off ", False)],
)
def test_env_flag_values(value, on):
    assert env_flag("X", {"X": value}) is on
    assert env_flag("X", {}) is False


@pytest.mark.parametrize("value", ["no", "0", "false", "off"])
def test_skip_and_keep_logs_agree_on_false_words(value, tmp_path, monkeypatch):
    """`SKIP_apply=no` does not skip, and `SGCT_KEEP_TERRAFORM_LOGS=no` does not keep logs."""
    assert is_step_skipped("apply", {"SKIP_apply": value}) is False
    monkeypatch.setenv("SGCT_KEEP_TERRAFORM_LOGS", value)
    tf = Terraform(TerraformOptions(working_dir=tmp_path, binary="/bin/true"))
    tf.log_dir.mkdir()
    assert tf.close(succeeded=True) is None and not tf.log_dir.exists()
