"""The Next.js server function (OpenNext's `default` origin) behind a function URL.

Why a function URL as CloudFront's origin: it is the simplest HTTPS origin
for a Lambda (no API Gateway hop, no 30 s integration cap). It uses
`authorization_type = NONE` because CloudFront origin access control for
Lambda URLs requires callers to sign POST/PUT bodies (x-amz-content-sha256),
which browsers submitting Next.js server actions and forms do not do.

Why this environment: the App-contract variables, merged with exactly the
cache, tag and queue variables OpenNext's server reads
(`stages.web_runtime_env.SERVER_CACHE_ENV`); a name in both is refused, so the
app can never silently redirect its own cache. The role may touch only the
incremental cache prefix of the bucket, the tag table (and its index) and send
to the revalidation queue: the calls OpenNext's overrides make.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modules.app.bindings import Construct
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from modules.web.hosting import CACHE_PREFIX, DEFAULT_HANDLER
from stages import PRIMARY_REGION, Stage
from stages.web_runtime_env import SERVER_CACHE_ENV

INVOKE_MODES = ("BUFFERED", "RESPONSE_STREAM")


@dataclass(frozen=True)
class ServerCache:
    """Where the server keeps its incremental cache, tags and revalidation queue."""

    bucket_name: str
    bucket_arn: str
    table_name: str
    table_arn: str
    queue_url: str
    queue_arn: str
    key_prefix: str = CACHE_PREFIX
    """default: `_cache`, the manifest's uncached copy destination."""
    region: str = PRIMARY_REGION
    """default: the stage's region (bucket, table and queue live there)."""

    def environment(self) -> dict[str, str]:
        """The six variables OpenNext's s3 / dynamodb / sqs overrides read, in `SERVER_CACHE_ENV` order."""
        values = (
            self.bucket_name,
            self.key_prefix,
            self.region,
            self.table_name,
            self.queue_url,
            self.region,
        )
        return dict(zip(SERVER_CACHE_ENV, values, strict=True))


@dataclass(frozen=True)
class WebServerProps:
    """Inputs of the Next.js server; memory defaults to the stage's setting."""

    cache: ServerCache
    code_path: str | None = None
    """default: None, the placeholder handler (deployed code kept); else the build's server bundle."""
    handler: str = DEFAULT_HANDLER
    """default: `index.handler`, OpenNext's server function entry point."""
    memory_mb: int | None = None
    """default: None, the stage's `settings.web_memory_mb`."""
    timeout_seconds: int = 30
    """default: 30 s, CloudFront's default origin response timeout."""
    environment: dict[str, str] = field(default_factory=dict)
    """default: none. The App-contract env (plain values and secret references)."""
    invoke_mode: str = "BUFFERED"
    """default: BUFFERED; RESPONSE_STREAM for a streaming OpenNext build (wrapper aws-lambda-streaming)."""
    kms_key_arn: str | None = None
    """default: None, Lambda's AWS-managed key; the platform passes the stage's `EnvironmentKey`."""

    def __post_init__(self) -> None:
        if self.invoke_mode not in INVOKE_MODES:
            raise ValueError(f"WebServerProps.invoke_mode {self.invoke_mode!r} is not one of {INVOKE_MODES}.")
        clash = sorted(set(self.environment) & set(SERVER_CACHE_ENV))
        if clash:
            raise ValueError(
                f"WebServerProps.environment sets {clash}, which the web construct owns (OpenNext's cache, "
                "tag and queue wiring); remove them from the App-contract environment."
            )

    def merged_environment(self) -> dict[str, str]:
        return {**self.environment, **self.cache.environment()}


class WebServer(Construct):
    """Server Lambda (`lambda`), its function URL (`url`) and its cache grants."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: WebServerProps) -> None:
        super().__init__(scope, construct_id)
        self.function = LambdaFunction(
            self,
            "lambda",
            stage,
            LambdaFunctionProps(
                name_suffix="web",
                handler=props.handler,
                code_path=props.code_path,
                timeout_seconds=props.timeout_seconds,
                memory_mb=props.memory_mb or stage.settings.web_memory_mb,
                environment=props.merged_environment(),
                kms_key_arn=props.kms_key_arn,
                description="SG Cars Trends web (Next.js server, OpenNext)",
            ),
        )
        cache = props.cache
        objects = f"{cache.bucket_arn}/{cache.key_prefix}/*"
        self.function.grant(
            "cache_policy",
            "incremental-cache-tags-queue",
            [
                {
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                    "Resource": objects,
                },
                {
                    # A missing cache entry must read as 404 (a miss), not 403.
                    "Effect": "Allow",
                    "Action": "s3:ListBucket",
                    "Resource": cache.bucket_arn,
                    "Condition": {"StringLike": {"s3:prefix": f"{cache.key_prefix}/*"}},
                },
                {
                    "Effect": "Allow",
                    "Action": ["dynamodb:Query", "dynamodb:BatchWriteItem"],
                    "Resource": [cache.table_arn, f"{cache.table_arn}/index/*"],
                },
                {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": cache.queue_arn},
            ],
        )
        public = self.function.public_url(self, "url", invoke_mode=props.invoke_mode)
        self.function_url, self.function_url_domain = public.url, public.domain
