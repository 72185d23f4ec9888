"""The web app's CloudFront distribution: HTTPS only, TLS 1.2+, HSTS, compression.

Why these behaviors: one per route (`modules/edge/routes.py`: the OpenNext
manifest's behaviors in their order, `*` as the default behavior). Routes to
`assets` read the bucket under its origin path (`/_assets`) through an origin
access control (SigV4, always signed, the bucket stays private); `image` goes
to the image optimizer's function URL, `server` to the server's. Every
behavior runs the viewer-request function (`x-forwarded-host`; prod's `www`
301). Function URL origins get every viewer header but `Host`.

The assets bucket's policy (read access for this distribution only) belongs
to the bucket: its owner calls `WebAssets.grant_read_to_distribution` with
`Cdn.distribution_arn`, so the policy is written in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from modules.app.aws import (
    CloudfrontDistribution,
    CloudfrontDistributionDefaultCacheBehavior,
    CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation,
    CloudfrontDistributionLoggingConfig,
    CloudfrontDistributionOrderedCacheBehavior,
    CloudfrontDistributionOrderedCacheBehaviorFunctionAssociation,
    CloudfrontDistributionOrigin,
    CloudfrontDistributionOriginCustomOriginConfig,
    CloudfrontDistributionRestrictions,
    CloudfrontDistributionRestrictionsGeoRestriction,
    CloudfrontDistributionViewerCertificate,
    CloudfrontOriginAccessControl,
)
from modules.app.bindings import Construct, Token
from modules.edge.cache_policies import CdnPolicies, CdnPolicyProps
from modules.edge.cdn_logs import LOG_PREFIX
from modules.edge.routes import (
    ASSETS,
    DEFAULT_ROUTES,
    IMAGE,
    Route,
    check_routes,
    default_route,
    ordered_routes,
)
from modules.edge.viewer_request import ViewerRequestFunction
from modules.monitoring.metrics import Metric
from stages import GLOBAL_REGION, Stage

MINIMUM_PROTOCOL_VERSION = "TLSv1.2_2021"
ASSETS_ORIGIN_ID = "assets"
SSR_ORIGIN_ID = "ssr"
IMAGE_ORIGIN_ID = "image"
API_ORIGIN_ID = "api"
STATIC_METHODS = ["GET", "HEAD", "OPTIONS"]
PRICE_CLASSES = ("PriceClass_All", "PriceClass_200", "PriceClass_100")
_CERTIFICATE_ARN = re.compile(r"^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate/[0-9a-f-]+$")
_HOSTNAME = re.compile(r"^[A-Za-z0-9.-]+$")


@dataclass(frozen=True)
class CdnProps:
    """Inputs of the distribution: certificate, origins, and optional overrides."""

    certificate_arn: str
    """ACM certificate in us-east-1 covering every alias (CloudFront reads certificates only there)."""
    assets_bucket_regional_domain_name: str
    """Regional domain name of the private S3 bucket holding `/_next/static/*`."""
    ssr_origin_domain: str
    """Hostname (no scheme, no path) of the server origin, e.g. a Lambda function URL's host."""
    image_origin_domain: str | None = None
    """default: none, image routes go to the server origin; the image optimizer's function URL host."""
    routes: tuple[Route, ...] = DEFAULT_ROUTES
    """default: OpenNext's fixed routes; `WebHosting.routes` (from the build's manifest) for a release."""
    assets_origin_path: str = "_assets"
    """default: `_assets`, the manifest's `origins.s3.originPath` (no leading or trailing slash)."""
    aliases: tuple[str, ...] | None = None
    """default: the stage's web domain, redirect domains and wildcard (permanent stages)."""
    api_origin_domain: str | None = None
    """default: none, `/api/*` follows the routes (Next.js route handlers); else an uncached `/api/*`
    behavior to this host, placed first."""
    log_bucket_domain_name: str | None = None
    """default: no access logs; `CdnLogs.domain_name` (`<bucket>.s3.amazonaws.com`) turns them on."""
    web_acl_arn: str | None = None
    """default: no WAF; `WebAcl.arn` (a CLOUDFRONT-scope WAFv2 ACL) guards the distribution."""
    price_class: str = "PriceClass_200"
    """default: PriceClass_200, which includes the Singapore edge locations at lower cost."""
    policies: CdnPolicyProps = field(default_factory=CdnPolicyProps)
    """default: `CdnPolicyProps()` (one-year static TTL, two-year HSTS with preload)."""

    def __post_init__(self) -> None:
        if not Token.is_unresolved(self.certificate_arn) and not _CERTIFICATE_ARN.match(self.certificate_arn):
            raise ValueError(
                f"certificate_arn={self.certificate_arn!r} is not an ACM certificate ARN in us-east-1; "
                "CloudFront only accepts certificates from us-east-1 (create it with providers.aws_global)."
            )
        check_routes(self.routes, "CdnProps.routes")
        if self.assets_origin_path != self.assets_origin_path.strip("/"):
            raise ValueError(
                f"assets_origin_path={self.assets_origin_path!r}: give it without slashes, e.g. '_assets'."
            )
        for name, value in (
            ("ssr_origin_domain", self.ssr_origin_domain),
            ("image_origin_domain", self.image_origin_domain),
            ("api_origin_domain", self.api_origin_domain),
        ):
            if value is not None and not Token.is_unresolved(value) and not _HOSTNAME.match(value):
                raise ValueError(
                    f"{name}={value!r} must be a bare hostname without scheme or path; "
                    "for a URL use Fn.element(Fn.split('/', url), 2)."
                )
        if self.price_class not in PRICE_CLASSES:
            raise ValueError(
                f"price_class={self.price_class!r}: allowed values are {', '.join(PRICE_CLASSES)}."
            )
        if self.aliases is not None and not self.aliases:
            raise ValueError(
                "aliases=() leaves the distribution without a hostname; omit it to use the stage's domains."
            )


