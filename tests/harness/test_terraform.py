"""The Terraform runner: real steps on a provider-free configuration, retries, logs."""

import json
import stat

import pytest

from harness.terraform import Terraform, TerraformError, TerraformOptions
from tests.harness.configs import write_config

CONFIG = {
    "resource": {"terraform_data": {"marker": {"input": "${var.size}"}}},
    "variable": {"size": {"type": "number", "default": 3}},
    "output": {
        "size": {"value": "${terraform_data.marker.output}"},
        "token": {"value": "s3cr3t", "sensitive": True},
    },
}


@pytest.fixture
def workdir(tmp_path):
    return write_config(tmp_path, CONFIG)


@pytest.mark.terraform
def test_full_cycle_with_real_terraform(terraform, workdir):
    tf = terraform(workdir)
    tf.init()
    tf.validate()
    assert tf.plan() is True
    plan = tf.show_json("tfplan")
    assert [c["change"]["actions"] for c in plan["resource_changes"]] == [["create"]]
    tf.apply()
    assert tf.output() == {"size": 3, "token": "s3cr3t"}
    assert tf.output("size") == 3
    assert tf.plan() is False, "a re-plan right after apply must be empty"
    tf.destroy()
    assert tf.show_json(None).get("values") is None, "destroy must leave an empty state"
    logs = sorted(path.name for path in tf.log_dir.iterdir())
    assert logs[:3] == ["01-init.log", "02-validate.log", "03-plan.log"]
    assert "s3cr3t" not in "".join(path.read_text() for path in tf.log_dir.iterdir()), (
        "outputs are never logged"
    )
    assert tf.close(succeeded=True) is None and not tf.log_dir.exists()


@pytest.mark.terraform
def test_failure_names_step_and_keeps_logs(terraform, workdir):
    broken = {"resource": {"terraform_data": {"x": {"input": "${var.nope}"}}}}
    (workdir / "main.tf.json").write_text(json.dumps(broken))
    tf = terraform(workdir)
    tf.init()
    with pytest.raises(TerraformError) as error:
        tf.validate()
    assert error.value.step == "validate" and error.value.returncode == 1
    assert "Reference to undeclared input variable" in str(error.value)
    assert error.value.log_path.is_file() and str(error.value.log_path) in str(error.value)
    assert tf.close(succeeded=True) == tf.log_dir, "a failed step keeps the logs"


def _fake_terraform(tmp_path, failures: int, message: str):
    """A stand-in CLI that prints `message` and fails `failures` times, then succeeds."""
    script = tmp_path / "fake-terraform"
    script.write_text(
        "#!/bin/sh\n"
        f'count_file="{tmp_path}/calls"\n'
        'n=$(cat "$count_file" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$count_file"\n'
        f'if [ "$n" -le {failures} ]; then echo "Error: {message}" >&2; exit 1; fi\n'
        "echo ok\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def _calls(tmp_path):
    return int((tmp_path / "calls").read_text())


def test_transient_errors_are_retried(tmp_path):
    binary = _fake_terraform(tmp_path, 2, "RequestError: send request failed: connection reset by peer")
    tf = Terraform(
        TerraformOptions(working_dir=tmp_path, binary=str(binary), sleep_between_retries_seconds=0)
    )
    assert tf.apply().stdout == "ok\n"
    assert _calls(tmp_path) == 3
    logs = sorted(p.name for p in tf.log_dir.iterdir())
    assert logs == ["01-apply.log", "02-apply-retry1.log", "03-apply-retry2.log"]


def test_retries_are_bounded(tmp_path):
    binary = _fake_terraform(tmp_path, 9, "ThrottlingException: Rate exceeded")
    tf = Terraform(
        TerraformOptions(
            working_dir=tmp_path, binary=str(binary), max_retries=2, sleep_between_retries_seconds=0
        )
    )
    with pytest.raises(TerraformError, match="terraform apply exited 1"):
        tf.apply()
    assert _calls(tmp_path) == 3


def test_other_errors_fail_at_once_and_patterns_are_configurable(tmp_path):
    binary = _fake_terraform(tmp_path, 1, "InvalidParameterValueException: bad runtime")
    tf = Terraform(
        TerraformOptions(working_dir=tmp_path, binary=str(binary), sleep_between_retries_seconds=0)
    )
    with pytest.raises(TerraformError):
        tf.apply()
    assert _calls(tmp_path) == 1
    (tmp_path / "calls").unlink()
    tf = Terraform(
        TerraformOptions(
            working_dir=tmp_path,
            binary=str(binary),
            sleep_between_retries_seconds=0,
            retryable_errors=(r"bad runtime",),
        )
    )
    tf.apply()
    assert _calls(tmp_path) == 2


def test_missing_binary_names_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("SGCT_TERRAFORM", raising=False)
    with pytest.raises(FileNotFoundError, match="put `terraform` or `tofu` on PATH or set SGCT_TERRAFORM"):
        Terraform(TerraformOptions(working_dir=tmp_path))


def test_keep_logs_variable_keeps_logs_after_success(tmp_path, monkeypatch):
    binary = _fake_terraform(tmp_path, 0, "")
    monkeypatch.setenv("SGCT_KEEP_TERRAFORM_LOGS", "1")
    tf = Terraform(TerraformOptions(working_dir=tmp_path, binary=str(binary)))
    tf.init()
    assert tf.close(succeeded=True) == tf.log_dir


def test_kept_logs_are_reported_once(tmp_path, capsys):
    """`applied()` and the fixture teardown both close a runner: one "logs kept" line, same directory."""
    tf = Terraform(TerraformOptions(working_dir=tmp_path, binary=str(_fake_terraform(tmp_path, 0, ""))))
    tf.init()
    assert tf.close(succeeded=False) == tf.log_dir
    assert tf.close(succeeded=False) == tf.log_dir
    assert capsys.readouterr().out.count("Terraform logs kept in") == 1
