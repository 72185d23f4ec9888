"""CloudFront access logs: an ACL-enabled, encrypted, private bucket with per-stage retention."""

import pytest

from stages import StageSettings, resolve_stage
from tests.modules.synth import single


@pytest.mark.parametrize(("stage", "days"), [("prod", 365), ("staging", 30), ("dev", 30), ("pr-123", 3)])
def test_the_distribution_logs_to_its_stages_bucket_kept_as_long_as_the_stage_says(synth_output, stage, days):
    stack = synth_output.stack(stage)
    bucket_address, bucket = single(stack, "aws_s3_bucket", {"bucket": f"sgcarstrends-{stage}-cdn-logs"})
    _, distribution = single(stack, "aws_cloudfront_distribution")
    assert distribution["logging_config"] == {
        "bucket": "${" + bucket_address + ".bucket_domain_name}",
        "prefix": "cloudfront/",
        "include_cookies": False,
    }
    reference = "${" + bucket_address + ".id}"
    (rule,) = single(stack, "aws_s3_bucket_lifecycle_configuration", {"bucket": reference}).body["rule"]
    assert rule["expiration"] == [{"days": days}] and rule["filter"] == [{"prefix": "cloudfront/"}]
    assert days == resolve_stage(stage).settings.cdn_log_retention_days
    ownership = single(stack, "aws_s3_bucket_ownership_controls", {"bucket": reference}).body
    assert ownership["rule"] == {"object_ownership": "BucketOwnerPreferred"}, "log delivery writes with ACLs"
    encryption = single(
        stack, "aws_s3_bucket_server_side_encryption_configuration", {"bucket": reference}
    ).body
    assert encryption["rule"][0]["apply_server_side_encryption_by_default"]["sse_algorithm"] == "AES256"
    block = single(stack, "aws_s3_bucket_public_access_block", {"bucket": reference}).body
    assert all(
        block[key] is True for key in ("block_public_acls", "block_public_policy", "ignore_public_acls")
    )
    assert bucket.get("lifecycle", {}).get("prevent_destroy") is (stage == "prod" or None)


def test_retention_must_be_a_positive_number_of_days():
    with pytest.raises(ValueError, match="cdn_log_retention_days=0 must be at least 1"):
        StageSettings(cdn_log_retention_days=0)
