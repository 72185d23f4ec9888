"""Malformed synthesized stacks: `sgct review --base/--head` and `sgct diagram` exit 2 naming file and key.

Each of these used to crash with an AttributeError (exit 1) or, for a
resource body that is not an object, be reviewed as if nothing were wrong.
"""

import json
import re

import pytest

from policies.model import InputError
from review.diagram.resources import build_graph
from review.stack_input import check_stack
from tests.sgct.commands import diagram as diagram_main
from tests.sgct.commands import review as review_main

MALFORMED = [
    ({"resource": []}, "resource must be an object"),
    ([], "the top level must be an object"),
    ({"resource": {"aws_s3_bucket": {"a": []}}}, "resource.aws_s3_bucket.a must be an object"),
    ({"resource": {"aws_s3_bucket": []}}, "resource.aws_s3_bucket must be an object"),
    ({"data": {"aws_iam_policy_document": {"d": "x"}}}, "data.aws_iam_policy_document.d must be an object"),
    ({"output": {"url": "https://x"}}, "output.url must be an object"),
    ({"variable": []}, "variable must be an object"),
    ({"moved": [{"from": "a.b", "to": 3}]}, r"moved\[0\].to must be a resource address"),
    ({"moved": {"from": "a.b"}}, "moved must be a list"),
]


def _outdir(tmp_path, config, stage="dev"):
    path = tmp_path / "out" / "stacks" / stage / "cdk.tf.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(config))
    return path


@pytest.mark.parametrize("config, words", MALFORMED)
def test_review_synth_diff_refuses_a_malformed_stack(tmp_path, capsys, config, words):
    path = _outdir(tmp_path, config)
    outdir = str(tmp_path / "out")
    assert review_main(["--base", outdir, "--head", outdir, "--no-policies"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and re.search(words, err) and "Traceback" not in err


@pytest.mark.parametrize("config, words", MALFORMED[:5])
def test_diagram_refuses_a_malformed_stack(tmp_path, capsys, config, words):
    path = _outdir(tmp_path, config)
    assert diagram_main(["--stage", "dev", "--synth", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and words in err


def test_build_graph_itself_names_the_key():
    with pytest.raises(InputError, match="stacks/dev/cdk.tf.json: resource must be an object"):
        build_graph("dev", {"resource": []}, "stacks/dev/cdk.tf.json")


def test_a_well_formed_stack_passes_with_optional_sections_absent_or_null():
    config = {
        "resource": None,
        "output": {"url": {"value": "x"}},
        "moved": [{"from": "a.b", "to": "a.c"}],
        "//": "comments are free-form",
    }
    assert check_stack("cdk.tf.json", config) is config


def test_the_real_synthesized_stacks_pass(synth_output):
    for name in synth_output.stack_names():
        check_stack(name, synth_output.stack(name).config)
