"""Synthesize several construct scenarios as stacks of one in-process App, once.

Why: each synth pays jsii round-trips; a test module builds all its
scenarios (each a small stack with its own stage) and synthesizes them in
one go from a module-scoped fixture. The session `synth_output` fixture
covers the composed stages.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from harness.synth import SynthesizedStack
from stages import Stage

Build = Callable[[object, Stage], object]


def synth_scenarios(
    scenarios: dict[str, tuple[Stage, Build]],
) -> tuple[dict[str, SynthesizedStack], dict[str, object]]:
    """`{name: (stage, build)}` -> (`{name: synthesized stack}`, `{name: what build returned}`)."""
    from modules.app.bindings import App, TerraformStack
    from modules.app.providers import configure_providers

    outdir = Path(tempfile.mkdtemp(prefix="scenario-synth-"))
    app = App(outdir=str(outdir), stack_traces=False)
    built = {}
    for name, (stage, build) in scenarios.items():
        stack = TerraformStack(app, name)
        configure_providers(stack, stage)
        built[name] = build(stack, stage)
    app.synth()
    stacks = {name: SynthesizedStack.load(outdir / "stacks" / name / "cdk.tf.json") for name in scenarios}
    return stacks, built


def scratch_scope():
    """A stack that is never synthesized: for constructs expected to refuse their props."""
    from modules.app.bindings import App, TerraformStack

    return TerraformStack(App(outdir=tempfile.mkdtemp(prefix="scratch-")), "scratch")


def only(stack: SynthesizedStack, resource_type: str) -> tuple[str, dict]:
    """(address, body) of the single resource of `resource_type`."""
    found = stack.resources(resource_type)
    assert len(found) == 1, f"expected one {resource_type}, found {sorted(found)}"
    return next(iter(found.items()))


def by_name(stack: SynthesizedStack, resource_type: str, key: str, value: str) -> dict:
    """The resource of `resource_type` whose `key` equals `value`."""
    matches = [body for body in stack.resources(resource_type).values() if body.get(key) == value]
    assert len(matches) == 1, f"expected one {resource_type} with {key}={value!r}, found {len(matches)}"
    return matches[0]


def find_node() -> str | None:
    """The Node.js jsii uses (`JSII_NODE`, set by modules.app.bindings), else `node` on PATH."""
    import modules.app.bindings  # noqa: F401 - sets JSII_NODE to the bundled Node when present

    return os.environ.get("JSII_NODE") or shutil.which("node")
