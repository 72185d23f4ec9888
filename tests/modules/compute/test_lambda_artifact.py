"""Code artifacts: a function without a build keeps its deployed code; releases can require builds.

The Terraform test applies a function with one build on a loopback AWS
server, then plans the same function synthesized without a build (must be a
no-op), with another build (must update the code) and without a build but
with `ignore_changes` stripped from its JSON (must update: proof that the
lifecycle setting, not luck, keeps the code).
"""

import json
import shutil

import pytest

from harness import Match, Template
from harness.local_stage import local_environment
from harness.synth import SynthError, SynthesizedStack, run_synth
from harness.workflow import unique_stage_name
from modules.compute.lambda_artifact import (
    API_ARTIFACT_VARIABLE,
    PLACEHOLDER_DIR,
    PLACEHOLDER_IGNORED_ATTRIBUTES,
    REQUIRE_ARTIFACTS_VARIABLE,
    WEB_ARTIFACT_VARIABLE,
    ArtifactError,
    artifact_from_environ,
    artifacts_required,
)
from stages import resolve_stage

CODE = set(PLACEHOLDER_IGNORED_ATTRIBUTES)
PLATFORM_FUNCTIONS = ("sgcarstrends-{stage}-api", "sgcarstrends-{stage}-web")


# SGCT_REQUIRE_ARTIFACTS ------------------------------------------------------------------------------------


def test_require_flag_accepts_only_1_0_or_unset():
    assert artifacts_required({REQUIRE_ARTIFACTS_VARIABLE: "1"}) is True
    assert artifacts_required({REQUIRE_ARTIFACTS_VARIABLE: "0"}) is False
    assert artifacts_required({}) is False
    with pytest.raises(ArtifactError, match=r"SGCT_REQUIRE_ARTIFACTS='yes' is not allowed: use 1"):
        artifacts_required({REQUIRE_ARTIFACTS_VARIABLE: "yes"})


def test_required_artifact_is_returned_when_set():
    environ = {REQUIRE_ARTIFACTS_VARIABLE: "1", API_ARTIFACT_VARIABLE: "dist/api.zip"}
    assert artifact_from_environ(API_ARTIFACT_VARIABLE, environ, owner="Lambda x") == "dist/api.zip"


@pytest.mark.parametrize("value", [None, ""])
def test_required_artifact_that_is_missing_names_the_variable_and_function(value):
    environ = {
        REQUIRE_ARTIFACTS_VARIABLE: "1",
        **({WEB_ARTIFACT_VARIABLE: value} if value is not None else {}),
    }
    with pytest.raises(ArtifactError) as error:
        artifact_from_environ(WEB_ARTIFACT_VARIABLE, environ, owner="Lambda sgcarstrends-prod-web")
    assert str(error.value).startswith(
        "Lambda sgcarstrends-prod-web: SGCT_REQUIRE_ARTIFACTS=1 but SGCT_WEB_ARTIFACT"
    )
    assert artifact_from_environ(WEB_ARTIFACT_VARIABLE, {}, owner="Lambda x") is None, (
        "not required: placeholder"
    )


def test_platform_stack_deploys_both_builds_when_required(monkeypatch, tmp_path):
    from modules.app.bindings import App
    from modules.app.platform_stack import PlatformStack
    from modules.state.backend import BackendSettings
    from tests.builds.synthetic_output import write_output

    # The placeholder directory holds the API handler's module, so it serves as its "build";
    # the web build is an OpenNext output (hand-made, with the real manifest's shape).
    for variable, value in (
        (REQUIRE_ARTIFACTS_VARIABLE, "1"),
        (API_ARTIFACT_VARIABLE, str(PLACEHOLDER_DIR)),
        (WEB_ARTIFACT_VARIABLE, str(write_output(tmp_path / "web", "b1"))),
    ):
        monkeypatch.setenv(variable, value)
    app = App(outdir=str(tmp_path / "out"), stack_traces=False)
    PlatformStack(app, resolve_stage("prod"), BackendSettings.from_environ())
    app.synth()
    stack = Template.from_json_file(tmp_path / "out" / "stacks" / "prod" / "cdk.tf.json")
    for name in (
        "sgcarstrends-prod-api",
        "sgcarstrends-prod-web",
        "sgcarstrends-prod-web-image",
        "sgcarstrends-prod-web-revalidation",
        "sgcarstrends-prod-web-warmer",
        "sgcarstrends-prod-web-init",
    ):
        stack.has_resource_properties("aws_lambda_function", {"function_name": name})
    # a build is deployed, not ignored
    stack.all_resources_properties(
        "aws_lambda_function", {"lifecycle": Match.exact({"prevent_destroy": True})}
    )


