"""Web: OpenNext's functions, tag table, FIFO queue and bucket, least-privilege, with or without a build."""

import json

import pytest

from builds.opennext import load_output
from modules.web.hosting import hosting_from_build
from modules.web.server import ServerCache, WebServerProps
from modules.web.site import Web, WebProps
from modules.web.warmer import Warmer
from stages import resolve_stage
from stages.web_runtime_env import SERVER_CACHE_ENV
from tests.builds.synthetic_output import write_output
from tests.modules.synth import scratch_scope, single, synth_scenarios

STAGES = ["prod", "staging", "dev", "pr-123"]
WEB_MEMORY = {"prod": 1536, "staging": 1024, "dev": 1024, "pr-123": 512}
DISTRIBUTION_ARN = "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE"
FUNCTIONS = ("web", "web-image", "web-revalidation", "web-warmer", "web-init")
APP_ENV = {"STAGE": "prod", "TZ": "Asia/Singapore"}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    output = write_output(tmp_path_factory.mktemp("build"), "b1")
    (output / "dynamodb-provider" / "dynamodb-cache.json").write_text('[{"tag":{"S":"b1/stats"}}]')
    return load_output(output)


@pytest.fixture(scope="module")
def scenarios(build, tmp_path_factory):
    def release(stack, stage):
        web = Web(stack, "web", stage, WebProps(hosting=hosting_from_build(build), environment=APP_ENV))
        web.grant_read_to_distribution(DISTRIBUTION_ARN)
        return web

    def infrastructure_only(stack, stage):
        return Web(stack, "web", stage, WebProps(server_memory_mb=2048, warm_instances=2))

    stacks, built = synth_scenarios(
        {"release": (resolve_stage("prod"), release), "infra": (resolve_stage("dev"), infrastructure_only)},
        tmp_path_factory.mktemp("scenarios"),
    )
    return stacks, built


def _functions(stack, stage):
    return {
        suffix: single(stack, "aws_lambda_function", {"function_name": f"sgcarstrends-{stage}-{suffix}"}).body
        for suffix in FUNCTIONS
    }


def _address(stack, resource_type, key, value):
    (address,) = [a for a, b in stack.resources(resource_type).items() if b.get(key) == value]
    return address


def _policies(stack, role_suffix, stage="prod"):
    role = _address(stack, "aws_iam_role", "name", f"sgcarstrends-{stage}-{role_suffix}-role")
    return {
        body["name"]: body["policy"]
        for body in stack.resources("aws_iam_role_policy").values()
        if body["role"] == "${" + role + ".id}"
    }


def test_every_function_is_arm64_node22_with_its_own_role_and_log_group(scenarios):
    for name, stage in (("release", "prod"), ("infra", "dev")):
        stack = scenarios[0][name]
        functions = _functions(stack, stage)
        roles = {f["role"] for f in functions.values()}
        assert len(roles) == len(FUNCTIONS)
        for suffix, function in functions.items():
            assert (function["architectures"], function["runtime"]) == (["arm64"], "nodejs22.x")
            assert function["handler"] == "index.handler"
            log_group = f"/aws/lambda/sgcarstrends-{stage}-{suffix}"
            assert single(stack, "aws_cloudwatch_log_group", {"name": log_group}).body["retention_in_days"]
            ignored = function.get("lifecycle", {}).get("ignore_changes", [])
            assert ("filename" in ignored) is (name == "infra"), "placeholder code only without a build"


def test_server_env_is_the_app_contract_plus_exactly_opennexts_cache_env(scenarios):
    stack = scenarios[0]["release"]
    env = _functions(stack, "prod")["web"]["environment"]["variables"]
    assert set(env) == set(APP_ENV) | set(SERVER_CACHE_ENV)
    table = _address(stack, "aws_dynamodb_table", "name", "sgcarstrends-prod-web-tag-cache")
    queue = _address(stack, "aws_sqs_queue", "name", "sgcarstrends-prod-web-revalidation.fifo")
    bucket = next(iter(stack.resources("aws_s3_bucket")))
    assert env["CACHE_BUCKET_NAME"] == "${" + bucket + ".bucket}"
    assert (env["CACHE_BUCKET_KEY_PREFIX"], env["CACHE_BUCKET_REGION"]) == ("_cache", "ap-southeast-1")
    assert env["CACHE_DYNAMO_TABLE"] == "${" + table + ".name}"
    assert env["REVALIDATION_QUEUE_URL"] == "${" + queue + ".url}"
    assert env["REVALIDATION_QUEUE_REGION"] == "ap-southeast-1"


