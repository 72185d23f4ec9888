"""Synthesis output is atomic: a failure leaves the previous cdktf.out intact."""

import pytest

from modules.app import synthesis


class _FailingApp:
    """An app whose synth writes part of the output and then fails."""

    def __init__(self, outdir):
        self.outdir = outdir

    def synth(self):
        (self.outdir / "stacks" / "prod").mkdir(parents=True)
        (self.outdir / "stacks" / "prod" / "cdk.tf.json").write_text("{half")
        raise RuntimeError("provider binding exploded")


def _previous_output(outdir):
    stack = outdir / "stacks" / "prod"
    stack.mkdir(parents=True)
    (stack / "cdk.tf.json").write_text('{"previous": true}')
    (stack / ".terraform").mkdir()
    (stack / ".terraform" / "marker").write_text("provider cache")
    (stack / ".terraform.lock.hcl").write_text("lock")
    (stack / "plan.json").write_text('{"sensitive": "clear text"}')
    (stack / "tfplan").write_text("binary plan")


def test_failed_synth_keeps_previous_output_and_leaves_no_temporary_dirs(tmp_path, monkeypatch):
    outdir = tmp_path / "cdktf.out"
    _previous_output(outdir)
    monkeypatch.setattr(synthesis, "build_app", lambda stages, out, backend=None: _FailingApp(out))
    with pytest.raises(RuntimeError, match="exploded"):
        synthesis.synthesize([], outdir)
    assert (outdir / "stacks" / "prod" / "cdk.tf.json").read_text() == '{"previous": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cdktf.out"]


def test_successful_swap_keeps_terraform_working_files(tmp_path):
    outdir = tmp_path / "cdktf.out"
    _previous_output(outdir)
    fresh = tmp_path / "fresh"
    (fresh / "stacks" / "prod").mkdir(parents=True)
    (fresh / "stacks" / "prod" / "cdk.tf.json").write_text('{"fresh": true}')
    synthesis._swap_in(fresh, outdir)
    assert (outdir / "stacks" / "prod" / "cdk.tf.json").read_text() == '{"fresh": true}'
    assert (outdir / "stacks" / "prod" / ".terraform" / "marker").read_text() == "provider cache"
    assert (outdir / "stacks" / "prod" / ".terraform.lock.hcl").read_text() == "lock"
    assert not (outdir / "stacks" / "prod" / "plan.json").exists(), "plans hold secrets in clear text"
    assert not (outdir / "stacks" / "prod" / "tfplan").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cdktf.out"]
