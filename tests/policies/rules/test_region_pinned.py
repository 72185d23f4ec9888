"""SGCT011: ap-southeast-1, with us-east-1 only for what AWS requires there."""

from tests.policies.helpers import change, lambda_function, plan, run_rule, stack


def test_primary_region_and_certificate_in_us_east_1_pass():
    config = stack(
        "dev",
        {
            "aws_acm_certificate.web": {"domain_name": "dev.sgcarstrends.com", "provider": "aws.us_east_1"},
            "aws_lambda_function.api": lambda_function(),
        },
    )
    assert run_rule("SGCT011", config) == []


def test_unpinned_provider_other_region_and_misplaced_resources_fail():
    config = stack(
        "dev",
        {
            "aws_lambda_function.api": lambda_function(provider="aws.us_east_1"),
            "aws_s3_bucket.b": {"bucket": "sgcarstrends-dev-b", "region": "eu-west-1"},
        },
    )
    del config["provider"]["aws"][0]["region"]
    findings = {f.address: f.message for f in run_rule("SGCT011", config)}
    assert "not pinned" in findings["provider.aws"]
    assert "us-east-1" in findings["aws_lambda_function.api"]
    assert "eu-west-1" in findings["aws_s3_bucket.b"]


def test_plan_resource_region_is_checked():
    entry = change("aws_sqs_queue.q", ["create"], None, {"name": "sgcarstrends-dev-q", "region": "us-east-1"})
    assert len(run_rule("SGCT011", plan([entry], "dev"))) == 1
    entry = change(
        "aws_sqs_queue.q", ["create"], None, {"name": "sgcarstrends-dev-q", "region": "ap-southeast-1"}
    )
    assert run_rule("SGCT011", plan([entry], "dev")) == []


def test_kms_key_in_us_east_1_only_when_it_serves_a_us_east_1_resource():
    key = {"description": "k", "provider": "aws.us_east_1"}
    alias = {"name": "alias/x", "provider": "aws.us_east_1", "target_key_id": "${aws_kms_key.key.key_id}"}
    topic = {
        "name": "sgcarstrends-dev-alarms-global",
        "provider": "aws.us_east_1",
        "kms_master_key_id": "${aws_kms_key.key.arn}",
    }
    served = stack(
        "dev", {"aws_kms_key.key": key, "aws_kms_alias.alias": alias, "aws_sns_topic.global": topic}
    )
    assert run_rule("SGCT011", served) == []
    unserved = stack("dev", {"aws_kms_key.key": key, "aws_kms_alias.alias": alias})
    assert {f.address for f in run_rule("SGCT011", unserved)} == {"aws_kms_key.key", "aws_kms_alias.alias"}
