"""Read one synthesized `cdk.tf.json` for the review or the diagram, every section's shape checked.

Why: a hand-edited or truncated stack (`"resource": []`, a top-level list,
a resource body that is not an object) made the synth diff and the diagram
die with an AttributeError, or worse, be reviewed as "no changes". The
checks are `sgct check`'s (`policies.inputs.config_view.sections`,
`policies.inputs.shapes`), so both commands refuse the same files with the same
words: the file, the JSON key, and how to regenerate it. Exit code 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from policies.inputs.config_view import sections
from policies.inputs.shapes import CONFIG_FIX, fail, objects, optional_object
from policies.model import InputError
from review.stage_info import ReviewInputError


def check_stack(path: str, config: Any) -> dict[str, Any]:
    """`config` if every section the review and diagram read has cdktf's shape; `InputError` otherwise."""
    if not isinstance(config, dict):
        raise fail(path, "the top level", "an object (Terraform JSON config)", config, CONFIG_FIX)
    for section in ("resource", "data"):
        sections(config, section, path)
    for section, what in (("output", "output"), ("variable", "variable")):
        by_name = optional_object(
            config.get(section), path, section, CONFIG_FIX, f"an object of {what} names to blocks"
        )
        for name, block in by_name.items():
            optional_object(block, path, f"{section}.{name}", CONFIG_FIX)
    for where, block in objects(config.get("moved"), path, "moved", CONFIG_FIX):
        for key in ("from", "to"):
            if key in block and not isinstance(block[key], str):
                raise fail(path, f"{where}.{key}", "a resource address (string)", block[key], CONFIG_FIX)
    return config


def read_stack(path: Path) -> dict[str, Any]:
    """Parse and check one stack file; `ReviewInputError` naming the file and the key."""
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReviewInputError(f"{path} is not readable JSON ({error}); {CONFIG_FIX}") from None
    try:
        return check_stack(str(path), config)
    except InputError as error:
        raise ReviewInputError(str(error)) from None
