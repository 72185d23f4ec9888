"""Drive a real Terraform (or OpenTofu) CLI: init, validate, plan, show, apply, output, destroy.

Why: this is Terratest's `terraform` package for this repository. Each step
runs the binary from `$SGCT_TERRAFORM` or PATH (`harness.toolchain`), retries
when the output matches a known transient error, and writes a log per step.
Logs are removed when the run succeeds and kept (with their path in the
error) when it fails, so a red CI job can be diagnosed from its artifacts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness.flags import env_flag
from harness.locks import file_lock
from harness.toolchain import PLUGIN_CACHE_VARIABLE, find_terraform, missing_terraform_reason

KEEP_LOGS_VARIABLE = "SGCT_KEEP_TERRAFORM_LOGS"
OUTPUT_TAIL_CHARS = 3000

# Transient failures worth another attempt (regexes searched in stdout+stderr).
DEFAULT_RETRYABLE_ERRORS: tuple[str, ...] = (
    r"RequestError: send request failed",
    r"connection reset by peer",
    r"TooManyRequestsException",
    r"Throttling",
    r"Rate exceeded",
    r"TLS handshake timeout",
    r"i/o timeout",
    r"ServiceUnavailable",
    r"Failed to query available provider packages",
)


class TerraformError(RuntimeError):
    """A step failed (after its retries); names the step, exit code and log file."""

    def __init__(self, step: str, returncode: int, log_path: Path, output: str) -> None:
        self.step, self.returncode, self.log_path, self.output = step, returncode, log_path, output
        super().__init__(
            f"terraform {step} exited {returncode}; full log: {log_path}\n{output[-OUTPUT_TAIL_CHARS:]}"
        )


@dataclass
class TerraformOptions:
    """How to run Terraform in one working directory."""

    working_dir: Path
    binary: str | None = None
    """default: `$SGCT_TERRAFORM`, else `terraform`, else `tofu` on PATH."""
    env: dict[str, str] = field(default_factory=dict)
    """default: nothing added to this process's environment."""
    retryable_errors: tuple[str, ...] = DEFAULT_RETRYABLE_ERRORS
    """default: DEFAULT_RETRYABLE_ERRORS (network resets, throttling)."""
    max_retries: int = 3
    """default: 3 more attempts after the first when the output is retryable."""
    sleep_between_retries_seconds: float = 5
    """default: 5 s between attempts."""
    log_dir: Path | None = None
    """default: `<working_dir>/.sgct-logs`."""
    keep_logs: bool | None = None
    """default: keep only on failure, or always when SGCT_KEEP_TERRAFORM_LOGS is on (`harness.flags`)."""
    step_timeout_seconds: float = 900
    """default: 15 minutes per step."""


@dataclass(frozen=True)
class StepResult:
    returncode: int
    stdout: str
    stderr: str


