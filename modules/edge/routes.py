"""Which request path goes to which origin: CloudFront's behaviors as data.

Why data: the routes come from the OpenNext manifest (`behaviors`, in its
order) when a build is given, and from OpenNext's fixed layout otherwise; the
CDN turns either list into behaviors, and tests and the README diagram read
the same list.

Origins: `assets` (the bucket under its origin path, through OAC), `image`
(the image optimizer's function URL), `server` (the server's function URL).
The manifest's `*` is CloudFront's default behavior, wherever it appears in
the list (OpenNext writes it before the per-file S3 patterns); the others keep
their manifest order.
"""

from __future__ import annotations

from dataclasses import dataclass

from builds.errors import BuildInputError
from builds.opennext import MANIFEST
from builds.opennext_model import OpenNextOutput

ASSETS, IMAGE, SERVER = "assets", "image", "server"
ORIGINS = (ASSETS, IMAGE, SERVER)
DEFAULT_PATTERN = "*"
MAX_ORDERED_BEHAVIORS = 25
"""CloudFront's default quota of cache behaviors per distribution (besides the default one)."""


@dataclass(frozen=True)
class Route:
    """One path pattern (CloudFront syntax, no leading `/` needed) and the origin that serves it."""

    pattern: str
    origin: str

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise ValueError(f"Route({self.pattern!r}): origin {self.origin!r} is not one of {ORIGINS}.")
        if not self.pattern:
            raise ValueError("Route: the path pattern is empty; use '*' for the default behavior.")


DEFAULT_ROUTES: tuple[Route, ...] = (
    Route("_next/image*", IMAGE),
    Route("_next/data/*", SERVER),
    Route(DEFAULT_PATTERN, SERVER),
    Route("_next/*", ASSETS),
)
"""Without a build: OpenNext's fixed behaviors (public files then fall through to the server)."""


def routes_from_manifest(build: OpenNextOutput) -> tuple[Route, ...]:
    """The manifest's behaviors mapped to our origins, in manifest order."""
    kinds = {"s3": ASSETS, build.image_optimizer.name: IMAGE, build.default.name: SERVER}
    routes = []
    for index, behavior in enumerate(build.behaviors):
        if behavior.origin not in kinds:
            raise BuildInputError(
                f"{build.root / MANIFEST}: field 'behaviors[{index}].origin' is {behavior.origin!r}; "
                f"only {sorted(kinds)} are hosted (no split or edge functions)"
            )
        routes.append(Route(behavior.pattern, kinds[behavior.origin]))
    try:
        check_routes(tuple(routes), f"{build.root / MANIFEST}: field 'behaviors'")
    except ValueError as error:
        raise BuildInputError(str(error)) from error
    return tuple(routes)


def check_routes(routes: tuple[Route, ...], where: str = "routes") -> None:
    """Exactly one `*`, no duplicate pattern, within CloudFront's behavior quota."""
    patterns = [route.pattern for route in routes]
    if patterns.count(DEFAULT_PATTERN) != 1:
        raise ValueError(
            f"{where}: needs exactly one '*' pattern (CloudFront's default behavior), "
            f"found {patterns.count(DEFAULT_PATTERN)}"
        )
    duplicates = sorted({p for p in patterns if patterns.count(p) > 1})
    if duplicates:
        raise ValueError(f"{where}: patterns {duplicates} appear more than once")
    if len(routes) - 1 > MAX_ORDERED_BEHAVIORS:
        raise ValueError(
            f"{where}: {len(routes) - 1} path patterns besides '*' exceed CloudFront's "
            f"{MAX_ORDERED_BEHAVIORS} cache behaviors; move top-level files of public/ into a folder"
        )


def default_route(routes: tuple[Route, ...]) -> Route:
    return next(route for route in routes if route.pattern == DEFAULT_PATTERN)


def ordered_routes(routes: tuple[Route, ...]) -> tuple[Route, ...]:
    """Every route but `*`, in order: CloudFront's ordered cache behaviors."""
    return tuple(route for route in routes if route.pattern != DEFAULT_PATTERN)
