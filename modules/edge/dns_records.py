"""Cloudflare DNS for a stage: a record per hostname, DNSSEC on the shared zone.

Why DNS-only (proxied=false): CloudFront and API Gateway terminate TLS with
ACM certificates for these names; a Cloudflare proxy in front would present
its own certificate and hide the viewer's Host. The apex is a CNAME too;
Cloudflare flattens it at the zone apex.

Why only prod owns DNSSEC: every stage shares the `sgcarstrends.com` zone, and
a zone setting managed by several states would flip-flop; the most protected
stage owns it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from modules.app.bindings import Construct, TerraformVariable, Token
from modules.app.cloudflare import DataCloudflareZone, DataCloudflareZoneFilter, DnsRecord, ZoneDnssec
from stages import ZONE_NAME, Stage

AUTOMATIC_TTL = 1
ZONE_ID_VARIABLE = "cloudflare_zone_id"
_ZONE_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class DnsTarget:
    """One hostname and the DNS name it points at (CNAME)."""

    hostname: str
    target: str
    """e.g. the distribution's `*.cloudfront.net` name or the API Gateway regional target."""
    purpose: str
    """Short comment on the Cloudflare record, e.g. 'web (CloudFront)'."""


@dataclass(frozen=True)
class DnsRecordsProps:
    """The stage's hostnames and targets, and how to find the zone."""

    records: tuple[DnsTarget, ...]
    zone_name: str = ZONE_NAME
    """default: `sgcarstrends.com`; every hostname must be inside it."""
    zone_id: str | None = None
    """default: none, the zone is looked up by name unless the `cloudflare_zone_id` variable is set."""
    manage_dnssec: bool = False
    """default: False; only the stage that owns the shared zone (prod) enables DNSSEC."""

    def __post_init__(self) -> None:
        if not self.records:
            raise ValueError("DnsRecordsProps.records is empty; give at least the stage's web hostname.")
        seen: set[str] = set()
        for record in self.records:
            host = record.hostname
            if host in seen:
                raise ValueError(
                    f"hostname {host!r} appears twice in DnsRecordsProps.records; one record per hostname."
                )
            seen.add(host)
            if host != self.zone_name and not host.endswith("." + self.zone_name):
                raise ValueError(
                    f"hostname {host!r} is outside the zone {self.zone_name!r}; use a name under it."
                )
            if "*" in host:
                raise ValueError(
                    f"hostname {host!r}: wildcard records are not managed here; list concrete hostnames."
                )
            if not Token.is_unresolved(record.target) and (not record.target or "/" in record.target):
                raise ValueError(
                    f"target {record.target!r} for {host!r} must be a bare DNS name (no scheme or path)."
                )
        if (
            self.zone_id is not None
            and not Token.is_unresolved(self.zone_id)
            and not _ZONE_ID.match(self.zone_id)
        ):
            raise ValueError(
                f"zone_id={self.zone_id!r} is not a Cloudflare zone ID (32 lowercase hex characters)."
            )


class ZoneId(Construct):
    """The zone ID: the `cloudflare_zone_id` variable when set, else a lookup by name."""

    def __init__(self, scope: Construct, construct_id: str, zone_name: str) -> None:
        super().__init__(scope, construct_id)
        self.variable = TerraformVariable(
            self,
            ZONE_ID_VARIABLE,
            type="string",
            default="",
            description=f"Cloudflare zone ID of {zone_name}; empty = look the zone up by name. Not a secret.",
        )
        self.variable.override_logical_id(ZONE_ID_VARIABLE)
        self.lookup = DataCloudflareZone(self, "lookup", filter=DataCloudflareZoneFilter(name=zone_name))
        self.value: str = Token.as_string(
            f'${{var.{ZONE_ID_VARIABLE} != "" ? var.{ZONE_ID_VARIABLE} : {self.lookup.fqn}.zone_id}}'
        )


class DnsRecords(Construct):
    """`records[hostname]`: one DNS-only CNAME per hostname; `dnssec` when the stage owns the zone."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: DnsRecordsProps) -> None:
        super().__init__(scope, construct_id)
        self.zone_id: str = props.zone_id or ZoneId(self, "zone", props.zone_name).value
        self.records = {}
        for record in props.records:
            self.records[record.hostname] = DnsRecord(
                self,
                _record_id(record.hostname, props.zone_name),
                zone_id=self.zone_id,
                name=record.hostname,
                type="CNAME",
                content=record.target,
                proxied=False,
                ttl=AUTOMATIC_TTL,
                comment=f"{stage.prefix}: {record.purpose}",
            )
        self.dnssec = None
        if props.manage_dnssec:
            self.dnssec = ZoneDnssec(self, "dnssec", zone_id=self.zone_id, status="active")


def _record_id(hostname: str, zone_name: str) -> str:
    """Stable construct ID from the hostname: `apex`, `www`, `api_staging`, ..."""
    if hostname == zone_name:
        return "apex"
    return hostname[: -len(zone_name) - 1].replace(".", "_").replace("-", "_")


def stage_dns_props(
    stage: Stage, cdn_domain: str, api_target: str, zone_id: str | None = None
) -> DnsRecordsProps:
    """Web and redirect hostnames to CloudFront, the API hostname to its API Gateway domain."""
    records = [DnsTarget(stage.web_domain, cdn_domain, "web (CloudFront)")]
    records += [
        DnsTarget(host, cdn_domain, f"redirect to {stage.web_domain} (CloudFront)")
        for host in stage.redirect_domains
    ]
    records.append(DnsTarget(stage.api_domain, api_target, "API (API Gateway custom domain)"))
    return DnsRecordsProps(records=tuple(records), zone_id=zone_id, manage_dnssec=stage.is_protected)
