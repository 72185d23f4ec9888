"""The diagram entry points the CLI, the review and scripts use: load a stage, draw a view.

Why one module: `sgct diagram`, `scripts/render_architecture.py` and the
golden-file tests must draw exactly the same picture from the same stack,
so they all go through these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policies.model import InputError
from review.diagram.architecture import build_architecture
from review.diagram.compare import compare
from review.diagram.model import Diagram
from review.diagram.resources import build_graph, to_diagram
from review.stack_input import read_stack
from review.stage_info import ReviewInputError
from stages import StageNameError
from stages.validation import check_dns_label

LEVELS = ("architecture", "resources")


def load_stack(synth_dir: Path, stage: str) -> dict[str, Any]:
    """`<synth_dir>/stacks/<stage>/cdk.tf.json`, shape-checked (`ReviewInputError` says the fix)."""
    try:
        check_dns_label(stage)  # before the name goes into a path or a suggested command
    except StageNameError as error:
        raise ReviewInputError(f"stage {stage!r}: {error}") from None
    stack_file = synth_dir / "stacks" / stage / "cdk.tf.json"
    if not stack_file.is_file():
        raise ReviewInputError(
            f"{stack_file} does not exist; synthesize the stage first "
            f"(`sgct synth --stage {stage}` for an ephemeral stage)"
        )
    return read_stack(stack_file)


def draw_stage(stage: str, config: dict[str, Any], level: str = LEVELS[0]) -> Diagram:
    """One stage at `level` (architecture: components and flows; resources: every resource)."""
    if level not in LEVELS:
        raise ReviewInputError(f"level {level!r} is not one of {LEVELS}")
    try:
        if level == "resources":
            return to_diagram(build_graph(stage, config))
        return build_architecture(stage, config).to_diagram()
    except InputError as error:
        raise ReviewInputError(str(error)) from None


def draw_compare(left: str, left_config: dict[str, Any], right: str, right_config: dict[str, Any]) -> Diagram:
    """Two stages' architectures in one picture; what only one side has is marked."""
    try:
        return compare(
            build_architecture(left, left_config).to_diagram(),
            build_architecture(right, right_config).to_diagram(),
        )
    except InputError as error:
        raise ReviewInputError(str(error)) from None