def test_app_env_may_not_take_opennexts_names():
    cache = ServerCache("b", "arn:aws:s3:::b", "t", "arn:t", "https://q", "arn:q")
    with pytest.raises(ValueError, match=r"\['CACHE_BUCKET_NAME'\].*App-contract"):
        WebServerProps(cache=cache, environment={"CACHE_BUCKET_NAME": "other"})


def test_each_role_holds_only_what_its_code_calls(scenarios):
    stack = scenarios[0]["release"]
    bucket = next(iter(stack.resources("aws_s3_bucket")))
    table = _address(stack, "aws_dynamodb_table", "name", "sgcarstrends-prod-web-tag-cache")
    queue = _address(stack, "aws_sqs_queue", "name", "sgcarstrends-prod-web-revalidation.fifo")
    # Policies are `jsonencode(...)` expressions: references appear bare, e.g. `aws_s3_bucket.x.arn`.
    server = _policies(stack, "web")["incremental-cache-tags-queue"]
    assert f'"Resource" = "${{{bucket}.arn}}/_cache/*"' in server
    assert '"s3:prefix" = "_cache/*"' in server
    assert f"{table}.arn}}/index/*" in server and f'"Resource" = {queue}.arn' in server
    assert "/_assets/" not in server and "sqs:ReceiveMessage" not in server
    image = _policies(stack, "web-image")["read-assets"]
    assert f"{bucket}.arn}}/_assets/*" in image and "s3:GetObject" in image and "PutObject" not in image
    revalidation = _policies(stack, "web-revalidation")["consume-revalidation-queue"]
    assert (
        "sqs:ReceiveMessage" in revalidation and f"{queue}.arn" in revalidation and "s3:" not in revalidation
    )
    warmer = _policies(stack, "web-warmer")["invoke-server"]
    assert (
        "lambda:InvokeFunction" in warmer
        and '"Resource" = aws_lambda_alias.web_server_lambda_live_' in warmer
    )
    seed = _policies(stack, "web-init")["seed-tag-cache"]
    assert "dynamodb:BatchWriteItem" in seed and f"{table}.arn" in seed and "Query" not in seed


def test_image_optimizer_reads_assets_prefix_of_the_bucket(scenarios):
    stack = scenarios[0]["release"]
    env = _functions(stack, "prod")["web-image"]["environment"]["variables"]
    assert set(env) == {"BUCKET_NAME", "BUCKET_KEY_PREFIX"} and env["BUCKET_KEY_PREFIX"] == "_assets"
    urls = stack.resources("aws_lambda_function_url")
    assert len(urls) == 2 and {u["authorization_type"] for u in urls.values()} == {"NONE"}


def test_revalidation_consumes_the_fifo_queue_reporting_batch_item_failures(scenarios):
    stack = scenarios[0]["release"]
    queue = single(stack, "aws_sqs_queue", {"name": "sgcarstrends-prod-web-revalidation.fifo"}).body
    dlq = _address(stack, "aws_sqs_queue", "name", "sgcarstrends-prod-web-revalidation-dlq.fifo")
    assert queue["fifo_queue"] is True and queue["sqs_managed_sse_enabled"] is True
    assert (
        queue["redrive_policy"]
        == '${jsonencode({"deadLetterTargetArn" = ' + dlq + '.arn, "maxReceiveCount" = 3})}'
    )
    _, mapping = single(stack, "aws_lambda_event_source_mapping")
    queue_address = _address(stack, "aws_sqs_queue", "name", "sgcarstrends-prod-web-revalidation.fifo")
    assert mapping["event_source_arn"] == "${" + queue_address + ".arn}"
    assert mapping["function_response_types"] == ["ReportBatchItemFailures"] and mapping["batch_size"] == 5
    revalidation = _functions(stack, "prod")["web-revalidation"]
    assert revalidation["timeout"] < queue["visibility_timeout_seconds"]


