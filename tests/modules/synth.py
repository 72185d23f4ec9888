"""Synthesize constructs in-process for construct tests, and pick single resources.

Why: the constructs take hostnames, ARNs, metrics and stages as props, so
they can be built and checked without the rest of the platform; the session
`synth_output` fixture covers the composed stages. Each stack gets the same
protection aspect as a `PlatformStack` of its stage, so a construct test sees
exactly what the platform would synthesize. Output goes to a pytest temporary
directory (the caller's `tmp_path`), never to a leaked one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from harness.synth import SynthesizedStack
from harness.template import Template
from stages import Stage, resolve_stage

CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000"

Build = Callable[[Any, Stage], Any]


class Found(NamedTuple):
    """One resource: its Terraform address and body."""

    address: str
    body: dict


def single(stack: Template | SynthesizedStack, resource_type: str, properties: Any = None) -> Found:
    """The one resource of `resource_type` (matching `properties`, if given); fails on none or several.

    `properties` is a `harness.Match` pattern, e.g. `{"function_name": "sgcarstrends-dev-web"}`.
    """
    template = stack if isinstance(stack, Template) else Template.from_stack(stack)
    found = template.find_resources(resource_type, properties)
    assert len(found) == 1, (
        f"expected one {resource_type}"
        + (f" matching {properties!r}" if properties is not None else "")
        + f", found {sorted(found) or 'none'} among {sorted(template.resources(resource_type)) or 'none'}"
    )
    return Found(*next(iter(found.items())))


def has_one_for_bucket(template: Template, resource_type: str, bucket_address: str, properties: dict) -> None:
    """Exactly one `resource_type` belongs to the bucket at `bucket_address` (by `${<address>.id}`),
    and it matches `properties`."""
    reference = "${" + bucket_address + ".id}"
    template.resource_properties_count_is(resource_type, {"bucket": reference}, 1)
    template.has_resource_properties(resource_type, {"bucket": reference, **properties})


def synth_scenarios(
    scenarios: dict[str, tuple[Stage, Build]], outdir: Path
) -> tuple[dict[str, Template], dict[str, Any]]:
    """`{name: (stage, build)}` -> (`{name: Template}`, `{name: what build returned}`), one App.

    Why one App: each synth pays jsii round-trips; a test module builds all its
    scenarios (each a small stack with its own stage) and synthesizes them once.
    """
    from modules.app.bindings import App, TerraformStack
    from modules.app.protection import protect_stack
    from modules.app.providers import configure_providers

    app = App(outdir=str(outdir), stack_traces=False)
    built = {}
    for name, (stage, build) in scenarios.items():
        stack = TerraformStack(app, name)
        protect_stack(stack, stage.protection)
        configure_providers(stack, stage)
        built[name] = build(stack, stage)
    app.synth()
    templates = {
        name: Template.from_json_file(outdir / "stacks" / name / "cdk.tf.json") for name in scenarios
    }
    return templates, built


def synth_constructs(stage_name: str, build: Callable[[Any, Stage, Any], Any], outdir: Path) -> Template:
    """Call `build(stack, stage, providers)` in a fresh stack and return its Template."""
    from modules.app.providers import Providers

    def with_providers(stack: Any, stage: Stage) -> Any:
        # synth_scenarios declared the stage's providers under their fixed construct IDs.
        providers = Providers(
            aws_primary=stack.node.find_child("aws"),
            aws_global=stack.node.find_child("aws_us_east_1"),
            cloudflare=stack.node.try_find_child("cloudflare"),
        )
        return build(stack, stage, providers)

    templates, _ = synth_scenarios({"under_test": (resolve_stage(stage_name), with_providers)}, outdir)
    return templates["under_test"]


def scratch_scope(outdir: Path) -> Any:
    """A stack that is never synthesized: for constructs expected to refuse their props."""
    from modules.app.bindings import App, TerraformStack

    return TerraformStack(App(outdir=str(outdir)), "scratch")
