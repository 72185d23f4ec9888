"""Routes: which path goes to which origin; `*` is the default behavior; CloudFront's limits hold."""

import pytest

from modules.edge.routes import (
    DEFAULT_ROUTES,
    MAX_ORDERED_BEHAVIORS,
    Route,
    check_routes,
    default_route,
    ordered_routes,
)


def test_default_routes_send_static_to_assets_images_to_the_optimizer_and_the_rest_to_the_server():
    assert default_route(DEFAULT_ROUTES) == Route("*", "server")
    assert [(r.pattern, r.origin) for r in ordered_routes(DEFAULT_ROUTES)] == [
        ("_next/image*", "image"),
        ("_next/data/*", "server"),
        ("_next/*", "assets"),
    ]


@pytest.mark.parametrize(
    ("routes", "message"),
    [
        ((Route("_next/*", "assets"),), "exactly one"),
        ((Route("*", "server"), Route("*", "server")), "exactly one"),
        (
            (Route("*", "server"), Route("a", "assets"), Route("a", "assets")),
            r"\['a'\] appear more than once",
        ),
        (
            (Route("*", "server"), *(Route(f"f{i}", "assets") for i in range(MAX_ORDERED_BEHAVIORS + 1))),
            "exceed CloudFront's 25 cache behaviors",
        ),
    ],
)
def test_bad_route_lists_are_refused(routes, message):
    with pytest.raises(ValueError, match=message):
        check_routes(routes)


def test_unknown_origin_and_empty_pattern_are_refused():
    with pytest.raises(ValueError, match="origin 'lambda'"):
        Route("x", "lambda")
    with pytest.raises(ValueError, match="empty"):
        Route("", "server")
