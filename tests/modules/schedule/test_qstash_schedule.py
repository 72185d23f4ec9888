"""The typed `upstash_qstash_schedule_v2` writes JSON that matches the provider's documented schema.

The schema below is the Upstash provider's documentation of the resource
(registry docs, `upstash_qstash_schedule_v2`): argument names, types, and
which are required. No provider binary can be had here, so this is the check
that stands in for `terraform validate` on this resource.
"""

import pytest

from harness import Match
from modules.schedule.qstash_schedule import RESOURCE_TYPE, QstashScheduleConfig, QstashScheduleV2
from modules.schedule.upstash_provider import UpstashProvider
from stages import resolve_stage
from tests.modules.synth import single, synth_scenarios

REQUIRED = {"cron": str, "destination": str}
OPTIONAL = {
    "body": str,
    "callback": str,
    "content_type": str,
    "delay": str,
    "forward_headers": dict,
    "method": str,
    "retries": int,
}
READ_ONLY = {"created_at", "header", "id", "schedule_id"}
META = {"//", "provider", "lifecycle", "depends_on"}


def assert_matches_schema(body: dict) -> None:
    arguments = {key: value for key, value in body.items() if key not in META}
    assert set(REQUIRED) <= set(arguments), f"missing required {set(REQUIRED) - set(arguments)}"
    unknown = set(arguments) - set(REQUIRED) - set(OPTIONAL)
    assert not unknown, f"not in the provider schema: {unknown} (read-only: {unknown & READ_ONLY})"
    for key, value in arguments.items():
        expected = {**REQUIRED, **OPTIONAL}[key]
        assert isinstance(value, expected) and not isinstance(value, bool), (
            f"{key}: {value!r} is not {expected}"
        )
    assert all(isinstance(v, str) for v in arguments.get("forward_headers", {}).values())


def _full(stack, stage):
    provider = UpstashProvider(stack)
    return QstashScheduleV2(
        stack,
        "schedule",
        provider=provider,
        config=QstashScheduleConfig(
            cron="0 1 * * *",
            destination="https://example.lambda-url.ap-southeast-1.on.aws/workflows/trigger",
            retries=2,
            forward_headers={"Authorization": "Bearer ${var.SG_CARS_TRENDS_API_TOKEN}"},
            body="{}",
            content_type="application/json",
            delay="10",
            callback="https://example.com/callback",
        ),
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stacks, _ = synth_scenarios({"full": (resolve_stage("dev"), _full)}, tmp_path_factory.mktemp("qstash"))
    return stacks["full"]


def test_every_argument_is_in_the_documented_schema(stack):
    _, body = single(stack, RESOURCE_TYPE)
    assert_matches_schema(body)
    stack.has_resource_properties(
        RESOURCE_TYPE,
        {
            "forward_headers": Match.exact({"Authorization": "Bearer ${var.SG_CARS_TRENDS_API_TOKEN}"}),
            "provider": "upstash",
        },
    )


def test_provider_comes_from_the_registry_without_credentials(stack):
    assert stack.config["terraform"]["required_providers"]["upstash"] == {
        "source": "upstash/upstash",
        "version": "~> 1.5",
    }
    assert len(stack.config["provider"]["upstash"]) == 1
    stack.has_provider("upstash", Match.exact({}))


def test_the_schema_check_can_fail():
    with pytest.raises(AssertionError, match="not in the provider schema"):
        assert_matches_schema({"cron": "* * * * *", "destination": "https://x", "headers": {}})
    with pytest.raises(AssertionError, match="missing required"):
        assert_matches_schema({"cron": "* * * * *"})
    with pytest.raises(AssertionError, match="retries"):
        assert_matches_schema({"cron": "* * * * *", "destination": "https://x", "retries": "3"})


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"cron": "hourly"}, "five fields"),
        ({"destination": "http://insecure.example"}, "https://"),
        ({"method": "TRACE"}, "not one of"),
        ({"retries": 9}, "0-5"),
        ({"forward_headers": {"Bad Header": "x"}}, "header name"),
    ],
)
def test_bad_arguments_are_refused(changes, message):
    arguments = {"cron": "* * * * *", "destination": "https://example.com", **changes}
    with pytest.raises(ValueError, match=message):
        QstashScheduleConfig(**arguments)
