"""One reading of true/false environment switches for the whole harness.

Why: `SKIP_<step>`, `SGCT_KEEP_TERRAFORM_LOGS` and `SGCT_REQUIRE_TOOLS` are
all on/off switches; parsed in separate places they once disagreed (`no`
kept the logs but did not skip a step). A switch is on unless it is unset
or one of the false words below, compared case-insensitively.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

FALSE_WORDS = ("", "0", "false", "no", "off")


def env_flag(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """True when `name` is set to anything but empty, `0`, `false`, `no` or `off` (any case)."""
    environ = os.environ if environ is None else environ
    return environ.get(name, "").strip().lower() not in FALSE_WORDS
