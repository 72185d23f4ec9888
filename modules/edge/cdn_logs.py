"""Where CloudFront writes its access logs: a private, encrypted bucket that forgets them on schedule.

Why this shape: CloudFront's standard logging delivers objects through the
`awslogsdelivery` account with an ACL grant, so the bucket needs ACLs
enabled (`BucketOwnerPreferred`; the public access block stays on, the
grant is not public) and SSE-S3 (`AES256`: log delivery cannot use a KMS
key). Logs hold client IPs and URLs, so they are kept only as long as the
stage says (`StageSettings.cdn_log_retention_days`: prod 365, ephemeral 3,
otherwise 30) by an S3 lifecycle rule, old versions included.
"""

from __future__ import annotations

from modules.app.aws import (
    S3Bucket,
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter,
    S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration,
    S3BucketOwnershipControls,
    S3BucketOwnershipControlsRule,
)
from modules.app.bindings import Construct
from modules.state.private_bucket import make_private
from stages import Stage

LOG_PREFIX = "cloudfront/"


class CdnLogs(Construct):
    """`bucket` and `domain_name`, the value CloudFront's `logging_config.bucket` takes."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage) -> None:
        super().__init__(scope, construct_id)
        self.bucket = S3Bucket(self, "bucket", bucket=stage.name_for("cdn-logs"))
        self.public_access_block = make_private(self, self.bucket, "AES256")
        self.ownership = S3BucketOwnershipControls(
            self,
            "ownership",
            bucket=self.bucket.id,
            rule=S3BucketOwnershipControlsRule(object_ownership="BucketOwnerPreferred"),
        )
        days = stage.settings.cdn_log_retention_days
        S3BucketLifecycleConfiguration(
            self,
            "retention",
            bucket=self.bucket.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="expire-access-logs",
                    status="Enabled",
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix=LOG_PREFIX)],
                    expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=days)],
                    noncurrent_version_expiration=[
                        S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(noncurrent_days=1)
                    ],
                )
            ],
        )
        self.domain_name = self.bucket.bucket_domain_name
