"""CloudFront policy props: secure defaults accepted, weak HSTS or caching refused."""

import pytest

from harness import Match
from modules.edge.cache_policies import ONE_YEAR_SECONDS, CdnPolicyProps


def test_defaults_are_secure():
    props = CdnPolicyProps()
    assert props.hsts_max_age_seconds >= ONE_YEAR_SECONDS
    assert props.static_ttl_seconds == ONE_YEAR_SECONDS
    assert props.frame_option == "DENY"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hsts_max_age_seconds": 86_400}, "below one year"),
        ({"static_ttl_seconds": 60}, "below one day"),
        ({"frame_option": "ALLOW-FROM https://x"}, "DENY"),
    ],
)
def test_weak_settings_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CdnPolicyProps(**kwargs)


def test_cookies_and_query_strings_reach_ssr_but_not_host(template):
    dev = template("dev")
    dev.resource_count_is("aws_cloudfront_origin_request_policy", 1)
    dev.has_resource_properties(
        "aws_cloudfront_origin_request_policy",
        {
            "headers_config": Match.exact({"header_behavior": "allExcept", "headers": {"items": ["host"]}}),
            "cookies_config": {"cookie_behavior": "all"},
            "query_strings_config": {"query_string_behavior": "all"},
        },
    )
