"""SGCT006: CloudFront HTTPS-only, TLS 1.2+ for viewers and origins."""

import copy

from tests.policies.helpers import change, plan, run_rule, stack

GOOD = {
    "enabled": True,
    "default_cache_behavior": {"viewer_protocol_policy": "redirect-to-https", "target_origin_id": "ssr"},
    "ordered_cache_behavior": [{"path_pattern": "/_next/*", "viewer_protocol_policy": "https-only"}],
    "viewer_certificate": {
        "acm_certificate_arn": "${aws_acm_certificate.web.arn}",
        "ssl_support_method": "sni-only",
        "minimum_protocol_version": "TLSv1.2_2021",
    },
    "origin": [
        {
            "origin_id": "ssr",
            "domain_name": "x.lambda-url.ap-southeast-1.on.aws",
            "custom_origin_config": {
                "origin_protocol_policy": "https-only",
                "origin_ssl_protocols": ["TLSv1.2"],
                "http_port": 80,
                "https_port": 443,
            },
        }
    ],
}


def test_https_only_tls12_distribution_passes():
    assert run_rule("SGCT006", stack("dev", {"aws_cloudfront_distribution.web": GOOD})) == []


def test_http_behaviour_old_tls_and_plain_origin_fail():
    bad = copy.deepcopy(GOOD)
    bad["ordered_cache_behavior"][0]["viewer_protocol_policy"] = "allow-all"
    bad["viewer_certificate"]["minimum_protocol_version"] = "TLSv1.1_2016"
    bad["origin"][0]["custom_origin_config"].update(
        origin_protocol_policy="match-viewer", origin_ssl_protocols=["TLSv1", "TLSv1.2"]
    )
    messages = " | ".join(
        f.message for f in run_rule("SGCT006", stack("dev", {"aws_cloudfront_distribution.web": bad}))
    )
    for expected in ("allow-all", "TLSv1.1_2016", "match-viewer", "origin_ssl_protocols"):
        assert expected in messages


def test_default_certificate_fails_in_a_plan():
    after = copy.deepcopy(GOOD)
    after["viewer_certificate"] = [
        {"cloudfront_default_certificate": True, "minimum_protocol_version": "TLSv1"}
    ]
    after["default_cache_behavior"] = [after["default_cache_behavior"]]
    findings = run_rule(
        "SGCT006", plan([change("aws_cloudfront_distribution.web", ["create"], None, after)], "dev")
    )
    assert any("cloudfront_default_certificate" in f.message for f in findings)
