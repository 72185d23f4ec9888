"""Drift reports from refresh-only plan JSON: addresses, changed attributes, nothing sensitive shown."""

import json

from operations.drift import drift_from_plan, render_markdown
from sgct.cli import main as sgct

SECRET_BEFORE, SECRET_AFTER = "hunter2-before-value", "hunter2-after-value"


def _plan() -> dict:
    return {
        "format_version": "1.2",
        "resource_drift": [
            {
                "address": "aws_cloudwatch_log_group.api",
                "mode": "managed",
                "change": {
                    "actions": ["update"],
                    "before": {"name": "/aws/lambda/x", "retention_in_days": 14, "tags": {"app": "a"}},
                    "after": {"name": "/aws/lambda/x", "retention_in_days": 3, "tags": {"app": "a"}},
                },
            },
            {
                "address": "aws_lambda_function.api",
                "mode": "managed",
                "change": {
                    "actions": ["update"],
                    "before": {"environment": [{"variables": {"TOKEN": SECRET_BEFORE}}], "memory_size": 512},
                    "after": {"environment": [{"variables": {"TOKEN": SECRET_AFTER}}], "memory_size": 512},
                    "before_sensitive": {"environment": [{"variables": True}]},
                    "after_sensitive": {"environment": [{"variables": True}]},
                },
            },
            {"address": "aws_sns_topic.alarms", "mode": "managed", "change": {"actions": ["delete"]}},
            {"address": "data.aws_region.here", "mode": "data", "change": {"actions": ["update"]}},
        ],
    }


def test_drift_names_addresses_and_changed_attributes_only():
    drifts = {drift.address: drift for drift in drift_from_plan(_plan())}
    assert list(drifts) == ["aws_cloudwatch_log_group.api", "aws_lambda_function.api", "aws_sns_topic.alarms"]
    retention = drifts["aws_cloudwatch_log_group.api"].attributes
    assert [(a.path, a.before, a.after) for a in retention] == [("retention_in_days", "14", "3")]
    assert drifts["aws_sns_topic.alarms"].change == "deleted"
    secret = drifts["aws_lambda_function.api"].attributes
    assert [(a.path, a.before, a.after) for a in secret] == [
        ("environment[0].variables", "(sensitive)", "(sensitive)")
    ]


def test_report_never_shows_sensitive_values():
    report = render_markdown("prod", _plan())
    assert "| `aws_cloudwatch_log_group.api` | changed | `retention_in_days` | `14` | `3` |" in report
    assert "| `aws_sns_topic.alarms` | deleted | | | |" in report
    assert SECRET_BEFORE not in report and SECRET_AFTER not in report


def test_no_drift_says_so():
    assert "Drift on dev: none" in render_markdown("dev", {"format_version": "1.2"})


def test_command_exit_codes_and_job_summary(tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    drifted, clean = tmp_path / "drifted.json", tmp_path / "clean.json"
    drifted.write_text(json.dumps(_plan()))
    clean.write_text(json.dumps({"format_version": "1.2", "resource_drift": []}))
    assert sgct(["drift", "--stage", "prod", "--plan-json", str(drifted)]) == 1
    assert sgct(["drift", "--stage", "prod", "--plan-json", str(clean)]) == 0
    assert "3 resource(s) changed outside Terraform" in summary.read_text()
    (tmp_path / "state.json").write_text("{}")
    assert sgct(["drift", "--stage", "prod", "--plan-json", str(tmp_path / "state.json")]) == 2
    assert "no format_version" in capsys.readouterr().err


def test_variables_without_a_value_get_placeholders(tmp_path):
    from operations.drift_command import placeholder_variables

    config = {"variable": {"DATABASE_URL": {"sensitive": True}, "GEMINI_API_KEY": {}, "size": {"default": 1}}}
    (tmp_path / "cdk.tf.json").write_text(json.dumps(config))
    assert placeholder_variables(tmp_path, {"TF_VAR_GEMINI_API_KEY": "set"}) == {
        "TF_VAR_DATABASE_URL": "drift-check-placeholder"
    }
