"""Finding Terraform and an offline AWS provider mirror, and saying exactly what is missing."""

import os
import stat
from pathlib import Path

from harness.toolchain import (
    AWS_PROVIDER,
    find_aws_provider_mirror,
    find_terraform,
    missing_mirror_reason,
    missing_terraform_reason,
    offline_cli_environment,
)


def _executable(path):
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_explicit_binary_wins_and_a_bad_one_is_named(tmp_path):
    tofu = _executable(tmp_path / "tofu")
    assert find_terraform({"SGCT_TERRAFORM": str(tofu), "PATH": ""}) == str(tofu)
    assert find_terraform({"SGCT_TERRAFORM": str(tmp_path / "nope"), "PATH": ""}) is None
    reason = missing_terraform_reason({"SGCT_TERRAFORM": "/nope/terraform"})
    assert "SGCT_TERRAFORM='/nope/terraform'" in reason and "fix or unset" in reason
    assert "put `terraform` or `tofu` on PATH" in missing_terraform_reason({})


def test_mirror_picks_the_newest_aws_version_and_a_bad_one_is_named(tmp_path):
    for version in ("5.9.0", "5.100.0", "not-a-version"):
        (tmp_path / AWS_PROVIDER / version / "linux_amd64").mkdir(parents=True)
    mirror = find_aws_provider_mirror({"SGCT_PROVIDER_MIRROR": str(tmp_path)})
    assert (mirror.path, mirror.aws_version) == (tmp_path, "5.100.0")
    assert find_aws_provider_mirror({"SGCT_PROVIDER_MIRROR": str(tmp_path / "empty")}) is None
    assert "SGCT_PROVIDER_MIRROR=" in missing_mirror_reason({"SGCT_PROVIDER_MIRROR": str(tmp_path / "empty")})


def test_offline_cli_configuration_uses_only_the_mirror(tmp_path):
    (tmp_path / "mirror" / AWS_PROVIDER / "5.100.0").mkdir(parents=True)
    mirror = find_aws_provider_mirror({"SGCT_PROVIDER_MIRROR": str(tmp_path / "mirror")})
    env = offline_cli_environment(tmp_path / "cli", mirror)
    config = Path(env["TF_CLI_CONFIG_FILE"]).read_text()
    assert "filesystem_mirror" in config and str(tmp_path / "mirror") in config and "direct" not in config
    assert env["CHECKPOINT_DISABLE"] == "1" and env["TF_IN_AUTOMATION"] == "1"
    no_mirror = Path(offline_cli_environment(tmp_path / "cli2", None)["TF_CLI_CONFIG_FILE"]).read_text()
    assert 'exclude = ["*/*/*"]' in no_mirror
    assert os.path.isabs(env["TF_CLI_CONFIG_FILE"])
