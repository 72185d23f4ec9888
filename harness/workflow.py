"""Test steps that can be skipped, cleanup that always runs, names that never collide.

Why: Terratest's `test_structure` lets an engineer iterate on a slow
infrastructure test by skipping steps with `SKIP_<step>` environment
variables (apply once with `SKIP_destroy=1`, then re-run validations with
`SKIP_apply=1`). `applied()` is `defer terraform.Destroy(...)`: destroy runs
even when apply or an assertion fails. `unique_stage_name()` gives parallel
runs their own ephemeral stage, so two CI jobs never share resources or state.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

from harness.flags import env_flag
from harness.terraform import Terraform

SKIP_PREFIX = "SKIP_"
_ALPHABET = string.ascii_lowercase + string.digits
T = TypeVar("T")


def is_step_skipped(step: str, environ: Mapping[str, str] | None = None) -> bool:
    """True when `SKIP_<step>` is on (see `harness.flags.env_flag`)."""
    return env_flag(f"{SKIP_PREFIX}{step}", environ)


def run_step(step: str, action: Callable[[], T], environ: Mapping[str, str] | None = None) -> T | None:
    """Run `action` unless `SKIP_<step>` is set; return its result (None when skipped)."""
    if is_step_skipped(step, environ):
        print(f"[harness] step {step!r} skipped ({SKIP_PREFIX}{step} is set)")
        return None
    return action()


def unique_stage_name(prefix: str = "t", length: int = 6) -> str:
    """A fresh, valid ephemeral stage name such as `t-k3x9q2` (Terratest's random.UniqueId)."""
    from stages import resolve_stage  # validated like any other ephemeral stage

    name = f"{prefix}-" + "".join(secrets.choice(_ALPHABET) for _ in range(length))
    return resolve_stage(name).name


@contextmanager
def applied(
    terraform: Terraform,
    init: bool = True,
    extra_args: tuple[str, ...] = (),
    environ: Mapping[str, str] | None = None,
    sweep: Callable[[], object] | None = None,
) -> Iterator[Terraform]:
    """`init` + `apply` on entry, `destroy` on exit whatever happened in between.

    `extra_args` go to both apply and destroy (e.g. `-target=...`).
    Steps: `init`, `apply` and `destroy`, each skippable with `SKIP_init`,
    `SKIP_apply`, `SKIP_destroy` (destroy is not attempted when init failed).
    Terraform's step logs are removed after a clean run and kept (path
    printed) when anything failed. When destroy fails, `sweep` (e.g. the
    `local_sweep` fixture, see harness/sweep.py) runs and its report is
    printed before the error propagates.
    """
    succeeded = initialized = False
    try:
        if init:
            run_step("init", terraform.init, environ)
        initialized = True  # from here on, something may exist that destroy must remove
        run_step("apply", lambda: terraform.apply(*extra_args), environ)
        yield terraform
        succeeded = True
    finally:
        try:
            if initialized:
                run_step("destroy", lambda: terraform.destroy(*extra_args), environ)
        except BaseException:
            succeeded = False
            if sweep is not None:
                print(sweep())
            raise
        finally:
            terraform.close(succeeded)
