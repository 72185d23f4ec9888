"""The render-agnostic model refuses pictures that would render broken."""

import pytest

from review.diagram.model import Edge, Node
from tests.review.diagram.sample_diagram import sample_diagram


def test_the_model_refuses_dangling_edges_duplicate_ids_and_unknown_styles():
    with pytest.raises(ValueError, match="undefined nodes"):
        sample_diagram(edges=(Edge("a/b", "nowhere"),))
    with pytest.raises(ValueError, match="defined twice"):
        sample_diagram(nodes=(Node("x", ("1",)), Node("x", ("2",))), edges=())
    with pytest.raises(ValueError, match="not defined"):
        sample_diagram(styles={})
    with pytest.raises(ValueError, match="shape"):
        Node("x", ("1",), shape="star")
