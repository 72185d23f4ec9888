"""One stage of the SG Cars Trends platform as one Terraform stack.

Why one stack per stage: each stage has its own state key, providers and
resources, so `cdktf deploy <stage>` touches exactly one stage.
"""

from __future__ import annotations

from modules.bindings import Construct, TerraformStack
from modules.deployment_target import DeploymentTarget
from modules.providers import configure_providers
from modules.state_backend import BackendSettings, configure_s3_backend
from stages import Stage


class PlatformStack(TerraformStack):
    """The whole platform for one stage, named after the stage."""

    def __init__(
        self,
        scope: Construct,
        stage: Stage,
        backend: BackendSettings,
        target: DeploymentTarget | None = None,
    ) -> None:
        super().__init__(scope, stage.name)
        self.stage = stage
        self.target = target or DeploymentTarget()
        configure_s3_backend(self, stage.name, backend)
        self.providers = configure_providers(self, stage)