@pytest.mark.parametrize(
    "given, missing, function",
    [
        ({}, API_ARTIFACT_VARIABLE, "sgcarstrends-prod-api"),
        ({API_ARTIFACT_VARIABLE: str(PLACEHOLDER_DIR)}, WEB_ARTIFACT_VARIABLE, "sgcarstrends-prod-web"),
    ],
)
def test_synthesis_fails_without_required_artifacts_and_keeps_the_old_output(
    tmp_path, given, missing, function
):
    outdir = tmp_path / "cdktf.out"
    previous = outdir / "stacks" / "prod" / "cdk.tf.json"
    previous.parent.mkdir(parents=True)
    previous.write_text('{"previous": true}')
    environ = {
        REQUIRE_ARTIFACTS_VARIABLE: "1",
        API_ARTIFACT_VARIABLE: None,
        WEB_ARTIFACT_VARIABLE: None,
        **given,
    }
    with pytest.raises(SynthError) as error:
        run_synth(outdir, extra_env=environ)
    assert error.value.returncode == 2  # a required artifact that is not there is unusable input
    assert f"Lambda {function}: SGCT_REQUIRE_ARTIFACTS=1 but {missing} is not set" in error.value.stderr
    assert previous.read_text() == '{"previous": true}'
    assert sorted(p.name for p in outdir.parent.iterdir()) == ["cdktf.out"], "no half-written output left"


# Synthesized lifecycle -------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["prod", "staging", "dev", "pr-123"])
def test_functions_without_a_build_ignore_code_changes(template, stage):
    protection = True if stage == "prod" else Match.absent()  # protection kept as is
    for name in (function.format(stage=stage) for function in PLATFORM_FUNCTIONS):
        template(stage).has_resource_properties(
            "aws_lambda_function",
            {
                "function_name": name,
                "lifecycle": {
                    "ignore_changes": Match.array_with(sorted(CODE), any_order=True),
                    "prevent_destroy": protection,
                },
            },
        )


# Real Terraform: a function without a build keeps the deployed code ----------------------------------------


def _synth_function_scenarios(endpoint, builds, outdir):
    """`{name: stack}`: one function per scenario, same construct IDs (so same addresses) in each."""
    from modules.app.bindings import App, TerraformStack
    from modules.app.deployment_target import DeploymentTarget
    from modules.app.providers import configure_providers
    from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps

    stage = resolve_stage(unique_stage_name("code"))
    app = App(outdir=str(outdir), stack_traces=False)
    for name, code_path in builds.items():
        stack = TerraformStack(app, name)
        configure_providers(stack, stage, DeploymentTarget.local(endpoint))
        LambdaFunction(
            stack,
            "fn",
            stage,
            LambdaFunctionProps(
                name_suffix="api",
                handler="apps/api/src/index.handler",
                code_path=code_path and str(code_path),
            ),
        )
    app.synth()
    return {name: SynthesizedStack.load(outdir / "stacks" / name / "cdk.tf.json") for name in builds}


def _use_config(stack, workdir, mirror, edit=None):
    """Put `stack`'s JSON and assets into `workdir`, keeping Terraform's state and providers there.

    Changed for the offline run: the AWS version (the mirror's) and the backend (dropped, so every
    scenario shares the one local state file).
    """
    shutil.rmtree(workdir / "assets", ignore_errors=True)
    shutil.copytree(stack.path.parent / "assets", workdir / "assets")
    config = json.loads(json.dumps(stack.config))
    config["terraform"].pop("backend", None)
    config["terraform"]["required_providers"]["aws"]["version"] = mirror.aws_version
    for edit_config in [edit] if edit else []:
        edit_config(config)
    (workdir / "cdk.tf.json").write_text(json.dumps(config))


def _function_actions(runner):
    plan = runner.plan_json()
    return [
        change["change"]["actions"]
        for change in plan.get("resource_changes", [])
        if change["type"] == "aws_lambda_function"
    ]


def _build(directory, body):
    module = directory / "apps" / "api" / "src" / "index.mjs"
    module.parent.mkdir(parents=True)
    module.write_text(f"export const handler = async () => ({body});\n")
    return directory


def _without_ignore_changes(config):
    for function in config["resource"]["aws_lambda_function"].values():
        function["lifecycle"].pop("ignore_changes")


def test_deploy_without_a_build_keeps_the_deployed_code(
    terraform, aws_provider_mirror, moto_server, local_endpoint, tmp_path
):
    builds = {
        "release_one": _build(tmp_path / "one", "{ statusCode: 200, body: 'one' }"),
        "release_two": _build(tmp_path / "two", "{ statusCode: 200, body: 'two' }"),
        "no_build": None,
    }
    stacks = _synth_function_scenarios(local_endpoint, builds, tmp_path / "out")
    workdir = tmp_path / "work"
    workdir.mkdir()
    runner = terraform(workdir, aws_provider_mirror, env=local_environment(tmp_path / "local"))
    _use_config(stacks["release_one"], workdir, aws_provider_mirror)
    runner.init()
    runner.apply()

    _use_config(stacks["no_build"], workdir, aws_provider_mirror)
    assert _function_actions(runner) == [["no-op"]], "an infrastructure-only deploy would replace the code"

    _use_config(stacks["release_two"], workdir, aws_provider_mirror)
    assert _function_actions(runner) == [["update"]], "a new build must reach the function"

    _use_config(stacks["no_build"], workdir, aws_provider_mirror, edit=_without_ignore_changes)
    assert _function_actions(runner) == [["update"]], (
        "control: without ignore_changes the placeholder deploys"
    )
