"""DOT output: quoted ids and labels, DOT line breaks, styles as attributes."""

from review.diagram.dot import to_dot
from tests.review.diagram.sample_diagram import sample_diagram


def test_dot_quotes_ids_and_labels_and_draws_styles():
    text = to_dot(sample_diagram())
    assert text.startswith('digraph "st\\"age" {')
    assert '"a/b" [label="He said \\"hi\\" <b>\\nx|y #1 `z`", shape=cylinder' in text
    assert 'fillcolor="#dafbe1", color="#4ac26b"' in text and "penwidth=3" in text
    assert '"a_b" -> "a/b" [style=dashed];' in text
    assert text.count("{") == text.count("}")
