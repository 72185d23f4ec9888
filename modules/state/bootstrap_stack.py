"""The bootstrap stack: creates the S3 bucket that holds every stage's state.

Why a separate stack with local state: the state bucket cannot keep its own
state before it exists. It is applied once per account, then protected.
"""

from __future__ import annotations

from modules.app.aws import AwsProvider, AwsProviderDefaultTags, S3Bucket
from modules.app.bindings import (
    Construct,
    LocalBackend,
    TerraformOutput,
    TerraformStack,
)
from modules.app.deployment_target import DeploymentTarget
from modules.app.protection import protect_stack
from modules.app.providers import local_endpoint_settings
from modules.state.backend import BackendSettings
from modules.state.private_bucket import make_private
from stages import BOOTSTRAP_STACK_NAME, Protection
from stages.model import default_tags


class BootstrapStack(TerraformStack):
    """State bucket: versioned, encrypted, public access blocked, `prevent_destroy`."""

    def __init__(
        self, scope: Construct, settings: BackendSettings, target: DeploymentTarget | None = None
    ) -> None:
        super().__init__(scope, BOOTSTRAP_STACK_NAME)
        target = target or DeploymentTarget()
        # The state bucket outlives every stage: protected like prod, never force-destroyed.
        protect_stack(self, Protection.PROTECTED)
        # Relative to <outdir>/stacks/bootstrap: the state file lives next to the
        # output directory (the repository root for cdktf.out), so re-synthesizing
        # (which replaces the output directory) never touches it.
        LocalBackend(self, path="../../../terraform.bootstrap.tfstate")
        # A local target sends the state bucket to the same loopback endpoint as the stages.
        endpoint = target.aws_endpoint_url
        local = local_endpoint_settings(endpoint) if endpoint is not None else {}
        AwsProvider(
            self,
            "aws",
            **local,
            region=settings.region,
            default_tags=[AwsProviderDefaultTags(tags=default_tags(BOOTSTRAP_STACK_NAME))],
        )
        bucket = S3Bucket(
            self,
            "state_bucket",
            bucket=settings.bucket,
        )
        make_private(self, bucket, "aws:kms", bucket_key_enabled=True, id_prefix="state_bucket_")
        TerraformOutput(self, "state_bucket_name", value=bucket.bucket)