class Terraform:
    """One working directory's Terraform CLI, step by step, with per-step logs."""

    def __init__(self, options: TerraformOptions) -> None:
        self.options = options
        binary = options.binary or find_terraform()
        if not binary:
            raise FileNotFoundError(missing_terraform_reason())
        self.binary: str = binary
        self.working_dir = Path(options.working_dir)
        self.log_dir = Path(options.log_dir or self.working_dir / ".sgct-logs")
        self._patterns = [re.compile(pattern) for pattern in options.retryable_errors]
        self._step_number = 0
        self._last_log = self.log_dir / "00-none.log"  # replaced by each step's log
        self._kept_reported = False
        self.failed = False

    # The steps -----------------------------------------------------------------

    def init(self, *extra: str) -> StepResult:
        """`terraform init`; with a shared plugin cache, one init at a time fills it (Terraform #31964)."""
        cache = self.options.env.get(PLUGIN_CACHE_VARIABLE)
        if not cache:
            return self.run("init", "init", "-input=false", "-no-color", *extra)
        with file_lock(Path(cache) / ".sgct-init.lock"):
            return self.run("init", "init", "-input=false", "-no-color", *extra)

    def validate(self) -> StepResult:
        return self.run("validate", "validate", "-no-color")

    def plan(self, out: str | None = "tfplan", *extra: str) -> bool:
        """Plan (saved to `out`); True when the plan has changes (`-detailed-exitcode` 2)."""
        args = ["plan", "-input=false", "-no-color", "-detailed-exitcode", *extra]
        if out:
            args.append(f"-out={out}")
        return self.run("plan", *args, ok_codes=(0, 2)).returncode == 2

    def show_json(self, plan_file: str | None = "tfplan") -> dict:
        """`terraform show -json [plan]`: the plan (or state when None) as Terraform's JSON."""
        args = ["show", "-json", "-no-color"] + ([plan_file] if plan_file else [])
        return json.loads(self.run("show", *args, log_stdout=False).stdout)

    def plan_json(self, *extra: str) -> dict:
        """Plan to a file and return its `show -json` document."""
        self.plan("tfplan", *extra)
        return self.show_json("tfplan")

    def apply(self, *extra: str) -> StepResult:
        return self.run("apply", "apply", "-input=false", "-no-color", "-auto-approve", *extra)

    def output(self, name: str | None = None):
        """Output values (all as a dict, or one). Never logged: outputs may be sensitive."""
        args = ["output", "-json", "-no-color"] + ([name] if name else [])
        values = json.loads(self.run("output", *args, log_stdout=False).stdout)
        return values if name else {key: entry["value"] for key, entry in values.items()}

    def destroy(self, *extra: str) -> StepResult:
        return self.run("destroy", "destroy", "-input=false", "-no-color", "-auto-approve", *extra)

    def start(self, step: str, *args: str) -> subprocess.Popen:
        """Start `terraform <args>` without waiting, stdin open (e.g. an apply held at its prompt).

        Output goes to the step's log; the caller writes to stdin and waits.
        """
        self._step_number += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.log_dir / f"{self._step_number:02d}-{step}.log"
        log = log_path.open("w")
        log.write(f"$ {Path(self.binary).name} {' '.join(args)}\n--- output\n")
        log.flush()
        env = {**self.environment(), "TF_INPUT": "1"}
        env.pop("TF_IN_AUTOMATION", None)
        try:
            return subprocess.Popen(
                [self.binary, *args],
                cwd=self.working_dir,
                env=env,
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
            )
        finally:
            log.close()

    # Running -------------------------------------------------------------------

    def environment(self) -> dict[str, str]:
        return {**os.environ, "TF_IN_AUTOMATION": "1", "TF_INPUT": "0", **self.options.env}

    def run(self, step: str, *args: str, ok_codes=(0,), log_stdout: bool = True) -> StepResult:
        """Run `terraform <args>`; retry on transient errors; raise TerraformError on failure."""
        for attempt in range(self.options.max_retries + 1):
            result = self._run_once(step, args, log_stdout, attempt)
            if result.returncode in ok_codes:
                return result
            retryable = self._retryable(result.stdout + result.stderr)
            if retryable is None or attempt == self.options.max_retries:
                self.failed = True
                raise TerraformError(step, result.returncode, self._last_log, result.stderr or result.stdout)
            time.sleep(self.options.sleep_between_retries_seconds)
        raise AssertionError("unreachable")  # pragma: no cover

    def _retryable(self, output: str) -> str | None:
        return next((p.pattern for p in self._patterns if p.search(output)), None)

    def _run_once(self, step: str, args: tuple[str, ...], log_stdout: bool, attempt: int) -> StepResult:
        self._step_number += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        suffix = f"-retry{attempt}" if attempt else ""
        self._last_log = self.log_dir / f"{self._step_number:02d}-{step}{suffix}.log"
        started = time.monotonic()
        completed = subprocess.run(
            [self.binary, *args],
            cwd=self.working_dir,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=self.options.step_timeout_seconds,
            stdin=subprocess.DEVNULL,
        )
        stdout = completed.stdout if log_stdout else "(not logged: may hold sensitive values)\n"
        self._last_log.write_text(
            f"$ {Path(self.binary).name} {' '.join(args)}\n"
            f"exit {completed.returncode} after {time.monotonic() - started:.1f}s\n"
            f"--- stdout\n{stdout}--- stderr\n{completed.stderr}"
        )
        return StepResult(completed.returncode, completed.stdout, completed.stderr)

    def close(self, succeeded: bool = True) -> Path | None:
        """Remove the logs after a successful run (unless kept); return the log dir if kept.

        Safe to call more than once (`applied()` and the fixture teardown both
        do): the "logs kept" line is printed the first time only.
        """
        keep = self.options.keep_logs
        if keep is None:
            keep = env_flag(KEEP_LOGS_VARIABLE)
        if succeeded and not self.failed and not keep:
            shutil.rmtree(self.log_dir, ignore_errors=True)
            return None
        if not self.log_dir.exists():
            return None
        if not self._kept_reported:
            self._kept_reported = True
            print(f"[harness] Terraform logs kept in {self.log_dir}")
        return self.log_dir
