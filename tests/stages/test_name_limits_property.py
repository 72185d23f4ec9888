"""Property: any accepted ephemeral stage name synthesizes names within AWS limits, carrying the stage.

Hypothesis generates valid stage names (the longest allowed is always one
of the examples); each example is one real `python main.py` run, so the
example count is kept small (synthesis takes seconds).
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from harness.synth import SynthOutput, run_synth
from stages import StageNameError, resolve_stage
from stages.model import APP_NAME

# (resource type, attribute) -> AWS's limit for a name we choose. A new named
# resource type must be added here, with its limit from the AWS documentation.
AWS_NAME_LIMITS: dict[tuple[str, str], int] = {
    ("aws_lambda_function", "function_name"): 64,
    ("aws_iam_role", "name"): 64,
    ("aws_iam_role_policy", "name"): 128,
    ("aws_s3_bucket", "bucket"): 63,
    ("aws_cloudwatch_log_group", "name"): 512,
    ("aws_cloudwatch_metric_alarm", "alarm_name"): 255,
    ("aws_sns_topic", "name"): 256,
    ("aws_cloudwatch_event_rule", "name"): 64,
    ("aws_apigatewayv2_api", "name"): 128,
    ("aws_apigatewayv2_stage", "name"): 128,
    ("aws_cloudfront_cache_policy", "name"): 128,
    ("aws_cloudfront_origin_request_policy", "name"): 128,
    ("aws_cloudfront_response_headers_policy", "name"): 128,
    ("aws_cloudfront_function", "name"): 64,
    ("aws_cloudfront_origin_access_control", "name"): 64,
    ("aws_kms_alias", "name"): 256,
    ("aws_lambda_alias", "name"): 128,
    ("aws_cloudwatch_log_metric_filter", "name"): 512,
    ("aws_sqs_queue", "name"): 80,
    ("aws_dynamodb_table", "name"): 255,
    ("aws_scheduler_schedule", "name"): 64,
}
# Names scoped inside a parent that already carries the stage (a role's inline
# policy, an API's stage, a function's alias): only their length is checked.
SCOPED = {("aws_iam_role_policy", "name"), ("aws_apigatewayv2_stage", "name"), ("aws_lambda_alias", "name")}
NAME_KEYS = ("name", "function_name", "bucket", "alarm_name")


def _accepted(name: str) -> bool:
    try:
        resolve_stage(name)
    except StageNameError:
        return False
    return True


LONGEST = next(length for length in range(63, 0, -1) if _accepted("t" * length))
stage_names = st.from_regex(rf"\A[a-z][a-z0-9-]{{0,{LONGEST - 2}}}[a-z0-9]\Z").filter(_accepted)


def name_problems(config: dict, stage: str) -> list[str]:
    """Every literal name attribute of an AWS resource that is too long or lacks `<app>-<stage>`."""
    prefix = f"{APP_NAME}-{stage}"
    problems = []
    for type_name, by_name in config.get("resource", {}).items():
        if not type_name.startswith("aws_"):
            continue
        for name, body in by_name.items():
            for key in NAME_KEYS:
                value = body.get(key)
                if not isinstance(value, str) or "${" in value:
                    continue  # a reference: checked where the referenced name is set
                limit = AWS_NAME_LIMITS.get((type_name, key))
                where = f"{type_name}.{name}.{key}={value!r}"
                if limit is None:
                    problems.append(f"{where}: no AWS limit known; add it to AWS_NAME_LIMITS")
                elif len(value) > limit:
                    problems.append(f"{where}: {len(value)} characters, AWS allows {limit}")
                if (type_name, key) not in SCOPED and prefix not in value:
                    problems.append(f"{where}: does not carry {prefix!r}")
    return problems


def test_the_longest_accepted_name_is_the_documented_limit():
    assert _accepted("t" * LONGEST) and not _accepted("t" * (LONGEST + 1))


@settings(max_examples=2, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(stage_names, min_size=1, max_size=3, unique=True))
@example(names=["t" * LONGEST, "x1"])
def test_generated_stage_names_synthesize_within_aws_limits(names, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("property-synth") / "cdktf.out"
    run_synth(outdir, tuple(names))
    output = SynthOutput(outdir)
    checked = 0
    for stage in names:
        config = json.loads(output.stack(stage).path.read_text())
        assert config.get("resource"), f"stack {stage} has no resources"
        assert name_problems(config, stage) == []
        checked += 1
    assert checked == len(names)


def test_name_problems_catch_long_unprefixed_and_unknown_names():
    config = {
        "resource": {
            "aws_lambda_function": {"f": {"function_name": "sgcarstrends-pr-1-" + "x" * 60}},
            "aws_s3_bucket": {"b": {"bucket": "someone-elses-bucket"}},
            "aws_iam_role_policy": {"p": {"name": "logging"}},
            "aws_new_thing": {"n": {"name": "sgcarstrends-pr-1-new"}},
            "aws_sns_topic": {"t": {"name": "${var.topic}"}},
        }
    }
    problems = name_problems(config, "pr-1")
    assert len(problems) == 3, problems
    assert "78 characters, AWS allows 64" in problems[0]
    assert "does not carry 'sgcarstrends-pr-1'" in problems[1]
    assert "no AWS limit known" in problems[2]
