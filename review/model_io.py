"""Save and load stage reviews as JSON, so CI can plan per stage and comment once.

Why not pass plan JSON between CI jobs: a plan file holds every sensitive
value in clear text, and an artifact is readable by anyone who can read the
repository. A saved review holds only the redacted model, so the plan jobs
(which have credentials) upload reviews and the comment job merges them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from review.changes import (
    Action,
    AttributeChange,
    ComponentChange,
    Finding,
    OutputChange,
    ResourceChange,
    StageReview,
)
from review.stage_info import ReviewInputError

FORMAT = "sgct-review/1"


def dump_reviews(reviews: list[StageReview]) -> str:
    def encode(value: Any) -> Any:
        if isinstance(value, Action):
            return value.name
        raise TypeError(f"cannot encode {type(value).__name__}")

    return json.dumps(
        {"format": FORMAT, "stages": [asdict(review) for review in reviews]}, default=encode, indent=1
    )


def _stage(data: dict[str, Any]) -> StageReview:
    resources = [
        ResourceChange(
            address=item["address"],
            resource_type=item["resource_type"],
            action=Action[item["action"]],
            attributes=tuple(AttributeChange(**attribute) for attribute in item["attributes"]),
            reason=item["reason"],
            construct_path=item["construct_path"],
        )
        for item in data["resources"]
    ]
    outputs = [OutputChange(**{**item, "action": Action[item["action"]]}) for item in data["outputs"]]
    return StageReview(
        stage=data["stage"],
        protected=data["protected"],
        source=data["source"],
        resources=resources,
        outputs=outputs,
        findings=[Finding(**item) for item in data["findings"]],
        notes=list(data["notes"]),
        policies_checked=bool(data["policies_checked"]),
        components=[  # absent in reviews saved before the change diagram: none drawn
            ComponentChange(**{**item, "action": Action[item["action"]], "links": tuple(item["links"])})
            for item in data.get("components", [])
        ],
    )


def load_reviews(path: Path) -> list[StageReview]:
    """Read a file written by `sgct review --save-json`; errors name the file and the fix."""
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise ReviewInputError(f"saved review {path} does not exist") from None
    except json.JSONDecodeError as error:
        raise ReviewInputError(f"saved review {path} is not JSON ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReviewInputError(
            f"{path} is not a saved review (format {FORMAT!r}); "
            f"write it with `sgct review ... --save-json {path}`"
        )
    try:
        return [_stage(item) for item in data["stages"]]
    except (KeyError, TypeError) as error:
        raise ReviewInputError(
            f"saved review {path} is incomplete or from another version: {error}"
        ) from None
