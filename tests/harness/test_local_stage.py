"""The local stage: synthesized for a loopback endpoint, applied for real on moto, destroyed.

The end-to-end test skips, naming what is missing, without a Terraform CLI,
an offline AWS provider mirror or moto[server].
"""

import copy
import json
import time

import pytest

from harness.aws_checks import existing_resources, leftovers, missing_resources, state_resources
from harness.local_scope import (
    EMULATOR_DIFFERENCES,
    local_exclusions,
    subset_target_arguments,
    target_arguments,
)
from harness.local_stage import (
    LocalStageError,
    check_local_stack,
    placeholder_variables,
    prepare_working_dir,
    synth_local,
)
from harness.plan_template import PlanTemplate
from harness.synth import SynthesizedStack
from harness.toolchain import ProviderMirror
from harness.workflow import applied
from modules.state.backend import state_key

LOCK_WAIT_SECONDS = 120
CORE_TYPES = {
    "aws_lambda_function",
    "aws_iam_role",
    "aws_cloudwatch_log_group",
    "aws_s3_bucket",
    "aws_sns_topic",
}


def test_real_stage_is_refused_for_a_local_apply(synth_output, local_synth):
    with pytest.raises(LocalStageError, match="cloudflare"):
        check_local_stack(synth_output.stack("pr-123"), local_synth.endpoint_url)
    check_local_stack(local_synth.stack, local_synth.endpoint_url)


def test_a_provider_missing_the_endpoint_is_refused(local_synth, tmp_path):
    config = copy.deepcopy(local_synth.stack.config)
    del config["provider"]["aws"][1]["endpoints"]
    stack = SynthesizedStack(local_synth.stage, tmp_path / "cdk.tf.json", config)
    with pytest.raises(LocalStageError, match=r"AWS provider #1 \(us_east_1\) does not send every service"):
        check_local_stack(stack, local_synth.endpoint_url)


def test_non_loopback_endpoints_are_refused(tmp_path):
    with pytest.raises(ValueError, match="must be a loopback http URL"):
        synth_local(tmp_path / "out", "https://s3.amazonaws.com", ("pr-1",))


def test_working_copy_changes_only_the_aws_version(local_synth, tmp_path):
    workdir = prepare_working_dir(local_synth.stack, tmp_path / "work", ProviderMirror(tmp_path, "5.100.0"))
    copied = json.loads((workdir / "cdk.tf.json").read_text())
    original = copy.deepcopy(local_synth.stack.config)
    assert copied["terraform"]["required_providers"]["aws"]["version"] == "5.100.0"
    original["terraform"]["required_providers"]["aws"]["version"] = "5.100.0"
    assert copied == original


def test_variables_without_defaults_get_placeholders():
    config = {"variable": {"GEMINI_API_KEY": {"type": "string", "sensitive": True}, "size": {"default": 1}}}
    assert placeholder_variables(config) == {"TF_VAR_GEMINI_API_KEY": "local-placeholder-gemini_api_key"}


def test_unsupported_resources_and_their_dependents_are_left_out():
    config = {
        "resource": {
            "aws_cloudfront_cache_policy": {"static": {}},
            "aws_cloudfront_distribution": {"cdn": {"x": "${aws_cloudfront_cache_policy.static.id}"}},
            "aws_s3_bucket_policy": {
                "assets": {"policy": "${jsonencode(aws_cloudfront_distribution.cdn.arn)}"}
            },
            "aws_s3_bucket": {"assets": {"bucket": "b"}},
        }
    }
    assert sorted(local_exclusions(config)) == [
        "aws_cloudfront_cache_policy.static",
        "aws_cloudfront_distribution.cdn",
        "aws_s3_bucket_policy.assets",
    ]
    assert target_arguments(config) == ["-target=aws_s3_bucket.assets"]
    del config["resource"]["aws_cloudfront_cache_policy"], config["resource"]["aws_cloudfront_distribution"]
    del config["resource"]["aws_s3_bucket_policy"]
    assert target_arguments(config) == [], "nothing excluded: the whole stack is applied, no -target"


