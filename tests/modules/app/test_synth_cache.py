"""The synthesis cache: every kind of input changes the key; an unchanged run is skipped and says so."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from modules.app import synth_cache
from modules.app.synth_cache import SynthCache, input_key, key_path, output_digest

REPO_ROOT = Path(synth_cache.__file__).resolve().parent.parent.parent


@pytest.fixture
def tree(tmp_path):
    """A small stand-in repository: sources, main.py, cdktf.json."""
    root = tmp_path / "repo"
    (root / "stages").mkdir(parents=True)
    (root / "modules" / "compute" / "assets").mkdir(parents=True)
    (root / "stages" / "catalog.py").write_text("MEMORY = 512\n")
    (root / "modules" / "compute" / "assets" / "index.mjs").write_text("export const handler = 1;\n")
    (root / "main.py").write_text("print('app')\n")
    (root / "cdktf.json").write_text("{}\n")
    return root


def _key(tree, environ=None, stages=("prod",), outdir=Path("/out")):
    return input_key(stages, outdir, environ or {}, root=tree)


def test_each_source_kind_changes_the_key(tree):
    before = _key(tree)
    assert _key(tree) == before, "the key is stable"
    for path, text in (
        ("stages/catalog.py", "MEMORY = 1024\n"),
        ("modules/compute/assets/index.mjs", "export const handler = 2;\n"),
        ("main.py", "print('app 2')\n"),
        ("cdktf.json", '{"app": "x"}\n'),
    ):
        previous = _key(tree)
        (tree / path).write_text(text)
        assert _key(tree)["sources"] != previous["sources"], f"{path} is an input"
    (tree / "stages" / "new.py").write_text("")
    assert _key(tree)["sources"] != before["sources"], "an added file is an input"


def test_settings_environment_artifacts_and_versions_change_the_key(tree, tmp_path, monkeypatch):
    base = _key(tree)
    assert _key(tree, stages=("prod", "pr-1"))["settings"] != base["settings"]
    assert _key(tree, outdir=Path("/other"))["settings"] != base["settings"]
    assert _key(tree, {"SGCT_STATE_BUCKET": "b"})["environment"] != base["environment"]
    assert _key(tree, {"CDKTF_OUTDIR": "x"})["environment"] != base["environment"]
    assert _key(tree, {"HOME": "/elsewhere", "TF_VAR_DATABASE_URL": "secret"}) == base, "not inputs"
    build = tmp_path / "build"
    build.mkdir()
    (build / "index.mjs").write_text("v1")
    first = _key(tree, {"SGCT_API_ARTIFACT": str(build)})["artifacts"]
    (build / "index.mjs").write_text("v2 is longer")
    assert _key(tree, {"SGCT_API_ARTIFACT": str(build)})["artifacts"] != first
    monkeypatch.setattr(synth_cache.metadata, "version", lambda name: "9.9.9")
    assert _key(tree)["versions"] != base["versions"]


def test_secret_values_are_never_stored(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("SGCT_STATE_BUCKET", "visible-only-as-a-hash")
    outdir = tmp_path / "cdktf.out"
    outdir.mkdir()
    SynthCache(outdir, input_key(["prod"], outdir, root=tree)).record()
    assert key_path(outdir) == tmp_path / ".cdktf.out.synth-key.json"
    assert "visible-only-as-a-hash" not in key_path(outdir).read_text()


def test_freshness_needs_the_same_inputs_and_an_untouched_output(tree, tmp_path, monkeypatch):
    monkeypatch.delenv("SGCT_SYNTH_CACHE", raising=False)
    outdir = tmp_path / "out"
    (outdir / "stacks" / "prod").mkdir(parents=True)
    (outdir / "stacks" / "prod" / "cdk.tf.json").write_text("{}")
    key = input_key(["prod"], outdir, {}, root=tree)
    assert not SynthCache(outdir, key).is_fresh(), "no key recorded yet"
    SynthCache(outdir, key).record()
    assert SynthCache(outdir, key).is_fresh()
    assert not SynthCache(outdir, input_key(["prod", "pr-1"], outdir, {}, root=tree)).is_fresh()
    (outdir / "stacks" / "prod" / ".terraform").mkdir()
    (outdir / "stacks" / "prod" / "terraform.tfstate").write_text("{}")
    assert SynthCache(outdir, key).is_fresh(), "Terraform's working files are not output"
    before = output_digest(outdir)
    (outdir / "stacks" / "prod" / "cdk.tf.json").write_text('{"edited": true}')
    assert output_digest(outdir) != before and not SynthCache(outdir, key).is_fresh()
    SynthCache(outdir, key).record()
    monkeypatch.setenv("SGCT_SYNTH_CACHE", "0")
    assert not SynthCache(outdir, key).is_fresh(), "SGCT_SYNTH_CACHE=0 turns it off"


def _main(outdir: Path, *env: tuple[str, str]) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items() if not key.startswith("SGCT_")}
    environ.update(dict(env))
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "--outdir", str(outdir)],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_main_skips_an_unchanged_synthesis_and_redoes_a_changed_one(tmp_path):
    outdir = tmp_path / "cdktf.out"
    first = _main(outdir)
    assert first.returncode == 0 and "synthesized bootstrap" in first.stderr, first.stderr
    prod = (outdir / "stacks" / "prod" / "cdk.tf.json").read_bytes()
    started = time.monotonic()
    again = _main(outdir)
    elapsed = time.monotonic() - started
    assert again.returncode == 0 and again.stderr.startswith("unchanged:"), again.stderr
    assert (outdir / "stacks" / "prod" / "cdk.tf.json").read_bytes() == prod
    print(f"unchanged run: {elapsed:.2f}s")
    changed = _main(outdir, ("SGCT_STATE_BUCKET", "another-state-bucket"))
    assert changed.returncode == 0 and "synthesized bootstrap" in changed.stderr, changed.stderr
    assert b"another-state-bucket" in (outdir / "stacks" / "prod" / "cdk.tf.json").read_bytes()
    shutil.rmtree(outdir / "stacks" / "dev")
    assert "synthesized bootstrap" in _main(outdir, ("SGCT_STATE_BUCKET", "another-state-bucket")).stderr
