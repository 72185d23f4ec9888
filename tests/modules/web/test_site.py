"""Web: OpenNext's functions, tag table, FIFO queue and bucket, least-privilege, with or without a build."""

import pytest

from builds.opennext import load_output
from harness import Capture, Match
from modules.web.hosting import hosting_from_build
from modules.web.server import ServerCache, WebServerProps
from modules.web.site import Web, WebProps
from modules.web.warmer import Warmer
from stages import resolve_stage
from stages.web_runtime_env import SERVER_CACHE_ENV
from tests.builds.synthetic_output import write_output
from tests.modules.synth import has_one_for_bucket, scratch_scope, single, synth_scenarios

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


def _function(stage, suffix, **properties):
    """A pattern for the stage's `sgcarstrends-<stage>-<suffix>` function."""
    return {"function_name": f"sgcarstrends-{stage}-{suffix}", **properties}


def _address(stack, resource_type, key, value):
    return single(stack, resource_type, {key: value}).address


def _policy(stack, role_suffix, name, stage="prod"):
    """The policy document (a `jsonencode(...)` expression) of role policy `name` on the function's role."""
    role = _address(stack, "aws_iam_role", "name", f"sgcarstrends-{stage}-{role_suffix}-role")
    policy = Capture()
    stack.has_resource_properties(
        "aws_iam_role_policy", {"role": "${" + role + ".id}", "name": name, "policy": policy}
    )
    return policy.as_string()


def test_every_function_is_arm64_node22_with_its_own_role_and_log_group(scenarios):
    for name, stage in (("release", "prod"), ("infra", "dev")):
        stack = scenarios[0][name]
        placeholder_code = Match.array_with(["filename"]) if name == "infra" else Match.absent()
        roles = set()
        for suffix in FUNCTIONS:
            stack.resource_properties_count_is("aws_lambda_function", _function(stage, suffix), 1)
            role = Capture()
            stack.has_resource_properties(
                "aws_lambda_function",
                _function(
                    stage,
                    suffix,
                    architectures=["arm64"],
                    runtime="nodejs22.x",
                    handler="index.handler",
                    role=role,
                    # placeholder code only without a build
                    lifecycle={"ignore_changes": placeholder_code},
                ),
            )
            roles.add(role.as_string())
            log_group = {"name": f"/aws/lambda/sgcarstrends-{stage}-{suffix}"}
            stack.resource_properties_count_is("aws_cloudwatch_log_group", log_group, 1)
            retention = Capture()
            stack.has_resource_properties(
                "aws_cloudwatch_log_group", {**log_group, "retention_in_days": retention}
            )
            assert retention.as_number() > 0, log_group
        assert len(roles) == len(FUNCTIONS)


def test_server_env_is_the_app_contract_plus_exactly_opennexts_cache_env(scenarios):
    stack = scenarios[0]["release"]
    variables = Capture()
    stack.has_resource_properties(
        "aws_lambda_function", _function("prod", "web", environment={"variables": variables})
    )
    assert set(variables.as_object()) == set(APP_ENV) | set(SERVER_CACHE_ENV)
    table = _address(stack, "aws_dynamodb_table", "name", "sgcarstrends-prod-web-tag-cache")
    queue = _address(stack, "aws_sqs_queue", "name", "sgcarstrends-prod-web-revalidation.fifo")
    bucket, _ = single(stack, "aws_s3_bucket")
    cache_env = {
        "CACHE_BUCKET_NAME": "${" + bucket + ".bucket}",
        "CACHE_BUCKET_KEY_PREFIX": "_cache",
        "CACHE_BUCKET_REGION": "ap-southeast-1",
        "CACHE_DYNAMO_TABLE": "${" + table + ".name}",
        "REVALIDATION_QUEUE_URL": "${" + queue + ".url}",
        "REVALIDATION_QUEUE_REGION": "ap-southeast-1",
    }
    stack.has_resource_properties(
        "aws_lambda_function", _function("prod", "web", environment={"variables": cache_env})
    )


