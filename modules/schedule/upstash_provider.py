"""The Upstash Terraform provider (`upstash/upstash`), declared without credentials.

Why no arguments: the provider reads `UPSTASH_EMAIL` and `UPSTASH_API_KEY`
from the environment when an argument is unset (its `email` / `api_key`
default to those variables), so the account's API key never reaches the
synthesized JSON. CI exports both from the stage's GitHub environment on the
step that runs Terraform.

Why raw classes: Upstash publishes no CDKTF package and `cdktf get` needs
the Terraform registry (see `modules/app/raw_provider.py`).
"""

from __future__ import annotations

from modules.app.bindings import Construct
from modules.app.raw_provider import RawProvider

UPSTASH_SOURCE = "upstash/upstash"
UPSTASH_VERSION = "~> 1.5"
"""1.5 added the QStash v2 resources (`upstash_qstash_schedule_v2`)."""
CREDENTIAL_VARIABLES = ("UPSTASH_EMAIL", "UPSTASH_API_KEY")


class UpstashProvider(RawProvider):
    """`provider "upstash" {}` plus `required_providers.upstash = {source, version}`."""

    def __init__(self, scope: Construct, construct_id: str = "upstash") -> None:
        super().__init__(scope, construct_id, name="upstash", source=UPSTASH_SOURCE, version=UPSTASH_VERSION)
