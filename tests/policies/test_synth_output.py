"""The real synthesized stages pass every rule (with the repository's suppressions file)."""

from policies.api import DEFAULT_SUPPRESSIONS, check_paths
from policies.reporters import render


def test_real_stacks_are_clean(synth_output):
    result = check_paths([synth_output.outdir], suppressions_file=DEFAULT_SUPPRESSIONS)
    assert {d.stage.name for d in result.documents} >= {"prod", "staging", "dev", "pr-123", "bootstrap"}
    assert result.blocking == [], render(result, "text")
    unsuppressed = [f for f in result.findings if f.suppressed_by is None]
    assert unsuppressed == [], render(result, "text")


def test_no_suppression_in_the_repository_has_expired(synth_output):
    result = check_paths([synth_output.outdir], suppressions_file=DEFAULT_SUPPRESSIONS)
    assert not [f for f in result.findings if f.rule_id == "SGCT901"], render(result, "text")
