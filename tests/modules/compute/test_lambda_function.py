"""Lambda construct: ARM64 + Node.js 22.x, scoped role and logs, artifacts, protection, metrics."""

import json
import re
import subprocess
import zipfile

import pytest

from harness import Capture, Match, Template
from harness.node_lambda import find_node
from modules.compute.lambda_artifact import (
    PLACEHOLDER_DIR,
    PLACEHOLDER_IGNORED_ATTRIBUTES,
    ArtifactError,
    artifact_from_environ,
)
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps, keep_deployed_code
from modules.compute.lambda_package import package_code
from stages import resolve_stage
from tests.modules.synth import scratch_scope, single, synth_scenarios

STAGES = ["prod", "staging", "dev", "pr-123"]
API = dict(name_suffix="api", handler="apps/api/src/index.handler")


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory):
    root = tmp_path_factory.mktemp("artifacts")
    directory = root / "build"
    directory.mkdir()
    (directory / "server.mjs").write_text("export const handler = async () => ({ statusCode: 200 });\n")
    archive = root / "build.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("apps/api/src/index.js", "exports.handler = async () => ({ statusCode: 200 });\n")
    return {"dir": directory, "zip": archive}


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("scenarios")


@pytest.fixture(scope="module")
def scenarios(artifacts, scenario_dir):
    def placeholder(stack, stage):
        from modules.app.secrets import Secrets

        secrets = Secrets(stack, "secrets")
        env = {"STAGE": stage.name, "DATABASE_URL": secrets.reference("DATABASE_URL")}
        return LambdaFunction(
            stack,
            "fn",
            stage,
            LambdaFunctionProps(**API, timeout_seconds=120, memory_mb=1024, environment=env),
        )

    def from_dir(stack, stage):
        return LambdaFunction(
            stack,
            "fn",
            stage,
            LambdaFunctionProps(name_suffix="web", handler="server.handler", code_path=str(artifacts["dir"])),
        )

    def from_zip(stack, stage):
        return LambdaFunction(stack, "fn", stage, LambdaFunctionProps(**API, code_path=str(artifacts["zip"])))

    return synth_scenarios(
        {
            "prod_placeholder": (resolve_stage("prod"), placeholder),
            "dev_dir": (resolve_stage("dev"), from_dir),
            "pr_zip": (resolve_stage("pr-123"), from_zip),
        },
        scenario_dir,
    )


def test_defaults_are_arm64_nodejs22_with_handler_timeout_memory(scenarios):
    stacks, _ = scenarios
    stacks["prod_placeholder"].resource_count_is("aws_lambda_function", 1)
    stacks["prod_placeholder"].has_resource_properties(
        "aws_lambda_function",
        {
            "function_name": "sgcarstrends-prod-api",
            "architectures": ["arm64"],
            "runtime": "nodejs22.x",
            "handler": "apps/api/src/index.handler",
            "timeout": 120,
            "memory_size": 1024,
            "environment": {
                "variables": Match.object_equals({"STAGE": "prod", "DATABASE_URL": "${var.DATABASE_URL}"})
            },
        },
    )