def test_app_env_may_not_take_opennexts_names():
    cache = ServerCache("b", "arn:aws:s3:::b", "t", "arn:t", "https://q", "arn:q")
    with pytest.raises(ValueError, match=r"\['CACHE_BUCKET_NAME'\].*App-contract"):
        WebServerProps(cache=cache, environment={"CACHE_BUCKET_NAME": "other"})


def test_each_role_holds_only_what_its_code_calls(scenarios):
    stack = scenarios[0]["release"]
    bucket, _ = single(stack, "aws_s3_bucket")
    table = _address(stack, "aws_dynamodb_table", "name", "sgcarstrends-prod-web-tag-cache")
    queue = _address(stack, "aws_sqs_queue", "name", "sgcarstrends-prod-web-revalidation.fifo")
    # Policies are `jsonencode(...)` expressions: references appear bare, e.g. `aws_s3_bucket.x.arn`.
    server = _policy(stack, "web", "incremental-cache-tags-queue")
    assert f'"Resource" = "${{{bucket}.arn}}/_cache/*"' in server
    assert '"s3:prefix" = "_cache/*"' in server
    assert f"{table}.arn}}/index/*" in server and f'"Resource" = {queue}.arn' in server
    assert "/_assets/" not in server and "sqs:ReceiveMessage" not in server
    image = _policy(stack, "web-image", "read-assets")
    assert f"{bucket}.arn}}/_assets/*" in image and "s3:GetObject" in image and "PutObject" not in image
    revalidation = _policy(stack, "web-revalidation", "consume-revalidation-queue")
    assert (
        "sqs:ReceiveMessage" in revalidation and f"{queue}.arn" in revalidation and "s3:" not in revalidation
    )
    warmer = _policy(stack, "web-warmer", "invoke-server")
    assert (
        "lambda:InvokeFunction" in warmer
        and '"Resource" = aws_lambda_alias.web_server_lambda_live_' in warmer
    )
    seed = _policy(stack, "web-init", "seed-tag-cache")
    assert "dynamodb:BatchWriteItem" in seed and f"{table}.arn" in seed and "Query" not in seed


def test_image_optimizer_reads_assets_prefix_of_the_bucket(scenarios):
    stack = scenarios[0]["release"]
    stack.has_resource_properties(
        "aws_lambda_function",
        _function(
            "prod",
            "web-image",
            environment={
                "variables": Match.object_equals(
                    {"BUCKET_NAME": Match.any_value(), "BUCKET_KEY_PREFIX": "_assets"}
                )
            },
        ),
    )
    stack.resource_count_is("aws_lambda_function_url", 2)
    stack.all_resources_properties("aws_lambda_function_url", {"authorization_type": "NONE"})


def test_revalidation_consumes_the_fifo_queue_reporting_batch_item_failures(scenarios):
    stack = scenarios[0]["release"]
    dlq = _address(stack, "aws_sqs_queue", "name", "sgcarstrends-prod-web-revalidation-dlq.fifo")
    queue = {"name": "sgcarstrends-prod-web-revalidation.fifo"}
    stack.resource_properties_count_is("aws_sqs_queue", queue, 1)
    visibility_timeout = Capture()
    queue_address = stack.has_resource_properties(
        "aws_sqs_queue",
        {
            **queue,
            "fifo_queue": True,
            "sqs_managed_sse_enabled": True,
            "redrive_policy": '${jsonencode({"deadLetterTargetArn" = '
            + dlq
            + '.arn, "maxReceiveCount" = 3})}',
            "visibility_timeout_seconds": visibility_timeout,
        },
    )
    stack.resource_count_is("aws_lambda_event_source_mapping", 1)
    stack.has_resource_properties(
        "aws_lambda_event_source_mapping",
        {
            "event_source_arn": "${" + queue_address + ".arn}",
            "function_response_types": ["ReportBatchItemFailures"],
            "batch_size": 5,
        },
    )
    timeout = Capture()
    stack.has_resource_properties(
        "aws_lambda_function", _function("prod", "web-revalidation", timeout=timeout)
    )
    assert timeout.as_number() < visibility_timeout.as_number()


