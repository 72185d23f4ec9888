"""The web's static assets bucket, readable only by the stage's CloudFront distribution.

Why a separate grant step: the distribution needs the bucket's domain name,
and the bucket policy needs the distribution's ARN. Creating the policy in `grant_read_to_distribution`
after the CDN exists keeps Terraform's graph acyclic:
bucket -> distribution -> bucket policy.

Why SSE-S3 (AES256) and not KMS: CloudFront origin access control reads
SSE-S3 objects with the bucket policy alone; SSE-KMS would also need a key
policy naming the distribution, for no extra protection of public assets.
"""

from __future__ import annotations

import json

from modules.app.aws import S3Bucket, S3BucketOwnershipControls, S3BucketOwnershipControlsRule, S3BucketPolicy
from modules.app.bindings import Construct
from modules.state.private_bucket import make_private
from stages import Stage


class WebAssets(Construct):
    """Encrypted, versioned, private bucket; the CDN's origin access control reads it.

    The origin access control itself belongs to the distribution (`modules/edge/cdn.py`):
    it is a CloudFront resource, left out with the CDN on local targets.
    """

    def __init__(
        self, scope: Construct, construct_id: str, stage: Stage, public_prefix: str | None = None
    ) -> None:
        """`public_prefix`: default None, the distribution may read every object; the web app passes
        `_assets` so the incremental cache (`_cache/`) and build records (`_builds/`) stay private."""
        super().__init__(scope, construct_id)
        self.public_prefix = public_prefix
        self.bucket = S3Bucket(
            self,
            "bucket",
            bucket=stage.name_for("web-assets"),
        )
        self.public_access_block = make_private(self, self.bucket, "AES256")
        S3BucketOwnershipControls(
            self,
            "ownership",
            bucket=self.bucket.id,
            rule=S3BucketOwnershipControlsRule(object_ownership="BucketOwnerEnforced"),
        )
        self.bucket_name = self.bucket.bucket
        self.bucket_arn = self.bucket.arn
        self.bucket_regional_domain_name = self.bucket.bucket_regional_domain_name
        self.policy: S3BucketPolicy | None = None

    def grant_read_to_distribution(self, *distribution_arns: str) -> S3BucketPolicy:
        """Bucket policy: `s3:GetObject` for exactly these CloudFront distributions; TLS only.

        Call once, after the distribution exists; a second call is refused
        because S3 holds one policy per bucket (pass every ARN at once).
        """
        if not distribution_arns or not all(distribution_arns):
            raise ValueError(
                "grant_read_to_distribution needs at least one non-empty CloudFront distribution ARN."
            )
        if self.policy is not None:
            raise ValueError(
                "grant_read_to_distribution was already called for this bucket; S3 keeps one policy "
                "per bucket, so pass every distribution ARN in a single call."
            )
        objects = (
            f"{self.bucket.arn}/{self.public_prefix}/*" if self.public_prefix else f"{self.bucket.arn}/*"
        )
        document = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AllowCloudFrontRead",
                    "Effect": "Allow",
                    "Principal": {"Service": "cloudfront.amazonaws.com"},
                    "Action": "s3:GetObject",
                    "Resource": objects,
                    "Condition": {"StringEquals": {"AWS:SourceArn": list(distribution_arns)}},
                },
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [self.bucket.arn, f"{self.bucket.arn}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                },
            ],
        }
        self.policy = S3BucketPolicy(
            self,
            "policy",
            bucket=self.bucket.id,
            policy=json.dumps(document),
            depends_on=[self.public_access_block],
        )
        return self.policy
