"""The engine as one call: load inputs and suppressions, check, return a `CheckResult`.

from policies.api import check_paths
result = check_paths([Path("cdktf.out")])
result.exit_code   # 0 clean, 1 findings at error level (InputError: unusable input)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policies.engine import CheckResult, check_documents
from policies.inputs.documents import Document
from policies.inputs.loader import load_documents
from policies.inputs.resource_types import PROTECTED_TYPES
from policies.registry import all_rules
from policies.suppressions import META_RULES, load_suppressions

DEFAULT_SUPPRESSIONS = Path(__file__).resolve().parent / "suppressions.yaml"
DEFAULT_SUPPRESSIONS_TEXT = "policies/suppressions.yaml"
"""How help and errors name the default: relative to the repository, not the absolute path."""


def default_suppressions() -> Path | None:
    """The repository's suppressions file, or None where it does not exist."""
    return DEFAULT_SUPPRESSIONS if DEFAULT_SUPPRESSIONS.is_file() else None


def check_documents_with(
    documents: list[Document],
    *,
    suppressions_file: Path | None = None,
    extra_protected_types: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> CheckResult:
    """The check step on loaded documents: suppressions are loaded and validated, then every rule runs."""
    rules = all_rules()
    suppressions = []
    if suppressions_file is not None:
        suppressions = load_suppressions(Path(suppressions_file), set(rules) | set(META_RULES))
    protected = PROTECTED_TYPES | frozenset(extra_protected_types) if extra_protected_types else None
    return check_documents(documents, suppressions, today, rules, protected)


def check_paths(
    paths: list[Path],
    *,
    plan: bool = False,
    stage: str | None = None,
    suppressions_file: Path | None = None,
    extra_protected_types: tuple[str, ...] = (),
    today: dt.date | None = None,
    parsed: Mapping[Path, Any] | None = None,
) -> CheckResult:
    """Check synth directories, stack files or plan JSON; raises `InputError` on unusable input.

    Everything is loaded and validated (inputs, then suppressions) before any
    rule runs, so a bad file never yields a partial result. `parsed`: files
    the caller already read, by path, so they are not parsed again.
    """
    documents = load_documents([Path(p) for p in paths], plan=plan, stage=stage, parsed=parsed)
    return check_documents_with(
        documents,
        suppressions_file=suppressions_file,
        extra_protected_types=extra_protected_types,
        today=today,
    )
