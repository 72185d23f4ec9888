"""Synthesize stages in a child process and read the result back.

Why a child process: jsii starts a Node.js runtime and keeps global state;
running `main.py` exactly as `cdktf synth` does keeps tests honest about
what CI really produces, and lets a session synthesize once and share it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from modules.app.deployment_target import LOCAL_ENDPOINT_VARIABLE

REPO_ROOT = Path(__file__).resolve().parent.parent


class SynthError(RuntimeError):
    """`python main.py` failed; carries its exit code and stderr."""

    def __init__(self, returncode: int, stderr: str) -> None:
        self.returncode = returncode
        self.stderr = stderr
        super().__init__(f"synthesis exited {returncode}:\n{stderr}")


def run_synth(
    outdir: Path,
    ephemeral_stages: tuple[str, ...] = (),
    endpoint_url: str | None = None,
    extra_env: dict[str, str | None] | None = None,
    timeout_seconds: float = 300,
) -> subprocess.CompletedProcess:
    """Run `python main.py --outdir <outdir> --stage ...`; raise SynthError on failure.

    `endpoint_url` is the local target's loopback endpoint (`SGCT_LOCAL_ENDPOINT`);
    default None synthesizes for real AWS whatever the caller's shell has set.
    `extra_env` adds variables to this process's environment; a None value removes one.
    """
    command = [sys.executable, str(REPO_ROOT / "main.py"), "--outdir", str(outdir)]
    for name in ephemeral_stages:
        command += ["--stage", name]
    wanted: dict[str, str | None] = {**os.environ, **(extra_env or {}), LOCAL_ENDPOINT_VARIABLE: endpoint_url}
    env = {name: value for name, value in wanted.items() if value is not None}
    result = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout_seconds
    )
    if result.returncode != 0:
        raise SynthError(result.returncode, result.stderr)
    return result


@dataclass
class SynthesizedStack:
    """One stack's `cdk.tf.json`, parsed, with lookups by Terraform address."""

    name: str
    path: Path
    config: dict = field(repr=False)

    @classmethod
    def load(cls, path: Path) -> SynthesizedStack:
        return cls(name=path.parent.name, path=path, config=json.loads(path.read_text()))

    def resources(self, resource_type: str | None = None) -> dict[str, dict]:
        """`{address: body}` for every resource, or those of one type."""
        found = {}
        for type_name, by_name in self.config.get("resource", {}).items():
            if resource_type is None or type_name == resource_type:
                for name, body in by_name.items():
                    found[f"{type_name}.{name}"] = body
        return found

    def resource(self, address: str) -> dict:
        type_name, _, name = address.partition(".")
        try:
            return self.config["resource"][type_name][name]
        except KeyError:
            known = ", ".join(sorted(self.resources())) or "none"
            raise KeyError(f"{address} is not in stack {self.name}; resources: {known}") from None

    def construct_path(self, address: str) -> str | None:
        """The CDKTF construct path recorded in the resource's `//` metadata."""
        return self.resource(address).get("//", {}).get("metadata", {}).get("path")

    @property
    def backend(self) -> dict:
        return self.config.get("terraform", {}).get("backend", {})

    @property
    def providers(self) -> dict:
        return self.config.get("provider", {})


@dataclass
class SynthOutput:
    """A whole `cdktf.out` directory."""

    outdir: Path

    def stack_names(self) -> list[str]:
        return sorted(path.name for path in (self.outdir / "stacks").iterdir() if path.is_dir())

    def stack(self, name: str) -> SynthesizedStack:
        path = self.outdir / "stacks" / name / "cdk.tf.json"
        if not path.is_file():
            raise KeyError(
                f"stack {name!r} was not synthesized into {self.outdir}; have: {self.stack_names()}"
            )
        return SynthesizedStack.load(path)
