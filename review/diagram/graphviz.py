"""Render DOT text to SVG or PNG with the Graphviz `dot` binary.

Why a binary and not a Python package: Graphviz's layout engine is the
only dependable way to place 30 nodes readably, and it is one system
package (`apt-get install graphviz`). Where it is missing, the error says
so and how to get text output instead; tests skip naming `dot`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from policies.output_files import write_files
from stages.errors import UnusableInputError

IMAGE_FORMATS = ("svg", "png")


class DiagramError(UnusableInputError):
    """Graphviz is missing or failed (exit 2); the message says which and how to get text output instead."""


def missing_dot_reason() -> str | None:
    """Why images cannot be rendered here (None when `dot` is on PATH)."""
    if shutil.which("dot") is None:
        return (
            "Graphviz `dot` is not on PATH: install Graphviz (e.g. `apt-get install graphviz`) "
            "or use --format mermaid / --format dot"
        )
    return None


def render_bytes(dot_text: str, image_format: str) -> bytes:
    """The image `dot -T<format>` draws from `dot_text`."""
    if image_format not in IMAGE_FORMATS:
        raise DiagramError(f"image format {image_format!r} is not one of {IMAGE_FORMATS}")
    reason = missing_dot_reason()
    dot = shutil.which("dot")
    if reason or dot is None:
        raise DiagramError(reason or "Graphviz `dot` is not on PATH")
    result = subprocess.run(
        [dot, f"-T{image_format}"], input=dot_text.encode(), capture_output=True, timeout=120
    )
    if result.returncode != 0:
        raise DiagramError(f"dot exited {result.returncode}: {result.stderr.decode(errors='replace')[:2000]}")
    return result.stdout


def render_image(dot_text: str, output: Path, image_format: str | None = None) -> Path:
    """Render DOT to `output` (format from its suffix: svg or png); nothing is written on failure."""
    image_format = image_format or output.suffix.lstrip(".")
    if image_format not in IMAGE_FORMATS:
        raise DiagramError(f"cannot render {output}: image format {image_format!r} is not svg or png")
    write_files([(output, render_bytes(dot_text, image_format))])  # OutputError: exit 2, nothing written
    return output
