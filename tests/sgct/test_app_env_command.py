"""`sgct app-env`: the plain build-time values of an app on a stage, never a secret."""

import json

import pytest

from sgct.app_env_command import main, render
from sgct.cli import main as sgct_main
from stages.app_contract import SECRET_NAMES


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = sgct_main(["app-env", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_web_values_for_staging_point_at_staging(capsys):
    code, out, _ = _run(capsys, "--stage", "staging", "--app", "web", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "NEXT_PUBLIC_API_URL": "https://api.staging.sgcarstrends.com",
        "NEXT_PUBLIC_APP_ENV": "staging",
        "TZ": "Asia/Singapore",
    }


def test_dotenv_and_github_formats(capsys):
    code, out, _ = _run(capsys, "--stage", "pr-123", "--app", "web")
    assert code == 0
    assert out.splitlines() == [
        'NEXT_PUBLIC_API_URL="https://api-pr-123.sgcarstrends.com"',
        'NEXT_PUBLIC_APP_ENV="pr-123"',
        'TZ="Asia/Singapore"',
    ]
    code, out, _ = _run(capsys, "--stage", "prod", "--app", "api", "--format", "github")
    assert code == 0 and out.splitlines() == ["FEATURE_FLAG_RATE_LIMIT=true", "STAGE=prod"]


@pytest.mark.parametrize("stage", ["prod", "dev", "feature-auth"])
@pytest.mark.parametrize("app", ["api", "web"])
def test_no_secret_name_is_ever_printed(capsys, stage, app):
    assert main(["--stage", stage, "--app", app, "--format", "json"]) == 0
    assert not set(json.loads(capsys.readouterr().out)) & set(SECRET_NAMES)


def test_an_invalid_stage_is_unusable_input(capsys):
    code, out, err = _run(capsys, "--stage", "Bad_Name", "--app", "web")
    assert code == 2 and out == ""
    assert err.startswith("error: ") and "Bad_Name" in err


def test_an_unknown_app_or_format_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--stage", "dev", "--app", "worker"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        main(["--stage", "dev", "--app", "web", "--format", "yaml"])


def test_line_breaks_cannot_be_written_to_line_formats():
    with pytest.raises(ValueError, match="line break"):
        render({"X": "a\nb"}, "github")
    assert json.loads(render({"X": "a\nb"}, "json")) == {"X": "a\nb"}