def test_a_subset_targets_its_whole_dependency_closure_and_refuses_what_cannot_be_applied():
    config = {
        "resource": {
            "aws_kms_key": {"key": {}},
            "aws_iam_role": {"role": {}},
            "aws_lambda_function": {
                "api": {"role": "${aws_iam_role.role.arn}", "kms_key_arn": "${aws_kms_key.key.arn}"},
                "web": {"role": "${aws_iam_role.role.arn}"},
            },
            "aws_lambda_invocation": {"seed": {"function_name": "${aws_lambda_function.web.id}"}},
        }
    }
    assert subset_target_arguments(config, ["aws_lambda_function.api"]) == [
        "-target=aws_iam_role.role",
        "-target=aws_kms_key.key",
        "-target=aws_lambda_function.api",
    ]
    with pytest.raises(ValueError, match=r"leaves out: \['aws_lambda_invocation.seed'\]"):
        subset_target_arguments(config, ["aws_lambda_invocation.seed"])
    with pytest.raises(ValueError, match=r"not resources of this stack: \['aws_sqs_queue.q'\]"):
        subset_target_arguments(config, ["aws_sqs_queue.q"])


def _wait_for_lock(s3, bucket, key, holder):
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while time.monotonic() < deadline:
        assert holder.poll() is None, "the lock-holding apply ended before the second run could be tried"
        if s3.list_objects_v2(Bucket=bucket, Prefix=f"{key}.tflock").get("KeyCount"):
            return
        time.sleep(0.2)
    pytest.fail(f"no lock object {key}.tflock after {LOCK_WAIT_SECONDS}s")


@pytest.mark.terraform
def test_local_stage_end_to_end(local_synth, local_terraform, moto_server, local_sweep):
    stack, stage = local_synth.stack, local_synth.stage
    bucket, key = stack.backend["s3"]["bucket"], state_key(stage)
    s3 = moto_server.client("s3")
    targets = target_arguments(stack.config)
    print(f"left out of the local apply: {local_exclusions(stack.config) or 'nothing'}")
    tf = local_terraform()
    tf.init()
    first = PlanTemplate.from_terraform(tf, *targets)
    first.has_change(
        "aws_lambda_function",
        "create",
        {
            "function_name": f"sgcarstrends-{stage}-api",
            "architectures": ["arm64"],
            "arn": "(known after apply)",
        },
    )
    first.no_replacements()

    # A concurrent run is refused: hold the lock with an apply waiting at its approval prompt.
    holder = tf.start("apply-holding-lock", "apply", "-no-color", *targets)
    try:
        _wait_for_lock(s3, bucket, key, holder)
        refused = tf.run(
            "apply-concurrent",
            "apply",
            "-input=false",
            "-no-color",
            "-auto-approve",
            "-lock-timeout=0s",
            *targets,
            ok_codes=(0, 1),
        )
        assert refused.returncode == 1, "a second apply ran while the first held the lock"
        assert "Error acquiring the state lock" in refused.stderr, refused.stderr[-2000:]
    finally:
        holder.communicate("no\n", timeout=LOCK_WAIT_SECONDS)
    assert not s3.list_objects_v2(Bucket=bucket, Prefix=f"{key}.tflock").get("KeyCount"), "lock not released"

    with applied(tf, init=False, extra_args=tuple(targets), environ={}, sweep=local_sweep):
        plan = tf.plan_json(*targets)
        PlanTemplate(plan, stage).assert_idempotent(allowed=EMULATOR_DIFFERENCES)  # names each change if not
        resources = state_resources(plan["prior_state"])
        assert {r["type"] for r in resources} >= CORE_TYPES
        assert missing_resources(moto_server, resources) == []
        remote = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
        assert len([r for r in remote["resources"] if r["mode"] == "managed"]) == len(resources)
        outputs = tf.output()
        if "web_assets_bucket" in outputs:
            s3.head_bucket(Bucket=outputs["web_assets_bucket"])

    assert existing_resources(moto_server, resources) == []
    assert leftovers(moto_server, stage) == []
    remote = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    # Data sources may stay: a `-target` destroy (resources were left out) does not refresh them away.
    managed = [r for r in remote["resources"] if r["mode"] == "managed"]
    assert managed == [], "no managed resource is left in the state under the stage key after destroy"
