"""A small diagram with every awkward character, for the renderer tests."""

from review.diagram.model import Diagram, Edge, Node, Style


def sample_diagram(**overrides):
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