def test_role_is_assumable_by_lambda_only_and_logs_only_to_its_own_group(scenarios):
    stack = scenarios[0]["prod_placeholder"]
    stack.resource_count_is("aws_iam_role", 1)
    assume = {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    stack.has_resource_properties(
        "aws_iam_role",
        {
            "name": "sgcarstrends-prod-api-role",
            "assume_role_policy": Match.serialized_json({"Statement": Match.exact([assume])}),
        },
    )
    log_group_address, _ = single(stack, "aws_cloudwatch_log_group")
    logging = {"name": "write-own-log-group"}
    stack.resource_properties_count_is("aws_iam_role_policy", logging, 1)
    actions = Capture()
    stack.has_resource_properties(
        "aws_iam_role_policy",
        {
            **logging,
            "policy": Match.serialized_json(
                {"Statement": [{"Resource": "${" + log_group_address + ".arn}:*", "Action": actions}]}
            ),
        },
    )
    assert set(actions.as_array()) == {"logs:CreateLogStream", "logs:PutLogEvents"}
    # no managed policies (they grant logs on *)
    stack.resource_count_is("aws_iam_role_policy_attachment", 0)


def test_log_group_has_stage_retention_and_exists_before_the_function(scenarios):
    stacks, _ = scenarios
    for name, retention in (("prod_placeholder", 90), ("dev_dir", 7), ("pr_zip", 3)):
        stack = stacks[name]
        stack.resource_count_is("aws_lambda_function", 1)
        stack.resource_count_is("aws_cloudwatch_log_group", 1)
        function_name = Capture()
        stack.has_resource_properties("aws_lambda_function", {"function_name": function_name})
        log_group = stack.has_resource_properties(
            "aws_cloudwatch_log_group",
            {"name": f"/aws/lambda/{function_name.as_string()}", "retention_in_days": retention},
        )
        stack.has_resource_properties("aws_lambda_function", {"depends_on": Match.array_with([log_group])})


def test_prevent_destroy_on_prod_only(scenarios):
    stacks, _ = scenarios
    prod = stacks["prod_placeholder"]
    prod.has_resource_properties(
        "aws_cloudwatch_log_group", {"lifecycle": Match.object_equals({"prevent_destroy": True})}
    )
    prod.has_resource_properties("aws_lambda_function", {"lifecycle": {"prevent_destroy": True}})
    for resource_type in ("aws_lambda_function", "aws_cloudwatch_log_group"):
        stacks["dev_dir"].all_resources_properties(resource_type, {"lifecycle": Match.absent()})


def test_placeholder_keeps_deployed_code_and_a_build_replaces_it(scenarios):
    stacks, _ = scenarios
    stacks["prod_placeholder"].has_resource_properties(
        "aws_lambda_function",
        {
            "lifecycle": Match.object_equals(
                {"prevent_destroy": True, "ignore_changes": list(PLACEHOLDER_IGNORED_ATTRIBUTES)}
            )
        },
    )
    for with_build in ("dev_dir", "pr_zip"):
        stacks[with_build].all_resources_properties("aws_lambda_function", {"lifecycle": Match.absent()})


def test_keep_deployed_code_ignores_the_code_attributes_only():
    lifecycle = keep_deployed_code()
    assert lifecycle.ignore_changes == list(PLACEHOLDER_IGNORED_ATTRIBUTES)
    assert lifecycle.prevent_destroy is None, "protection comes from modules.app.protection, not here"


def test_code_is_packaged_from_placeholder_directory_or_zip(scenarios, scenario_dir):
    stacks, built = scenarios
    assert built["prod_placeholder"].is_placeholder and not built["pr_zip"].is_placeholder
    placeholder_zip = (
        scenario_dir
        / "stacks"
        / "prod_placeholder"
        / single(stacks["prod_placeholder"], "aws_lambda_function")[1]["filename"]
    )
    assert "apps/api/src/index.mjs" in zipfile.ZipFile(placeholder_zip).namelist()
    dir_zip = (
        scenario_dir / "stacks" / "dev_dir" / single(stacks["dev_dir"], "aws_lambda_function")[1]["filename"]
    )
    assert zipfile.ZipFile(dir_zip).namelist() == ["server.mjs"]
    shipped_zip = (
        scenario_dir / "stacks" / "pr_zip" / single(stacks["pr_zip"], "aws_lambda_function")[1]["filename"]
    )
    assert zipfile.ZipFile(shipped_zip).namelist() == ["apps/api/src/index.js"]


def test_a_zipped_directory_is_named_by_its_content_hash_and_a_given_zip_by_cdktfs(scenarios, artifacts):
    stacks, _ = scenarios
    digest = package_code(artifacts["dir"]).content_hash
    assert digest and len(digest) == 64
    dir_path = single(stacks["dev_dir"], "aws_lambda_function")[1]["filename"].split("/")
    assert dir_path[2] == digest, "the asset hash is the content hash cdktf need not recompute"
    zip_path = single(stacks["pr_zip"], "aws_lambda_function")[1]["filename"].split("/")
    assert package_code(artifacts["zip"]).content_hash is None
    assert len(zip_path[2]) == 32 and zip_path[2] != digest[:32], "cdktf hashed the given zip itself"


def test_metric_helpers_name_the_function(scenarios):
    function = scenarios[1]["prod_placeholder"]
    assert function.timeout_seconds == 120
    for metric, name in (
        (function.metric_errors(), "Errors"),
        (function.metric_invocations(), "Invocations"),
        (function.metric_throttles(), "Throttles"),
    ):
        assert (metric.namespace, metric.metric_name, metric.statistic) == ("AWS/Lambda", name, "Sum")
        assert metric.dimensions == {"FunctionName": "sgcarstrends-prod-api"}
    assert function.metric_duration().extended_statistic == "p99"
    assert function.metric_duration("Maximum").statistic == "Maximum"


@pytest.mark.skipif(
    find_node() is None, reason="no Node.js found (JSII_NODE or node on PATH) to run the placeholder"
)
@pytest.mark.parametrize("module", ["./index.mjs", "./apps/api/src/index.mjs"])
def test_placeholder_handler_answers_503_and_warmer(module):
    node = find_node()
    script = (
        f"import('{module}').then(async m => console.log(JSON.stringify("
        "[await m.handler({}), await m.handler({type: 'warmer'})])))"
    )
    result = subprocess.run(
        [node, "-e", script], cwd=PLACEHOLDER_DIR, capture_output=True, text=True, timeout=60
    )
    answered, warmed = json.loads(result.stdout)
    assert answered["statusCode"] == 503 and "placeholder" in answered["body"]
    assert warmed == {"warmed": True}


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(handler="index"), "path/module.export"),
        (dict(timeout_seconds=0), "1-900"),
        (dict(timeout_seconds=901), "1-900"),
        (dict(memory_mb=64), "128-10240"),
        (dict(architecture="arm"), "architecture"),
        (dict(runtime="python3.12"), "Node.js runtime"),
        (dict(environment={"AWS_REGION": "x"}), "reserved"),
        (dict(environment={"DATABASE_URL": "postgres://user:pw@host/db"}), "literal strings"),
    ],
)
def test_bad_props_are_refused_with_the_reason(change, message):
    with pytest.raises(ValueError, match=message):
        LambdaFunctionProps(**{**API, **change})