def default_aliases(stage: Stage) -> tuple[str, ...]:
    """Web domain, redirect domains (prod's `www`), then the wildcard on permanent stages."""
    wildcard = (stage.wildcard_domain,) if stage.wildcard_domain else ()
    return (stage.web_domain, *stage.redirect_domains, *wildcard)


class Cdn(Construct):
    """CloudFront in front of the assets bucket and the SSR origin.

    Exposes `distribution_arn`, `distribution_id`, `domain_name`, `hosted_zone_id`
    and the metric helpers `metric_5xx_rate()` and `metric_requests()`.
    """

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: CdnProps) -> None:
        super().__init__(scope, construct_id)
        self.stage = stage
        self.aliases = props.aliases or default_aliases(stage)
        self.policies = CdnPolicies(self, "policies", stage, props.policies)
        self.origin_access_control = CloudfrontOriginAccessControl(
            self,
            "assets_oac",
            name=stage.name_for("web-assets-oac"),
            description="CloudFront reads the web assets bucket with SigV4",
            origin_access_control_origin_type="s3",
            signing_behavior="always",
            signing_protocol="sigv4",
        )
        self.viewer_request = ViewerRequestFunction(
            self,
            "viewer_request",
            stage.name_for("web-viewer-request"),
            stage.redirect_domains,
            stage.web_domain,
        )
        self.distribution = self._distribution(stage, props)
        self.distribution_arn: str = self.distribution.arn
        self.distribution_id: str = self.distribution.id
        self.domain_name: str = self.distribution.domain_name
        self.hosted_zone_id: str = self.distribution.hosted_zone_id

    def _distribution(self, stage: Stage, props: CdnProps) -> CloudfrontDistribution:
        origins = [
            CloudfrontDistributionOrigin(
                origin_id=ASSETS_ORIGIN_ID,
                domain_name=props.assets_bucket_regional_domain_name,
                origin_path=f"/{props.assets_origin_path}" if props.assets_origin_path else None,
                origin_access_control_id=self.origin_access_control.id,
            ),
            _custom_origin(SSR_ORIGIN_ID, props.ssr_origin_domain),
        ]
        if props.image_origin_domain:
            origins.append(_custom_origin(IMAGE_ORIGIN_ID, props.image_origin_domain))
        ordered = []
        if props.api_origin_domain:
            origins.append(_custom_origin(API_ORIGIN_ID, props.api_origin_domain))
            ordered.append(
                CloudfrontDistributionOrderedCacheBehavior(
                    path_pattern="/api/*",
                    target_origin_id=API_ORIGIN_ID,
                    allowed_methods=_ALL_METHODS,
                    cached_methods=["GET", "HEAD"],
                    **self._behaviour(
                        self.policies.api, self.policies.forward_all, self._ordered_function_associations()
                    ),
                )
            )
        for route in ordered_routes(props.routes):
            ordered.append(
                CloudfrontDistributionOrderedCacheBehavior(
                    path_pattern=route.pattern,
                    **self._route(route, props, self._ordered_function_associations()),
                )
            )
        default = CloudfrontDistributionDefaultCacheBehavior(
            **self._route(default_route(props.routes), props, self._default_function_associations())
        )
        return CloudfrontDistribution(
            self,
            "distribution",
            enabled=True,
            comment=f"{stage.prefix} web",
            aliases=list(self.aliases),
            http_version="http2and3",
            is_ipv6_enabled=True,
            price_class=props.price_class,
            origin=origins,
            default_cache_behavior=default,
            ordered_cache_behavior=ordered,
            restrictions=CloudfrontDistributionRestrictions(
                geo_restriction=CloudfrontDistributionRestrictionsGeoRestriction(restriction_type="none")
            ),
            viewer_certificate=CloudfrontDistributionViewerCertificate(
                acm_certificate_arn=props.certificate_arn,
                ssl_support_method="sni-only",
                minimum_protocol_version=MINIMUM_PROTOCOL_VERSION,
            ),
            logging_config=(
                CloudfrontDistributionLoggingConfig(
                    bucket=props.log_bucket_domain_name, prefix=LOG_PREFIX, include_cookies=False
                )
                if props.log_bucket_domain_name
                else None
            ),
            web_acl_id=props.web_acl_arn,
            wait_for_deployment=False,
        )

    def _route(self, route: Route, props: CdnProps, functions: list) -> dict:
        """Origin, methods and policies of one route's behavior."""
        if route.origin == ASSETS:
            return {
                "target_origin_id": ASSETS_ORIGIN_ID,
                "allowed_methods": STATIC_METHODS,
                "cached_methods": ["GET", "HEAD"],
                **self._behaviour(self.policies.static, None, functions),
            }
        if route.origin == IMAGE and props.image_origin_domain:
            return {
                "target_origin_id": IMAGE_ORIGIN_ID,
                "allowed_methods": STATIC_METHODS,
                "cached_methods": ["GET", "HEAD"],
                **self._behaviour(self.policies.image, self.policies.forward_all, functions),
            }
        return {
            "target_origin_id": SSR_ORIGIN_ID,
            "allowed_methods": _ALL_METHODS,
            "cached_methods": ["GET", "HEAD"],
            **self._behaviour(self.policies.server, self.policies.forward_all, functions),
        }

    def _behaviour(self, cache_policy, origin_request_policy, functions) -> dict:
        return {
            "viewer_protocol_policy": "redirect-to-https",
            "compress": True,
            "cache_policy_id": cache_policy.id,
            "origin_request_policy_id": origin_request_policy.id if origin_request_policy else None,
            "response_headers_policy_id": self.policies.security_headers.id,
            "function_association": functions or None,
        }

    def _ordered_function_associations(
        self,
    ) -> list[CloudfrontDistributionOrderedCacheBehaviorFunctionAssociation]:
        return [
            CloudfrontDistributionOrderedCacheBehaviorFunctionAssociation(
                event_type="viewer-request", function_arn=self.viewer_request.function.arn
            )
        ]

    def _default_function_associations(
        self,
    ) -> list[CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation]:
        return [
            CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation(
                event_type="viewer-request", function_arn=self.viewer_request.function.arn
            )
        ]

    def metric_5xx_rate(self) -> Metric:
        """Percentage of viewer requests answered with 5xx (us-east-1, Region=Global)."""
        return self._metric("5xxErrorRate", "Average")

    def metric_requests(self) -> Metric:
        """Viewer requests per period (us-east-1, Region=Global)."""
        return self._metric("Requests", "Sum")

    def _metric(self, name: str, statistic: str) -> Metric:
        return Metric(
            namespace="AWS/CloudFront",
            metric_name=name,
            dimensions={"DistributionId": self.distribution.id, "Region": "Global"},
            statistic=statistic,
            region=GLOBAL_REGION,
        )


_ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]


def _custom_origin(origin_id: str, domain: str):
    return CloudfrontDistributionOrigin(
        origin_id=origin_id,
        domain_name=domain,
        custom_origin_config=CloudfrontDistributionOriginCustomOriginConfig(
            http_port=80,
            https_port=443,
            origin_protocol_policy="https-only",
            origin_ssl_protocols=["TLSv1.2"],
        ),
    )
