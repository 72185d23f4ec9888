"""Two synthesized `cdktf.out` directories (base branch vs head) -> one `StageReview` per stage.

Why: pull requests from forks, and any CI without cloud credentials, cannot
run `terraform plan`. The synthesized JSON still says which resources
appear, disappear or change, and which attributes. What it cannot say is
whether the provider will replace a resource; `FORCES_REPLACEMENT` lists the
attributes of the resources this platform uses that are known to force a
replacement, so an estimate is shown and labelled as one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policies.inputs.config_view import sections
from review.changes import Action, AttributeChange, OutputChange, ResourceChange, StageReview
from review.diagram.change_view import attach_components
from review.stack_input import read_stack
from review.stage_info import ReviewInputError, is_protected
from review.values import ABSENT, SENSITIVE, flatten, safe_display

FORCES_REPLACEMENT: dict[str, tuple[str, ...]] = {
    "aws_s3_bucket": ("bucket", "bucket_prefix"),
    "aws_lambda_function": ("function_name",),
    "aws_iam_role": ("name", "name_prefix", "path"),
    "aws_iam_role_policy": ("name", "role"),
    "aws_cloudwatch_log_group": ("name", "name_prefix"),
    "aws_cloudwatch_metric_alarm": ("alarm_name",),
    "aws_sns_topic": ("name", "name_prefix", "fifo_topic"),
    "aws_acm_certificate": ("domain_name", "subject_alternative_names", "key_algorithm"),
    "aws_apigatewayv2_api": ("protocol_type",),
    "aws_apigatewayv2_stage": ("api_id", "name"),
    "aws_apigatewayv2_domain_name": ("domain_name",),
    "aws_lambda_permission": ("function_name", "statement_id", "principal", "action", "source_arn"),
    "aws_kms_key": ("customer_master_key_spec", "key_usage"),
    "cloudflare_dns_record": ("zone_id",),
}
"""Attributes whose change makes the provider replace the resource (from the provider schemas)."""

_METADATA = "//"


def load_stacks(outdir: Path) -> dict[str, dict[str, Any]]:
    """`{stack name: parsed cdk.tf.json}` for one `cdktf.out` directory, each stack's shape checked."""
    stacks_dir = outdir / "stacks"
    if not stacks_dir.is_dir():
        raise ReviewInputError(
            f"{outdir} is not a synthesized cdktf.out directory (no stacks/ inside); "
            f"synthesize it with `python main.py --outdir {outdir}`"
        )
    return {path.parent.name: read_stack(path) for path in sorted(stacks_dir.glob("*/cdk.tf.json"))}


def _resources(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{type_name}.{name}": body for type_name, name, body in sections(config, "resource", "cdk.tf.json")
    }


def _moves(config: dict[str, Any]) -> dict[str, str]:
    """`{from: to}` from `moved` blocks (what cdktf's `move_to` writes)."""
    return {
        block["from"]: block["to"] for block in config.get("moved") or [] if "from" in block and "to" in block
    }


def _construct_path(body: dict[str, Any]) -> str | None:
    """`body["//"].metadata.path` if present: CDKTF's comments are optional, never an error."""
    comment = body.get(_METADATA)
    metadata = comment.get("metadata") if isinstance(comment, dict) else None
    path = metadata.get("path") if isinstance(metadata, dict) else None
    return path if isinstance(path, str) else None


def _body(body: dict[str, Any] | None) -> dict[str, Any]:
    return {key: value for key, value in (body or {}).items() if key != _METADATA}


def _attribute_rows(
    resource_type: str, before: dict, after: dict, action: Action
) -> tuple[AttributeChange, ...]:
    old_flat, new_flat = (flatten(before) if before else {}), (flatten(after) if after else {})
    forcing = FORCES_REPLACEMENT.get(resource_type, ())
    rows = []
    for path in sorted(set(old_flat) | set(new_flat)):
        old, new = old_flat.get(path, ABSENT), new_flat.get(path, ABSENT)
        if old == new:
            continue
        top = path.split(".")[0].split("[")[0]
        rows.append(
            AttributeChange(
                path=path,
                before=safe_display(path, old),
                after=safe_display(path, new),
                forces_replacement=action is Action.REPLACE and top in forcing,
            )
        )
    return tuple(rows)