def test_tag_table_has_opennexts_schema_and_prod_protection(scenarios):
    table = single(scenarios[0]["release"], "aws_dynamodb_table")[1]
    assert (table["hash_key"], table["range_key"], table["billing_mode"]) == (
        "tag",
        "path",
        "PAY_PER_REQUEST",
    )
    assert table["global_secondary_index"] == [
        {"hash_key": "path", "name": "revalidate", "projection_type": "ALL", "range_key": "revalidatedAt"}
    ]
    assert table["point_in_time_recovery"] == {"enabled": True}
    assert table["deletion_protection_enabled"] is True and table["lifecycle"]["prevent_destroy"] is True
    dev_table = single(scenarios[0]["infra"], "aws_dynamodb_table")[1]
    assert dev_table["point_in_time_recovery"] == {"enabled": False}
    assert dev_table["deletion_protection_enabled"] is False and "lifecycle" not in dev_table
    for queue in scenarios[0]["release"].resources("aws_sqs_queue").values():
        assert queue["lifecycle"]["prevent_destroy"] is True


def test_warmer_keeps_the_server_warm_with_opennexts_protocol(scenarios):
    for name, stage, concurrency in (("release", "prod", 1), ("infra", "dev", 2)):
        stack = scenarios[0][name]
        warmer = _functions(stack, stage)["web-warmer"]
        assert json.loads(warmer["environment"]["variables"]["WARM_PARAMS"]) == [
            {"function": f"sgcarstrends-{stage}-web:live", "concurrency": concurrency}
        ]
        rule_address, rule = single(stack, "aws_cloudwatch_event_rule")
        assert rule["name"] == f"sgcarstrends-{stage}-web-warmer-schedule"
        assert rule["schedule_expression"] == "rate(5 minutes)"
        target = single(stack, "aws_cloudwatch_event_target")[1]["arn"]
        assert target.startswith("${aws_lambda_alias.web_warmer_lambda_live_"), "the schedule invokes `live`"
        permission = single(stack, "aws_lambda_permission", {"principal": "events.amazonaws.com"}).body
        assert permission["source_arn"] == "${" + rule_address + ".arn}"


def test_initialization_runs_on_deploy_only_with_a_build_and_again_only_when_the_seed_changes(scenarios):
    release, infra = scenarios[0]["release"], scenarios[0]["infra"]
    _, invocation = single(release, "aws_lambda_invocation")
    assert json.loads(invocation["input"]) == {"requestType": "create"}
    assert set(invocation["triggers"]) == {"cache_data_sha256", "table"}
    assert len(invocation["triggers"]["cache_data_sha256"]) == 64
    assert not infra.resources("aws_lambda_invocation")


def test_memory_defaults_to_the_stage_and_can_be_overridden(scenarios):
    assert _functions(scenarios[0]["release"], "prod")["web"]["memory_size"] == 1536
    assert _functions(scenarios[0]["infra"], "dev")["web"]["memory_size"] == 2048


def test_bucket_policy_lets_only_the_distribution_read_assets_over_tls(scenarios):
    stack = scenarios[0]["release"]
    bucket_address, _ = single(stack, "aws_s3_bucket")
    _, policy = single(stack, "aws_s3_bucket_policy")
    allow, deny = json.loads(policy["policy"])["Statement"]
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"} and allow["Action"] == "s3:GetObject"
    assert allow["Condition"] == {"StringEquals": {"AWS:SourceArn": [DISTRIBUTION_ARN]}}
    assert allow["Resource"] == "${" + bucket_address + ".arn}/_assets/*", "_cache/ and _builds/ stay private"
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert not scenarios[0]["infra"].resources("aws_s3_bucket_policy")


