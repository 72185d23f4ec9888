"""CloudFront: HTTPS only, TLS 1.2 (2021), HSTS, compression, routes, cache policies, viewer-request."""

import re

import pytest

from harness import Capture, Match
from modules.edge.cdn import CdnProps, default_aliases
from stages import resolve_stage
from tests.modules.synth import CERTIFICATE_ARN, single, synth_constructs

STAGES = ["prod", "staging", "dev", "pr-123"]
EXPECTED_ALIASES = {
    "prod": ["sgcarstrends.com", "www.sgcarstrends.com", "*.sgcarstrends.com"],
    "staging": ["staging.sgcarstrends.com", "*.staging.sgcarstrends.com"],
    "dev": ["dev.sgcarstrends.com", "*.dev.sgcarstrends.com"],
    "pr-123": ["pr-123.sgcarstrends.com"],
}
PLAIN = dict(
    certificate_arn=CERTIFICATE_ARN,
    assets_bucket_regional_domain_name="assets.s3.ap-southeast-1.amazonaws.com",
    ssr_origin_domain="abc.lambda-url.ap-southeast-1.on.aws",
)


def _distribution(template, stage):
    """The stage's one distribution (its template)."""
    stack = template(stage)
    stack.resource_count_is("aws_cloudfront_distribution", 1)
    return stack


def _every_behaviour(stack, pattern):
    """The default and every ordered cache behaviour of the distribution match `pattern`."""
    ordered = Capture()
    stack.has_resource_properties("aws_cloudfront_distribution", {"ordered_cache_behavior": ordered})
    stack.has_resource_properties(
        "aws_cloudfront_distribution",
        {"default_cache_behavior": pattern, "ordered_cache_behavior": [pattern] * len(ordered.as_array())},
    )


@pytest.mark.parametrize("stage", STAGES)
def test_https_only_tls_1_2_2021_sni_http3_compression(template, stage):
    stack = _distribution(template, stage)
    stack.has_resource_properties(
        "aws_cloudfront_distribution",
        {
            "viewer_certificate": {
                "minimum_protocol_version": "TLSv1.2_2021",
                "ssl_support_method": "sni-only",
                "cloudfront_default_certificate": Match.absent(),
            },
            "http_version": "http2and3",
        },
    )
    _every_behaviour(
        stack,
        {
            "viewer_protocol_policy": Match.string_like_regexp("^(redirect-to-https|https-only)$"),
            "compress": True,
            "response_headers_policy_id": Match.string_like_regexp(
                r"^\$\{aws_cloudfront_response_headers_policy\."
            ),
        },
    )
    origins = Capture()
    stack.has_resource_properties("aws_cloudfront_distribution", {"origin": origins})
    custom = [origin for origin in origins.as_array() if "custom_origin_config" in origin]
    assert custom, f"{stage}: the distribution has no custom origins"
    tls_only = {
        "custom_origin_config": {"origin_protocol_policy": "https-only", "origin_ssl_protocols": ["TLSv1.2"]}
    }
    stack.has_resource_properties(
        "aws_cloudfront_distribution", {"origin": Match.array_with([tls_only] * len(custom), any_order=True)}
    )


@pytest.mark.parametrize("stage", STAGES)
def test_certificate_is_the_validated_us_east_1_one(template, stage):
    stack = _distribution(template, stage)
    arn = Capture(
        Match.string_like_regexp(r"^\$\{aws_acm_certificate_validation\.cdn_certificate_validation_")
    )
    stack.has_resource_properties(
        "aws_cloudfront_distribution", {"viewer_certificate": {"acm_certificate_arn": arn}}
    )
    validation = arn.as_string()[2:].rsplit(".", 1)[0]
    assert validation in stack.find_resources("aws_acm_certificate_validation", {"provider": "aws.us_east_1"})


@pytest.mark.parametrize("stage", STAGES)
def test_hsts_and_security_headers(template, stage):
    stack = template(stage)
    stack.resource_count_is("aws_cloudfront_response_headers_policy", 1)
    max_age = Capture()
    stack.has_resource_properties(
        "aws_cloudfront_response_headers_policy",
        {
            "security_headers_config": {
                "strict_transport_security": {
                    "access_control_max_age_sec": max_age,
                    "include_subdomains": True,
                    "preload": True,
                    "override": True,
                },
                "content_type_options": {"override": True},
                "frame_options": {"frame_option": "DENY"},
                "referrer_policy": {"referrer_policy": "strict-origin-when-cross-origin"},
                "xss_protection": Match.exact({"protection": True, "mode_block": True, "override": True}),
            }
        },
    )
    assert max_age.as_number() >= 31_536_000


