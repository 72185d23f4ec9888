"""Skippable steps, destroy that always runs, unique stage names."""

import json

import pytest

from harness.workflow import applied, is_step_skipped, run_step, unique_stage_name
from stages import resolve_stage
from tests.harness.configs import write_config

CONFIG = {"resource": {"terraform_data": {"marker": {"input": "x"}}}}


@pytest.mark.parametrize(
    "value, skipped",
    [("1", True), ("true", True), ("yes", True), ("", False), ("0", False), ("false", False)],
)
def test_skip_variable_values(value, skipped):
    assert is_step_skipped("apply", {"SKIP_apply": value}) is skipped
    assert is_step_skipped("apply", {}) is False


def test_run_step_runs_or_skips():
    calls = []
    assert run_step("validate", lambda: calls.append("ran") or "result", {}) == "result"
    assert run_step("validate", lambda: calls.append("again"), {"SKIP_validate": "1"}) is None
    assert calls == ["ran"]


def test_unique_stage_names_are_valid_and_distinct():
    names = {unique_stage_name("t") for _ in range(50)}
    assert len(names) == 50
    assert all(resolve_stage(name).name == name and name.startswith("t-") for name in names)
    with pytest.raises(Exception, match="stage-name/api-prefix"):
        unique_stage_name("api-x")  # still validated: api-* is reserved for API hostnames


def _state_resources(workdir):
    state = workdir / "terraform.tfstate"
    return json.loads(state.read_text())["resources"] if state.exists() else None


@pytest.fixture
def workdir(tmp_path):
    return write_config(tmp_path, CONFIG)


@pytest.mark.terraform
def test_destroy_runs_when_the_body_fails(terraform, workdir):
    tf = terraform(workdir)
    with pytest.raises(AssertionError, match="check failed"), applied(tf, environ={}):
        assert len(_state_resources(workdir)) == 1
        raise AssertionError("check failed")
    assert _state_resources(workdir) == []
    assert tf.close(succeeded=False) == tf.log_dir, "logs are kept after a failure"


@pytest.mark.terraform
def test_destroy_runs_when_apply_fails(terraform, workdir):
    config = {
        "resource": {
            "terraform_data": {
                "ok": {"input": "x"},
                "bad": {
                    "input": "x",
                    "depends_on": ["terraform_data.ok"],
                    "provisioner": [{"local-exec": {"command": "exit 3"}}],
                },
            }
        }
    }
    (workdir / "main.tf.json").write_text(json.dumps(config))
    tf = terraform(workdir)
    with pytest.raises(Exception, match="terraform apply exited 1"), applied(tf, environ={}):
        pytest.fail("the body must not run when apply fails")
    assert _state_resources(workdir) == [], "the half-applied resource was destroyed"


@pytest.mark.terraform
def test_skip_destroy_keeps_the_resources(terraform, workdir):
    tf = terraform(workdir)
    with applied(tf, environ={"SKIP_destroy": "1"}):
        pass
    assert len(_state_resources(workdir)) == 1
    with applied(
        tf, environ={"SKIP_init": "1", "SKIP_apply": "1"}
    ):  # a later run: validations only, then destroy
        assert len(_state_resources(workdir)) == 1
    assert _state_resources(workdir) == []
