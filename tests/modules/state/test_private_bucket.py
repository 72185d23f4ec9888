"""Every bucket we create is versioned, encrypted by default and blocks all public access."""

import pytest

from harness import Match
from tests.modules.synth import has_one_for_bucket

BLOCKS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")


@pytest.mark.parametrize(
    "stack_name, algorithm",
    [
        ("bootstrap", "aws:kms"),
        ("prod", "AES256"),
        ("staging", "AES256"),
        ("dev", "AES256"),
        ("pr-123", "AES256"),
    ],
)
def test_every_bucket_is_private(template, stack_name, algorithm):
    stack = template(stack_name)
    buckets = stack.resources("aws_s3_bucket")
    assert buckets, f"{stack_name} has no bucket"
    for address in buckets:
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
            {"rule": [{"apply_server_side_encryption_by_default": {"sse_algorithm": algorithm}}]},
        )
        has_one_for_bucket(stack, "aws_s3_bucket_public_access_block", address, {key: True for key in BLOCKS})
