"""The app contract: the exact names the API and web read, plain vs secret, per-stage values."""

import pytest

from stages import resolve_stage
from stages.app_contract import (
    API_ENV,
    HOSTING_RUNTIME_ENV,
    SECRET_NAMES,
    WEB_ENV,
    App,
    allowed_runtime_names,
    env_names,
    plain_values,
    secret_names,
)
from stages.secret_names import SECRET_NAMES as SHARED_SECRET_NAMES

API_SECRETS = {
    "DATABASE_URL",
    "SG_CARS_TRENDS_API_TOKEN",
    "NEXT_PUBLIC_REVALIDATE_TOKEN",
    "UPDATER_API_TOKEN",
    "GEMINI_API_KEY",
    "QSTASH_TOKEN",
    "QSTASH_CURRENT_SIGNING_KEY",
    "QSTASH_NEXT_SIGNING_KEY",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "DISCORD_WEBHOOK_URL",
    "DISCORD_WORKFLOW_WEBHOOK_URL",
    "LINKEDIN_CLIENT_ID",
    "LINKEDIN_CLIENT_SECRET",
    "LINKEDIN_ACCESS_TOKEN",
    "LINKEDIN_REFRESH_TOKEN",
    "LINKEDIN_ORGANISATION_ID",
    "LINKEDIN_USER_ID",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_CHANNEL_ID",
    "TWITTER_APP_KEY",
    "TWITTER_APP_SECRET",
    "TWITTER_ACCESS_TOKEN",
    "TWITTER_ACCESS_SECRET",
}
WEB_SECRETS = {
    "SG_CARS_TRENDS_API_TOKEN",
    "DATABASE_URL",
    "NEXT_PUBLIC_REVALIDATE_TOKEN",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
}


def test_the_api_reads_exactly_the_listed_names():
    assert set(secret_names(App.API)) == API_SECRETS
    assert set(env_names(App.API)) == API_SECRETS | {"STAGE", "FEATURE_FLAG_RATE_LIMIT"}
    assert len(env_names(App.API)) == len(API_ENV)


def test_the_web_reads_exactly_the_listed_names():
    assert set(secret_names(App.WEB)) == WEB_SECRETS
    assert set(env_names(App.WEB)) == WEB_SECRETS | {"TZ", "NEXT_PUBLIC_API_URL", "NEXT_PUBLIC_APP_ENV"}
    assert len(env_names(App.WEB)) == len(WEB_ENV)


def test_every_secret_is_shared_once_and_the_old_misspellings_are_gone():
    assert SHARED_SECRET_NAMES == SECRET_NAMES
    assert set(SECRET_NAMES) == API_SECRETS | WEB_SECRETS and len(SECRET_NAMES) == len(set(SECRET_NAMES))
    for old in (
        "TWITTER_API_KEY",
        "TWITTER_API_SECRET",
        "TWITTER_ACCESS_TOKEN_SECRET",
        "LINKEDIN_ORGANIZATION_ID",
    ):
        assert old not in SECRET_NAMES


@pytest.mark.parametrize(
    "stage, api_url, rate_limit",
    [
        ("prod", "https://api.sgcarstrends.com", "true"),
        ("staging", "https://api.staging.sgcarstrends.com", "true"),
        ("dev", "https://api.dev.sgcarstrends.com", "false"),
        ("pr-123", "https://api-pr-123.sgcarstrends.com", "false"),
    ],
)
def test_plain_values_follow_the_stage(stage, api_url, rate_limit):
    resolved = resolve_stage(stage)
    assert plain_values(resolved, App.WEB) == {
        "TZ": "Asia/Singapore",
        "NEXT_PUBLIC_API_URL": api_url,
        "NEXT_PUBLIC_APP_ENV": stage,
    }
    assert plain_values(resolved, App.API) == {"STAGE": stage, "FEATURE_FLAG_RATE_LIMIT": rate_limit}


def test_hosting_names_are_the_webs_only_and_never_contract_names():
    assert allowed_runtime_names(App.WEB) == HOSTING_RUNTIME_ENV
    assert allowed_runtime_names(App.API) == frozenset()
    assert not HOSTING_RUNTIME_ENV & (set(env_names(App.WEB)) | set(env_names(App.API)))
