"""Hostnames get stage-independent roles: web, www, wildcard, api, then the rest by name."""

from review.diagram.components import build_components
from review.diagram.hostnames import collect_hostnames
from review.diagram.stack import read_stack
from tests.review.diagram.stacks import resource, stack

CDN = "${aws_cloudfront_distribution.cdn.domain_name}"
GATEWAY = "${aws_apigatewayv2_api.gw.id}"


def test_roles_come_from_aliases_domains_and_records():
    config = stack(
        {
            "aws_cloudfront_distribution": {
                "cdn": resource("dev/cdn/distribution", aliases=["x.com", "www.x.com", "*.x.com"])
            },
            "aws_apigatewayv2_api": {"gw": resource("dev/api/http_api", name="x-api")},
            "aws_apigatewayv2_domain_name": {"d": resource("dev/api/domain", domain_name="API.x.com.")},
            "cloudflare_dns_record": {
                "apex": resource(
                    "dev/dns/apex", name="x.com", content="${aws_cloudfront_distribution.cdn.domain_name}"
                ),
                "status": resource(
                    "dev/dns/status", name="status.x.com", content="${aws_apigatewayv2_api.gw.id}"
                ),
                "computed": resource("dev/cert/validation_record", name="${each.value.name}"),
            },
        }
    )
    hosts = collect_hostnames(build_components(read_stack("dev", config)))
    assert [(host.id, host.name) for host in hosts] == [
        ("host:web", "x.com"),
        ("host:www", "www.x.com"),
        ("host:wildcard", "*.x.com"),
        ("host:api", "api.x.com"),
        ("host:status.x.com", "status.x.com"),
    ]
    web, www, *_, status = hosts
    assert web.records == ["dns/apex"] and web.serves == ["cdn"] and not web.alias_only
    assert www.alias_only and www.serves == ["cdn"]
    assert status.serves == ["api"]  # a record outside CloudFront/API Gateway follows its references