def test_missing_artifact_path_is_an_error_not_a_placeholder(tmp_path):
    missing = tmp_path / "dist"
    with pytest.raises(ArtifactError, match="does not exist") as error:
        LambdaFunction(
            scratch_scope(tmp_path),
            "fn",
            resolve_stage("dev"),
            LambdaFunctionProps(**API, code_path=str(missing)),
        )
    assert str(missing) in str(error.value)


def test_artifact_without_the_handler_module_is_refused(artifacts, tmp_path):
    with pytest.raises(ArtifactError, match="apps/api/src/index.mjs"):
        LambdaFunction(
            scratch_scope(tmp_path),
            "fn",
            resolve_stage("dev"),
            LambdaFunctionProps(**API, code_path=str(artifacts["dir"])),
        )
    with pytest.raises(ArtifactError, match="placeholder"):
        LambdaFunction(
            scratch_scope(tmp_path),
            "fn",
            resolve_stage("dev"),
            LambdaFunctionProps(name_suffix="web", handler="nope.handler"),
        )


def test_artifact_path_comes_from_the_environment_or_placeholder():
    assert artifact_from_environ("SGCT_API_ARTIFACT", {"SGCT_API_ARTIFACT": "dist/api"}) == "dist/api"
    assert artifact_from_environ("SGCT_API_ARTIFACT", {"SGCT_API_ARTIFACT": ""}) is None


@pytest.mark.parametrize("stage", STAGES)
def test_every_platform_lambda_is_arm64_nodejs22(synth_output, stage):
    template = Template.from_stack(synth_output.stack(stage))
    functions = template.resources("aws_lambda_function")
    assert functions, f"{stage} has no Lambda functions"
    template.all_resources_properties(
        "aws_lambda_function", {"architectures": ["arm64"], "runtime": "nodejs22.x"}
    )
    retention = resolve_stage(stage).settings.log_retention_days
    for function in functions.values():
        template.has_resource_properties(
            "aws_cloudwatch_log_group",
            {"name": f"/aws/lambda/{function['function_name']}", "retention_in_days": retention},
        )


