"""Grouping resources into components: by construct path, by links, and never dropping anything."""

from review.diagram.components import build_components, display_name
from review.diagram.stack import read_stack
from tests.review.diagram.stacks import resource, stack


def _model(config):
    return build_components(read_stack("dev", config))


def test_every_synthesized_resource_belongs_to_exactly_one_component(synth_output):
    for stage in ("prod", "pr-123"):
        config = synth_output.stack(stage).config
        model = _model(config)
        addresses = set(synth_output.stack(stage).resources())
        members = [address for component in model.components.values() for address in component.members]
        assert sorted(members) == sorted(addresses)  # each exactly once
        assert not [key for key in model.components if key.endswith("other")]  # nothing unclaimed


def test_plumbing_joins_its_construct_and_certificates_join_their_user():
    config = stack(
        {
            "aws_lambda_function": {"fn": resource("dev/web/server/lambda/function", function_name="x-web")},
            "aws_iam_role": {"role": resource("dev/web/server/lambda/role")},
            "aws_lambda_function_url": {
                "url": resource("dev/web/server/url", function_name="${aws_lambda_function.fn.function_name}")
            },
            "aws_cloudwatch_event_rule": {"warm": resource("dev/web/server/warmer", name="x-web-warmer")},
            "aws_cloudwatch_event_target": {
                "target": resource(
                    "dev/web/server/warmer_target",
                    arn="${aws_lambda_function.fn.arn}",
                    rule="${aws_cloudwatch_event_rule.warm.name}",
                )
            },
            "aws_cloudfront_distribution": {
                "cdn": resource(
                    "dev/cdn/distribution",
                    viewer_certificate={
                        "acm_certificate_arn": "${aws_acm_certificate_validation.v.certificate_arn}"
                    },
                )
            },
            "aws_acm_certificate_validation": {
                "v": resource("dev/cert/validation", certificate_arn="${aws_acm_certificate.c.arn}")
            },
            "aws_acm_certificate": {"c": resource("dev/cert/certificate")},
        }
    )
    model = _model(config)
    assert model.owner["aws_iam_role.role"] == "web/server/lambda"
    assert model.owner["aws_lambda_function_url.url"] == "web/server/lambda"  # linked beats a sibling scope
    assert model.owner["aws_cloudwatch_event_target.target"] == "web/server/warmer"
    assert model.owner["aws_acm_certificate.c"] == "cdn"  # through the validation the distribution uses
    assert display_name("web/server/lambda") == "web/server"


def test_resources_without_construct_path_are_grouped_never_dropped():
    config = stack(
        {
            "aws_s3_bucket": {"assets": resource("dev/web/assets/bucket", bucket="x-assets")},
            # hand-added, no "//" metadata:
            "aws_s3_bucket_policy": {"hand": {"bucket": "${aws_s3_bucket.assets.id}"}},
            "aws_sqs_queue": {"jobs_1A2B3C4D": {"name": "x-jobs"}},
            "null_resource": {"lonely": {"triggers": {"a": "b"}}},
            "aws_iam_user": {"u": resource("dev/legacy/user")},
        }
    )
    model = _model(config)
    # nearest construct: the one it references
    assert model.owner["aws_s3_bucket_policy.hand"] == "web/assets"
    assert model.owner["aws_sqs_queue.jobs_1A2B3C4D"] == "aws_sqs_queue.jobs_1A2B3C4D"
    assert model.components["aws_sqs_queue.jobs_1A2B3C4D"].name == "jobs"
    assert model.owner["null_resource.lonely"] == "other"
    assert model.owner["aws_iam_user.u"] == "legacy:other"
    assert sorted(model.owner) == sorted(
        f"{type_name}.{name}" for type_name, by_name in config["resource"].items() for name in by_name
    )


def test_alarms_are_gathered_per_topic_and_literal_function_names_count_as_links():
    config = stack(
        {
            "aws_lambda_function": {"fn": resource("dev/api/lambda/function", function_name="x-dev-api")},
            "aws_sns_topic": {"t": resource("dev/monitoring/topic/topic", name="x-dev-alarms")},
            "aws_cloudwatch_metric_alarm": {
                name: resource(
                    f"dev/monitoring/{name}/alarm",
                    alarm_actions=["${aws_sns_topic.t.arn}"],
                    dimensions={"FunctionName": "x-dev-api"},
                )
                for name in ("errors", "throttles")
            },
        }
    )
    model = _model(config)
    alarms = model.components["alarms>monitoring/topic"]
    assert sorted(alarms.cores) == [
        "aws_cloudwatch_metric_alarm.errors",
        "aws_cloudwatch_metric_alarm.throttles",
    ]
    assert "aws_lambda_function.fn" in model.stack.refs["aws_cloudwatch_metric_alarm.errors"]
