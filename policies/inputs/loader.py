"""Find and read the files to check: synth directories, stack files, plan JSON.

    cdktf.out/                  -> every stacks/*/cdk.tf.json under it
    cdktf.out/stacks/prod/cdk.tf.json
    plan.json                   -> detected as a plan by its content (or forced with --plan)

Anything that cannot be read or understood raises `InputError` (exit 2):
a missing path, a directory with no stacks, JSON that does not parse, a
JSON document that is neither a Terraform config nor a plan, a malformed
section, or any unexpected error while loading a file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policies.inputs.config_view import config_document
from policies.inputs.documents import Document
from policies.inputs.plan_view import check_format, is_plan, plan_document
from policies.model import InputError

CONFIG_FILE = "cdk.tf.json"


def discover(path: Path, plan: bool = False) -> list[Path]:
    """The files a path stands for: itself, or the stacks (plans with `plan=True`) under a directory."""
    if path.is_file():
        return [path]
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if plan:
        found = sorted(p for p in path.glob("*.json") if p.name != CONFIG_FILE)
        missing = (
            "no *.json plan files found; write one with "
            "`terraform show -json <planfile> > plan.json` or pass the files"
        )
    else:
        found = sorted(
            p
            for p in path.rglob(CONFIG_FILE)
            if not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        missing = f"no {CONFIG_FILE} files found; synthesize first (`sgct synth`) or pass the files"
    if not found:
        raise InputError(f"{path}: {missing}")
    return found


def read_json(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON ({error}); nothing was checked") from None


def load_document(path: Path, plan: bool = False, stage: str | None = None) -> Document:
    """Parse one file into a `Document`, choosing config or plan by content unless `plan` forces it.

    The views check every shape they read and raise `InputError` naming the
    file and the key. Any other exception is a bug in a view, and is left to
    surface as one (an internal error, exit 1), never reported as bad input.
    """
    return _document(path, read_json(path), plan, stage)


def _document(path: Path, data, plan: bool, stage: str | None) -> Document:
    if plan or is_plan(data):
        return plan_document(str(path), data, stage)  # check_plan starts with check_format
    if isinstance(data, dict) and "format_version" in data:
        check_format(str(path), data)  # state JSON, or a plan with nothing in it
    if not isinstance(data, dict) or not ({"//", "resource", "terraform", "provider"} & data.keys()):
        raise InputError(
            f"{path}: neither Terraform JSON config (no resource/terraform/provider keys) "
            "nor plan JSON (no format_version)"
        )
    return config_document(str(path), data, stage)


def load_documents(
    paths: list[Path],
    plan: bool = False,
    stage: str | None = None,
    parsed: Mapping[Path, Any] | None = None,
) -> list[Document]:
    """Every document behind `paths`; the first unusable input stops the run (InputError).

    `parsed` maps files the caller has already read to their JSON (the review
    reads its plans first), so no file is parsed twice.
    """
    if not paths:
        raise InputError("nothing to check: pass a synth directory, a cdk.tf.json or a plan JSON file")
    documents = []
    for path in paths:
        for file in discover(path, plan):
            if parsed is not None and file in parsed:
                documents.append(_document(file, parsed[file], plan, stage))
            else:
                documents.append(load_document(file, plan, stage))
    return documents
