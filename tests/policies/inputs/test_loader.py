"""Inputs: discovery, parsing, plan format versions and stage detection; unusable input fails."""

import json

import pytest

from policies.inputs.loader import load_documents
from policies.model import InputError, InputKind
from tests.policies.helpers import plan, stack, write_json


def test_synth_directory_yields_every_stack(tmp_path):
    for name in ("prod", "pr-5"):
        write_json(tmp_path / "stacks" / name / "cdk.tf.json", stack(name))
    documents = load_documents([tmp_path])
    assert [(d.stage.name, d.kind) for d in documents] == [
        ("pr-5", InputKind.CONFIG),
        ("prod", InputKind.CONFIG),
    ]


@pytest.mark.parametrize("version", ["0.1", "0.2", "1.0", "1.2"])
def test_plan_format_versions_0_and_1_are_accepted(tmp_path, version):
    (document,) = load_documents(
        [write_json(tmp_path / "plan.json", plan([], "dev", format_version=version))]
    )
    assert document.kind is InputKind.PLAN and document.stage.name == "dev"


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", "not valid JSON"),
        (json.dumps(plan([], "dev", format_version="2.0")), "format_version '2.0' is not supported"),
        (json.dumps(plan([], "dev", errored=True)), "errored"),
        (json.dumps({"format_version": "1.0", "values": {}}), "state JSON"),
        (json.dumps(plan([], None)), "cannot tell which stage"),
        (json.dumps({"hello": 1}), "neither Terraform JSON config"),
        (json.dumps({"resource": {}}), "stackName"),
        (json.dumps(stack("Bad_Name")), "not a valid stage name"),
    ],
)
def test_unusable_inputs_raise_with_a_specific_reason(tmp_path, content, words):
    path = tmp_path / "input.json"
    path.write_text(content)
    with pytest.raises(InputError, match=words):
        load_documents([path])


def test_missing_path_and_empty_directory_are_unusable(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_documents([tmp_path / "nope"])
    with pytest.raises(InputError, match="no cdk.tf.json files found"):
        load_documents([tmp_path])


def test_plan_stage_and_construct_paths_come_from_the_sibling_stack(tmp_path):
    write_json(tmp_path / "cdk.tf.json", stack("staging", {"aws_s3_bucket.b": {"bucket": "x"}}))
    path = write_json(tmp_path / "plan.json", plan([], None))
    (document,) = load_documents([path])
    assert document.stage.name == "staging"
    assert document.construct_path("aws_s3_bucket.b") == "staging/b"


def test_stage_flag_overrides(tmp_path):
    (document,) = load_documents([write_json(tmp_path / "plan.json", plan([], None))], stage="prod")
    assert document.stage.is_bootstrap is False and document.stage.name == "prod"
