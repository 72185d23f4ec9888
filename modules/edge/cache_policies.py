"""CloudFront cache, origin-request and response-headers policies for the web app.

Why four cache policies: files from the assets bucket honour their own
Cache-Control (hashed `_next/static` files say a year, public files say
`s-maxage` and are invalidated on publish); server-rendered pages are cached
only when the app says so (`s-maxage`), keyed on the headers Next.js varies
on (`SERVER_CACHE_HEADERS`: the RSC and router headers, so an RSC payload is
never served for an HTML request) and every query string; optimized images
are keyed on their query (`url`, `w`, `q`) and `Accept` (WebP/AVIF
negotiation); an explicit API origin's `/api/*` is never cached.
Why our own origin-request policy: Lambda function URLs reject a `Host`
header that is not theirs, so everything except `Host` is forwarded.
"""

from __future__ import annotations

from dataclasses import dataclass

from modules.app.aws import (
    CloudfrontCachePolicy,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOrigin,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfig,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfig,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigHeaders,
    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfig,
    CloudfrontOriginRequestPolicy,
    CloudfrontOriginRequestPolicyCookiesConfig,
    CloudfrontOriginRequestPolicyHeadersConfig,
    CloudfrontOriginRequestPolicyHeadersConfigHeaders,
    CloudfrontOriginRequestPolicyQueryStringsConfig,
    CloudfrontResponseHeadersPolicy,
    CloudfrontResponseHeadersPolicySecurityHeadersConfig,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigContentTypeOptions,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigFrameOptions,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigReferrerPolicy,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurity,
    CloudfrontResponseHeadersPolicySecurityHeadersConfigXssProtection,
)
from modules.app.bindings import Construct
from stages import Stage

ONE_YEAR_SECONDS = 31_536_000
ONE_DAY_SECONDS = 86_400
SERVER_CACHE_HEADERS = (
    "rsc",
    "next-router-state-tree",
    "next-router-prefetch",
    "next-router-segment-prefetch",
    "next-url",
)
"""The request headers Next.js 15 lists in `Vary` on App Router responses."""
IMAGE_CACHE_HEADERS = ("accept",)
HSTS_MIN_SECONDS = ONE_YEAR_SECONDS


@dataclass(frozen=True)
class CdnPolicyProps:
    """TTLs and header choices for the web distribution's policies."""

    static_ttl_seconds: int = ONE_YEAR_SECONDS
    """default: one year, the longest a bucket file or optimized image is cached (files without
    Cache-Control: one day); hashed `_next/static` files say a year themselves."""
    ssr_max_ttl_seconds: int = ONE_YEAR_SECONDS
    """default: one year upper bound; default TTL is 0, so pages are cached only when the app sends
    `s-maxage`."""
    hsts_max_age_seconds: int = 2 * ONE_YEAR_SECONDS
    """default: two years (the HSTS preload list asks for at least one)."""
    frame_option: str = "DENY"
    """default: DENY; `SAMEORIGIN` if the app frames itself."""
    referrer_policy: str = "strict-origin-when-cross-origin"
    """default: strict-origin-when-cross-origin."""

    def __post_init__(self) -> None:
        if self.static_ttl_seconds < 86_400:
            raise ValueError(
                f"static_ttl_seconds={self.static_ttl_seconds} is below one day; hashed assets should be "
                "cached >= 86400 s."
            )
        if self.hsts_max_age_seconds < HSTS_MIN_SECONDS:
            raise ValueError(
                f"hsts_max_age_seconds={self.hsts_max_age_seconds} is below one year ({HSTS_MIN_SECONDS}); "
                "HSTS preload needs at least a year."
            )
        if self.frame_option not in ("DENY", "SAMEORIGIN"):
            raise ValueError(
                f"frame_option={self.frame_option!r}: allowed values are 'DENY' and 'SAMEORIGIN'."
            )


