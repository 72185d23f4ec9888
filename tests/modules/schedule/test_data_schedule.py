"""The QStash data schedule: permanent stages only, calling the API function URL with the bearer token."""

import json

import pytest

from harness import Match
from modules.schedule.data_schedule import DataSchedule, DataScheduleProps
from modules.schedule.qstash_schedule import RESOURCE_TYPE
from stages import StageSettings, resolve_stage
from tests.modules.schedule.test_qstash_schedule import assert_matches_schema
from tests.modules.synth import scratch_scope, single

STAGES = ("prod", "staging", "dev", "pr-123")


@pytest.mark.parametrize("stage", STAGES)
def test_only_permanent_stages_have_the_schedule(template, stage):
    stack = template(stage)
    permanent = resolve_stage(stage).is_permanent
    stack.resource_count_is(RESOURCE_TYPE, 1 if permanent else 0)
    assert ("upstash" in stack.config["terraform"]["required_providers"]) is permanent
    assert stack.resources("aws_lambda_function_url"), (
        "every stage has function URLs (the web server's at least)"
    )
    api_urls = [
        address
        for path, address in stack.construct_paths().items()
        if path == f"{stage}/api/function_url" and address.startswith("aws_lambda_function_url.")
    ]
    assert len(api_urls) == (1 if permanent else 0), "only the schedule needs the API function's URL"


@pytest.mark.parametrize("stage", ("prod", "staging", "dev"))
def test_schedule_calls_the_api_function_url_with_the_bearer_token(template, stage):
    stack = template(stage)
    _, schedule = single(stack, RESOURCE_TYPE)
    assert_matches_schema(schedule)
    api_url = {"function_name": Match.string_like_regexp("api_lambda_function")}
    url_address, _ = single(stack, "aws_lambda_function_url", api_url)
    stack.has_resource_properties("aws_lambda_function_url", {**api_url, "authorization_type": "NONE"})
    stack.has_resource_properties(
        RESOURCE_TYPE,
        {
            "destination": f"${{{url_address}.function_url}}workflows/trigger",
            "cron": "*/60 0-10 * * 1-5",
            "method": "POST",
            "retries": 3,
            "forward_headers": Match.exact({"Authorization": "Bearer ${var.SG_CARS_TRENDS_API_TOKEN}"}),
        },
    )
    assert "UPSTASH" not in json.dumps(stack.config["provider"]["upstash"])
    stack.resource_properties_count_is("aws_lambda_permission", {"action": "lambda:InvokeFunctionUrl"}, 1)
    stack.has_resource_properties(
        "aws_lambda_permission",
        {"action": "lambda:InvokeFunctionUrl", "principal": "*", "function_url_auth_type": "NONE"},
    )


def test_an_ephemeral_stage_is_refused(tmp_path):
    props = DataScheduleProps(function_url="https://x/", bearer_token="${var.T}")
    with pytest.raises(ValueError, match="only permanent stages"):
        DataSchedule(scratch_scope(tmp_path), "data_schedule", resolve_stage("pr-1"), props)


def test_missing_inputs_and_bad_crons_are_refused():
    with pytest.raises(ValueError, match="function_url"):
        DataScheduleProps(function_url="", bearer_token="${var.T}")
    with pytest.raises(ValueError, match="five-field cron"):
        StageSettings(data_schedule_cron="every hour")
