"""The Next.js web app: its SSR server and its static assets bucket, as one unit.

Why a wrapper: the CDN needs both halves (the SSR origin's domain and the
bucket's regional domain name) and grants itself read access to the bucket;
handing it one `Web` keeps that wiring in one place.
"""

from __future__ import annotations

from modules.app.bindings import Construct
from modules.web.assets_bucket import WebAssets
from modules.web.server import WebServer, WebServerProps
from stages import Stage


class Web(Construct):
    """`server` (SSR Lambda + function URL + warmer) and `assets` (private bucket)."""

    def __init__(
        self, scope: Construct, construct_id: str, stage: Stage, props: WebServerProps | None = None
    ) -> None:
        super().__init__(scope, construct_id)
        self.server = WebServer(self, "server", stage, props)
        self.assets = WebAssets(self, "assets", stage)
        self.function = self.server.function
        self.ssr_origin_domain = self.server.function_url_domain
        self.bucket_name = self.assets.bucket_name
        self.bucket_arn = self.assets.bucket_arn
        self.bucket_regional_domain_name = self.assets.bucket_regional_domain_name

    def grant_read_to_distribution(self, *distribution_arns: str):
        """See `WebAssets.grant_read_to_distribution`: the bucket policy, created after the CDN."""
        return self.assets.grant_read_to_distribution(*distribution_arns)