@pytest.mark.parametrize("stage", STAGES)
def test_cache_policies_for_assets_server_image_and_api(template, stage):
    stack = template(stage)
    stack.resource_count_is("aws_cloudfront_cache_policy", 4)
    prefix = f"sgcarstrends-{stage}-web-"
    stack.has_resource_properties(
        "aws_cloudfront_cache_policy",
        {"name": prefix + "static", "min_ttl": 0, "default_ttl": 86_400, "max_ttl": 31_536_000},
    )
    stack.has_resource_properties(
        "aws_cloudfront_cache_policy",
        {
            "name": prefix + "server-cache",
            "default_ttl": 0,
            "max_ttl": 31_536_000,
            "parameters_in_cache_key_and_forwarded_to_origin": {
                "headers_config": Match.exact(
                    {
                        "header_behavior": "whitelist",
                        "headers": {
                            "items": [
                                "rsc",
                                "next-router-state-tree",
                                "next-router-prefetch",
                                "next-router-segment-prefetch",
                                "next-url",
                            ]
                        },
                    }
                ),
                "query_strings_config": Match.exact({"query_string_behavior": "all"}),
                "cookies_config": Match.exact({"cookie_behavior": "none"}),
            },
        },
    )
    stack.has_resource_properties(
        "aws_cloudfront_cache_policy",
        {
            "name": prefix + "image-cache",
            "parameters_in_cache_key_and_forwarded_to_origin": {
                "headers_config": Match.exact(
                    {"header_behavior": "whitelist", "headers": {"items": ["accept"]}}
                ),
                "query_strings_config": Match.exact({"query_string_behavior": "all"}),
            },
        },
    )
    stack.has_resource_properties(
        "aws_cloudfront_cache_policy", {"name": prefix + "api", "default_ttl": 0, "max_ttl": 0}
    )


@pytest.mark.parametrize("stage", STAGES)
def test_without_a_build_the_default_routes_serve_static_image_data_and_pages(template, stage):
    stack = _distribution(template, stage)
    server_cache = stack.has_resource_properties(
        "aws_cloudfront_cache_policy", {"name": f"sgcarstrends-{stage}-web-server-cache"}
    )
    forward_all, _ = single(stack, "aws_cloudfront_origin_request_policy")
    forwarded = {"origin_request_policy_id": "${" + forward_all + ".id}"}
    assets_only = {"origin_request_policy_id": Match.absent(), "allowed_methods": ["GET", "HEAD", "OPTIONS"]}
    stack.has_resource_properties(
        "aws_cloudfront_distribution",
        {
            "ordered_cache_behavior": [
                {"path_pattern": "_next/image*", "target_origin_id": "image", **forwarded},
                {"path_pattern": "_next/data/*", "target_origin_id": "ssr", **forwarded},
                {"path_pattern": "_next/*", "target_origin_id": "assets", **assets_only},
            ],
            "default_cache_behavior": {
                "target_origin_id": "ssr",
                "cache_policy_id": "${" + server_cache + ".id}",
                **forwarded,
            },
            "origin": Match.array_with(
                [
                    {"origin_id": "assets", "origin_path": "/_assets"},
                    {
                        "origin_id": "image",
                        "domain_name": Match.string_like_regexp(r"aws_lambda_function_url\.web_image_url"),
                    },
                ],
                any_order=True,
            ),
        },
    )


@pytest.mark.parametrize("stage", STAGES)
def test_assets_come_through_an_always_signing_oac(template, stage):
    stack = _distribution(template, stage)
    stack.resource_count_is("aws_cloudfront_origin_access_control", 1)
    oac = stack.has_resource_properties(
        "aws_cloudfront_origin_access_control",
        {
            "signing_behavior": "always",
            "signing_protocol": "sigv4",
            "origin_access_control_origin_type": "s3",
        },
    )
    distribution = stack.has_resource_properties(
        "aws_cloudfront_distribution",
        {
            "origin": Match.array_with(
                [{"origin_id": "assets", "origin_access_control_id": "${" + oac + ".id}"}]
            )
        },
    )
    # the assets bucket must trust this distribution
    stack.has_resource_properties(
        "aws_s3_bucket_policy", {"policy": Match.string_like_regexp(re.escape(distribution + ".arn"))}
    )


@pytest.mark.parametrize("stage", STAGES)
def test_aliases_per_stage(template, stage):
    _distribution(template, stage).has_resource_properties(
        "aws_cloudfront_distribution", {"aliases": EXPECTED_ALIASES[stage]}
    )


