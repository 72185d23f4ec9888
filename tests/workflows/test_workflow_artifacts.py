"""Deploys ship an application build only when one is named; otherwise they are infrastructure-only.

The step scripts are run for real with bash, with `gh` and the cdktf CLI
replaced by small stand-ins that record what they were given.
"""

import os
import shutil
import stat
import subprocess

import pytest

from tests.workflows.workflow_files import REUSABLE, WORKFLOW_FILES, load, stage_calls, steps

WORKFLOWS = {path.name: load(path) for path in WORKFLOW_FILES}
BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="bash is not installed")

FAKE_GH = """#!/usr/bin/env bash
# Stand-in for `gh release download TAG --repo R --dir D --pattern P...`: records its arguments and
# "downloads" each pattern listed in FAKE_ASSETS.
printf '%s\\n' "$@" > "$FAKE_GH_LOG"
dir=.
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --pattern) case " $FAKE_ASSETS " in *" $2 "*) echo zip > "$dir/$2" ;; esac; shift 2 ;;
    *) shift ;;
  esac
done
"""
FAKE_CDKTF = """#!/usr/bin/env bash
echo "cdktf $*"
echo "api=${SGCT_API_ARTIFACT-unset} web=${SGCT_WEB_ARTIFACT-unset} require=${SGCT_REQUIRE_ARTIFACTS-unset}"
"""
FAKE_SGCT = FAKE_CDKTF.replace("cdktf $*", "sgct $*")


def _step(name):
    return next(step for _, step in steps(load(REUSABLE)) if step.get("name") == name)


