"""`--compare`: one picture, what only one stage has marked, shared nodes matched by role."""

from review.diagram.api import draw_compare
from review.diagram.compare import ONLY_LEFT, ONLY_RIGHT, merge_lines
from review.diagram.mermaid import to_mermaid


def test_prod_vs_preview_marks_what_the_preview_lacks(synth_output):
    diagram = draw_compare(
        "prod", synth_output.stack("prod").config, "pr-123", synth_output.stack("pr-123").config
    )
    by_id = {node.id: node for node in diagram.nodes}
    for only_prod in ("dns/dnssec", "host:www", "host:wildcard"):
        assert by_id[only_prod].style == ONLY_LEFT and by_id[only_prod].lines[-1] == "only in prod"
    assert not [node for node in diagram.nodes if node.style == ONLY_RIGHT]
    assert by_id["host:web"].lines == ("prod: sgcarstrends.com", "pr-123: pr-123.sgcarstrends.com")
    assert by_id["cdn"].style != ONLY_LEFT  # shared components are not marked
    dashed = {(edge.source, edge.target) for edge in diagram.edges if edge.dashed}
    assert ("ext:visitors", "host:www") in dashed and ("ext:visitors", "host:web") not in dashed
    text = to_mermaid(diagram)
    assert "classDef only_left" in text and "-.->" in text


def test_merge_lines_keeps_shared_lines_once():
    assert merge_lines(("A", "x"), ("A", "y"), ("l", "r")) == ("A", "l: x", "r: y")
    assert merge_lines(("A",), ("A", "extra"), ("l", "r")) == ("A", "r: extra")
    assert merge_lines(("A",), ("A",), ("l", "r")) == ("A",)
