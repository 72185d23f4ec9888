"""Typed view of OpenNext's `open-next.output.json` (OpenNext 3.x and 4.x).

Why typed: the CloudFront behaviors, the functions and the publishing step are
all derived from this manifest; a frozen dataclass per concept means a typo in
a field name fails at parse time with the file and field named, not at deploy.
Field names follow the manifest (`originPath` -> `origin_path`); bundle paths
are resolved to absolute directories that were checked to exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CopyRule:
    """One `origins.s3.copy[]` entry: upload the files of `source` under key prefix `destination`."""

    source: Path  # absolute directory (`from`, e.g. .open-next/assets)
    destination: str  # key prefix in the bucket (`to`, e.g. "_assets")
    cached: bool  # True: served through CloudFront (assets); False: server-only (incremental cache)
    versioned_subdir: str | None = None  # hashed, immutable files live here ("_next"); default: none


@dataclass(frozen=True)
class S3Origin:
    """The bucket origin: CloudFront reads it under `origin_path`; `copy` says what to upload."""

    origin_path: str
    copy: tuple[CopyRule, ...]


@dataclass(frozen=True)
class FunctionOrigin:
    """A Lambda origin (`type: "function"`): the image optimizer, `default` or a split server."""

    name: str  # key in `origins`
    handler: str  # "index.handler": file index.mjs, export handler
    bundle: Path  # absolute directory holding the handler file
    streaming: bool = False  # response streaming; default: buffered (aws-lambda wrapper)
    wrapper: str = "aws-lambda"
    converter: str = "aws-apigw-v2"
    image_loader: str | None = None  # image optimizer only ("s3": reads BUCKET_NAME/BUCKET_KEY_PREFIX)
    queue: str | None = None  # server functions: "sqs" = revalidation through the SQS queue
    incremental_cache: str | None = None  # server functions: "s3"
    tag_cache: str | None = None  # server functions: "dynamodb"


@dataclass(frozen=True)
class Behavior:
    """One `behaviors[]` entry, in manifest order (the `*` entry is CloudFront's default)."""

    pattern: str
    origin: str | None  # key in `origins`; None when only an edge function serves it
    edge_function: str | None = None


@dataclass(frozen=True)
class FunctionBundle:
    """An `additionalProps` function: warmer, initialization (tag seed) or revalidation."""

    handler: str
    bundle: Path


@dataclass(frozen=True)
class OpenNextOutput:
    """The whole manifest, validated; `root` is the `.open-next` directory."""

    root: Path
    s3: S3Origin
    image_optimizer: FunctionOrigin
    default: FunctionOrigin
    split_functions: tuple[FunctionOrigin, ...]  # extra server origins from `config.functions`
    behaviors: tuple[Behavior, ...]
    warmer: FunctionBundle | None
    initialization: FunctionBundle | None  # absent when the tag cache is disabled
    revalidation: FunctionBundle | None  # absent when the incremental cache is disabled
    edge_functions: tuple[str, ...] = ()  # names only; edge (Lambda@Edge) functions are not hosted

    @property
    def server_functions(self) -> tuple[FunctionOrigin, ...]:
        return (self.default, *self.split_functions)

    @property
    def build_id(self) -> str:
        """Next.js build id (assets/BUILD_ID): keys the incremental cache and `_next/static/<id>/`."""
        return (self.root / "assets" / "BUILD_ID").read_text().strip()
