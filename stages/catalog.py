"""The permanent stages as data, and resolution of a name into a `Stage`.

Why: `main.py` loops over what this returns; adding a permanent stage or
changing prod's memory is a data change here, never a new code block.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from stages.model import ZONE_NAME, AlarmThresholds, Protection, Stage, StageKind, StageSettings
from stages.validation import (
    check_aws_name_lengths,
    check_dns_label,
    check_hostname_lengths,
    check_no_collision,
)

ONE_DAY_SECONDS = 86_400
EPHEMERAL_STAGES_VARIABLE = "SGCT_EPHEMERAL_STAGES"

PERMANENT_STAGES: dict[str, Stage] = {
    "prod": Stage(
        name="prod",
        kind=StageKind.PERMANENT,
        protection=Protection.PROTECTED,
        web_at_apex=True,
        redirect_domains=(f"www.{ZONE_NAME}",),
        settings=StageSettings(
            api_memory_mb=1024,
            web_memory_mb=1536,
            log_retention_days=90,
            cors_allow_origins=("https://sgcarstrends.com",),
            cors_max_age_seconds=ONE_DAY_SECONDS,
            health_check_interval_seconds=10,
            feature_flag_rate_limit=True,
            xray_tracing=True,
            waf_enabled=True,
            cdn_log_retention_days=365,
            alarms=AlarmThresholds(
                lambda_error_rate_percent=2.0,
                api_5xx_count=3,
                api_p95_latency_ms=2000,
                cdn_5xx_rate_percent=2.0,
            ),
        ),
    ),
    "staging": Stage(
        name="staging",
        kind=StageKind.PERMANENT,
        protection=Protection.RETAINED,
        settings=StageSettings(
            api_memory_mb=512, web_memory_mb=1024, log_retention_days=30, feature_flag_rate_limit=True
        ),
    ),
    "dev": Stage(
        name="dev",
        kind=StageKind.PERMANENT,
        protection=Protection.NONE,
        settings=StageSettings(
            api_memory_mb=512,
            web_memory_mb=1024,
            log_retention_days=7,
            alarms=AlarmThresholds(
                lambda_error_rate_percent=10.0, api_5xx_count=20, cdn_5xx_rate_percent=10.0
            ),
        ),
    ),
}

EPHEMERAL_SETTINGS = StageSettings(
    api_memory_mb=256,
    web_memory_mb=512,
    log_retention_days=3,
    health_check_enabled=False,
    cdn_log_retention_days=3,
    alarms=AlarmThresholds(lambda_error_rate_percent=25.0, api_5xx_count=50, cdn_5xx_rate_percent=25.0),
)


def ephemeral_stage(name: str) -> Stage:
    """A validated ephemeral stage (`pr-123`, `feature-auth`)."""
    check_dns_label(name)
    check_no_collision(name)
    stage = Stage(
        name=name, kind=StageKind.EPHEMERAL, protection=Protection.NONE, settings=EPHEMERAL_SETTINGS
    )
    check_hostname_lengths(stage.hostnames, name)
    check_aws_name_lengths(name)
    return stage


def resolve_stage(name: str) -> Stage:
    """The permanent stage called `name`, or a new validated ephemeral one."""
    if name in PERMANENT_STAGES:
        return PERMANENT_STAGES[name]
    return ephemeral_stage(name)


def parse_stage_list(text: str) -> list[str]:
    """Split `pr-1, pr-2` (commas or whitespace) into names, dropping blanks."""
    return [part for part in text.replace(",", " ").split() if part]


def selected_stages(
    extra_names: list[str] | None = None, environ: Mapping[str, str] | None = None
) -> list[Stage]:
    """Permanent stages, then ephemeral ones from the CLI and `SGCT_EPHEMERAL_STAGES`.

    Every name is validated before any stage is returned, so a bad name stops
    synthesis before anything is written.
    """
    env: Mapping[str, str] = os.environ if environ is None else environ
    stages = list(PERMANENT_STAGES.values())
    requested = [*(extra_names or []), *parse_stage_list(env.get(EPHEMERAL_STAGES_VARIABLE, ""))]
    for name in dict.fromkeys(requested):
        stages.append(ephemeral_stage(name))
    return stages
