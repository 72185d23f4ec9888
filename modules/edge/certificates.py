"""ACM certificates validated through Cloudflare DNS records.

Why here: CloudFront only accepts certificates from us-east-1, while the API
Gateway custom domain needs one in its own region (ap-southeast-1). Both are
validated the same way, so one construct issues one certificate and its
validation; the stage asks for two of them.

Why the for_each: `domain_validation_options` is a set only known at apply
time. The records are created with `for_each` over a map keyed by domain
name (known at plan time). A wildcard `*.x` is validated by the same record
as `x`, so wildcard entries are filtered out of that map and a wildcard is
only accepted together with its base domain (checked at construction).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modules.app.aws import AcmCertificate, AcmCertificateValidation
from modules.app.bindings import (
    Construct,
    Fn,
    TerraformIterator,
    TerraformProvider,
    TerraformResourceLifecycle,
    Token,
)
from modules.app.cloudflare import DnsRecord
from stages import Stage

VALIDATION_RECORD_TTL_SECONDS = 60


@dataclass(frozen=True)
class CertificateProps:
    """One DNS-validated ACM certificate."""

    domain_name: str
    """The certificate's primary name, e.g. `sgcarstrends.com`."""
    subject_alternative_names: tuple[str, ...] = ()
    """default: none. Extra names, e.g. `www.sgcarstrends.com`, `*.sgcarstrends.com`."""
    validate: bool = True
    """default: create Cloudflare validation records and wait for issuance; False on local targets."""
    zone_id: str | None = None
    """default: none; the Cloudflare zone for the validation records, required when `validate` is True."""
    provider: TerraformProvider | None = None
    """default: the stack's default AWS provider; pass `providers.aws_global` for CloudFront."""
    tags: dict[str, str] = field(default_factory=dict)
    """default: none beyond the provider's default tags."""

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.domain_name, *self.subject_alternative_names)

    def __post_init__(self) -> None:
        names = self.all_names
        if len(set(names)) != len(names):
            raise ValueError(f"certificate names repeat a domain: {names}; list each name once.")
        for name in names:
            if not name or name != name.lower() or name.endswith(".") or " " in name:
                raise ValueError(
                    f"certificate name {name!r} is not a lowercase hostname without a trailing dot, "
                    "e.g. 'sgcarstrends.com' or '*.sgcarstrends.com'."
                )
            if "*" in name and not (name.startswith("*.") and name.count("*") == 1):
                raise ValueError(
                    f"certificate name {name!r}: a wildcard must be the whole first label, e.g. "
                    "'*.sgcarstrends.com'."
                )
            if name.startswith("*.") and name[2:] not in names:
                raise ValueError(
                    f"wildcard {name!r} needs its base domain {name[2:]!r} on the same certificate: "
                    "both share one validation record, which is created once for the base."
                )
        if self.validate and not self.zone_id:
            raise ValueError(
                "certificate validation needs the Cloudflare zone_id; pass zone_id or set validate=False."
            )


class DnsValidatedCertificate(Construct):
    """An ACM certificate, its Cloudflare validation records and its validation.

    `certificate_arn` is the ARN to hand to CloudFront or API Gateway: the
    validated ARN when validation is on (so consumers wait for issuance), the
    raw certificate ARN otherwise.
    """

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: CertificateProps) -> None:
        super().__init__(scope, construct_id)
        self.props = props
        self.certificate = AcmCertificate(
            self,
            "certificate",
            domain_name=props.domain_name,
            subject_alternative_names=list(props.subject_alternative_names) or None,
            validation_method="DNS",
            key_algorithm="RSA_2048",
            tags=props.tags or None,
            provider=props.provider,
            # A certificate in use cannot be deleted first: replace it by creating the new one before.
            lifecycle=TerraformResourceLifecycle(create_before_destroy=True),
        )
        self.validation_records: DnsRecord | None = None
        self.validation: AcmCertificateValidation | None = None
        self.certificate_arn: str = self.certificate.arn
        if props.validate and props.zone_id is not None:  # CertificateProps requires zone_id to validate
            self._add_validation(props, props.zone_id)

    def _add_validation(self, props: CertificateProps, zone_id: str) -> None:
        options = TerraformIterator.from_list(self.certificate.domain_validation_options)
        by_domain = options.for_expression_for_map(
            "val.domain_name", 'val if !startswith(val.domain_name, "*.")'
        )
        each = TerraformIterator.from_map(Token.as_any_map(by_domain))
        records = DnsRecord(
            self,
            "validation_record",
            for_each=each,
            zone_id=zone_id,
            name=Fn.trimsuffix(each.get_string("resource_record_name"), "."),
            type=each.get_string("resource_record_type"),
            content=Fn.trimsuffix(each.get_string("resource_record_value"), "."),
            ttl=VALIDATION_RECORD_TTL_SECONDS,
            proxied=False,
            comment=f"ACM validation for {props.domain_name}",
        )
        validation = AcmCertificateValidation(
            self,
            "validation",
            certificate_arn=self.certificate.arn,
            provider=props.provider,
            depends_on=[records],
        )
        self.validation_records = records
        self.validation = validation
        self.certificate_arn = validation.certificate_arn


def cdn_certificate_props(
    stage: Stage, zone_id: str | None, validate: bool, provider: TerraformProvider
) -> CertificateProps:
    """The us-east-1 certificate CloudFront needs: web domain, redirect domains, wildcard."""
    names = (*stage.redirect_domains, *((stage.wildcard_domain,) if stage.wildcard_domain else ()))
    return CertificateProps(
        domain_name=stage.web_domain,
        subject_alternative_names=names,
        validate=validate,
        zone_id=zone_id,
        provider=provider,
    )


def api_certificate_props(
    stage: Stage, zone_id: str | None, validate: bool, provider: TerraformProvider
) -> CertificateProps:
    """The regional certificate for the API Gateway custom domain."""
    return CertificateProps(
        domain_name=stage.api_domain, validate=validate, zone_id=zone_id, provider=provider
    )
