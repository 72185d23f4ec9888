"""Calls found in literal URLs and in environment variable names."""

import pytest

from review.diagram.calls import host_and_path
from review.diagram.externals import environment_variables, services_used


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://api.x.com/workflows/trigger?token=abc", ("api.x.com", "/workflows/trigger")),
        ("api.x.com", ("api.x.com", "")),
        ("https://api.x.com./", ("api.x.com", "/")),
        ("${aws_apigatewayv2_api.gw.api_endpoint}/x", None),
        ("postgres://app:s3cret-1234abcd@db.example.com/cars", None),  # looks secret: never read
        (42, None),
    ],
)
def test_host_and_path(value, expected):
    assert host_and_path(value) == expected


def test_services_come_from_names_in_table_order():
    names = ["TWITTER_APP_KEY", "DATABASE_URL", "STAGE", "UPSTASH_REDIS_REST_URL", "QSTASH_TOKEN"]
    assert [service.id for service in services_used(names)] == ["postgres", "redis", "qstash", "twitter"]
    assert services_used(["STAGE", "TZ"]) == []


def test_environment_is_read_from_cdktf_objects_and_plain_json_lists():
    assert environment_variables({"environment": {"variables": {"A": "1"}}}) == {"A": "1"}
    assert environment_variables({"environment": [{"variables": {"B": "2"}}]}) == {"B": "2"}
    assert environment_variables({"environment": []}) == {}
    assert environment_variables({}) == {}
