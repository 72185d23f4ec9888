"""CloudFront access logs: an ACL-enabled, encrypted, private bucket with per-stage retention."""

import pytest

from harness import Match
from stages import StageSettings, resolve_stage
from tests.modules.synth import has_one_for_bucket, single


@pytest.mark.parametrize(("stage", "days"), [("prod", 365), ("staging", 30), ("dev", 30), ("pr-123", 3)])
def test_the_distribution_logs_to_its_stages_bucket_kept_as_long_as_the_stage_says(template, stage, days):
    stack = template(stage)
    bucket_address, _ = single(stack, "aws_s3_bucket", {"bucket": f"sgcarstrends-{stage}-cdn-logs"})
    stack.resource_count_is("aws_cloudfront_distribution", 1)
    stack.has_resource_properties(
        "aws_cloudfront_distribution",
        {
            "logging_config": Match.exact(
                {
                    "bucket": "${" + bucket_address + ".bucket_domain_name}",
                    "prefix": "cloudfront/",
                    "include_cookies": False,
                }
            )
        },
    )
    has_one_for_bucket(
        stack,
        "aws_s3_bucket_lifecycle_configuration",
        bucket_address,
        {
            "rule": [
                {
                    "expiration": Match.exact([{"days": days}]),
                    "filter": Match.exact([{"prefix": "cloudfront/"}]),
                }
            ]
        },
    )
    assert days == resolve_stage(stage).settings.cdn_log_retention_days
    has_one_for_bucket(
        stack,
        "aws_s3_bucket_ownership_controls",
        bucket_address,
        {"rule": Match.exact({"object_ownership": "BucketOwnerPreferred"})},  # log delivery writes with ACLs
    )
    has_one_for_bucket(
        stack,
        "aws_s3_bucket_server_side_encryption_configuration",
        bucket_address,
        {"rule": [{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}]},
    )
    has_one_for_bucket(
        stack,
        "aws_s3_bucket_public_access_block",
        bucket_address,
        {"block_public_acls": True, "block_public_policy": True, "ignore_public_acls": True},
    )
    protection = {"prevent_destroy": True} if stage == "prod" else Match.absent()
    stack.has_resource_properties(
        "aws_s3_bucket", {"bucket": f"sgcarstrends-{stage}-cdn-logs", "lifecycle": protection}
    )


def test_retention_must_be_a_positive_number_of_days():
    with pytest.raises(ValueError, match="cdn_log_retention_days=0 must be at least 1"):
        StageSettings(cdn_log_retention_days=0)
