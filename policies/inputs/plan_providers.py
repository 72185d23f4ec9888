"""The AWS provider blocks a plan was made with: region and default tags, from `configuration`.

Why its own module: the plan view (region and tag rules) and the plan's
stage check (`policies.inputs.plan_stage`, also used by `sgct review`) both read
them, and both must fail on a malformed block the same way.
"""

from __future__ import annotations

from policies.inputs.shapes import PLAN_FIX, objects, optional_object


def _constant(expression):
    return expression.get("constant_value") if isinstance(expression, dict) else None


def aws_providers(plan: dict, path: str = "plan JSON") -> list[dict]:
    """Default (unaliased-key) AWS providers as `{"alias", "region", "default_tags", "unknown_tags"}`.

    `region` is None when it is not a constant; `unknown_tags` holds the
    references of a `tags` map that is not a constant (known only at apply).
    """
    configuration = optional_object(plan.get("configuration"), path, "configuration", PLAN_FIX)
    by_key = optional_object(
        configuration.get("provider_config"), path, "configuration.provider_config", PLAN_FIX
    )
    providers = []
    for key, entry in by_key.items():
        where = f"configuration.provider_config.{key}"
        entry = optional_object(entry, path, where, PLAN_FIX)
        if entry.get("name") != "aws" or ":" in key:
            continue
        expressions = optional_object(entry.get("expressions"), path, f"{where}.expressions", PLAN_FIX)
        tags, unknown = {}, []
        for block_where, block in objects(
            expressions.get("default_tags"), path, f"{where}.expressions.default_tags", PLAN_FIX
        ):
            expression = optional_object(block.get("tags"), path, f"{block_where}.tags", PLAN_FIX)
            if "constant_value" in expression:
                tags.update(
                    optional_object(
                        expression["constant_value"],
                        path,
                        f"{block_where}.tags.constant_value",
                        PLAN_FIX,
                        "an object of tag names to values",
                    )
                )
            elif expression:
                unknown.append("${" + ",".join(map(str, expression.get("references") or ["computed"])) + "}")
        providers.append(
            {
                "alias": entry.get("alias"),
                "region": _constant(expressions.get("region")),
                "default_tags": tags,
                "unknown_tags": tuple(unknown),
            }
        )
    return providers
