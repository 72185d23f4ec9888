"""What the web constructs host, derived from an OpenNext build, or the defaults without one.

Why one translation step: every web function, the server's cache environment,
the S3 prefixes the roles may touch and the CloudFront routes come from
`open-next.output.json`. Turning the manifest into this small value once keeps
the constructs free of manifest details and lets infrastructure-only mode
(no build: placeholder code, deployed code kept) use the same constructs
with OpenNext's standard layout.

Refused here (exit 2, the manifest field named): split server functions and
edge functions (`config.functions`, not hosted: one server function serves every
route), and overrides whose runtime needs something other than what is wired
(wrapper `aws-lambda`/`aws-lambda-streaming`, converter `aws-apigw-v2` for
function URLs, `s3` incremental cache, `dynamodb` tag cache, `sqs` queue, each
also in its `-lite` form, which reads the same environment).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from builds.errors import BuildInputError
from builds.opennext import MANIFEST
from builds.opennext_model import FunctionOrigin, OpenNextOutput
from modules.edge.routes import DEFAULT_ROUTES, Route, routes_from_manifest

DEFAULT_HANDLER = "index.handler"
ASSETS_PREFIX = "_assets"
CACHE_PREFIX = "_cache"
CACHE_DATA_FILE = "dynamodb-cache.json"
SUPPORTED = {
    "wrapper": ("aws-lambda", "aws-lambda-streaming"),
    "converter": ("aws-apigw-v2",),
    "incremental_cache": (None, "s3", "s3-lite"),
    "tag_cache": (None, "dynamodb", "dynamodb-lite"),
    "queue": (None, "sqs", "sqs-lite"),
}
MANIFEST_FIELDS = {
    "incremental_cache": "incrementalCache",
    "tag_cache": "tagCache",
}


@dataclass(frozen=True)
class Bundle:
    """One function's code: a directory of the build, or None for the placeholder (deployed code kept)."""

    code_path: str | None = None
    handler: str = DEFAULT_HANDLER


@dataclass(frozen=True)
class WebHosting:
    """The web app's functions, S3 layout and routes; `WebHosting()` is infrastructure-only mode."""

    server: Bundle = Bundle()
    image: Bundle = Bundle()
    revalidation: Bundle = Bundle()
    warmer: Bundle = Bundle()
    initialization: Bundle = Bundle()
    server_streaming: bool = False
    """default: buffered responses (OpenNext's `aws-lambda` wrapper)."""
    assets_prefix: str = ASSETS_PREFIX
    """default: `_assets`, CloudFront's origin path into the bucket and the image optimizer's prefix."""
    cache_prefix: str = CACHE_PREFIX
    """default: `_cache`, the server's incremental cache prefix."""
    routes: tuple[Route, ...] = DEFAULT_ROUTES
    """default: OpenNext's fixed routes (static, image, data, everything else to the server)."""
    cache_data_hash: str | None = None
    """sha256 of the build's `dynamodb-cache.json`; None: no build, nothing to seed."""

    @property
    def has_build(self) -> bool:
        return self.server.code_path is not None

    @property
    def code_paths(self) -> tuple[Path, ...]:
        """The build's function directories (each becomes one zip); () in infrastructure-only mode."""
        bundles = (self.server, self.image, self.revalidation, self.warmer, self.initialization)
        return tuple(Path(bundle.code_path) for bundle in bundles if bundle.code_path is not None)


def _check_supported(origin: FunctionOrigin, manifest: Path) -> None:
    for attribute, allowed in SUPPORTED.items():
        value = getattr(origin, attribute)
        if value not in allowed:
            field = f"origins.{origin.name}.{MANIFEST_FIELDS.get(attribute, attribute)}"
            shown = ", ".join(str(v) for v in allowed if v is not None)
            raise BuildInputError(
                f"{manifest}: field {field!r} is {value!r}, which this platform does not wire; "
                f"use one of {shown} (the OpenNext defaults) in open-next.config.ts"
            )


def hosting_from_build(build: OpenNextOutput) -> WebHosting:
    """The hosting an OpenNext build describes; BuildInputError for what cannot be hosted."""
    manifest = build.root / MANIFEST
    if build.split_functions:
        names = ", ".join(f"origins.{f.name}" for f in build.split_functions)
        raise BuildInputError(
            f"{manifest}: field {names!r}: split server functions are not hosted (one server function "
            "serves every route); remove `functions` from open-next.config.ts"
        )
    if build.edge_functions:
        raise BuildInputError(
            f"{manifest}: field 'edgeFunctions' names {list(build.edge_functions)}; edge functions "
            '(Lambda@Edge) are not hosted; remove `placement: "global"` from open-next.config.ts'
        )
    for origin in (build.default, build.image_optimizer):
        _check_supported(origin, manifest)
    for key, extra in (
        ("warmer", build.warmer),
        ("initializationFunction", build.initialization),
        ("revalidationFunction", build.revalidation),
    ):
        if extra is None:
            raise BuildInputError(
                f"{manifest}: field 'additionalProps.{key}' is missing; this platform runs the warmer, the "
                "tag cache seed and the revalidation function of every build: keep OpenNext's defaults"
            )
    assert build.warmer and build.initialization and build.revalidation  # checked above
    cached = [rule for rule in build.s3.copy if rule.cached]
    uncached = [rule for rule in build.s3.copy if not rule.cached]
    cache_data = build.initialization.bundle / CACHE_DATA_FILE
    return WebHosting(
        server=Bundle(str(build.default.bundle), build.default.handler),
        image=Bundle(str(build.image_optimizer.bundle), build.image_optimizer.handler),
        revalidation=Bundle(str(build.revalidation.bundle), build.revalidation.handler),
        warmer=Bundle(str(build.warmer.bundle), build.warmer.handler),
        initialization=Bundle(str(build.initialization.bundle), build.initialization.handler),
        server_streaming=build.default.streaming,
        assets_prefix=build.s3.origin_path or (cached[0].destination if cached else ASSETS_PREFIX),
        cache_prefix=uncached[0].destination if uncached else CACHE_PREFIX,
        routes=routes_from_manifest(build),
        cache_data_hash=(
            hashlib.sha256(cache_data.read_bytes()).hexdigest() if cache_data.is_file() else None
        ),
    )
