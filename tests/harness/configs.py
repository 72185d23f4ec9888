"""Small provider-free Terraform configurations for the runner tests."""

import json
from pathlib import Path


def write_config(tmp_path: Path, config: dict) -> Path:
    """`<tmp_path>/stack/main.tf.json` holding `config`; returns the directory."""
    directory = tmp_path / "stack"
    directory.mkdir()
    (directory / "main.tf.json").write_text(json.dumps(config))
    return directory
