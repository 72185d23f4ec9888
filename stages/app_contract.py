"""The application's environment contract: what the API and web functions read.

Why data here: the names the app reads are an interface between two
repositories. They are declared once, in the bottom layer, and everything
else derives from this module: the sensitive Terraform variables
(`modules/app/secrets.py`), each function's environment (`modules/app/
platform_stack.py`), the policy rule that compares a synthesized function's
environment with this list (`policies/rules/app_contract_env.py`), the
workflows' `TF_VAR_*` lists (checked by `tests/workflows/`) and
`sgct app-env`, which prints the plain values an app build needs.

Three kinds of names:

- plain: a value derived from the stage (`STAGE`, `NEXT_PUBLIC_API_URL`, ...),
  written into the synthesized JSON;
- secret: a sensitive Terraform variable of the same name, supplied by CI as
  `TF_VAR_<NAME>` from the stage's GitHub environment, never a literal;
- hosting runtime (`HOSTING_RUNTIME_ENV`): names the web hosting adds to the
  server function for OpenNext's caches (bucket, tag table, revalidation
  queue). The app never reads them; the hosting construct owns them. The
  contract rule allows exactly these on the web function, no others.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from stages.model import Stage
from stages.web_runtime_env import SERVER_CACHE_ENV

SINGAPORE_TIME_ZONE = "Asia/Singapore"


class App(enum.Enum):
    """The application's deployed functions that read the contract."""

    API = "api"
    WEB = "web"

    @property
    def function_suffix(self) -> str:
        """The catalogued name suffix of the app's function: `sgcarstrends-<stage>-<suffix>`."""
        return self.value


@dataclass(frozen=True)
class EnvName:
    """One environment variable the app reads."""

    name: str
    description: str
    value: Callable[[Stage], str] | None = None
    """Plain names: the stage's value. None marks a secret (a sensitive Terraform variable)."""

    @property
    def is_secret(self) -> bool:
        return self.value is None


def _secret(name: str, description: str) -> EnvName:
    return EnvName(name, description)


def _flag(enabled: bool) -> str:
    return "true" if enabled else "false"


_DATABASE_URL = _secret("DATABASE_URL", "PostgreSQL connection string")
_API_TOKEN = _secret("SG_CARS_TRENDS_API_TOKEN", "bearer token of the API (QStash schedule, web to API)")
_REVALIDATE_TOKEN = _secret("NEXT_PUBLIC_REVALIDATE_TOKEN", "token of the web's on-demand revalidation")
_REDIS_URL = _secret("UPSTASH_REDIS_REST_URL", "Upstash Redis REST endpoint")
_REDIS_TOKEN = _secret("UPSTASH_REDIS_REST_TOKEN", "Upstash Redis REST token")

API_ENV: tuple[EnvName, ...] = (
    EnvName("STAGE", "the stage name", lambda stage: stage.name),
    EnvName(
        "FEATURE_FLAG_RATE_LIMIT",
        "rate limiting on or off (`StageSettings.feature_flag_rate_limit`)",
        lambda stage: _flag(stage.settings.feature_flag_rate_limit),
    ),
    _DATABASE_URL,
    _API_TOKEN,
    _REVALIDATE_TOKEN,
    _secret("UPDATER_API_TOKEN", "token of the data updater"),
    _secret("GEMINI_API_KEY", "Gemini API key (blog posts)"),
    _secret("QSTASH_TOKEN", "QStash token (publishing workflow steps)"),
    _secret("QSTASH_CURRENT_SIGNING_KEY", "QStash signature verification, current key"),
    _secret("QSTASH_NEXT_SIGNING_KEY", "QStash signature verification, next key"),
    _REDIS_URL,
    _REDIS_TOKEN,
    _secret("DISCORD_WEBHOOK_URL", "Discord publisher webhook"),
    _secret("DISCORD_WORKFLOW_WEBHOOK_URL", "Discord webhook for workflow reports"),
    _secret("LINKEDIN_CLIENT_ID", "LinkedIn app client ID"),
    _secret("LINKEDIN_CLIENT_SECRET", "LinkedIn app client secret"),
    _secret("LINKEDIN_ACCESS_TOKEN", "LinkedIn access token"),
    _secret("LINKEDIN_REFRESH_TOKEN", "LinkedIn refresh token"),
    _secret("LINKEDIN_ORGANISATION_ID", "LinkedIn organisation to post as"),
    _secret("LINKEDIN_USER_ID", "LinkedIn user ID"),
    _secret("TELEGRAM_BOT_TOKEN", "Telegram bot token"),
    _secret("TELEGRAM_CHANNEL_ID", "Telegram channel to post to"),
    _secret("TWITTER_APP_KEY", "Twitter (X) app key"),
    _secret("TWITTER_APP_SECRET", "Twitter (X) app secret"),
    _secret("TWITTER_ACCESS_TOKEN", "Twitter (X) access token"),
    _secret("TWITTER_ACCESS_SECRET", "Twitter (X) access secret"),
)
"""The API function's environment, exactly."""

WEB_ENV: tuple[EnvName, ...] = (
    EnvName("TZ", "time zone for rendering dates", lambda stage: SINGAPORE_TIME_ZONE),
    EnvName("NEXT_PUBLIC_API_URL", "this stage's API URL", lambda stage: f"https://{stage.api_domain}"),
    EnvName("NEXT_PUBLIC_APP_ENV", "the stage name", lambda stage: stage.name),
    _API_TOKEN,
    _DATABASE_URL,
    _REVALIDATE_TOKEN,
    _REDIS_URL,
    _REDIS_TOKEN,
)
"""The web server function's environment, apart from `HOSTING_RUNTIME_ENV`."""

HOSTING_RUNTIME_ENV: frozenset[str] = frozenset(SERVER_CACHE_ENV)
"""Runtime names the web hosting adds to the server function (what OpenNext's incremental cache,
tag cache and revalidation queue read: `stages.web_runtime_env`); owned by the hosting, not the app."""

CONTRACTS: dict[App, tuple[EnvName, ...]] = {App.API: API_ENV, App.WEB: WEB_ENV}


def contract(app: App) -> tuple[EnvName, ...]:
    """The declared environment of `app`."""
    return CONTRACTS[app]


def env_names(app: App) -> tuple[str, ...]:
    """Every name `app` reads (plain and secret), in declaration order."""
    return tuple(entry.name for entry in contract(app))


def secret_names(app: App) -> tuple[str, ...]:
    """The names of `app` that are secrets."""
    return tuple(entry.name for entry in contract(app) if entry.is_secret)


def allowed_runtime_names(app: App) -> frozenset[str]:
    """Names a deployed function of `app` may carry besides its contract (hosting-owned)."""
    return HOSTING_RUNTIME_ENV if app is App.WEB else frozenset()


def plain_values(stage: Stage, app: App) -> dict[str, str]:
    """`{NAME: value}` for the plain names of `app` on `stage`: safe to print, build with, synthesize."""
    return {entry.name: entry.value(stage) for entry in contract(app) if entry.value is not None}


def _all_secret_names() -> tuple[str, ...]:
    names: dict[str, None] = {}
    for app in App:
        names.update(dict.fromkeys(secret_names(app)))
    return tuple(names)


SECRET_NAMES: tuple[str, ...] = _all_secret_names()
"""Every secret any function reads (API first, then the web's), each once."""