def diff_stack(stage: str, base: dict[str, Any] | None, head: dict[str, Any] | None) -> StageReview:
    """Compare one stack's base and head JSON (either may be None: stack added or removed)."""
    old, new = _resources(base or {}), _resources(head or {})
    moves = _moves(head or {})
    changes = []
    for address in sorted(set(old) | set(new)):
        resource_type = address.split(".")[0]
        if address in new and address not in old:
            moved_from = next(
                (source for source, target in moves.items() if target == address and source in old), None
            )
            if moved_from:
                before, reason = _body(old[moved_from]), f"moved from {moved_from}"
                action = Action.UPDATE
            else:
                before, reason, action = {}, "added to the configuration", Action.CREATE
            after = _body(new[address])
        elif address in old and address not in new:
            if moves.get(address) in new:
                continue  # shown under its new address
            before, after, action, reason = (
                _body(old[address]),
                {},
                Action.DESTROY,
                "removed from the configuration",
            )
        else:
            before, after = _body(old[address]), _body(new[address])
            if before == after:
                continue
            forcing = set(FORCES_REPLACEMENT.get(resource_type, ()))
            changed_top = {key for key in set(before) | set(after) if before.get(key) != after.get(key)}
            if changed_top & forcing:
                action = Action.REPLACE
                reason = f"estimated: {', '.join(sorted(changed_top & forcing))} cannot change in place"
            else:
                action, reason = Action.UPDATE, ""
        rows = () if action is Action.DESTROY else _attribute_rows(resource_type, before, after, action)
        construct = _construct_path(new.get(address) or old.get(address) or {})
        changes.append(ResourceChange(address, resource_type, action, rows, reason, construct))
    outputs = _output_changes(base or {}, head or {})
    review = StageReview(
        stage=stage, protected=is_protected(stage), source="synth diff", resources=changes, outputs=outputs
    )
    review.notes.append(
        "From synthesized JSON (no credentials): replacements are estimated and values known only "
        "at apply time are not shown; a real plan is authoritative."
    )
    attach_components(review, [(stage, config) for config in (head, base) if config is not None])
    if base is None:
        review.notes.append("This stack is new on this branch.")
    if head is None:
        review.notes.append("This stack is removed on this branch: every resource in it would be destroyed.")
    return review


def _output_changes(base: dict[str, Any], head: dict[str, Any]) -> list[OutputChange]:
    old, new = base.get("output") or {}, head.get("output") or {}
    outputs = []
    for name in sorted(set(old) | set(new)):
        if old.get(name) == new.get(name):
            continue
        action = Action.CREATE if name not in old else Action.DESTROY if name not in new else Action.UPDATE
        sensitive = bool((old.get(name) or {}).get("sensitive") or (new.get(name) or {}).get("sensitive"))
        before = SENSITIVE if sensitive else (old.get(name) or {}).get("value", ABSENT)
        after = SENSITIVE if sensitive else (new.get(name) or {}).get("value", ABSENT)
        outputs.append(
            OutputChange(name, action, sensitive, safe_display(name, before), safe_display(name, after))
        )
    return outputs


def sensitive_defaults(config: dict[str, Any]) -> set[str]:
    """Defaults of `sensitive = true` variables: never shown, scrubbed if they slip through."""
    found = set()
    for declaration in (config.get("variable") or {}).values():
        if declaration.get("sensitive") and isinstance(declaration.get("default"), str):
            found.add(declaration["default"])
    return found


def diff_outdirs(
    base_dir: Path, head_dir: Path, stages: list[str] | None = None
) -> tuple[list[StageReview], set[str]]:
    """Review every stack present on either side (or only `stages`), plus the values to scrub."""
    base, head = load_stacks(base_dir), load_stacks(head_dir)
    names = sorted(set(base) | set(head))
    if stages:
        unknown = [name for name in stages if name not in names]
        if unknown:
            raise ReviewInputError(
                f"stage(s) {unknown} are in neither {base_dir} nor {head_dir}; have: {names}"
            )
        names = [name for name in names if name in stages]
    secrets = set()
    for config in [*base.values(), *head.values()]:
        secrets |= sensitive_defaults(config)
    return [diff_stack(name, base.get(name), head.get(name)) for name in names], secrets