def _executable(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def _run_step(step, cwd, env):
    # GitHub's default shell for `run:` on Linux: bash --noprofile --norc -eo pipefail {0}.
    script = cwd / "step.sh"
    script.write_text(step["run"])
    return subprocess.run(
        [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_deploy_workflow_takes_an_optional_application_release():
    inputs = load(REUSABLE)["on"]["workflow_call"]["inputs"]
    for name in ("app-release", "app-repository"):
        assert inputs[name]["required"] is False and inputs[name]["default"] == "", name
    download = _step("Download the application build")
    assert download["if"] == "inputs.app-release != ''"
    assert download["env"]["APP_RELEASE"] == "${{ inputs.app-release }}"
    assert download["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert 'gh release download "$APP_RELEASE" --repo "$APP_REPOSITORY"' in download["run"]


@pytest.mark.parametrize("workflow, required", [("release.yml", True), ("deploy-staging.yml", False)])
def test_deploys_pass_the_release_through_and_dispatch_only_from_main(workflow, required):
    dispatch = WORKFLOWS[workflow]["on"]["workflow_dispatch"]["inputs"]
    assert dispatch["app-release"]["required"] is required and dispatch["app-repository"]["required"] is False
    [job] = [job for _, job in stage_calls(WORKFLOWS[workflow])]
    assert job["with"]["app-release"] == "${{ inputs.app-release || '' }}"
    assert job["with"]["app-repository"] == "${{ inputs.app-repository || '' }}"
    assert "github.ref == 'refs/heads/main'" in job["if"]


def test_pull_request_previews_are_infrastructure_only_and_app_previews_carry_the_release():
    calls = dict(stage_calls(WORKFLOWS["preview.yml"]))
    assert "app-deploy" in calls and len(calls) > 1, (
        f"preview.yml calls the stage workflow from {sorted(calls)}"
    )
    for job_id, job in calls.items():
        if job_id == "app-deploy":
            assert job["with"]["app-release"] == "${{ needs.app-request.outputs.app-release }}"
        else:
            assert "app-release" not in job["with"], job_id


@pytest.fixture
def fake_tools(tmp_path):
    bin_dir = tmp_path / "bin"
    _executable(bin_dir / "gh", FAKE_GH)
    workspace = tmp_path / "workspace"
    _executable(workspace / "node_modules" / ".bin" / "cdktf", FAKE_CDKTF)
    _executable(workspace / ".venv" / "bin" / "sgct", FAKE_SGCT)
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "FAKE_GH_LOG": str(tmp_path / "gh-args")}
    return workspace, env, tmp_path / "gh-args"


@needs_bash
def test_download_fetches_both_builds_into_dist(fake_tools):
    workspace, env, gh_log = fake_tools
    result = _run_step(
        _step("Download the application build"),
        workspace,
        {**env, "APP_RELEASE": "v1.2.3", "APP_REPOSITORY": "owner/app", "FAKE_ASSETS": "api.zip web.zip"},
    )
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (workspace / "dist").iterdir()) == ["api.zip", "web.zip"]
    assert gh_log.read_text().split() == [
        "release",
        "download",
        "v1.2.3",
        "--repo",
        "owner/app",
        "--dir",
        "dist",
        "--pattern",
        "api.zip",
        "--pattern",
        "web.zip",
    ]


@needs_bash
@pytest.mark.parametrize(
    "release, repository, code, message",
    [
        ("v1.2.3", "owner/app", 1, "release v1.2.3 of owner/app has no web.zip asset"),
        ("--repo=evil/x", "owner/app", 2, "is not a release tag"),
        ("v1.2.3", "owner/app --clobber", 2, "is not owner/name"),
    ],
)
def test_download_refuses_bad_input_and_incomplete_releases(fake_tools, release, repository, code, message):
    workspace, env, gh_log = fake_tools
    result = _run_step(
        _step("Download the application build"),
        workspace,
        {**env, "APP_RELEASE": release, "APP_REPOSITORY": repository, "FAKE_ASSETS": "api.zip"},
    )
    assert result.returncode == code and message in result.stderr, result.stderr
    assert gh_log.exists() is (code == 1), "gh runs only with a valid tag and repository"


@needs_bash
@pytest.mark.parametrize(
    "release, expected",
    [
        (
            "v1.2.3",
            "sgct deploy --stage prod --publish-build {ws}/dist/web.zip\n"
            "api={ws}/dist/api.zip web={ws}/dist/web.zip require=1",
        ),
        ("", "sgct deploy --stage prod\napi=unset web=unset require=unset"),
    ],
)
def test_deploy_requires_the_builds_and_publishes_the_web_build_only_when_a_release_is_named(
    fake_tools, release, expected
):
    workspace, env, _ = fake_tools
    result = _run_step(
        _step("Terraform ${{ inputs.command }}"),
        workspace,
        {**env, "STAGE": "prod", "COMMAND": "deploy", "APP_RELEASE": release},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == expected.format(ws=workspace).splitlines()


@needs_bash
def test_previews_without_a_build_skip_the_smoke_check(fake_tools):
    workspace, env, _ = fake_tools
    step = _step("Terraform ${{ inputs.command }}")
    preview = _run_step(step, workspace, {**env, "STAGE": "pr-7", "COMMAND": "deploy", "APP_RELEASE": ""})
    assert preview.stdout.splitlines()[0] == "sgct deploy --stage pr-7 --no-smoke-check", preview.stderr
    built = _run_step(step, workspace, {**env, "STAGE": "pr-7", "COMMAND": "deploy", "APP_RELEASE": "v1"})
    assert built.stdout.splitlines()[0] == (
        f"sgct deploy --stage pr-7 --publish-build {workspace}/dist/web.zip"
    ), built.stderr


@needs_bash
def test_deploy_passes_reviewed_destroy_overrides_word_by_word(fake_tools):
    workspace, env, _ = fake_tools
    overrides = {
        "OVERRIDE_DESTROY": " aws_s3_bucket.logs  aws_route53_record.www[0] ",
        "OVERRIDE_REASON": "a b",
    }
    result = _run_step(
        _step("Terraform ${{ inputs.command }}"),
        workspace,
        {**env, "STAGE": "prod", "COMMAND": "deploy", "APP_RELEASE": "", **overrides},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "sgct deploy --stage prod --override-destroy aws_s3_bucket.logs "
        "--override-destroy aws_route53_record.www[0] --override-reason a b"
    )


@needs_bash
def test_the_deploy_workflow_no_longer_plans(fake_tools):
    workspace, env, _ = fake_tools
    result = _run_step(
        _step("Terraform ${{ inputs.command }}"),
        workspace,
        {**env, "STAGE": "prod", "COMMAND": "plan", "APP_RELEASE": ""},
    )
    assert result.returncode == 2 and "plans: terraform-plan.yml" in result.stderr
