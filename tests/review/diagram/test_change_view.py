"""The change diagram in the review comment: touched components only, coloured by action, no values."""

import json
import re
import shutil

from review.changes import Action, ComponentChange, ResourceChange, StageReview
from review.diagram.change_view import CAUTION, attach_components, change_diagram, stage_stacks
from review.model_io import dump_reviews, load_reviews
from review.plan_changes import review_plan
from review.render import MAX_DIAGRAM_COMPONENTS, render_comment
from review.synth_diff import diff_outdirs
from tests.review.test_output_redaction import canaries


def _mermaid(comment: str) -> str:
    return re.search(r"```mermaid\n(.*?)```", comment, re.DOTALL).group(1)


def _base_with(synth_output, tmp_path, edit):
    base = tmp_path / "base"
    shutil.copytree(synth_output.outdir / "stacks", base / "stacks")
    path = base / "stacks" / "prod" / "cdk.tf.json"
    config = json.loads(path.read_text())
    edit(config["resource"])
    path.write_text(json.dumps(config))
    return base


def _function(resources, construct="api"):
    return next(body for name, body in resources["aws_lambda_function"].items() if name.startswith(construct))


def test_protected_destroy_is_caution_updates_are_blue_untouched_components_are_absent(
    synth_output, tmp_path
):
    def edit(resources):
        old_queue = {"//": {"metadata": {"path": "prod/jobs/queue"}}, "name": "q"}
        resources.setdefault("aws_sqs_queue", {})["old"] = old_queue
        _function(resources)["memory_size"] = 4096
        route = next(iter(resources["aws_apigatewayv2_route"].values()))
        route["route_key"] = "GET /old"

    reviews, secrets = diff_outdirs(_base_with(synth_output, tmp_path, edit), synth_output.outdir, ["prod"])
    (prod,) = reviews
    by_key = {component.key: component for component in prod.components}
    assert set(by_key) == {"jobs", "api", "api/lambda"}
    assert by_key["jobs"].action is Action.DESTROY and by_key["api/lambda"].action is Action.UPDATE
    assert by_key["api"].links == ("api/lambda",)  # the gateway calls the function: both touched
    mermaid = _mermaid(render_comment(reviews, secrets))
    assert f"class n_jobs {CAUTION}" in mermaid and "class n_api,n_api_lambda change" in mermaid
    assert "n_api --> n_api_lambda" in mermaid
    assert "CloudFront" not in mermaid and "sgcarstrends.com" not in mermaid  # untouched, and no values
    for value in ("4096", "GET /old", "$default"):
        assert value not in mermaid


def test_destroy_on_an_unprotected_stage_is_not_caution():
    review = StageReview(
        "dev", False, "synth diff", [ResourceChange("aws_s3_bucket.b", "aws_s3_bucket", Action.DESTROY)]
    )
    attach_components(review, [])
    (node,) = change_diagram(review).nodes
    assert node.style == Action.DESTROY.value and node.lines == ("S3 bucket", "aws_s3_bucket", "- destroy")


def test_no_secret_or_value_reaches_the_diagram(synth_output, tmp_path):
    secrets = canaries()
    plain = "plain-label-value"

    def edit(resources):
        variables = _function(resources)["environment"]["variables"]
        variables.update({"DATABASE_URL": secrets["db_url"], "DISCORD_WEBHOOK_URL": secrets["webhook"]})
        variables.update({"GITHUB_TOKEN": secrets["gh"], "UPDATER_API_TOKEN": secrets["key"]})
        _function(resources, "web")["environment"]["variables"]["LABEL"] = plain

    reviews, known = diff_outdirs(_base_with(synth_output, tmp_path, edit), synth_output.outdir, ["prod"])
    comment = render_comment(reviews, known)
    mermaid = _mermaid(comment)
    assert "Lambda function" in mermaid and plain in comment  # the table shows plain values...
    assert plain not in mermaid and "LABEL" not in mermaid  # ...the diagram shows no value or name
    assert secrets, "no canaries to look for"
    for name, secret in secrets.items():
        assert secret not in comment, f"{name} leaked"


def test_a_real_plan_is_drawn_without_its_canaries(real_plan):
    reviewed = review_plan("prod", json.loads(real_plan.plan_file.read_text()))
    attach_components(reviewed.review, [])  # no synthesized stack: grouped by resource type
    comment = render_comment([reviewed.review], reviewed.known_secrets)
    mermaid = _mermaid(comment)
    assert "terraform_data" in mermaid and CAUTION in mermaid  # a protected stage loses `gone`
    for canary in (*real_plan.canaries, real_plan.secret_looking, real_plan.named_secret):
        assert canary not in comment


def test_plan_addresses_are_placed_through_the_synthesized_stack(synth_output):
    lambdas = synth_output.stack("prod").resources("aws_lambda_function")
    address = next(
        address
        for address, body in lambdas.items()
        if body["//"]["metadata"]["path"] == "prod/api/lambda/function"
    )
    plan = {
        "format_version": "1.2",
        "resource_changes": [
            {
                "address": address,
                "type": "aws_lambda_function",
                "mode": "managed",
                "change": {"actions": ["update"], "before": {"memory_size": 1}, "after": {"memory_size": 2}},
            }
        ],
    }
    review = review_plan("prod", plan).review
    attach_components(review, stage_stacks("prod", [None, synth_output.outdir]))
    assert [component.key for component in review.components] == ["api/lambda"]


def _many(count: int, protected: bool = False) -> StageReview:
    components = [
        ComponentChange(f"c{index:03d}", "S3 bucket", f"c{index:03d}", "Web", Action.UPDATE, 1)
        for index in range(count)
    ]
    changes = [
        ResourceChange(f"aws_s3_bucket.b{index:03d}", "aws_s3_bucket", Action.UPDATE)
        for index in range(count)
    ]
    return StageReview("dev", protected, "plan", changes, components=components)


def test_the_diagram_is_folded_omitted_when_huge_and_dropped_first_to_fit():
    assert "<summary>Touched components (13)</summary>" in render_comment([_many(13)])
    huge = render_comment([_many(MAX_DIAGRAM_COMPONENTS + 1)])
    assert "```mermaid" not in huge and "Component diagram omitted" in huge
    review = _many(30)
    full = render_comment([review], max_chars=1_000_000)
    tight = render_comment([review], max_chars=len(full) - 100)
    assert "```mermaid" in full and "```mermaid" not in tight
    assert "omitted to fit the comment size limit" in tight and len(tight) <= len(full) - 100


def test_saved_reviews_keep_their_components_and_old_ones_still_load(tmp_path):
    saved = tmp_path / "review.json"
    saved.write_text(dump_reviews([_many(2)]))
    assert load_reviews(saved)[0].components == _many(2).components
    data = json.loads(saved.read_text())
    del data["stages"][0]["components"]
    saved.write_text(json.dumps(data))
    assert load_reviews(saved)[0].components == []
