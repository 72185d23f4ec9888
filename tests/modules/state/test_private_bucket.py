"""Every bucket we create is versioned, encrypted by default and blocks all public access."""

import pytest

BLOCKS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")


def _for_bucket(stack, resource_type, bucket_address):
    reference = "${" + bucket_address + ".id}"
    return [body for body in stack.resources(resource_type).values() if body["bucket"] == reference]


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
def test_every_bucket_is_private(synth_output, stack_name, algorithm):
    stack = synth_output.stack(stack_name)
    buckets = stack.resources("aws_s3_bucket")
    assert buckets, f"{stack_name} has no bucket"
    for address in buckets:
        (versioning,) = _for_bucket(stack, "aws_s3_bucket_versioning", address)
        assert versioning["versioning_configuration"] == {"status": "Enabled"}
        (encryption,) = _for_bucket(stack, "aws_s3_bucket_server_side_encryption_configuration", address)
        assert encryption["rule"][0]["apply_server_side_encryption_by_default"]["sse_algorithm"] == algorithm
        (block,) = _for_bucket(stack, "aws_s3_bucket_public_access_block", address)
        assert all(block[key] is True for key in BLOCKS)
