"""Synthesize a few constructs in-process, with plain inputs, for construct tests.

Why: the edge and monitoring constructs take hostnames, ARNs and metrics as
props, so they can be built and checked without the rest of the platform;
the session `synth_output` fixture covers the composed stages.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from harness.synth import SynthesizedStack
from stages import resolve_stage

CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000"


def synth_constructs(stage_name: str, build: Callable) -> SynthesizedStack:
    """Call `build(stack, stage, providers)` in a fresh stack and return the synthesized JSON."""
    from modules.app.bindings import App, TerraformStack
    from modules.app.deployment_target import DeploymentTarget
    from modules.app.providers import configure_providers

    stage = resolve_stage(stage_name)
    outdir = Path(tempfile.mkdtemp(prefix="construct-synth-"))
    app = App(outdir=str(outdir), stack_traces=False)
    stack = TerraformStack(app, "under_test")
    providers = configure_providers(stack, stage, DeploymentTarget())
    build(stack, stage, providers)
    app.synth()
    return SynthesizedStack.load(outdir / "stacks" / "under_test" / "cdk.tf.json")


def only(stack: SynthesizedStack, resource_type: str) -> dict:
    """The single resource of `resource_type` (fails when there are none or several)."""
    found = stack.resources(resource_type)
    assert len(found) == 1, f"expected one {resource_type}, found {sorted(found)}"
    return next(iter(found.values()))
