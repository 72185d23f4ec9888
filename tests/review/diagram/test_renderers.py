"""Mermaid and DOT output: escaping, shapes, styles, and a model that refuses broken pictures."""

import pytest

from review.diagram.dot import to_dot
from review.diagram.mermaid import escape, fenced, to_mermaid
from review.diagram.model import Diagram, Edge, Node, Style


def _diagram(**overrides):
    fields = {
        "title": 'st"age',
        "nodes": (
            Node("a/b", ('He said "hi" <b>', "x|y #1 `z`"), "Group", "store", "green"),
            Node("a_b", ("clash",), "", "external"),
        ),
        "edges": (Edge("a/b", "a_b", ("/_next/static/*", "$default")), Edge("a_b", "a/b", (), dashed=True)),
        "clusters": ("Group",),
        "styles": {"green": Style("#dafbe1", "#4ac26b", dashed=True, bold=True)},
    }
    return Diagram(**{**fields, **overrides})


def test_mermaid_escapes_every_special_character_and_keeps_ids_unique():
    text = to_mermaid(_diagram())
    assert '[("He said #quot;hi#quot; #lt;b#gt;<br/>x#124;y #35;1 #96;z#96;")]' in text
    assert "n_a_b[(" in text and 'n_a_b_2(["clash"])' in text  # `a/b` and `a_b` do not collide
    assert 'n_a_b -->|"/_next/static/*<br/>$default"| n_a_b_2' in text
    assert "n_a_b_2 -.-> n_a_b" in text
    assert (
        "classDef green fill:#dafbe1,stroke:#4ac26b,color:#1f2328,stroke-dasharray:5 5,stroke-width:3px"
        in text
    )
    assert fenced(text).startswith("```mermaid\nflowchart LR\n") and fenced(text).endswith("```\n")
    assert escape("a\n b") == "a b"


def test_dot_quotes_ids_and_labels_and_draws_styles():
    text = to_dot(_diagram())
    assert text.startswith('digraph "st\\"age" {')
    assert '"a/b" [label="He said \\"hi\\" <b>\\nx|y #1 `z`", shape=cylinder' in text
    assert 'fillcolor="#dafbe1", color="#4ac26b"' in text and "penwidth=3" in text
    assert '"a_b" -> "a/b" [style=dashed];' in text
    assert text.count("{") == text.count("}")


def test_the_model_refuses_dangling_edges_duplicate_ids_and_unknown_styles():
    with pytest.raises(ValueError, match="undefined nodes"):
        _diagram(edges=(Edge("a/b", "nowhere"),))
    with pytest.raises(ValueError, match="defined twice"):
        _diagram(nodes=(Node("x", ("1",)), Node("x", ("2",))), edges=())
    with pytest.raises(ValueError, match="not defined"):
        _diagram(styles={})
    with pytest.raises(ValueError, match="shape"):
        Node("x", ("1",), shape="star")
