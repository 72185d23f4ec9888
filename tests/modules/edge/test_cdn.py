"""CloudFront: HTTPS only, TLS 1.2 (2021), HSTS, compression, routes, cache policies, viewer-request."""

import pytest

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


def _distribution(synth_output, stage):
    return single(synth_output.stack(stage), "aws_cloudfront_distribution").body


def _behaviours(distribution):
    return [distribution["default_cache_behavior"], *distribution["ordered_cache_behavior"]]


@pytest.mark.parametrize("stage", STAGES)
def test_https_only_tls_1_2_2021_sni_http3_compression(synth_output, stage):
    distribution = _distribution(synth_output, stage)
    certificate = distribution["viewer_certificate"]
    assert certificate["minimum_protocol_version"] == "TLSv1.2_2021"
    assert certificate["ssl_support_method"] == "sni-only"
    assert "cloudfront_default_certificate" not in certificate
    assert distribution["http_version"] == "http2and3"
    assert _behaviours(distribution), "the distribution has no cache behaviours"
    for behaviour in _behaviours(distribution):
        assert behaviour["viewer_protocol_policy"] in ("redirect-to-https", "https-only")
        assert behaviour["compress"] is True
        assert behaviour["response_headers_policy_id"].startswith("${aws_cloudfront_response_headers_policy.")
    for origin in distribution["origin"]:
        if "custom_origin_config" in origin:
            assert origin["custom_origin_config"]["origin_protocol_policy"] == "https-only"
            assert origin["custom_origin_config"]["origin_ssl_protocols"] == ["TLSv1.2"]


@pytest.mark.parametrize("stage", STAGES)
def test_certificate_is_the_validated_us_east_1_one(synth_output, stage):
    arn = _distribution(synth_output, stage)["viewer_certificate"]["acm_certificate_arn"]
    assert arn.startswith("${aws_acm_certificate_validation.cdn_certificate_validation_")
    validation = synth_output.stack(stage).resource(arn[2:].rsplit(".", 1)[0])
    assert validation["provider"] == "aws.us_east_1"


@pytest.mark.parametrize("stage", STAGES)
def test_hsts_and_security_headers(synth_output, stage):
    headers = single(synth_output.stack(stage), "aws_cloudfront_response_headers_policy").body[
        "security_headers_config"
    ]
    hsts = headers["strict_transport_security"]
    assert hsts["access_control_max_age_sec"] >= 31_536_000
    assert hsts["include_subdomains"] is True and hsts["preload"] is True and hsts["override"] is True
    assert headers["content_type_options"]["override"] is True
    assert headers["frame_options"]["frame_option"] == "DENY"
    assert headers["referrer_policy"]["referrer_policy"] == "strict-origin-when-cross-origin"
    assert headers["xss_protection"] == {"protection": True, "mode_block": True, "override": True}


