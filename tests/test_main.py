"""main.py end to end: stages written, bad names refused, fast imports identical."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.synth import REPO_ROOT, SynthError, run_synth

PERMANENT = ["dev", "prod", "staging"]


def test_writes_every_permanent_stage_and_requested_ephemeral_one(synth_output):
    assert synth_output.stack_names() == sorted(["bootstrap", *PERMANENT, "pr-123"])
    for name in PERMANENT + ["pr-123"]:
        assert synth_output.stack(name).config["//"]["metadata"]["stackName"] == name


def test_bad_stage_name_fails_before_anything_is_written(tmp_path):
    outdir = tmp_path / "cdktf.out"
    (outdir / "stacks").mkdir(parents=True)
    (outdir / "marker").write_text("previous output")
    with pytest.raises(SynthError) as caught:
        run_synth(outdir, ("api-pr-1",))
    assert caught.value.returncode == 2
    assert "stage-name/api-prefix" in caught.value.stderr and "'api-pr-1'" in caught.value.stderr
    assert sorted(p.name for p in outdir.iterdir()) == ["marker", "stacks"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cdktf.out"]


def test_ephemeral_stage_from_environment(tmp_path):
    run_synth(tmp_path / "out", extra_env={"SGCT_EPHEMERAL_STAGES": "feature-auth"})
    assert (tmp_path / "out" / "stacks" / "feature-auth" / "cdk.tf.json").is_file()


def _tree(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()}


def test_fast_provider_imports_are_byte_identical_to_the_normal_import_path(synth_output, tmp_path):
    run_synth(tmp_path / "full", ("pr-123",), extra_env={"SGCT_PROVIDER_IMPORT": "full"})
    fast, full = _tree(synth_output.outdir), _tree(tmp_path / "full")
    assert fast.keys() == full.keys()
    assert [name for name in fast if fast[name] != full[name]] == []


def test_unknown_import_mode_is_refused(tmp_path):
    with pytest.raises(SynthError, match="SGCT_PROVIDER_IMPORT='slow' is not allowed"):
        run_synth(tmp_path / "out", extra_env={"SGCT_PROVIDER_IMPORT": "slow"})
    assert not (tmp_path / "out").exists()


CDKTF_CLI = REPO_ROOT / "node_modules" / ".bin" / "cdktf"


@pytest.mark.skipif(
    not CDKTF_CLI.exists(), reason="cdktf-cli not installed in node_modules (run scripts/setup.sh)"
)
def test_cdktf_cli_synth_honours_its_output_dir(tmp_path):
    venv_bin = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{venv_bin}:{os.environ['PATH']}", "CHECKPOINT_DISABLE": "1", "CI": "1"}
    outdir = tmp_path / "cli.out"
    result = subprocess.run(
        [str(CDKTF_CLI), "synth", "--output", str(outdir)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (outdir / "stacks").iterdir()) == ["bootstrap", *PERMANENT]


def test_an_output_directory_that_is_not_a_synth_output_is_refused_before_synthesis(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(SynthError) as caught:
        run_synth(tmp_path)
    assert caught.value.returncode == 2 and "not a cdktf output directory" in caught.value.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_unusable_web_build_exits_2_naming_file_and_field_and_keeps_the_previous_output(tmp_path):
    from tests.builds.synthetic_output import write_output

    output = write_output(tmp_path / "app", "b1")
    manifest = output / "open-next.output.json"
    data = json.loads(manifest.read_text())
    data["origins"]["default"]["type"] = "ecs"
    manifest.write_text(json.dumps(data))
    outdir = tmp_path / "out"
    (outdir / "stacks" / "dev").mkdir(parents=True)
    (outdir / "stacks" / "dev" / "cdk.tf.json").write_text("previous")
    with pytest.raises(SynthError) as caught:
        run_synth(outdir, extra_env={"SGCT_WEB_ARTIFACT": str(output)})
    assert caught.value.returncode == 2
    assert f"{manifest}: field 'origins.default.type' is 'ecs'" in caught.value.stderr
    assert (outdir / "stacks" / "dev" / "cdk.tf.json").read_text() == "previous"
    assert sorted(p.name for p in outdir.iterdir()) == ["stacks"]
