"""The architecture view of real stages: components, hostnames, labelled flows, external services."""

import pytest

from review.diagram.architecture import build_architecture
from review.diagram.dot import to_dot
from review.diagram.mermaid import to_mermaid
from tests.review.diagram.stacks import resource, shuffled, stack
from tests.review.test_output_redaction import canaries


@pytest.fixture(scope="module")
def prod(synth_output):
    return build_architecture("prod", synth_output.stack("prod").config)


@pytest.fixture(scope="module")
def preview(synth_output):
    return build_architecture("pr-123", synth_output.stack("pr-123").config)


def _edge(architecture, source, target):
    return architecture.flows.get((source, target))


def test_prod_is_a_picture_a_person_reads(prod):
    assert 20 <= len(prod.nodes) <= 35, [node.id for node in prod.nodes]
    ids = {node.id for node in prod.nodes}
    assert {
        "host:web",
        "host:www",
        "host:wildcard",
        "host:api",
        "cdn",
        "api",
        "api/lambda",
        "web/assets",
    } <= ids
    assert {"dns/dnssec", "web/server/lambda", "monitoring/topic", "alarms>monitoring/topic"} <= ids
    assert {"ext:postgres", "ext:redis", "ext:qstash", "ext:gemini", "ext:discord"} <= ids
    assert {"ext:linkedin", "ext:telegram", "ext:twitter"} <= ids
    assert not any(node.id.startswith("aws_") for node in prod.nodes)  # components, not resources


def test_flows_are_labelled_with_behaviors_routes_and_schedules(prod):
    assert _edge(prod, "cdn", "web/assets") == ["_next/*", "origin path /_assets"]
    assert _edge(prod, "cdn", "web/image/lambda") == ["_next/image*"]
    assert "* (default)" in _edge(prod, "cdn", "web/server/lambda")
    assert "GET /health" in _edge(prod, "api", "api/lambda")
    assert _edge(prod, "monitoring/api_health", "host:api") == ["GET /health"]
    assert _edge(prod, "web/warmer/schedule", "web/warmer/lambda") == ["rate(5 minutes)"]
    assert _edge(prod, "web/warmer/lambda", "web/server/lambda") == ["invoke"]
    assert _edge(prod, "web/revalidation_queue", "web/revalidation/lambda") == ["messages"]
    assert _edge(prod, "alarms>monitoring/topic", "monitoring/topic") == ["ALARM / OK"]
    assert _edge(prod, "host:web", "cdn") == [] and _edge(prod, "host:api", "api") == []
    assert _edge(prod, "api/lambda", "ext:postgres") == ["SQL"]


def test_an_ephemeral_stage_lacks_dnssec_www_and_the_wildcard(preview, prod):
    ids = {node.id for node in preview.nodes}
    assert {"host:web", "host:api", "cdn", "api/lambda"} <= ids
    assert not ids & {"dns/dnssec", "host:www", "host:wildcard"}
    web = next(node for node in preview.nodes if node.id == "host:web")
    assert web.lines == ("pr-123.sgcarstrends.com",)


def test_same_input_gives_byte_identical_output_whatever_the_key_order(synth_output):
    config = synth_output.stack("prod").config
    first = build_architecture("prod", config).to_diagram()
    for seed in (1, 2):
        again = build_architecture("prod", shuffled(config, seed)).to_diagram()
        assert to_mermaid(again) == to_mermaid(first)
        assert to_dot(again) == to_dot(first)


def _app(env: dict, **extra) -> dict:
    return stack(
        {
            "aws_lambda_function": {
                "api": resource(
                    "dev/api/lambda/function", function_name="x-dev-api", environment={"variables": env}
                )
            },
            "aws_apigatewayv2_api": {"gw": resource("dev/api/http_api", name="x-dev-api-gw")},
            "aws_apigatewayv2_domain_name": {
                "d": resource("dev/api/domain", domain_name="api.dev.example.com")
            },
            **extra,
        }
    )


