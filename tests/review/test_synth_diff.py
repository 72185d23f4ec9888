"""Synth diff: base vs head synthesized output, without credentials."""

import json
import shutil

import pytest

from review.changes import Action
from review.render import render_comment
from review.stage_info import ReviewInputError
from review.synth_diff import FORCES_REPLACEMENT, diff_outdirs


def _copy(synth_output, tmp_path):
    base = tmp_path / "base"
    for stack in synth_output.stack_names():
        target = base / "stacks" / stack
        target.mkdir(parents=True)
        shutil.copy(synth_output.outdir / "stacks" / stack / "cdk.tf.json", target / "cdk.tf.json")
    return base


def _edit(base, stack, edit):
    path = base / "stacks" / stack / "cdk.tf.json"
    config = json.loads(path.read_text())
    edit(config)
    path.write_text(json.dumps(config))


def test_identical_output_has_no_changes(synth_output, tmp_path):
    reviews, _ = diff_outdirs(_copy(synth_output, tmp_path), synth_output.outdir)
    assert {review.stage for review in reviews} == set(synth_output.stack_names())
    assert all(not review.has_changes for review in reviews)


def test_each_kind_of_change_on_prod_is_classified_and_flagged(synth_output, tmp_path):
    base = _copy(synth_output, tmp_path)
    functions = sorted(synth_output.stack("prod").resources("aws_lambda_function"))
    renamed, resized = functions[0].split(".")[1], functions[-1].split(".")[1]
    dns = sorted(synth_output.stack("prod").resources("cloudflare_dns_record"))[0].split(".")[1]

    def edit(config):
        resources = config["resource"]
        resources["aws_lambda_function"][renamed]["function_name"] = "sgcarstrends-prod-old-name"
        resources["aws_lambda_function"][resized]["memory_size"] += 64
        resources.setdefault("aws_s3_bucket", {})["retired"] = {"bucket": "sgcarstrends-prod-retired"}
        del resources["cloudflare_dns_record"][dns]

    _edit(base, "prod", edit)
    [prod] = diff_outdirs(base, synth_output.outdir, ["prod"])[0]
    actions = {change.address: change.action for change in prod.changed}
    assert actions == {
        f"aws_lambda_function.{renamed}": Action.REPLACE,
        f"aws_lambda_function.{resized}": Action.UPDATE,
        "aws_s3_bucket.retired": Action.DESTROY,
        f"cloudflare_dns_record.{dns}": Action.CREATE,
    }
    assert {c.address for c in prod.blocking} == {f"aws_lambda_function.{renamed}", "aws_s3_bucket.retired"}
    replaced = next(c for c in prod.changed if c.action is Action.REPLACE)
    assert [a.path for a in replaced.attributes if a.forces_replacement] == ["function_name"]
    assert "estimated" in replaced.reason
    text = render_comment([prod])
    assert "[!CAUTION]" in text and "aws_s3_bucket.retired" in text


def test_moved_block_is_an_update_not_a_destroy(synth_output, tmp_path):
    base = _copy(synth_output, tmp_path)
    address = sorted(synth_output.stack("dev").resources("aws_lambda_function"))[0]
    type_name, name = address.split(".")

    def rename_in_base(config):
        config["resource"][type_name]["old_name"] = config["resource"][type_name].pop(name)

    _edit(base, "dev", rename_in_base)
    head = _copy(synth_output, tmp_path / "head")
    _edit(
        head,
        "dev",
        lambda config: config.setdefault("moved", []).append(
            {"from": f"{type_name}.old_name", "to": address}
        ),
    )
    [dev] = diff_outdirs(base, head, ["dev"])[0]
    assert [(c.address, c.action, c.reason) for c in dev.changed] == [
        (address, Action.UPDATE, f"moved from {type_name}.old_name")
    ]


def test_added_and_removed_stacks_are_noted(synth_output, tmp_path):
    base = _copy(synth_output, tmp_path)
    shutil.rmtree(base / "stacks" / "pr-123")
    (base / "stacks" / "pr-9").mkdir()
    (base / "stacks" / "pr-9" / "cdk.tf.json").write_text(
        json.dumps({"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}})
    )
    reviews = {review.stage: review for review in diff_outdirs(base, synth_output.outdir)[0]}
    assert "new on this branch" in " ".join(reviews["pr-123"].notes)
    assert reviews["pr-123"].count(Action.CREATE) == len(synth_output.stack("pr-123").resources())
    assert reviews["pr-9"].count(Action.DESTROY) == 1 and "removed on this branch" in " ".join(
        reviews["pr-9"].notes
    )


def test_bad_inputs_are_refused(synth_output, tmp_path):
    with pytest.raises(ReviewInputError, match="not a synthesized cdktf.out directory"):
        diff_outdirs(tmp_path, synth_output.outdir)
    with pytest.raises(ReviewInputError, match=r"stage\(s\) \['nope'\]"):
        diff_outdirs(synth_output.outdir, synth_output.outdir, ["nope"])


def test_replacement_catalogue_names_real_attributes():
    # A typo here would silently turn a replacement into an "update":
    # every entry must be a plain attribute name.
    assert FORCES_REPLACEMENT, "the replacement catalogue is empty"
    for resource_type, attributes in FORCES_REPLACEMENT.items():
        assert resource_type.startswith(("aws_", "cloudflare_")) and attributes
        assert all(attribute.isidentifier() and attribute.islower() for attribute in attributes)
