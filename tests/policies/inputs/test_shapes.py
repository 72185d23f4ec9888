"""Malformed Terraform JSON is unusable input (exit 2, the file and the fix named), never a traceback.

An unresolved `${var.tags}` as default tags is not malformed: the tags are
unknown until apply, so the tags rule reports "cannot verify" (exit 1).
"""

from __future__ import annotations

import json

import pytest

from policies.inputs import loader
from tests.policies.helpers import change, plan, stack, write_json
from tests.sgct.commands import check as main


def _check(tmp_path, data, *extra):
    path = write_json(tmp_path / "stacks" / "dev" / "cdk.tf.json", data)
    return main([str(path), "--no-suppressions", *extra]), path


def test_default_tags_as_a_reference_cannot_be_verified(tmp_path, capsys):
    config = stack("dev")
    config["provider"]["aws"][0]["default_tags"] = [{"tags": "${var.tags}"}]
    code, _ = _check(tmp_path, config, "--format", "json")
    assert code == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    tags = [f for f in findings if f["rule_id"] == "SGCT008"]
    assert [f["address"] for f in tags] == ["provider.aws"]
    assert "cannot verify" in tags[0]["message"] and "${var.tags}" in tags[0]["message"]


def test_literal_default_tags_still_pass(tmp_path):
    assert _check(tmp_path, stack("dev"))[0] == 0


@pytest.mark.parametrize(
    "edit, words",
    [
        (
            lambda c: c["provider"]["aws"][0].update(default_tags=[{"tags": "app=sgcarstrends"}]),
            "provider.aws[0].default_tags[0].tags must be an object",
        ),
        (
            lambda c: c["provider"]["aws"][0].update(default_tags=[{"tags": ["app"]}]),
            "provider.aws[0].default_tags[0].tags must be an object",
        ),
        (
            lambda c: c["provider"]["aws"][1].update(default_tags="tags"),
            "provider.aws[1].default_tags must be",
        ),
        (lambda c: c["provider"].update(aws="ap-southeast-1"), "provider.aws must be"),
        (lambda c: c["provider"]["aws"].append("us-east-1"), "provider.aws[2] must be"),
        (lambda c: c.update(provider=[{"aws": {}}]), "provider must be an object"),
        (
            lambda c: c.update(resource=[{"aws_s3_bucket": {"b": {"bucket": "x"}}}]),
            "resource must be an object",
        ),
        (
            lambda c: c.update(resource={"aws_s3_bucket": {"b": "bucket"}}),
            "resource.aws_s3_bucket.b must be an object",
        ),
        (lambda c: c.update(data=["x"]), "data must be an object"),
    ],
)
def test_malformed_config_exits_2_naming_where(tmp_path, capsys, edit, words):
    config = stack("dev")
    edit(config)
    code, path = _check(tmp_path, config)
    err = capsys.readouterr().err
    assert code == 2, err
    assert words in err and str(path) in err and "Traceback" not in err


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda p: p.update(resource_changes={"aws_s3_bucket.b": {}}), "resource_changes must be a list"),
        (lambda p: p["resource_changes"].append("aws_s3_bucket.b"), "resource_changes[1] must be an object"),
        (
            lambda p: p["configuration"]["provider_config"]["aws"]["expressions"].update(
                default_tags=[{"tags": {"constant_value": "app=x"}}]
            ),
            "default_tags[0].tags.constant_value must be an object",
        ),
        (lambda p: p.update(output_changes=[]), "output_changes must be an object"),
        (lambda p: p.update(output_changes={"url": {"actions": []}}), "output change 'url' has no actions"),
    ],
)
def test_malformed_plan_exits_2_naming_where(tmp_path, capsys, edit, words):
    data = plan([change("aws_sns_topic.a", ["create"], None, {"name": "x"})], "dev")
    edit(data)
    path = write_json(tmp_path / "plan.json", data)
    assert main([str(path), "--no-suppressions"]) == 2
    err = capsys.readouterr().err
    assert words in err and str(path) in err


def test_an_unexpected_loading_error_is_an_internal_error_not_bad_input(tmp_path, capsys, monkeypatch):
    def broken(path, config, stage=None):
        raise KeyError("-".join(["secret", "looking", "text"]))  # built so no source line quotes it

    monkeypatch.setattr(loader, "config_document", broken)
    code, _ = _check(tmp_path, stack("dev"))
    err = capsys.readouterr().err
    assert code == 1
    assert "error: internal error in sgct: KeyError" in err and "a bug, not a problem with your input" in err
    assert "Traceback" in err and "loader.py" in err
    assert "secret-looking-text" not in err  # an exception's text may quote an input value