def test_external_services_come_from_variable_names_and_values_are_never_shown():
    secrets = canaries()
    env = {
        "DATABASE_URL": secrets["db_url"],
        "DISCORD_WEBHOOK_URL": secrets["webhook"],
        "GITHUB_TOKEN": secrets["gh"],
        "GEMINI_API_KEY": "${var.GEMINI_API_KEY}",
        "API_URL": "https://api.dev.example.com/v1?token=" + secrets["key"],
    }
    architecture = build_architecture("dev", _app(env))
    ids = {node.id for node in architecture.nodes}
    assert {"ext:postgres", "ext:discord", "ext:gemini"} <= ids
    # a literal URL naming the stage's own hostname is a call to it:
    assert architecture.flows[("api/lambda", "host:api")] == ["API_URL"]
    assert secrets, "no canaries to look for"
    for text in (to_mermaid(architecture.to_diagram()), to_dot(architecture.to_diagram())):
        for name, secret in secrets.items():
            assert secret not in text, f"{name} leaked"
        assert "token=" not in text


def test_a_qstash_schedule_calls_the_api_hostname_labelled_with_its_cron():
    schedule = {
        "upstash_qstash_schedule_v2": {
            "s": resource(
                "dev/schedule/updater",
                cron="*/60 0-10 * * 1-5",
                destination="https://api.dev.example.com/workflows/trigger",
                headers={"Authorization": "Bearer ${var.SG_CARS_TRENDS_API_TOKEN}"},
            )
        }
    }
    architecture = build_architecture("dev", _app({}, **schedule))
    assert architecture.flows[("schedule/updater", "host:api")] == [
        "cron */60 0-10 * * 1-5",
        "POST /workflows/trigger",
    ]
    node = next(node for node in architecture.nodes if node.id == "schedule/updater")
    assert node.tier == "Schedules" and node.lines == ("QStash schedule", "schedule/updater")


def test_queues_subscriptions_and_permissions_are_drawn_as_flows_not_references():
    def function(path, name, env):
        return resource(f"dev/{path}/lambda/function", function_name=name, environment={"variables": env})

    config = stack(
        {
            "aws_lambda_function": {
                "server": function("web/server", "x-web", {"QUEUE_URL": "${aws_sqs_queue.q.url}"}),
                "revalidation": function("web/revalidation", "x-reval", {}),
                "notifier": function(
                    "monitoring/notifier", "x-notify", {"DISCORD_WEBHOOK_URL": "${var.hook}"}
                ),
            },
            "aws_sqs_queue": {"q": resource("dev/web/revalidation_queue/queue", name="x-queue.fifo")},
            "aws_lambda_event_source_mapping": {
                "m": resource(
                    "dev/web/revalidation/source",
                    event_source_arn="${aws_sqs_queue.q.arn}",
                    function_name="${aws_lambda_function.revalidation.function_name}",
                )
            },
            "aws_iam_role_policy": {  # the consumer's permission is not a flow towards the queue
                "p": resource("dev/web/revalidation/lambda/policy", policy="${aws_sqs_queue.q.arn}")
            },
            "aws_sns_topic": {"t": resource("dev/monitoring/topic/topic", name="x-alarms")},
            "aws_sns_topic_subscription": {
                "s": resource(
                    "dev/monitoring/notifier/subscription",
                    topic_arn="${aws_sns_topic.t.arn}",
                    endpoint="${aws_lambda_function.notifier.arn}",
                    protocol="lambda",
                )
            },
        }
    )
    flows = build_architecture("dev", config).flows
    assert flows[("web/server/lambda", "web/revalidation_queue")] == ["send"]
    assert flows[("web/revalidation_queue", "web/revalidation/lambda")] == ["messages"]
    assert ("web/revalidation/lambda", "web/revalidation_queue") not in flows
    assert flows[("monitoring/topic", "monitoring/notifier/lambda")] == ["notification"]
    assert flows[("monitoring/notifier/lambda", "ext:discord")] == ["webhook"]


def test_e_mail_subscribers_are_people_and_their_address_is_never_read():
    config = stack(
        {
            "aws_sns_topic": {"t": resource("dev/monitoring/topic/topic", name="x-alarms")},
            "aws_sns_topic_subscription": {
                "e": resource(
                    "dev/monitoring/topic/email",
                    topic_arn="${aws_sns_topic.t.arn}",
                    protocol="email",
                    endpoint="oncall-canary@example.com",
                )
            },
        }
    )
    architecture = build_architecture("dev", config)
    assert architecture.flows[("monitoring/topic", "ext:email")] == ["notification"]
    assert "oncall-canary" not in to_mermaid(architecture.to_diagram())
