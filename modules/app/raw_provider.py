"""Providers and resources that have no Python bindings, over CDKTF's raw classes.

Why: a provider without a published CDKTF package (Upstash) would otherwise
need `cdktf get`, which downloads the provider's schema from the Terraform
registry, unreachable from CI's build step and from these machines. The
raw `TerraformProvider` / `TerraformResource` classes write any type with
any arguments; the typed construct built on them (e.g.
`modules/schedule/qstash_schedule.py`) declares the arguments it writes and
is tested against the provider's documented schema, so the typing lives in
our code instead of generated bindings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jsii

from modules.app.bindings import (
    Construct,
    TerraformProvider,
    TerraformProviderGeneratorMetadata,
    TerraformResource,
    TerraformResourceLifecycle,
)


class RawProvider(TerraformProvider):
    """A `provider "<name>"` block and its `required_providers` entry (source, version)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        name: str,
        source: str,
        version: str,
        attributes: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            scope,
            construct_id,
            terraform_resource_type=name,
            terraform_provider_source=source,
            terraform_generator_metadata=TerraformProviderGeneratorMetadata(
                provider_name=name, provider_version_constraint=version
            ),
        )
        self._attributes = dict(attributes or {})

    @jsii.member(jsii_name="synthesizeAttributes")
    def _synthesize_attributes(self) -> Mapping[str, Any]:
        return self._attributes


class RawResource(TerraformResource):
    """A `resource "<type>"` whose arguments are given as a mapping (None values are left out)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        resource_type: str,
        provider: RawProvider,
        attributes: Mapping[str, Any],
        lifecycle: TerraformResourceLifecycle | None = None,
    ) -> None:
        super().__init__(
            scope,
            construct_id,
            terraform_resource_type=resource_type,
            provider=provider,
            lifecycle=lifecycle,
            terraform_generator_metadata=TerraformProviderGeneratorMetadata(
                provider_name=provider.terraform_resource_type
            ),
        )
        self._attributes = {key: value for key, value in attributes.items() if value is not None}

    @jsii.member(jsii_name="synthesizeAttributes")
    def _synthesize_attributes(self) -> Mapping[str, Any]:
        return self._attributes