def test_tag_table_has_opennexts_schema_and_prod_protection(scenarios):
    release, infra = scenarios[0]["release"], scenarios[0]["infra"]
    release.resource_count_is("aws_dynamodb_table", 1)
    release.has_resource_properties(
        "aws_dynamodb_table",
        {
            "hash_key": "tag",
            "range_key": "path",
            "billing_mode": "PAY_PER_REQUEST",
            "global_secondary_index": Match.exact(
                [
                    {
                        "hash_key": "path",
                        "name": "revalidate",
                        "projection_type": "ALL",
                        "range_key": "revalidatedAt",
                    }
                ]
            ),
            "point_in_time_recovery": Match.exact({"enabled": True}),
            "deletion_protection_enabled": True,
            "lifecycle": {"prevent_destroy": True},
        },
    )
    infra.resource_count_is("aws_dynamodb_table", 1)
    infra.has_resource_properties(
        "aws_dynamodb_table",
        {
            "point_in_time_recovery": Match.exact({"enabled": False}),
            "deletion_protection_enabled": False,
            "lifecycle": Match.absent(),
        },
    )
    release.all_resources_properties("aws_sqs_queue", {"lifecycle": {"prevent_destroy": True}})


def test_warmer_keeps_the_server_warm_with_opennexts_protocol(scenarios):
    for name, stage, concurrency in (("release", "prod", 1), ("infra", "dev", 2)):
        stack = scenarios[0][name]
        warm_params = [{"function": f"sgcarstrends-{stage}-web:live", "concurrency": concurrency}]
        stack.has_resource_properties(
            "aws_lambda_function",
            _function(
                stage,
                "web-warmer",
                environment={"variables": {"WARM_PARAMS": Match.serialized_json(Match.exact(warm_params))}},
            ),
        )
        stack.resource_count_is("aws_cloudwatch_event_rule", 1)
        rule = stack.has_resource_properties(
            "aws_cloudwatch_event_rule",
            {"name": f"sgcarstrends-{stage}-web-warmer-schedule", "schedule_expression": "rate(5 minutes)"},
        )
        stack.resource_count_is("aws_cloudwatch_event_target", 1)
        stack.has_resource_properties(
            "aws_cloudwatch_event_target",
            # the schedule invokes `live`
            {"arn": Match.string_like_regexp(r"^\$\{aws_lambda_alias\.web_warmer_lambda_live_")},
        )
        from_events = {"principal": "events.amazonaws.com"}
        stack.resource_properties_count_is("aws_lambda_permission", from_events, 1)
        stack.has_resource_properties(
            "aws_lambda_permission", {**from_events, "source_arn": "${" + rule + ".arn}"}
        )


def test_initialization_runs_on_deploy_only_with_a_build_and_again_only_when_the_seed_changes(scenarios):
    release, infra = scenarios[0]["release"], scenarios[0]["infra"]
    release.resource_count_is("aws_lambda_invocation", 1)
    seed_hash = Capture()
    release.has_resource_properties(
        "aws_lambda_invocation",
        {
            "input": Match.serialized_json(Match.exact({"requestType": "create"})),
            "triggers": Match.object_equals({"cache_data_sha256": seed_hash, "table": Match.any_value()}),
        },
    )
    assert len(seed_hash.as_string()) == 64
    infra.resource_count_is("aws_lambda_invocation", 0)


def test_memory_defaults_to_the_stage_and_can_be_overridden(scenarios):
    scenarios[0]["release"].has_resource_properties(
        "aws_lambda_function", _function("prod", "web", memory_size=1536)
    )
    scenarios[0]["infra"].has_resource_properties(
        "aws_lambda_function", _function("dev", "web", memory_size=2048)
    )


