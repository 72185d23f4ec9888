"""The bootstrap stack creates a protected, private, versioned, encrypted state bucket."""

from harness import Match

BLOCKS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")


def test_bootstrap_uses_local_state_outside_cdktf_out(synth_output):
    backend = synth_output.stack("bootstrap").backend
    assert backend == {"local": {"path": "../../../terraform.bootstrap.tfstate"}}


def test_state_bucket_is_protected_and_named_for_the_backend(synth_output, template):
    address = template("bootstrap").has_resource_properties(
        "aws_s3_bucket",
        {
            "bucket": synth_output.stack("prod").backend["s3"]["bucket"],
            "lifecycle": Match.exact({"prevent_destroy": True}),
            "force_destroy": False,
        },
    )
    assert address == "aws_s3_bucket.state_bucket"


def test_state_bucket_is_versioned_encrypted_and_private(template):
    stack = template("bootstrap")
    versioning = stack.has_resource_properties(
        "aws_s3_bucket_versioning", {"versioning_configuration": Match.exact({"status": "Enabled"})}
    )
    assert versioning == "aws_s3_bucket_versioning.state_bucket_versioning"
    encryption = stack.has_resource_properties(
        "aws_s3_bucket_server_side_encryption_configuration",
        {"rule": [{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}}]},
    )
    assert encryption == "aws_s3_bucket_server_side_encryption_configuration.state_bucket_encryption"
    block = stack.has_resource_properties("aws_s3_bucket_public_access_block", {key: True for key in BLOCKS})
    assert block == "aws_s3_bucket_public_access_block.state_bucket_public_access_block"


def test_local_target_sends_the_state_bucket_to_the_loopback_endpoint(local_synth, synth_output):
    (local_provider,) = local_synth.output.stack("bootstrap").providers["aws"]
    assert local_provider["endpoints"][0]["s3"] == local_synth.endpoint_url
    assert "access_key" not in local_provider and "secret_key" not in local_provider
    (aws_provider,) = synth_output.stack("bootstrap").providers["aws"]
    assert "endpoints" not in aws_provider
