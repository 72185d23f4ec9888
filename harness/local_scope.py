"""Which resources of a locally synthesized stage a loopback apply may touch.

Why: the local target leaves out what the loopback server cannot serve
(`DeploymentTarget` properties, honoured by the constructs). Until every
construct honours them, or when moto lacks an API, the harness must not
fail on resources it cannot create: it applies with `-target` for every
resource except those of unsupported types and everything that depends on
them, and says which it left out. When nothing needs leaving out, no
`-target` is used at all and the whole stack is applied.
"""

from __future__ import annotations

import json
import re

# Resource types moto 5.x cannot create, with the reason (see modules/app/deployment_target.py).
LOCALLY_UNSUPPORTED: dict[str, str] = {
    "aws_cloudfront_cache_policy": "moto has no CloudFront cache policies",
    "aws_cloudfront_origin_request_policy": "moto has no CloudFront origin request policies",
    "aws_cloudfront_response_headers_policy": "moto has no CloudFront response headers policies",
    "aws_cloudfront_distribution": "its behaviours reference cache/response headers policies",
    "aws_cloudfront_function": "only used by the distribution",
    "aws_cloudfront_origin_access_control": "only used by the distribution",
    "aws_lambda_invocation": "moto runs Lambda code only in Docker; the harness runs the handler in Node",
    "aws_lambda_event_source_mapping": (
        "moto invokes the mapped function (Docker) on every SendMessage; the harness hands the queue's "
        "messages to the handler in Node"
    ),
}
# Re-plan differences that come from moto's answers, not from our configuration, by
# "<type>/<attribute>": `PlanTemplate.assert_idempotent(allowed=EMULATOR_DIFFERENCES)` on a local stage.
EMULATOR_DIFFERENCES: dict[str, str] = {
    "aws_sqs_queue/redrive_policy": (
        "moto renders RedrivePolicy JSON with spaces after separators, SQS itself compactly, and the "
        "provider does not suppress the whitespace-only difference (terraform-provider-aws#16964)"
    ),
}
_REFERENCE = re.compile(r"\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)")


def _references(body: dict) -> set[str]:
    text = json.dumps({key: value for key, value in body.items() if key != "//"})
    found = set()
    for expression in re.findall(r"\$\{(.*?)\}", text):
        found |= set(_REFERENCE.findall(expression))
    found |= set(body.get("depends_on", []))
    return found


def _resource_bodies(config: dict) -> dict[str, dict]:
    """`{address: body}` for every managed resource of a synthesized config."""
    return {
        f"{type_name}.{name}": body
        for type_name, by_name in config.get("resource", {}).items()
        for name, body in by_name.items()
    }


def local_exclusions(config: dict) -> dict[str, str]:
    """`{address: reason}` for every resource a loopback apply must leave out."""
    bodies = _resource_bodies(config)
    excluded = {
        address: LOCALLY_UNSUPPORTED[address.split(".")[0]]
        for address in bodies
        if address.split(".")[0] in LOCALLY_UNSUPPORTED
    }
    changed = True
    while changed:
        changed = False
        for address, body in bodies.items():
            if address in excluded:
                continue
            blocked = sorted(ref for ref in _references(body) if ref in excluded)
            if blocked:
                excluded[address] = f"depends on {blocked[0]}"
                changed = True
    return excluded


def target_arguments(config: dict) -> list[str]:
    """`-target=<address>` for every resource outside the exclusions; [] when nothing is excluded."""
    excluded = local_exclusions(config)
    if not excluded:
        return []
    return [f"-target={address}" for address in sorted(_resource_bodies(config)) if address not in excluded]


def subset_target_arguments(config: dict, addresses: list[str]) -> list[str]:
    """`-target=` for `addresses` and every resource they reference, transitively.

    Why the closure, not just the addresses: Terraform's `-target` apply pulls in
    dependencies on its own, but a `-target` destroy removes only the targets and
    their dependents; naming the whole closure makes the destroy remove exactly
    what the apply created. For tests that need a few resources applied, not the
    whole stage (a drift check on one function).
    """
    bodies = _resource_bodies(config)
    unknown = sorted(set(addresses) - set(bodies))
    if unknown:
        raise ValueError(f"not resources of this stack: {unknown}")
    closure: set[str] = set()
    pending = list(addresses)
    while pending:
        address = pending.pop()
        if address in closure:
            continue
        closure.add(address)
        pending.extend(ref for ref in _references(bodies[address]) if ref in bodies)
    excluded = sorted(closure & set(local_exclusions(config)))
    if excluded:
        raise ValueError(f"the subset needs resources a loopback apply leaves out: {excluded}")
    return [f"-target={address}" for address in sorted(closure)]