def test_bucket_policy_lets_only_the_distribution_read_assets_over_tls(scenarios):
    stack = scenarios[0]["release"]
    bucket_address, _ = single(stack, "aws_s3_bucket")
    stack.resource_count_is("aws_s3_bucket_policy", 1)
    allow = {
        "Principal": Match.exact({"Service": "cloudfront.amazonaws.com"}),
        "Action": "s3:GetObject",
        "Condition": Match.exact({"StringEquals": {"AWS:SourceArn": [DISTRIBUTION_ARN]}}),
        "Resource": "${" + bucket_address + ".arn}/_assets/*",  # _cache/ and _builds/ stay private
    }
    deny = {"Effect": "Deny", "Condition": Match.exact({"Bool": {"aws:SecureTransport": "false"}})}
    stack.has_resource_properties(
        "aws_s3_bucket_policy", {"policy": Match.serialized_json({"Statement": [allow, deny]})}
    )
    scenarios[0]["infra"].resource_count_is("aws_s3_bucket_policy", 0)


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
def test_server_memory_and_stage_env_in_every_stage(template, stage):
    stack = template(stage)
    stack.resource_properties_count_is("aws_lambda_function", _function(stage, "web"), 1)
    variables = {name: Match.any_value() for name in SERVER_CACHE_ENV}
    stack.has_resource_properties(
        "aws_lambda_function",
        _function(
            stage,
            "web",
            memory_size=WEB_MEMORY[stage],
            environment={"variables": {**variables, "NEXT_PUBLIC_APP_ENV": stage}},
        ),
    )


@pytest.mark.parametrize("stage", STAGES)
def test_assets_bucket_is_encrypted_versioned_private_and_owner_enforced(template, stage):
    stack = template(stage)
    address, _ = single(stack, "aws_s3_bucket", {"bucket": f"sgcarstrends-{stage}-web-assets"})
    stack.has_resource_properties(
        "aws_s3_bucket",
        {"bucket": f"sgcarstrends-{stage}-web-assets", "force_destroy": stage in ("dev", "pr-123")},
    )
    has_one_for_bucket(
        stack,
        "aws_s3_bucket_versioning",
        address,
        {"versioning_configuration": Match.exact({"status": "Enabled"})},
    )
    has_one_for_bucket(
        stack,
        "aws_s3_bucket_server_side_encryption_configuration",
        address,
        {"rule": [{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}]},
    )
    has_one_for_bucket(
        stack,
        "aws_s3_bucket_public_access_block",
        address,
        {
            "block_public_acls": True,
            "block_public_policy": True,
            "ignore_public_acls": True,
            "restrict_public_buckets": True,
        },
    )
    has_one_for_bucket(
        stack,
        "aws_s3_bucket_ownership_controls",
        address,
        {"rule": Match.exact({"object_ownership": "BucketOwnerEnforced"})},
    )


@pytest.mark.parametrize("stage", STAGES)
def test_assets_bucket_policy_names_the_stage_distribution(template, stage):
    stack = template(stage)
    stack.resource_count_is("aws_s3_bucket_policy", 1)  # exactly one policy per bucket
    source_arn = Match.string_like_regexp(r"^\$\{aws_cloudfront_distribution\..*\.arn\}$")
    allow = {"Condition": {"StringEquals": {"AWS:SourceArn": [source_arn]}}}
    stack.has_resource_properties(
        "aws_s3_bucket_policy",
        {"policy": Match.serialized_json({"Statement": [allow, Match.any_value()]})},
    )


@pytest.mark.parametrize(
    "stage, protected", [("prod", True), ("staging", False), ("dev", False), ("pr-123", False)]
)
def test_web_resources_prevent_destroy_only_on_prod(template, stage, protected):
    stack = template(stage)
    protection = {"prevent_destroy": True} if protected else Match.absent()
    stack.has_resource_properties(
        "aws_s3_bucket", {"bucket": f"sgcarstrends-{stage}-web-assets", "lifecycle": protection}
    )
    for suffix in FUNCTIONS:
        # without a build, functions keep a lifecycle block for their placeholder code
        stack.has_resource_properties(
            "aws_lambda_function",
            _function(stage, suffix, lifecycle={"prevent_destroy": True if protected else Match.absent()}),
        )
        stack.has_resource_properties(
            "aws_cloudwatch_log_group",
            {"name": f"/aws/lambda/sgcarstrends-{stage}-{suffix}", "lifecycle": protection},
        )
    for resource_type in ("aws_lambda_function_url", "aws_sqs_queue", "aws_dynamodb_table"):
        stack.all_resources_properties(resource_type, {"lifecycle": protection})
