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
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness import Terraform, TerraformOptions
from harness.toolchain import offline_cli_environment

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


@pytest.fixture(scope="session")
def real_plan(terraform_binary, tmp_path_factory) -> RealPlan:
    scratch = tmp_path_factory.mktemp("real-plan")
    stack_dir = scratch / "stacks" / "prod"
    stack_dir.mkdir(parents=True)
    tf = Terraform(
        TerraformOptions(
            working_dir=stack_dir,
            binary=terraform_binary,
            env=offline_cli_environment(scratch / "cli", None),
            log_dir=scratch / "logs",  # beside the stack, not in it: the checker reads that directory
        )
    )
    config = stack_dir / "cdk.tf.json"
    config.write_text(json.dumps(configuration(changed=False)))
    tf.init()
    tf.apply()
    config.write_text(json.dumps(configuration(changed=True)))
    data = tf.plan_json()
    plan_json = stack_dir / "plan.json"
    plan_json.write_text(json.dumps(data))
    version = json.loads(tf.run("version", "version", "-json").stdout)["terraform_version"]
    tf.close()
    return RealPlan(stack_dir, plan_json, data, version)
