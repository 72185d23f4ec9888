"""Where a stage is deployed: real AWS and Cloudflare, or a loopback endpoint.

Why: the harness applies the AWS side of a stage for real against an
S3/AWS-protocol server on 127.0.0.1. Constructs ask the target what to leave
out (Cloudflare, certificate validation) instead of testing for "local".
"""

from __future__ import annotations

import os
from dataclasses import dataclass

LOCAL_ENDPOINT_VARIABLE = "SGCT_LOCAL_ENDPOINT"


@dataclass(frozen=True)
class DeploymentTarget:
    """The default is real AWS + Cloudflare; `local(...)` points AWS at a loopback endpoint."""

    aws_endpoint_url: str | None = None
    """default: none (real AWS). A loopback URL (e.g. http://127.0.0.1:5000) for local runs."""

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> "DeploymentTarget":
        environ = os.environ if environ is None else environ
        endpoint = environ.get(LOCAL_ENDPOINT_VARIABLE) or None
        if endpoint and not endpoint.startswith(("http://127.", "http://localhost", "http://[::1]")):
            raise ValueError(
                f"{LOCAL_ENDPOINT_VARIABLE}={endpoint!r} must be a loopback http URL "
                "(http://127.0.0.1:<port> or http://localhost:<port>)."
            )
        return cls(aws_endpoint_url=endpoint)

    @property
    def is_local(self) -> bool:
        return self.aws_endpoint_url is not None

    @property
    def includes_cloudflare(self) -> bool:
        """Cloudflare cannot run on loopback: DNS records and DNSSEC are left out locally."""
        return not self.is_local

    @property
    def validates_certificates(self) -> bool:
        """ACM validation needs public DNS: left out locally (certificates still created)."""
        return not self.is_local
