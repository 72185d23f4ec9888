"""Diagrams of a synthesized stack: Mermaid, DOT, and an image where Graphviz exists."""

import re
import shutil

import pytest

from review.diagram import DiagramError, build_graph, render_image, to_dot, to_mermaid
from review.diagram_cli import main as diagram_main


def test_graph_has_every_resource_and_reference_edges(synth_output):
    stack = synth_output.stack("prod")
    graph = build_graph("prod", stack.config)
    assert set(stack.resources()) <= set(graph.nodes)
    function = sorted(stack.resources("aws_lambda_function"))[0]
    role_reference = stack.resource(function)["role"]
    role = re.search(r"aws_iam_role\.[A-Za-z0-9_-]+", role_reference).group(0)
    assert (function, role) in graph.edges  # the function needs its role


def test_depends_on_and_references_become_edges_unknown_targets_do_not():
    config = {
        "resource": {
            "aws_s3_bucket": {"a": {"bucket": "x"}},
            "aws_s3_bucket_policy": {"p": {"bucket": "${aws_s3_bucket.a.id}", "policy": "${var.x}"}},
            "aws_sns_topic": {"t": {"depends_on": ["aws_s3_bucket.a"], "name": "${aws_nothing.z.id}"}},
        }
    }
    graph = build_graph("dev", config)
    assert graph.edges == [
        ("aws_s3_bucket_policy.p", "aws_s3_bucket.a"),
        ("aws_sns_topic.t", "aws_s3_bucket.a"),
    ]


def test_mermaid_defines_every_node_it_links(synth_output):
    text = to_mermaid(build_graph("prod", synth_output.stack("prod").config))
    assert text.startswith("flowchart LR\n")
    defined = set(re.findall(r"^\s+(n_\w+)[\[(]", text, re.MULTILINE))
    linked = set(re.findall(r"(n_\w+) --> (n_\w+)", text))
    assert linked and {node for edge in linked for node in edge} <= defined


def test_dot_is_balanced_and_quoted(synth_output):
    text = to_dot(build_graph("prod", synth_output.stack("prod").config))
    assert text.startswith('digraph "prod" {') and text.count("{") == text.count("}")
    assert " -> " in text
    assert (
        "\\n" in text and "\\\\n" not in text
    )  # labels break lines with DOT's `\n`, not a literal backslash


def test_image_renders_with_graphviz(synth_output, tmp_path):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not on PATH (install graphviz to render SVG/PNG diagrams)")
    svg = render_image(to_dot(build_graph("prod", synth_output.stack("prod").config)), tmp_path / "prod.svg")
    assert "<svg" in svg.read_text()


def test_image_without_graphviz_names_dot(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(DiagramError, match="Graphviz `dot` is not on PATH"):
        render_image("digraph x {}", tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_cli_writes_markdown_and_refuses_a_missing_stack(synth_output, tmp_path, capsys):
    output = tmp_path / "prod.md"
    assert (
        diagram_main(["--stage", "prod", "--synth", str(synth_output.outdir), "--output", str(output)]) == 0
    )
    assert output.read_text().startswith("```mermaid\nflowchart LR")
    assert diagram_main(["--stage", "pr-999", "--synth", str(synth_output.outdir)]) == 2
    assert "synthesize the stage first" in capsys.readouterr().err


@pytest.mark.parametrize("stage", ["../prod", "Prod", "pr_1", ""])
def test_cli_refuses_an_invalid_stage_name_naming_the_rule(tmp_path, capsys, stage):
    assert diagram_main(["--stage", stage, "--synth", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "stage-name/dns-label" in err and "sgct synth" not in err


def test_cli_unwritable_output_exits_2(tmp_path, capsys):
    stack = tmp_path / "out" / "stacks" / "dev" / "cdk.tf.json"
    stack.parent.mkdir(parents=True)
    stack.write_text('{"resource": {"aws_sns_topic": {"t": {"name": "x"}}}}')
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert (
        diagram_main(
            ["--stage", "dev", "--synth", str(tmp_path / "out"), "--output", str(blocker / "dev.md")]
        )
        == 2
    )
    assert "not a directory" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "out"]
