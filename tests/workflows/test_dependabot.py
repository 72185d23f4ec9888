"""Dependabot keeps every pin fresh: each lock in the repository has a weekly, grouped update.

The file is checked offline against check-jsonschema's vendored Dependabot
schema, and against the repository: each ecosystem's directory holds the lock
it is meant to update, so a moved lock cannot silently stop being updated.
"""

import yaml

from harness.synth import REPO_ROOT
from tests.workflows.test_workflow_tools import CHECK_JSONSCHEMA, _need, _run

DEPENDABOT = REPO_ROOT / ".github" / "dependabot.yml"
LOCKS = {  # ecosystem -> the file, relative to its `directory`, that Dependabot must find there
    "github-actions": ".github/workflows/pull-request.yml",
    "uv": "uv.lock",
    "pip": "bench-requirements.txt",
    "npm": "package-lock.json",
}


def _updates() -> list[dict]:
    return yaml.safe_load(DEPENDABOT.read_text())["updates"]


def test_dependabot_config_matches_the_schema():
    _need(CHECK_JSONSCHEMA, "check-jsonschema")
    result = _run([CHECK_JSONSCHEMA, "--builtin-schema", "vendor.dependabot", DEPENDABOT])
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_bad_config(tmp_path):
    _need(CHECK_JSONSCHEMA, "check-jsonschema")
    bad = tmp_path / "dependabot.yml"
    bad.write_text(
        "version: 2\nupdates:\n  - package-ecosystem: uv\n    directory: /\n"
        "    schedule:\n      interval: fortnightly\n"
    )
    result = _run([CHECK_JSONSCHEMA, "--builtin-schema", "vendor.dependabot", bad])
    assert result.returncode == 1 and "fortnightly" in result.stdout, result.stdout


def test_every_lock_has_a_weekly_grouped_update_with_a_cooldown():
    updates = {update["package-ecosystem"]: update for update in _updates()}
    assert updates, "dependabot.yml lists no updates"
    assert set(updates) == set(LOCKS)
    for ecosystem, update in updates.items():
        assert update["schedule"]["interval"] == "weekly", ecosystem
        assert [group["patterns"] for group in update["groups"].values()] == [["*"]], ecosystem
        assert update["cooldown"]["default-days"] >= 7, ecosystem


def test_each_ecosystem_points_at_the_directory_of_its_lock():
    assert _updates(), "dependabot.yml lists no updates"
    for update in _updates():
        lock = REPO_ROOT / update["directory"].lstrip("/") / LOCKS[update["package-ecosystem"]]
        assert lock.is_file(), f"{update['package-ecosystem']}: no {lock.relative_to(REPO_ROOT)}"
