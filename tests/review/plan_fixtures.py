"""Real plan JSON for the review tests, made by the real Terraform CLI.

Why real: the review must understand what `terraform show -json` actually
writes (replace_paths, action_reason, sensitive masks), not what we think
it writes. The configuration uses only the built-in `terraform_data`
resource, so no provider download is needed: apply a base, then plan a
change set with one of each: create, update, replace (triggers_replace),
pure delete (resource removed), a sensitive output and a sensitive input.
A unique canary travels in the sensitive values; no output may contain it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from harness import Terraform, TerraformOptions
from harness.toolchain import offline_cli_environment


@dataclass(frozen=True)
class PlanFixture:
    plan_file: Path
    canaries: tuple[str, ...]
    """Sensitive values (old and new) that must never appear in any output."""
    secret_looking: str
    """A non-sensitive literal that merely looks like a credential (URL with a password)."""
    named_secret: str
    """A non-sensitive literal under a secret-named key (`api_key`)."""


def _config(db_value_ref: bool, head: bool) -> dict:
    resources = {
        "keep": {"input": {"size": 2 if head else 1, "name": "api", **({"pw": "${var.db}"} if head else {})}},
        "rep": {"input": "x", "triggers_replace": ["two" if head else "one"]},
    }
    if head:
        resources["new"] = {"input": {"url": "${var.url}", "api_key": "${var.key}", "label": "hello"}}
    else:
        resources["gone"] = {"input": "bye"}
    return {
        "variable": {
            "db": {"type": "string", "sensitive": True},
            "url": {"type": "string", "default": ""},
            "key": {"type": "string", "default": ""},
        },
        "resource": {"terraform_data": resources},
        "output": {
            "secret": {"value": "${var.db}", "sensitive": True},
            "label": {"value": "head" if head else "base"},
        },
    }


def make_plan(scratch: Path, binary: str) -> PlanFixture:
    """Apply the base, plan the head with `binary`; return the plan JSON file and the values to look for."""
    workdir = scratch / "config"
    workdir.mkdir(parents=True)
    tf = Terraform(
        TerraformOptions(
            working_dir=workdir, binary=binary, env=offline_cli_environment(scratch / "cli", None)
        )
    )
    base_canary, head_canary = f"CANARY-{uuid.uuid4().hex}", f"CANARY-{uuid.uuid4().hex}"
    secret_looking = f"postgres://app:{uuid.uuid4().hex[:12]}@db.example.com/cars"
    named_secret = f"plain-{uuid.uuid4().hex[:10]}"
    (workdir / "main.tf.json").write_text(json.dumps(_config(True, head=False)))
    tf.init()
    tf.apply(f"-var=db={base_canary}")
    (workdir / "main.tf.json").write_text(json.dumps(_config(True, head=True)))
    tf.plan("head.tfplan", f"-var=db={head_canary}", f"-var=url={secret_looking}", f"-var=key={named_secret}")
    plan_file = scratch / "plan-prod.json"
    plan_file.write_text(json.dumps(tf.show_json("head.tfplan")))
    tf.close()
    return PlanFixture(plan_file, (base_canary, head_canary), secret_looking, named_secret)