class CdnPolicies(Construct):
    """`static`, `server`, `image`, `api` cache policies, `forward_all` origin-request policy,
    `security_headers`."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: CdnPolicyProps) -> None:
        super().__init__(scope, construct_id)
        self.static = self._cache_policy(
            "static",
            stage.name_for("web-static"),
            0,
            ONE_DAY_SECONDS,
            props.static_ttl_seconds,
            forward_query=False,
        )
        self.server = self._cache_policy(
            "server",
            stage.name_for("web-server-cache"),
            0,
            0,
            props.ssr_max_ttl_seconds,
            forward_query=True,
            headers=SERVER_CACHE_HEADERS,
        )
        self.image = self._cache_policy(
            "image",
            stage.name_for("web-image-cache"),
            0,
            ONE_DAY_SECONDS,
            props.static_ttl_seconds,
            forward_query=True,
            headers=IMAGE_CACHE_HEADERS,
        )
        self.api = self._cache_policy("api", stage.name_for("web-api"), 0, 0, 0, forward_query=False)
        self.forward_all = self._forward_all(stage.name_for("web-forward-all"))
        self.security_headers = self._security_headers(stage.name_for("web-security-headers"), props)

    def _cache_policy(
        self,
        construct_id: str,
        name: str,
        min_ttl: int,
        default_ttl: int,
        max_ttl: int,
        forward_query: bool,
        headers: tuple[str, ...] = (),
    ):
        """A cache policy; with all TTLs 0 (caching off) CloudFront requires an empty cache key."""
        caching = max_ttl > 0
        key = CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOrigin(
            cookies_config=CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfig(
                cookie_behavior="none"
            ),
            headers_config=CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfig(
                header_behavior="whitelist" if headers and caching else "none",
                headers=(
                    CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigHeaders(
                        items=list(headers)
                    )
                    if headers and caching
                    else None
                ),
            ),
            query_strings_config=CloudfrontCachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfig(
                query_string_behavior="all" if forward_query and caching else "none"
            ),
            enable_accept_encoding_gzip=caching,
            enable_accept_encoding_brotli=caching,
        )
        return CloudfrontCachePolicy(
            self,
            construct_id,
            name=name,
            min_ttl=min_ttl,
            default_ttl=default_ttl,
            max_ttl=max_ttl,
            parameters_in_cache_key_and_forwarded_to_origin=key,
        )

    def _forward_all(self, name: str):
        return CloudfrontOriginRequestPolicy(
            self,
            "forward_all",
            name=name,
            comment=(
                "All viewer headers except Host (function URLs reject a foreign Host), "
                "all cookies and query strings"
            ),
            headers_config=CloudfrontOriginRequestPolicyHeadersConfig(
                header_behavior="allExcept",
                headers=CloudfrontOriginRequestPolicyHeadersConfigHeaders(items=["host"]),
            ),
            cookies_config=CloudfrontOriginRequestPolicyCookiesConfig(cookie_behavior="all"),
            query_strings_config=CloudfrontOriginRequestPolicyQueryStringsConfig(query_string_behavior="all"),
        )

    def _security_headers(self, name: str, props: CdnPolicyProps):
        return CloudfrontResponseHeadersPolicy(
            self,
            "security_headers",
            name=name,
            comment="HSTS (preload) and browser security headers on every response",
            security_headers_config=CloudfrontResponseHeadersPolicySecurityHeadersConfig(
                strict_transport_security=CloudfrontResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurity(
                    access_control_max_age_sec=props.hsts_max_age_seconds,
                    include_subdomains=True,
                    preload=True,
                    override=True,
                ),
                content_type_options=CloudfrontResponseHeadersPolicySecurityHeadersConfigContentTypeOptions(
                    override=True
                ),
                frame_options=CloudfrontResponseHeadersPolicySecurityHeadersConfigFrameOptions(
                    frame_option=props.frame_option, override=True
                ),
                referrer_policy=CloudfrontResponseHeadersPolicySecurityHeadersConfigReferrerPolicy(
                    referrer_policy=props.referrer_policy, override=True
                ),
                xss_protection=CloudfrontResponseHeadersPolicySecurityHeadersConfigXssProtection(
                    protection=True, mode_block=True, override=True
                ),
            ),
        )
