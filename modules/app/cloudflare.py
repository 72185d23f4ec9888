"""Typed Cloudflare provider classes: the only place constructs import them from.

See `modules.app.aws` for why; `modules.app.runtime.prepare()` must run first.
"""

from __future__ import annotations

from modules.app.runtime import require_prepared

require_prepared(__name__)

from cdktf_cdktf_provider_cloudflare.data_cloudflare_zone import (  # noqa: E402
    DataCloudflareZone,
    DataCloudflareZoneFilter,
)
from cdktf_cdktf_provider_cloudflare.dns_record import (  # noqa: E402
    DnsRecord,
)
from cdktf_cdktf_provider_cloudflare.provider import (  # noqa: E402
    CloudflareProvider,
)
from cdktf_cdktf_provider_cloudflare.zone_dnssec import (  # noqa: E402
    ZoneDnssec,
)

__all__ = [
    "CloudflareProvider",
    "DataCloudflareZone",
    "DataCloudflareZoneFilter",
    "DnsRecord",
    "ZoneDnssec",
]
