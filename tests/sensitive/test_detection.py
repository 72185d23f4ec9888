"""Secret detection: key names and value shapes."""

import pytest

from modules.app.secrets import SECRET_NAMES
from sensitive.detection import PLATFORM_SECRET_NAMES, is_secret_key, mask, secret_value_kind

DISCORD_WEBHOOK = "https://discord.com/api/webhooks/123456789012345678/" + "AbC-dEf_123" * 6
SLACK_WEBHOOK = "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/" + "aBcDeF123456" * 2


@pytest.mark.parametrize(
    "key",
    [
        "password",
        "DATABASE_PASSWORD",
        "SG_CARS_TRENDS_API_TOKEN",
        "apiKey",
        "api_key",
        "QSTASH_NEXT_SIGNING_KEY",
        "client_secret",
        "TWITTER_ACCESS_TOKEN_SECRET",
        "DATABASE_URL",
        "DISCORD_WEBHOOK_URL",
        "UPSTASH_REDIS_REST_URL",
        "databaseUrl",
        "TF_VAR_DATABASE_URL",
    ],
)
def test_credential_key_names(key):
    assert is_secret_key(key)


@pytest.mark.parametrize(
    "key",
    [
        "secret_name",
        "token_ttl",
        "password_length",
        "STAGE",
        "bucket",
        "key",
        "identity_sources",
        "authorizer_type",
        "API_URL",
        "url",
        "DATABASE_HOST",
    ],
)
def test_metadata_key_names(key):
    assert not is_secret_key(key)


@pytest.mark.parametrize("name", SECRET_NAMES)
def test_every_platform_secret_name_is_a_secret_key(name):
    assert is_secret_key(name)


def test_policies_and_modules_read_the_same_secret_list():
    assert PLATFORM_SECRET_NAMES is SECRET_NAMES
    assert "DATABASE_URL" in SECRET_NAMES and len(set(SECRET_NAMES)) == len(SECRET_NAMES)


@pytest.mark.parametrize(
    "value, kind",
    [
        ("AKIA" + "ABCDEFGHIJKLMNOP", "AWS access key ID"),
        ("postgresql://user:pa55@host/db", "URL with embedded password"),
        ("postgres://app:pa$$w0rd@db:5432/x", "URL with embedded password"),
        ("postgres://app:ab/cd+ef@db/x", "URL with embedded password"),
        ("redis://default:${var.x}tail@cache:6379", "URL with embedded password"),
        ("-----BEGIN RSA PRIVATE KEY-----\nabc", "private key"),
        ("sig_" + "Xk9vQ2pL7rT4mN8bW3zY6hJ1cF5dG0aS", "high-entropy string"),
        (DISCORD_WEBHOOK, "webhook URL"),
        (DISCORD_WEBHOOK.replace("discord.com", "discordapp.com"), "webhook URL"),
        (SLACK_WEBHOOK, "webhook URL"),
    ],
)
def test_secret_shaped_values(value, kind):
    assert secret_value_kind(value) == kind


@pytest.mark.parametrize(
    "value",
    [
        "658327ea-f89d-4fab-a63d-7e88639e58f6",
        "arn:aws:iam::123456789012:role/x",
        "https://api.sgcarstrends.com",
        "a" * 64,
        "0123456789abcdef" * 4,
        "postgres://${var.user}:${var.password}@host/db",
        "sgcarstrends-prod-api",
        "postgres://app:${var.db_password}@db:5432/x",
        "${var.DATABASE_URL}",
        "db.example.com",
        "https://eu1-fine-cat.upstash.io:443/path",
        "ssh://git@github.com:22/org/repo",
        "https://discord.com/api/webhooks",
        "https://hooks.slack.com/services/",
        "https://discord.com/channels/1/2",
    ],
)
def test_ordinary_values(value):
    assert secret_value_kind(value) is None


def test_mask_reveals_only_the_length():
    assert mask("hunter2") == "<masked, 7 chars>"