@pytest.mark.parametrize("stage", STAGES)
def test_cache_policies_for_assets_server_image_and_api(synth_output, stage):
    stack = synth_output.stack(stage)
    policies = {
        body["name"].removeprefix(f"sgcarstrends-{stage}-web-"): (address, body)
        for address, body in stack.resources("aws_cloudfront_cache_policy").items()
    }
    assert set(policies) == {"static", "server-cache", "image-cache", "api"}
    static = policies["static"][1]
    assert (static["min_ttl"], static["default_ttl"], static["max_ttl"]) == (0, 86_400, 31_536_000)
    server = policies["server-cache"][1]
    assert server["default_ttl"] == 0 and server["max_ttl"] == 31_536_000
    key = server["parameters_in_cache_key_and_forwarded_to_origin"]
    assert key["headers_config"] == {
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
    assert key["query_strings_config"] == {"query_string_behavior": "all"}
    assert key["cookies_config"] == {"cookie_behavior": "none"}
    image_key = policies["image-cache"][1]["parameters_in_cache_key_and_forwarded_to_origin"]
    assert image_key["headers_config"] == {"header_behavior": "whitelist", "headers": {"items": ["accept"]}}
    assert image_key["query_strings_config"] == {"query_string_behavior": "all"}
    assert (policies["api"][1]["default_ttl"], policies["api"][1]["max_ttl"]) == (0, 0)


@pytest.mark.parametrize("stage", STAGES)
def test_without_a_build_the_default_routes_serve_static_image_data_and_pages(synth_output, stage):
    stack = synth_output.stack(stage)
    policies = {body["name"]: a for a, body in stack.resources("aws_cloudfront_cache_policy").items()}
    distribution = single(stack, "aws_cloudfront_distribution").body
    routes = [(b["path_pattern"], b["target_origin_id"]) for b in distribution["ordered_cache_behavior"]]
    assert routes == [("_next/image*", "image"), ("_next/data/*", "ssr"), ("_next/*", "assets")]
    default = distribution["default_cache_behavior"]
    assert default["target_origin_id"] == "ssr"
    assert default["cache_policy_id"] == "${" + policies[f"sgcarstrends-{stage}-web-server-cache"] + ".id}"
    forward_all = next(iter(stack.resources("aws_cloudfront_origin_request_policy")))
    for behaviour in _behaviours(distribution):
        if behaviour["target_origin_id"] == "assets":
            assert "origin_request_policy_id" not in behaviour
            assert behaviour["allowed_methods"] == ["GET", "HEAD", "OPTIONS"]
        else:
            assert behaviour["origin_request_policy_id"] == "${" + forward_all + ".id}"
    assets = next(o for o in distribution["origin"] if o["origin_id"] == "assets")
    assert assets["origin_path"] == "/_assets"
    image = next(o for o in distribution["origin"] if o["origin_id"] == "image")
    assert "aws_lambda_function_url.web_image_url" in image["domain_name"]


@pytest.mark.parametrize("stage", STAGES)
def test_assets_come_through_an_always_signing_oac(synth_output, stage):
    stack = synth_output.stack(stage)
    oac = stack.resources("aws_cloudfront_origin_access_control")
    ((address, body),) = oac.items()
    assert (
        body["signing_behavior"],
        body["signing_protocol"],
        body["origin_access_control_origin_type"],
    ) == ("always", "sigv4", "s3")
    assets = next(o for o in _distribution(synth_output, stage)["origin"] if o["origin_id"] == "assets")
    assert assets["origin_access_control_id"] == "${" + address + ".id}"
    policies = [p["policy"] for p in stack.resources("aws_s3_bucket_policy").values()]
    distribution_address = next(iter(stack.resources("aws_cloudfront_distribution")))
    assert any(distribution_address + ".arn" in policy for policy in policies), (
        "the assets bucket must trust this distribution"
    )


@pytest.mark.parametrize("stage", STAGES)
def test_aliases_per_stage(synth_output, stage):
    assert _distribution(synth_output, stage)["aliases"] == EXPECTED_ALIASES[stage]


@pytest.mark.parametrize("stage", STAGES)
def test_viewer_request_function_on_every_behaviour_redirecting_www_only_on_prod(synth_output, stage):
    stack = synth_output.stack(stage)
    ((address, function),) = stack.resources("aws_cloudfront_function").items()
    assert function["runtime"] == "cloudfront-js-2.0" and function["publish"] is True
    assert '"x-forwarded-host"' in function["code"]
    assert ('"www.sgcarstrends.com"' in function["code"]) is (stage == "prod")
    for behaviour in _behaviours(_distribution(synth_output, stage)):
        assert behaviour["function_association"] == [
            {"event_type": "viewer-request", "function_arn": "${" + address + ".arn}"}
        ]


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
    distribution = single(stack, "aws_cloudfront_distribution").body
    assert [(b["path_pattern"], b["target_origin_id"]) for b in distribution["ordered_cache_behavior"]] == [
        ("_next/image*", "image"),
        ("BUILD_ID", "assets"),
        ("_next/*", "assets"),
        ("logo.png", "assets"),
    ]
    assert distribution["default_cache_behavior"]["target_origin_id"] == "ssr"
    assert next(o for o in distribution["origin"] if o["origin_id"] == "assets")["origin_path"] == "/_a"


@pytest.mark.parametrize("stage", STAGES)
def test_prevent_destroy_only_on_prod(synth_output, stage):
    lifecycle = _distribution(synth_output, stage).get("lifecycle", {})
    assert lifecycle.get("prevent_destroy", False) is (stage == "prod")


def test_plain_inputs_build_a_distribution_and_metrics(tmp_path):
    from modules.edge.cdn import Cdn

    built = {}
    stack = synth_constructs(
        "staging",
        lambda scope, stage, _: built.setdefault("cdn", Cdn(scope, "cdn", stage, CdnProps(**PLAIN))),
        tmp_path,
    )
    distribution = single(stack, "aws_cloudfront_distribution").body
    assert distribution["viewer_certificate"]["acm_certificate_arn"] == CERTIFICATE_ARN
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