@pytest.mark.parametrize("stage", STAGES)
def test_viewer_request_function_on_every_behaviour_redirecting_www_only_on_prod(template, stage):
    stack = _distribution(template, stage)
    stack.resource_count_is("aws_cloudfront_function", 1)
    code = Capture()
    function = stack.has_resource_properties(
        "aws_cloudfront_function", {"runtime": "cloudfront-js-2.0", "publish": True, "code": code}
    )
    assert '"x-forwarded-host"' in code.as_string()
    assert ('"www.sgcarstrends.com"' in code.as_string()) is (stage == "prod")
    _every_behaviour(
        stack,
        {
            "function_association": Match.exact(
                [{"event_type": "viewer-request", "function_arn": "${" + function + ".arn}"}]
            )
        },
    )


def test_routes_become_behaviours_in_order_with_star_as_default(tmp_path):
    from modules.edge.cdn import Cdn
    from modules.edge.routes import Route

    routes = (
        Route("_next/image*", "image"),
        Route("*", "server"),
        Route("BUILD_ID", "assets"),
        Route("_next/*", "assets"),
        Route("logo.png", "assets"),
    )
    props = CdnProps(
        **PLAIN,
        image_origin_domain="img.lambda-url.ap-southeast-1.on.aws",
        routes=routes,
        assets_origin_path="_a",
    )
    stack = synth_constructs("dev", lambda scope, stage, _: Cdn(scope, "cdn", stage, props), tmp_path)
    stack.resource_count_is("aws_cloudfront_distribution", 1)
    stack.has_resource_properties(
        "aws_cloudfront_distribution",
        {
            "ordered_cache_behavior": [
                {"path_pattern": "_next/image*", "target_origin_id": "image"},
                {"path_pattern": "BUILD_ID", "target_origin_id": "assets"},
                {"path_pattern": "_next/*", "target_origin_id": "assets"},
                {"path_pattern": "logo.png", "target_origin_id": "assets"},
            ],
            "default_cache_behavior": {"target_origin_id": "ssr"},
            "origin": Match.array_with([{"origin_id": "assets", "origin_path": "/_a"}]),
        },
    )


@pytest.mark.parametrize("stage", STAGES)
def test_prevent_destroy_only_on_prod(template, stage):
    protection = {"prevent_destroy": True} if stage == "prod" else Match.absent()
    _distribution(template, stage).has_resource_properties(
        "aws_cloudfront_distribution", {"lifecycle": protection}
    )


def test_plain_inputs_build_a_distribution_and_metrics(tmp_path):
    from modules.edge.cdn import Cdn

    built = {}
    stack = synth_constructs(
        "staging",
        lambda scope, stage, _: built.setdefault("cdn", Cdn(scope, "cdn", stage, CdnProps(**PLAIN))),
        tmp_path,
    )
    stack.resource_count_is("aws_cloudfront_distribution", 1)
    stack.has_resource_properties(
        "aws_cloudfront_distribution", {"viewer_certificate": {"acm_certificate_arn": CERTIFICATE_ARN}}
    )
    stack.resource_count_is("aws_s3_bucket_policy", 0)  # the bucket's owner writes it (WebAssets)
    metric = built["cdn"].metric_5xx_rate()
    assert (metric.namespace, metric.metric_name, metric.statistic, metric.region) == (
        "AWS/CloudFront",
        "5xxErrorRate",
        "Average",
        "us-east-1",
    )
    assert metric.dimensions["Region"] == "Global" and set(metric.dimensions) == {"DistributionId", "Region"}
    assert built["cdn"].metric_requests().metric_name == "Requests"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"certificate_arn": "arn:aws:acm:ap-southeast-1:123456789012:certificate/abc"}, "us-east-1"),
        ({"ssr_origin_domain": "https://abc.lambda-url.ap-southeast-1.on.aws/"}, "bare hostname"),
        ({"api_origin_domain": "api.example.com/v1"}, "api_origin_domain"),
        ({"price_class": "PriceClass_Cheap"}, "price_class"),
        ({"aliases": ()}, "aliases"),
        ({"routes": ()}, "exactly one '\\*'"),
        ({"assets_origin_path": "/_assets"}, "without slashes"),
        ({"image_origin_domain": "https://x.on.aws"}, "image_origin_domain"),
    ],
)
def test_bad_props_are_refused_with_the_reason(override, message):
    with pytest.raises(ValueError, match=message):
        CdnProps(**{**PLAIN, **override})


def test_default_aliases_follow_the_stage():
    assert default_aliases(resolve_stage("pr-7")) == ("pr-7.sgcarstrends.com",)
    assert default_aliases(resolve_stage("prod"))[:2] == ("sgcarstrends.com", "www.sgcarstrends.com")
