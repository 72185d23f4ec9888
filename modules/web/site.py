"""The Next.js web app as OpenNext hosts it: functions, bucket, tag table and queue, as one unit.

Why a wrapper: the CDN needs the origins (assets bucket, server and image
function URLs) and the routes, and grants itself read access to the bucket;
handing it one `Web` keeps that wiring in one place. Every part exists with or
without a build, so an infrastructure-only deploy (no `SGCT_WEB_ARTIFACT`:
placeholder code for new functions, deployed code kept) never removes what a
release created.

Construct ids (Terraform addresses, and the keys of the architecture diagram):
`web/server`, `web/image`, `web/revalidation`, `web/warmer`,
`web/initialization`, `web/tag_cache`, `web/revalidation_queue`, `web/assets`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modules.app.bindings import Construct
from modules.web.assets_bucket import WebAssets
from modules.web.hosting import WebHosting
from modules.web.image_optimizer import ImageOptimizer
from modules.web.initialization import Initialization
from modules.web.revalidation import Revalidation
from modules.web.revalidation_queue import RevalidationQueue
from modules.web.server import ServerCache, WebServer, WebServerProps
from modules.web.tag_cache import TagCache
from modules.web.warmer import Warmer
from stages import Stage


@dataclass(frozen=True)
class WebProps:
    """What differs per stage and per build."""

    hosting: WebHosting = field(default_factory=WebHosting)
    """default: infrastructure-only mode (no build); `hosting_from_build(load_output(...))` for a release."""
    environment: dict[str, str] = field(default_factory=dict)
    """default: none. The server's App-contract env; OpenNext's cache env is added by the construct."""
    server_memory_mb: int | None = None
    """default: None, the stage's `settings.web_memory_mb`."""
    warm_instances: int = 1
    """default: one warm server instance (OpenNext's warmer, every 5 minutes)."""
    kms_key_arn: str | None = None
    """default: None, Lambda's AWS-managed key; the platform passes the stage's key for the server's env."""


class Web(Construct):
    """Server, image optimizer, revalidation, warmer, initialization, tag cache, queue and bucket."""

    def __init__(
        self, scope: Construct, construct_id: str, stage: Stage, props: WebProps | None = None
    ) -> None:
        super().__init__(scope, construct_id)
        props = props or WebProps()
        hosting = self.hosting = props.hosting
        self.assets = WebAssets(self, "assets", stage, public_prefix=hosting.assets_prefix)
        self.tag_cache = TagCache(self, "tag_cache", stage)
        self.revalidation_queue = RevalidationQueue(self, "revalidation_queue", stage)
        self.server = WebServer(
            self,
            "server",
            stage,
            WebServerProps(
                cache=ServerCache(
                    bucket_name=self.assets.bucket_name,
                    bucket_arn=self.assets.bucket_arn,
                    table_name=self.tag_cache.table_name,
                    table_arn=self.tag_cache.table_arn,
                    queue_url=self.revalidation_queue.queue_url,
                    queue_arn=self.revalidation_queue.queue_arn,
                    key_prefix=hosting.cache_prefix,
                ),
                code_path=hosting.server.code_path,
                handler=hosting.server.handler,
                memory_mb=props.server_memory_mb,
                environment=props.environment,
                invoke_mode="RESPONSE_STREAM" if hosting.server_streaming else "BUFFERED",
                kms_key_arn=props.kms_key_arn,
            ),
        )
        self.image = ImageOptimizer(
            self,
            "image",
            stage,
            hosting.image,
            self.assets.bucket_name,
            self.assets.bucket_arn,
            hosting.assets_prefix,
        )
        self.revalidation = Revalidation(
            self, "revalidation", stage, hosting.revalidation, self.revalidation_queue.queue_arn
        )
        self.warmer = Warmer(
            self, "warmer", stage, hosting.warmer, self.server.function, concurrency=props.warm_instances
        )
        self.initialization = Initialization(
            self,
            "initialization",
            stage,
            hosting.initialization,
            self.tag_cache.table_name,
            self.tag_cache.table_arn,
            hosting.cache_data_hash,
        )
        self.function = self.server.function
        self.ssr_origin_domain = self.server.function_url_domain
        self.image_origin_domain = self.image.function_url_domain
        self.bucket_name = self.assets.bucket_name
        self.bucket_arn = self.assets.bucket_arn
        self.bucket_regional_domain_name = self.assets.bucket_regional_domain_name

    def grant_read_to_distribution(self, *distribution_arns: str):
        """See `WebAssets.grant_read_to_distribution`: the bucket policy, created after the CDN."""
        return self.assets.grant_read_to_distribution(*distribution_arns)
