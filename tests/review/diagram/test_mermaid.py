"""Mermaid output: every special character escaped, ids unique, styles as classes."""

from review.diagram.mermaid import escape, fenced, to_mermaid
from tests.review.diagram.sample_diagram import sample_diagram


def test_mermaid_escapes_every_special_character_and_keeps_ids_unique():
    text = to_mermaid(sample_diagram())
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
