"""pytest plugin: synthesize once per test session and share the output.

Enable with `pytest_plugins = ["harness.plugin"]` in a conftest.
"""

from __future__ import annotations

import pytest

from harness.synth import SynthOutput, run_synth

SESSION_EPHEMERAL_STAGES = ("pr-123",)


@pytest.fixture(scope="session")
def synth_output(tmp_path_factory) -> SynthOutput:
    """Every permanent stage plus `pr-123`, synthesized once for the session."""
    outdir = tmp_path_factory.mktemp("synth") / "cdktf.out"
    run_synth(outdir, SESSION_EPHEMERAL_STAGES)
    return SynthOutput(outdir)
