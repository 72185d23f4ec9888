"""Small hand-written stacks for the diagram tests (the real ones come from the `synth_output` fixture)."""

from __future__ import annotations

import copy
import json
import random


def meta(path: str) -> dict:
    return {"//": {"metadata": {"path": path, "uniqueId": path.replace("/", "_")}}}


def resource(path: str | None, **body) -> dict:
    return {**(meta(path) if path else {}), **body}


def stack(resources: dict[str, dict[str, dict]], **sections) -> dict:
    return {"resource": resources, **sections}


def shuffled(config: dict, seed: int) -> dict:
    """The same stack with every object's keys in another order (JSON object order carries no meaning)."""
    rng = random.Random(seed)

    def walk(value):
        if isinstance(value, dict):
            items = list(value.items())
            rng.shuffle(items)
            return {key: walk(item) for key, item in items}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    return walk(copy.deepcopy(config))


def write_stack(root, stage: str, config: dict):
    path = root / "stacks" / stage / "cdk.tf.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config))
    return path