def test_second_grant_and_empty_grant_are_refused(tmp_path):
    web = Web(scratch_scope(tmp_path), "web", resolve_stage("dev"))
    with pytest.raises(ValueError, match="at least one"):
        web.grant_read_to_distribution()
    web.grant_read_to_distribution(DISTRIBUTION_ARN)
    with pytest.raises(ValueError, match="already called"):
        web.grant_read_to_distribution(DISTRIBUTION_ARN)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"interval_minutes": 0}, "1-14 minutes"),
        ({"interval_minutes": 30}, "1-14 minutes"),
        ({"concurrency": 0}, "1-10"),
    ],
)
def test_bad_warmer_settings_are_refused(options, message, tmp_path):
    web = Web(scratch_scope(tmp_path), "web", resolve_stage("dev"))
    with pytest.raises(ValueError, match=message):
        Warmer(web, "warmer2", resolve_stage("dev"), web.hosting.warmer, web.server.function, **options)


def test_bad_invoke_mode_is_refused():
    cache = ServerCache("b", "arn:aws:s3:::b", "t", "arn:t", "https://q", "arn:q")
    with pytest.raises(ValueError, match="invoke_mode"):
        WebServerProps(cache=cache, invoke_mode="STREAM")


@pytest.mark.parametrize("stage", STAGES)
def test_server_memory_and_stage_env_in_every_stage(synth_output, stage):
    function = single(
        synth_output.stack(stage), "aws_lambda_function", {"function_name": f"sgcarstrends-{stage}-web"}
    ).body
    assert function["memory_size"] == WEB_MEMORY[stage]
    assert set(SERVER_CACHE_ENV) <= set(function["environment"]["variables"])
    assert function["environment"]["variables"]["NEXT_PUBLIC_APP_ENV"] == stage


@pytest.mark.parametrize("stage", STAGES)
def test_assets_bucket_is_encrypted_versioned_private_and_owner_enforced(synth_output, stage):
    stack = synth_output.stack(stage)
    (address,) = [
        a
        for a, b in stack.resources("aws_s3_bucket").items()
        if b["bucket"] == f"sgcarstrends-{stage}-web-assets"
    ]
    assert stack.resource(address)["force_destroy"] is (stage in ("dev", "pr-123"))
    bucket_ref = "${" + address + ".id}"
    assert single(stack, "aws_s3_bucket_versioning", {"bucket": bucket_ref}).body[
        "versioning_configuration"
    ] == {"status": "Enabled"}
    encryption = single(
        stack, "aws_s3_bucket_server_side_encryption_configuration", {"bucket": bucket_ref}
    ).body
    assert encryption["rule"][0]["apply_server_side_encryption_by_default"]["sse_algorithm"] == "AES256"
    block = single(stack, "aws_s3_bucket_public_access_block", {"bucket": bucket_ref}).body
    assert all(
        block[key] is True
        for key in (
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        )
    )
    ownership = single(stack, "aws_s3_bucket_ownership_controls", {"bucket": bucket_ref}).body
    assert ownership["rule"] == {"object_ownership": "BucketOwnerEnforced"}


@pytest.mark.parametrize("stage", STAGES)
def test_assets_bucket_policy_names_the_stage_distribution(synth_output, stage):
    stack = synth_output.stack(stage)
    policies = stack.resources("aws_s3_bucket_policy")
    assert len(policies) == 1, "exactly one policy per bucket"
    allow = json.loads(next(iter(policies.values()))["policy"])["Statement"][0]
    (source,) = allow["Condition"]["StringEquals"]["AWS:SourceArn"]
    assert source.startswith("${aws_cloudfront_distribution.") and source.endswith(".arn}")


@pytest.mark.parametrize(
    "stage, protected", [("prod", True), ("staging", False), ("dev", False), ("pr-123", False)]
)
def test_web_resources_prevent_destroy_only_on_prod(synth_output, stage, protected):
    stack = synth_output.stack(stage)
    bodies = [
        single(stack, "aws_s3_bucket", {"bucket": f"sgcarstrends-{stage}-web-assets"}).body,
        *_functions(stack, stage).values(),
        *(
            single(
                stack, "aws_cloudwatch_log_group", {"name": f"/aws/lambda/sgcarstrends-{stage}-{suffix}"}
            ).body
            for suffix in FUNCTIONS
        ),
        *stack.resources("aws_lambda_function_url").values(),
        *stack.resources("aws_sqs_queue").values(),
        *stack.resources("aws_dynamodb_table").values(),
    ]
    for body in bodies:
        assert body.get("lifecycle", {}).get("prevent_destroy", False) is protected
