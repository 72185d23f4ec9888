"""Synthetic stacks and plans of N resources, built from a real synthesized stack, for scale benchmarks.

Every resource is a copy of one in the base stack (default: the prod stack in
cdktf.out), renamed `<name>_s<copy>`; references between resources of the same
copy are renamed with it, so the reference graph keeps its real shape. The
output is deterministic: the same base and N give the same bytes.

    .venv/bin/python scripts/make_synthetic_stack.py 2500 /tmp/big          # stacks/prod/cdk.tf.json
    .venv/bin/python scripts/make_synthetic_stack.py 2500 /tmp/big --plan   # also plan-prod.json
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE = REPO_ROOT / "cdktf.out" / "stacks" / "prod" / "cdk.tf.json"
_REFERENCE = re.compile(r"\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.")


def _renamed(value, names: set[str], suffix: str):
    """`value` with every `${type.name.` of a base resource pointing at that resource's copy."""
    if isinstance(value, str):

        def rename(match: re.Match) -> str:
            address = f"{match.group(1)}.{match.group(2)}"
            return f"${{{address}{suffix}." if address in names else match.group(0)

        return _REFERENCE.sub(rename, value) if "${" in value else value
    if isinstance(value, dict):
        return {key: _renamed(item, names, suffix) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, names, suffix) for item in value]
    return value


def synthetic_stack(base: dict, count: int) -> dict:
    """A copy of `base` whose `resource` section holds exactly `count` resources."""
    originals = [
        (type_name, name, body)
        for type_name, bodies in sorted(base.get("resource", {}).items())
        for name, body in sorted(bodies.items())
    ]
    if not originals:
        raise SystemExit("the base stack has no resources")
    names = {f"{type_name}.{name}" for type_name, name, _ in originals}
    stack = {key: copy.deepcopy(value) for key, value in base.items() if key not in ("resource", "output")}
    resources: dict[str, dict] = {}
    for index in range(count):
        type_name, name, body = originals[index % len(originals)]
        suffix = f"_s{index // len(originals)}"
        renamed = _renamed(body, names, suffix)
        metadata = renamed.get("//", {}).get("metadata", {})
        if "path" in metadata:
            metadata["path"] = f"{metadata['path']}{suffix}"
            metadata["uniqueId"] = f"{metadata.get('uniqueId', name)}{suffix}"
        resources.setdefault(type_name, {})[f"{name}{suffix}"] = renamed
    stack["resource"] = resources
    return stack


def _values(body: dict) -> dict:
    """What a plan's `after` holds for a config body: its arguments, without meta-arguments."""
    return {
        key: value for key, value in body.items() if key not in ("//", "lifecycle", "provider", "depends_on")
    }


def synthetic_plan(stack: dict, stage: str) -> dict:
    """`terraform show -json` shape creating every resource of `stack` (all changes, no prior state)."""
    changes, config_resources = [], []
    for type_name, bodies in stack["resource"].items():
        for name, body in bodies.items():
            address = f"{type_name}.{name}"
            provider = body.get("provider", "aws")
            key = provider.split("${", 1)[-1].rstrip("}") if "${" in provider else provider
            changes.append(
                {
                    "address": address,
                    "mode": "managed",
                    "type": type_name,
                    "name": name,
                    "provider_name": "registry.terraform.io/hashicorp/aws",
                    "change": {
                        "actions": ["create"],
                        "before": None,
                        "after": _values(body),
                        "after_unknown": {"id": True, "arn": True},
                        "before_sensitive": False,
                        "after_sensitive": {},
                    },
                }
            )
            config_resources.append(
                {
                    "address": address,
                    "mode": "managed",
                    "type": type_name,
                    "name": name,
                    "provider_config_key": key,
                    "expressions": {},
                }
            )
    tags = {"app": "sgcarstrends", "stage": stage, "managed-by": "cdktf"}
    provider_config = {
        "aws": {
            "name": "aws",
            "full_name": "registry.terraform.io/hashicorp/aws",
            "expressions": {
                "region": {"constant_value": "ap-southeast-1"},
                "default_tags": [{"tags": {"constant_value": tags}}],
            },
        },
        "aws.us_east_1": {
            "name": "aws",
            "full_name": "registry.terraform.io/hashicorp/aws",
            "alias": "us_east_1",
            "expressions": {
                "region": {"constant_value": "us-east-1"},
                "default_tags": [{"tags": {"constant_value": tags}}],
            },
        },
    }
    return {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "resource_changes": changes,
        "planned_values": {"root_module": {}},
        "configuration": {"provider_config": provider_config, "root_module": {"resources": config_resources}},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of resources")
    parser.add_argument("outdir", type=Path, help="written as OUTDIR/stacks/<stage>/cdk.tf.json")
    parser.add_argument("--base", type=Path, default=DEFAULT_BASE, help="real stack to copy (default: prod)")
    parser.add_argument("--plan", action="store_true", help="also write OUTDIR/plan-<stage>.json")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    if not args.base.is_file():
        parser.error(f"{args.base} does not exist; synthesize first (`python main.py`) or pass --base")
    base = json.loads(args.base.read_text())
    stage = base["//"]["metadata"]["stackName"]
    stack = synthetic_stack(base, args.count)
    target = args.outdir / "stacks" / stage / "cdk.tf.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(stack, indent=2, sort_keys=True))
    if args.plan:
        (args.outdir / f"plan-{stage}.json").write_text(
            json.dumps(synthetic_plan(stack, stage), sort_keys=True)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
