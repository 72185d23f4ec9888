"""Rules a stage name must pass before anything is derived or written.

Each rule has a stable ID; a broken rule raises `StageNameError` naming the
rule, the value and what is allowed.
"""

from __future__ import annotations

import re

from stages import naming
from stages.errors import UnusableInputError
from stages.model import APP_NAME, BOOTSTRAP_STACK_NAME, ZONE_NAME

PERMANENT_STAGE_NAMES = ("prod", "staging", "dev")
RESERVED_LABELS = {
    "api": "api.sgcarstrends.com is prod's API hostname",
    "www": "www.sgcarstrends.com is prod's redirect to the apex",
    BOOTSTRAP_STACK_NAME: f"{BOOTSTRAP_STACK_NAME!r} is the state-bucket stack's name",
}
DNS_LABEL_MAX = 63
HOSTNAME_MAX = 253
_LABEL = re.compile(r"^[a-z]([a-z0-9-]*[a-z0-9])?$")


class StageNameError(UnusableInputError):
    """A stage name broke `rule`; the message says what is allowed."""

    def __init__(self, rule: str, value: str, message: str) -> None:
        self.rule = rule
        self.value = value
        super().__init__(f"stage name {value!r} breaks rule {rule}: {message}")


def check_dns_label(name: str) -> None:
    if not name:
        raise StageNameError("stage-name/dns-label", name, "the name is empty; use e.g. 'pr-123'.")
    if name != name.lower():
        raise StageNameError(
            "stage-name/dns-label", name, f"use lowercase letters only, e.g. {name.lower()!r}."
        )
    if len(name) > DNS_LABEL_MAX or not _LABEL.match(name):
        raise StageNameError(
            "stage-name/dns-label",
            name,
            "a stage name must be a DNS label: 1-63 characters of a-z, 0-9 and '-', "
            "starting with a letter and not ending with '-'.",
        )


def check_no_collision(name: str) -> None:
    """An ephemeral stage must not take another stage's hostnames."""
    if name in PERMANENT_STAGE_NAMES:
        raise StageNameError(
            "stage-name/permanent-name",
            name,
            f"{name!r} is a permanent stage; ephemeral stages need another name, e.g. 'pr-123'.",
        )
    if name in RESERVED_LABELS:
        raise StageNameError("stage-name/reserved", name, f"{RESERVED_LABELS[name]}; pick another name.")
    if name.startswith("api-") or name == "api":
        raise StageNameError(
            "stage-name/api-prefix",
            name,
            f"{name}.{ZONE_NAME} would collide with the API hostname of ephemeral stage "
            f"{name.removeprefix('api-')!r}; drop the 'api-' prefix.",
        )


def check_hostname_lengths(hostnames: tuple[str, ...], name: str) -> None:
    for hostname in hostnames:
        longest_label = max(hostname.split("."), key=len)
        if len(longest_label) > DNS_LABEL_MAX:
            raise StageNameError(
                "stage-name/hostname-too-long",
                name,
                f"hostname {hostname!r} has a {len(longest_label)}-character label; "
                f"DNS allows {DNS_LABEL_MAX}. Shorten the stage name.",
            )
        if len(hostname) > HOSTNAME_MAX:
            raise StageNameError(
                "stage-name/hostname-too-long",
                name,
                f"hostname {hostname!r} is {len(hostname)} characters; DNS allows {HOSTNAME_MAX}.",
            )


def check_aws_name_lengths(name: str) -> None:
    prefix = f"{APP_NAME}-{name}"
    for derived in naming.catalogue():
        rendered = derived.render(prefix)
        if len(rendered) > derived.max_length:
            allowed = len(name) - (len(rendered) - derived.max_length)
            raise StageNameError(
                "stage-name/aws-name-too-long",
                name,
                f"{derived.resource_kind} name {rendered!r} is {len(rendered)} characters; "
                f"AWS allows {derived.max_length}. Use a stage name of at most {allowed} characters.",
            )
