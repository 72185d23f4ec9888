"""The hardening every bucket of ours gets: versioning, default encryption, no public access.

Why one function: the state bucket (bootstrap) and the web assets bucket must
be private in exactly the same way; a second hand-written copy could drift
(one block setting forgotten and the bucket is public). A function, not a
construct, so the resources keep their Terraform addresses in each caller.
"""

from __future__ import annotations

from modules.app.aws import (
    S3BucketPublicAccessBlock,
    S3BucketServerSideEncryptionConfigurationA,
    S3BucketServerSideEncryptionConfigurationRuleA,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)
from modules.app.bindings import Construct


def make_private(
    scope: Construct,
    bucket,
    sse_algorithm: str,
    bucket_key_enabled: bool | None = None,
    id_prefix: str = "",
):
    """Add versioning, `sse_algorithm` default encryption and a full public access block to `bucket`.

    `id_prefix` keeps each caller's existing construct IDs (e.g. `state_bucket_`).
    Returns the public access block, which bucket policies should depend on.
    """
    S3BucketVersioningA(
        scope,
        f"{id_prefix}versioning",
        bucket=bucket.id,
        versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
    )
    default = S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA
    S3BucketServerSideEncryptionConfigurationA(
        scope,
        f"{id_prefix}encryption",
        bucket=bucket.id,
        rule=[
            S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=default(sse_algorithm=sse_algorithm),
                bucket_key_enabled=bucket_key_enabled,
            )
        ],
    )
    return S3BucketPublicAccessBlock(
        scope,
        f"{id_prefix}public_access_block",
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
    )
