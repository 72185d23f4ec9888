"""Where a stage is deployed: real AWS and Cloudflare, or a loopback endpoint.

Why: the harness applies the AWS side of a stage for real against an
S3/AWS-protocol server on 127.0.0.1 (moto). Constructs ask the target what
to leave out instead of testing for "local", so each exclusion has one
documented reason:

- `includes_cloudflare`: Cloudflare has no local server; DNS records and
  DNSSEC are left out.
- `validates_certificates`: ACM validation needs public DNS; certificates are
  still requested, their validation resources are left out.
- `includes_api_custom_domain`: moto creates API Gateway v2 domain names
  but never reports them AVAILABLE, so the provider would wait forever; the
  API's custom domain and mapping are left out (the API itself is kept).
- `includes_upstash`: Upstash (the QStash data schedule) has no local server
  and no provider binary here; the schedule and the API function URL it calls
  are left out.
- `includes_cdn`: moto serves CloudFront distributions, origin access controls
  and functions, but not cache, origin request or response headers policies,
  which every behaviour of our distribution references; the CDN is left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

LOCAL_ENDPOINT_VARIABLE = "SGCT_LOCAL_ENDPOINT"
_LOOPBACK_URL = re.compile(r"http://(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d{1,5})?/?")


def check_loopback_endpoint(endpoint: str, source: str = LOCAL_ENDPOINT_VARIABLE) -> str:
    """Return `endpoint` if it is a loopback http URL, else raise a ValueError naming `source`."""
    if not _LOOPBACK_URL.fullmatch(endpoint):
        raise ValueError(
            f"{source}={endpoint!r} must be a loopback http URL "
            "(http://127.0.0.1:<port> or http://localhost:<port>): local runs never leave this machine."
        )
    return endpoint.rstrip("/")


@dataclass(frozen=True)
class DeploymentTarget:
    """The default is real AWS + Cloudflare; `local(...)` points AWS at a loopback endpoint."""

    aws_endpoint_url: str | None = None
    """default: none (real AWS). A loopback URL (e.g. http://127.0.0.1:5000) for local runs."""

    def __post_init__(self) -> None:
        if self.aws_endpoint_url is not None:
            endpoint = check_loopback_endpoint(self.aws_endpoint_url, "aws_endpoint_url")
            object.__setattr__(self, "aws_endpoint_url", endpoint)

    @classmethod
    def local(cls, endpoint: str) -> DeploymentTarget:
        """A target whose AWS services (and state backend) all answer on `endpoint`."""
        return cls(aws_endpoint_url=check_loopback_endpoint(endpoint, "endpoint"))

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> DeploymentTarget:
        """Real AWS unless `SGCT_LOCAL_ENDPOINT` names a loopback endpoint."""
        env: Mapping[str, str] = os.environ if environ is None else environ
        endpoint = env.get(LOCAL_ENDPOINT_VARIABLE) or None
        if endpoint is None:
            return cls()
        return cls(aws_endpoint_url=check_loopback_endpoint(endpoint))

    @property
    def is_local(self) -> bool:
        return self.aws_endpoint_url is not None

    @property
    def includes_cloudflare(self) -> bool:
        """Cloudflare cannot run on loopback: DNS records and DNSSEC are left out locally."""
        return not self.is_local

    @property
    def includes_upstash(self) -> bool:
        """Upstash cannot run on loopback: the QStash schedule is left out locally."""
        return not self.is_local

    @property
    def validates_certificates(self) -> bool:
        """ACM validation needs public DNS: left out locally (certificates still created)."""
        return not self.is_local

    @property
    def includes_cdn(self) -> bool:
        """CloudFront (distribution, its policies, OAC, functions): left out locally, see module docstring."""
        return not self.is_local

    @property
    def includes_api_custom_domain(self) -> bool:
        """API Gateway custom domain + mapping: left out locally, see module docstring."""
        return not self.is_local
