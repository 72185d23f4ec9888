"""The synthetic stack generator: exact size, references renamed within each copy, deterministic."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from policies.api import check_paths
from tests.policies.helpers import stack

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from make_synthetic_stack import main, synthetic_plan, synthetic_stack

BASE = stack(
    "dev",
    {
        "aws_kms_key.key": {"description": "k"},
        "aws_sns_topic.topic": {
            "name": "sgcarstrends-dev-alarms",
            "kms_master_key_id": "${aws_kms_key.key.arn}",
        },
    },
)


def test_exactly_n_resources_with_references_renamed_per_copy():
    big = synthetic_stack(BASE, 5)
    addresses = [f"{t}.{n}" for t, bodies in big["resource"].items() for n in bodies]
    assert len(addresses) == 5 and len(set(addresses)) == 5
    topics = big["resource"]["aws_sns_topic"]
    assert topics, "the copies hold topics"
    for name, body in topics.items():
        copy_suffix = name.removeprefix("topic")
        assert body["kms_master_key_id"] == f"${{aws_kms_key.key{copy_suffix}.arn}}"


def test_output_is_deterministic_and_checkable(tmp_path):
    base = tmp_path / "base.json"
    base.write_text(json.dumps(BASE))
    for name in ("a", "b"):
        assert main(["7", str(tmp_path / name), "--base", str(base), "--plan"]) == 0
    first, second = (tmp_path / n / "stacks" / "dev" / "cdk.tf.json" for n in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    plan = json.loads((tmp_path / "a" / "plan-dev.json").read_text())
    assert len(plan["resource_changes"]) == 7
    assert check_paths([first, tmp_path / "a" / "plan-dev.json"]).documents


def test_the_plan_creates_every_resource():
    plan = synthetic_plan(synthetic_stack(BASE, 3), "dev")
    changes = plan["resource_changes"]
    assert changes and all(c["change"]["actions"] == ["create"] for c in changes)
