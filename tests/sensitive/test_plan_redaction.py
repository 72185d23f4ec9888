"""Redaction of plan JSON: every sensitive marker is honoured."""

import json

from sensitive.plan_redaction import REDACTED, mask_sensitive, redact_plan, scrub, sensitive_strings
from tests.policies.helpers import change, plan


def test_mask_sensitive_follows_the_marker_shape():
    value = {"a": "x", "b": ["keep", "hide"], "c": {"d": "hide"}}
    marker = {"b": [False, True], "c": True}
    assert mask_sensitive(value, marker) == {"a": "x", "b": ["keep", REDACTED], "c": REDACTED}


def test_redact_plan_covers_changes_values_outputs_and_variables():
    entry = change(
        "aws_lambda_function.f",
        ["update"],
        {"env": "old-secret-1"},
        {"env": "new-secret-2"},
        before_sensitive={"env": True},
        after_sensitive={"env": True},
    )
    data = plan(
        [entry],
        "dev",
        variables={"pw": {"value": "var-secret-3"}},
        output_changes={
            "o": {
                "actions": ["update"],
                "before": "out-secret-4",
                "after": "out-secret-5",
                "before_sensitive": True,
                "after_sensitive": True,
            }
        },
        planned_values={
            "outputs": {"o": {"sensitive": True, "value": "out-secret-5"}},
            "root_module": {
                "resources": [
                    {"address": "x", "values": {"env": "new-secret-2"}, "sensitive_values": {"env": True}}
                ],
                "child_modules": [],
            },
        },
    )
    data["configuration"]["root_module"]["variables"] = {"pw": {"sensitive": True, "default": "var-secret-6"}}
    secrets = sensitive_strings(data)
    assert {
        "old-secret-1",
        "new-secret-2",
        "var-secret-3",
        "out-secret-4",
        "out-secret-5",
        "var-secret-6",
    } <= secrets
    text = json.dumps(redact_plan(data))
    assert not any(secret in text for secret in secrets)
    assert scrub("value was new-secret-2", secrets) == f"value was {REDACTED}"


def test_secret_looking_strings_are_masked_too():
    entry = change("aws_x.y", ["create"], None, {"url": "postgres://u:pw12345@h/db", "name": "plain"})
    redacted = redact_plan(plan([entry], "dev"))
    after = redacted["resource_changes"][0]["change"]["after"]
    assert after["name"] == "plain" and "pw12345" not in after["url"]
