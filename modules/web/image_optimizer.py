"""OpenNext's image optimization function behind its own function URL (`/_next/image*`).

Why its own function: resizing with sharp needs memory and time the page
server should not share, and its responses are cached by CloudFront on the
query and `Accept` (see modules/edge/cache_policies.py). It reads originals
from the assets bucket under the `_assets` prefix (`overrides/imageLoader/s3.js`:
`BUCKET_NAME`, `BUCKET_KEY_PREFIX`); its role may read nothing else.
"""

from __future__ import annotations

from modules.app.bindings import Construct
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from modules.web.hosting import ASSETS_PREFIX, Bundle
from stages import Stage
from stages.web_runtime_env import IMAGE_OPTIMIZER_ENV

IMAGE_MEMORY_MB = 1536
"""sharp decodes whole images in memory; 1.5 GB also buys the CPU share to resize quickly."""


class ImageOptimizer(Construct):
    """`lambda` (ARM64, Node 22), `url` (function URL) and `url_domain` for CloudFront."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        stage: Stage,
        bundle: Bundle,
        bucket_name: str,
        bucket_arn: str,
        assets_prefix: str = ASSETS_PREFIX,
    ) -> None:
        super().__init__(scope, construct_id)
        self.function = LambdaFunction(
            self,
            "lambda",
            stage,
            LambdaFunctionProps(
                name_suffix="web-image",
                handler=bundle.handler,
                code_path=bundle.code_path,
                timeout_seconds=25,
                memory_mb=IMAGE_MEMORY_MB,
                environment=dict(zip(IMAGE_OPTIMIZER_ENV, (bucket_name, assets_prefix), strict=True)),
                description="SG Cars Trends web image optimization (OpenNext)",
            ),
        )
        self.function.grant(
            "read_assets",
            "read-assets",
            [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"{bucket_arn}/{assets_prefix}/*"}],
        )
        public = self.function.public_url(self, "url", invoke_mode="BUFFERED")
        self.function_url, self.function_url_domain = public.url, public.domain
