"""Session fixture: real plan JSON from a real Terraform, built-in `terraform_data` only (no provider).

The configuration is written as `cdk.tf.json` with CDKTF's `//` metadata
(stackName `prod`, construct paths), which Terraform ignores as comments,
so the checker takes stage and construct paths from the real file next to
the plan. Apply a base configuration with local state, then plan a changed
one that creates, updates, replaces (both orders), deletes (removed from
config and by count) and changes a sensitive variable and output.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.toolchain import find_terraform, missing_terraform_reason, offline_cli_environment

OLD_SECRET = "old-Pa55word-kept-out-of-reports"
NEW_SECRET = "new-Pa55word-kept-out-of-reports"


def _data(name: str, **body) -> dict:
    return {"//": {"metadata": {"path": f"prod/{name.replace('_', '-')}", "uniqueId": name}}, **body}


def configuration(changed: bool) -> dict:
    version = "2" if changed else "1"
    resources = {
        "keep": _data("keep", input="same"),
        "updated": _data("updated", input=f"v{version}"),
        "replaced": _data("replaced", input="x", triggers_replace=[version]),
        "cbd": _data("cbd", triggers_replace=[version], lifecycle={"create_before_destroy": True}),
        "counted": _data("counted", count=1 if changed else 2, input="n"),
        "holds_secret": _data("holds_secret", input="${var.db_password}"),
    }
    if changed:
        resources["created"] = _data("created", input="${timestamp()}")
    else:
        resources["removed"] = _data("removed", input="bye")
    return {
        "//": {"metadata": {"backend": "local", "stackName": "prod", "version": "0.21.0"}},
        "terraform": {"backend": {"local": {"path": "terraform.tfstate"}}},
        "variable": {
            "db_password": {
                "type": "string",
                "sensitive": True,
                "default": NEW_SECRET if changed else OLD_SECRET,
            }
        },
        "resource": {"terraform_data": resources},
        "output": {"db_password": {"value": "${var.db_password}", "sensitive": True}},
    }


@dataclass(frozen=True)
class RealPlan:
    directory: Path
    plan_json: Path
    data: dict
    terraform_version: str


def _terraform(binary: str, args: list[str], cwd: Path, env: dict) -> str:
    result = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"terraform {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


@pytest.fixture(scope="session")
def real_plan(tmp_path_factory) -> RealPlan:
    binary = find_terraform()
    if binary is None:
        pytest.skip(missing_terraform_reason())
    import os

    scratch = tmp_path_factory.mktemp("real-plan")
    stack_dir = scratch / "stacks" / "prod"
    stack_dir.mkdir(parents=True)
    env = {**os.environ, **offline_cli_environment(scratch / "cli", None)}
    config = stack_dir / "cdk.tf.json"
    config.write_text(json.dumps(configuration(changed=False)))
    _terraform(binary, ["init", "-input=false", "-no-color"], stack_dir, env)
    _terraform(binary, ["apply", "-auto-approve", "-input=false", "-no-color"], stack_dir, env)
    config.write_text(json.dumps(configuration(changed=True)))
    _terraform(binary, ["plan", "-out=tfplan", "-input=false", "-no-color"], stack_dir, env)
    text = _terraform(binary, ["show", "-json", "tfplan"], stack_dir, env)
    plan_json = stack_dir / "plan.json"
    plan_json.write_text(text)
    version = json.loads(_terraform(binary, ["version", "-json"], stack_dir, env))["terraform_version"]
    return RealPlan(stack_dir, plan_json, json.loads(text), version)
