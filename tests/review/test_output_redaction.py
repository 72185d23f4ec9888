"""Output values are redacted like resource attributes: no secret inside a structured output is printed.

Why a separate test: outputs are not flattened into attribute rows, so a
secret nested in an object or list output (`{"api_key": ...}`,
`[<token>]`) once reached the comment verbatim although no output was
marked sensitive. Canaries travel in such outputs through a real plan and a
synth diff; none may appear in the comment, on stdout or in the saved JSON.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from harness import Terraform, TerraformOptions
from harness.toolchain import offline_cli_environment
from review.values import safe_display
from sensitive.marker import REDACTED
from tests.sgct.commands import review as main


def canaries() -> dict[str, str]:
    tag = uuid.uuid4().hex
    return {
        "gh": "ghp_" + (tag + tag)[:36],
        "db_url": f"postgres://app:s3cret-{tag[:8]}@db/x",
        "slash_url": f"postgres://app:ab/cd+{tag[:6]}@db/x",
        "key": f"plain-{tag[:12]}",
        "webhook": f"https://discord.com/api/webhooks/1234567890/{tag}-{tag[:8]}",
    }


def outputs(refs: dict[str, str]) -> dict[str, dict]:
    """Non-sensitive outputs that carry secrets inside objects and lists (plus ordinary values)."""
    return {
        "connection": {"value": {"api_key": refs["key"], "url": refs["db_url"], "region": "ap-southeast-1"}},
        "tokens": {"value": [refs["gh"], "plain-label"]},
        "nested": {"value": {"service": {"notify": refs["webhook"], "endpoint": refs["slash_url"]}}},
        "credentials": {"value": {"user": "app", "pass": refs["key"]}},
    }


def assert_nothing_leaks(secrets: dict[str, str], *texts: str) -> None:
    assert texts[0], "nothing was rendered"
    assert secrets, "no secrets to look for"
    for text in texts:
        for name, secret in secrets.items():
            assert secret not in text, f"{name} leaked"
    assert "ap-southeast-1" in texts[0] and "plain-label" in texts[0]  # ordinary values stay readable


@pytest.mark.parametrize(
    "value",
    [
        {"api_key": "plain-value-1234", "region": "x"},
        ["ghp_" + "a1B2c3D4e5" * 4, "ok"],
        {"a": {"b": [{"endpoint": "postgres://u:p/w$d@db/x"}]}},
        {"db_password": 123456},
    ],
)
def test_safe_display_masks_inside_containers(value):
    text = safe_display("output", value)
    for secret in ("plain-value-1234", "a1B2c3D4e5", "p/w$d", "123456"):
        assert secret not in text
    assert "<masked" in text or REDACTED in text


def test_secret_named_output_is_redacted_whole():
    assert "app" not in safe_display("database_credentials", {"user": "app", "host": "db"})
    assert safe_display("endpoints", {"host": "db"}) == '{"host": "db"}'


@pytest.fixture(scope="module")
def output_plan(terraform_binary, tmp_path_factory):
    """Real `terraform show -json` of a plan whose only changes are non-sensitive outputs."""
    scratch = tmp_path_factory.mktemp("output-plan")
    workdir = scratch / "config"
    workdir.mkdir()
    secrets = canaries()
    config = {
        "variable": {name: {"type": "string"} for name in secrets},
        "output": outputs({name: f"${{var.{name}}}" for name in secrets}),
    }
    (workdir / "main.tf.json").write_text(json.dumps(config))
    tf = Terraform(
        TerraformOptions(
            working_dir=workdir, binary=terraform_binary, env=offline_cli_environment(scratch / "cli", None)
        )
    )
    tf.init()
    tf.plan("out.tfplan", *(f"-var={k}={v}" for k, v in secrets.items()))
    plan_file = scratch / "plan-dev.json"
    plan_file.write_text(json.dumps(tf.show_json("out.tfplan")))
    tf.close()
    return plan_file, secrets


@pytest.mark.terraform
def test_plan_review_never_prints_secrets_inside_outputs(output_plan, tmp_path, capsys):
    plan_file, secrets = output_plan
    plan_text = plan_file.read_text()
    assert secrets, "the plan fixture planted no secrets"
    assert all(secret in plan_text for secret in secrets.values())  # the plan itself holds them
    comment, saved = tmp_path / "comment.md", tmp_path / "review.json"
    assert main(["--plan", str(plan_file), "--output", str(comment), "--save-json", str(saved)]) == 0
    assert_nothing_leaks(secrets, comment.read_text(), saved.read_text(), capsys.readouterr().out)
    assert "masked, " in comment.read_text() and REDACTED in comment.read_text()


def _stack(root: Path, literal_outputs: dict) -> Path:
    path = root / "stacks" / "dev" / "cdk.tf.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"//": {"metadata": {"stackName": "dev"}}, "output": literal_outputs}))
    return root


def test_synth_diff_never_prints_secrets_inside_outputs(tmp_path, capsys):
    secrets = canaries()
    base = _stack(tmp_path / "base", {"region": {"value": "ap-southeast-1"}})
    head = _stack(
        tmp_path / "head", {**outputs(secrets), "tokens": {"value": [secrets["gh"], "plain-label"]}}
    )
    saved = tmp_path / "review.json"
    assert main(["--base", str(base), "--head", str(head), "--save-json", str(saved)]) == 0
    assert_nothing_leaks(secrets, capsys.readouterr().out, saved.read_text())
