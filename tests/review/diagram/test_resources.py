"""The resource view (`--level resources`): every resource, reference edges, both renderers."""

import re

from review.diagram.dot import to_dot
from review.diagram.mermaid import to_mermaid
from review.diagram.resources import build_graph, to_diagram


def test_graph_has_every_resource_and_reference_edges(synth_output):
    stack = synth_output.stack("prod")
    graph = build_graph("prod", stack.config)
    assert set(stack.resources()) <= set(graph.nodes)
    function = sorted(stack.resources("aws_lambda_function"))[0]
    role = re.search(r"aws_iam_role\.[A-Za-z0-9_-]+", stack.resource(function)["role"]).group(0)
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
    text = to_mermaid(to_diagram(build_graph("prod", synth_output.stack("prod").config)))
    assert text.startswith("flowchart LR\n")
    defined = set(re.findall(r"^\s+(n_\w+)[\[(]", text, re.MULTILINE))
    linked = set(re.findall(r"(n_\w+) --> (n_\w+)", text))
    assert linked and {node for edge in linked for node in edge} <= defined


def test_dot_is_balanced_and_quoted(synth_output):
    text = to_dot(to_diagram(build_graph("prod", synth_output.stack("prod").config)))
    assert text.startswith('digraph "prod" {') and text.count("{") == text.count("}")
    assert " -> " in text
    assert "\\n" in text and "\\\\n" not in text  # DOT's `\n` line break, not a literal backslash
