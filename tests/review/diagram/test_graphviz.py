"""Images through Graphviz `dot`: rendered where it exists, a named error where it does not."""

import shutil

import pytest

from review.diagram.api import draw_stage
from review.diagram.dot import to_dot
from review.diagram.graphviz import DiagramError, missing_dot_reason, render_image


def test_architecture_renders_to_svg_and_png_with_graphviz(synth_output, tmp_path):
    reason = missing_dot_reason()
    if reason:
        pytest.skip(reason)
    dot_text = to_dot(draw_stage("prod", synth_output.stack("prod").config))
    svg = render_image(dot_text, tmp_path / "prod.svg").read_text()
    assert "<svg" in svg and "sgcarstrends.com" in svg and "_next/image*" in svg
    png = render_image(dot_text, tmp_path / "prod.png").read_bytes()
    assert png.startswith(b"\x89PNG")


def test_image_without_graphviz_names_dot(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(DiagramError, match="Graphviz `dot` is not on PATH"):
        render_image("digraph x {}", tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_unknown_image_format_is_refused(tmp_path):
    with pytest.raises(DiagramError, match="not svg or png"):
        render_image("digraph x {}", tmp_path / "x.gif")