@pytest.mark.parametrize(
    "stage, protected", [("prod", True), ("staging", False), ("dev", False), ("pr-123", False)]
)
def test_platform_functions_and_log_groups_prevent_destroy_only_on_prod(synth_output, stage, protected):
    template = Template.from_stack(synth_output.stack(stage))
    for resource_type in ("aws_lambda_function", "aws_cloudwatch_log_group"):
        if protected:
            template.all_resources_properties(resource_type, {"lifecycle": {"prevent_destroy": True}})
            continue
        bodies = template.resources(resource_type)
        assert bodies, f"{stage} has no {resource_type}"
        for address, body in bodies.items():
            assert "prevent_destroy" not in body.get("lifecycle", {}), address


@pytest.mark.parametrize("stage", ["dev", "pr-123"])
def test_nothing_on_dev_or_ephemeral_stages_blocks_one_command_destroy(synth_output, stage):
    template = Template.from_stack(synth_output.stack(stage))
    blocking = [
        address
        for resource_type in template.resource_types()
        for address, body in template.resources(resource_type).items()
        if body.get("lifecycle", {}).get("prevent_destroy")
    ]
    assert blocking == []
    template.resource_count_is("aws_s3_bucket", 2)  # web assets, CloudFront access logs
    template.all_resources_properties("aws_s3_bucket", {"force_destroy": True})


@pytest.mark.parametrize("stage", ["prod", "pr-123"])
def test_every_function_publishes_and_is_invoked_through_its_live_alias(template, stage):
    stack = template(stage)
    stack.all_resources_properties("aws_lambda_function", {"publish": True})
    for address in stack.resources("aws_lambda_function"):
        stack.has_resource_properties(
            "aws_lambda_alias",
            {
                "function_name": "${" + address + ".function_name}",
                "name": "live",
                "function_version": "${" + address + ".version}",
            },
        )
    aliases = [address.removeprefix("aws_lambda_alias.") for address in stack.resources("aws_lambda_alias")]
    through_alias = Match.string_like_regexp(
        "^(" + "|".join(re.escape("${aws_lambda_alias." + name) for name in aliases) + ")"
    )
    stack.all_resources_properties("aws_lambda_permission", {"qualifier": through_alias})
    stack.all_resources_properties("aws_apigatewayv2_integration", {"integration_uri": through_alias})
    stack.all_resources_properties("aws_lambda_function_url", {"qualifier": through_alias})
    stack.all_resources_properties("aws_cloudwatch_event_target", {"arn": through_alias})
    to_lambda = {"protocol": "lambda"}
    subscriptions = stack.find_resources("aws_sns_topic_subscription", to_lambda)
    assert subscriptions, f"{stage}: no topic delivers to a function"
    assert subscriptions == stack.find_resources(
        "aws_sns_topic_subscription", {**to_lambda, "endpoint": through_alias}
    )


@pytest.mark.parametrize(
    ("stage", "mode"), [("prod", "Active"), ("staging", "PassThrough"), ("pr-123", "PassThrough")]
)
def test_xray_tracing_follows_the_stage_setting(template, stage, mode):
    stack = template(stage)
    stack.all_resources_properties("aws_lambda_function", {"tracing_config": {"mode": mode}})
    traced = len(stack.resources("aws_lambda_function")) if mode == "Active" else 0
    tracing = {"name": "write-traces"}
    stack.resource_properties_count_is("aws_iam_role_policy", tracing, traced)
    stack.resource_properties_count_is(
        "aws_iam_role_policy",
        {**tracing, "policy": Match.string_like_regexp(re.escape('"xray:PutTraceSegments"'))},
        traced,
    )
    stack.resource_count_is("aws_iam_role_policy_attachment", 0)  # no managed policies


def test_max_memory_metric_comes_from_each_functions_report_lines(template):
    stack = template("dev")
    functions = len(stack.resources("aws_lambda_function"))
    assert functions, "dev has no Lambda functions"
    stack.resource_count_is("aws_cloudwatch_log_metric_filter", functions)
    groups = "|".join(
        re.escape("${" + address + ".name}") for address in stack.resources("aws_cloudwatch_log_group")
    )
    stack.all_resources_properties(
        "aws_cloudwatch_log_metric_filter",
        {
            "log_group_name": Match.string_like_regexp(f"^({groups})$"),
            "pattern": Match.string_like_regexp(r'(?s)^\[report="REPORT".*max_memory_used'),
            "metric_transformation": {
                "namespace": "sgcarstrends/Lambda",
                "value": "$max_memory_used",
                "name": Match.string_like_regexp("^sgcarstrends-dev-"),
            },
        },
    )
