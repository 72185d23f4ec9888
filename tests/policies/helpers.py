"""Builders for small Terraform JSON fixtures (config and plan) and a one-rule runner."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from policies.engine import check_documents
from policies.inputs.config_view import config_document
from policies.inputs.plan_view import plan_document
from policies.registry import all_rules


def stage_tags(stage: str) -> dict:
    return {"app": "sgcarstrends", "stage": stage, "managed-by": "cdktf"}


def stack(stage: str = "dev", resources: dict | None = None, **sections) -> dict:
    """A minimal valid stage stack like CDKTF writes it: backend, providers, `//` metadata."""
    config = {
        "//": {"metadata": {"backend": "s3", "stackName": stage, "version": "0.21.0"}},
        "provider": {
            "aws": [
                {"region": "ap-southeast-1", "default_tags": [{"tags": stage_tags(stage)}]},
                {"alias": "us_east_1", "region": "us-east-1", "default_tags": [{"tags": stage_tags(stage)}]},
            ]
        },
        "terraform": {
            "backend": {
                "s3": {
                    "bucket": "sgcarstrends-terraform-state",
                    "key": f"stages/{stage}/terraform.tfstate",
                    "region": "ap-southeast-1",
                    "encrypt": True,
                    "use_lockfile": True,
                }
            }
        },
        "resource": {},
    }
    for address, body in (resources or {}).items():
        type_name, name = address.split(".", 1)
        body = copy.deepcopy(body)
        body.setdefault("//", {"metadata": {"path": f"{stage}/{name}", "uniqueId": name}})
        config["resource"].setdefault(type_name, {})[name] = body
    config.update(sections)
    return config


def lambda_function(stage: str = "dev", suffix: str = "api", **overrides) -> dict:
    body = {
        "function_name": f"sgcarstrends-{stage}-{suffix}",
        "architectures": ["arm64"],
        "runtime": "nodejs22.x",
        "handler": "index.handler",
        "role": "${aws_iam_role.role.arn}",
    }
    body.update(overrides)
    return body


def contract_environment(app_name: str = "api") -> dict:
    """A function `environment` block carrying exactly the app contract's names (SGCT013 passes)."""
    from stages.app_contract import App, env_names

    return {"variables": {name: f"${{var.{name}}}" for name in env_names(App(app_name))}}


def log_group(stage: str = "dev", suffix: str = "api", days: int | None = 7) -> dict:
    body = {"name": f"/aws/lambda/sgcarstrends-{stage}-{suffix}"}
    if days is not None:
        body["retention_in_days"] = days
    return body


def change(
    address: str,
    actions: list[str],
    before=None,
    after=None,
    after_unknown=None,
    action_reason: str | None = None,
    **extra,
) -> dict:
    type_name, name = address.split(".", 1)
    entry = {
        "address": address,
        "mode": "managed",
        "type": type_name,
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {
            "actions": actions,
            "before": before,
            "after": after,
            "after_unknown": after_unknown or {},
            "before_sensitive": {},
            "after_sensitive": {},
            **extra,
        },
    }
    if action_reason:
        entry["action_reason"] = action_reason
    return entry


def plan(changes: list[dict], stage: str | None = "dev", format_version: str = "1.2", **extra) -> dict:
    """A plan document; the AWS provider's `stage` default tag names the stage (None: no tag)."""
    provider = {
        "name": "aws",
        "full_name": "registry.terraform.io/hashicorp/aws",
        "expressions": {"region": {"constant_value": "ap-southeast-1"}},
    }
    if stage:
        provider["expressions"]["default_tags"] = [{"tags": {"constant_value": stage_tags(stage)}}]
    data = {
        "format_version": format_version,
        "terraform_version": "1.11.4",
        "resource_changes": changes,
        "planned_values": {"root_module": {}},
        "configuration": {"provider_config": {"aws": provider}, "root_module": {"resources": []}},
    }
    data.update(extra)
    return data


def run_rule(
    rule_id: str,
    data: dict,
    path: str = "fixture/cdk.tf.json",
    stage: str | None = None,
    protected_types: frozenset[str] | None = None,
):
    """Findings of one rule on one config or plan dict (rule applicability included)."""
    if "format_version" in data:
        document = plan_document(path, data, stage)
    else:
        document = config_document(path, data, stage)
    rules = {rule_id: all_rules()[rule_id]}
    return check_documents([document], rules=rules, protected_types=protected_types).findings


def write_json(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path
