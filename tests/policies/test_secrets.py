"""Secret detection: key names and value shapes."""

import pytest

from policies.secrets import is_secret_key, mask, secret_value_kind


@pytest.mark.parametrize("key", ["password", "DATABASE_PASSWORD", "SG_CARS_TRENDS_API_TOKEN", "apiKey", "api_key",
                                 "QSTASH_NEXT_SIGNING_KEY", "client_secret", "TWITTER_ACCESS_TOKEN_SECRET"])
def test_credential_key_names(key):
    assert is_secret_key(key)


@pytest.mark.parametrize("key", ["secret_name", "token_ttl", "password_length", "STAGE", "bucket", "key",
                                 "identity_sources", "authorizer_type", "UPSTASH_REDIS_REST_URL"])
def test_metadata_key_names(key):
    assert not is_secret_key(key)


@pytest.mark.parametrize("value, kind", [
    ("AKIA" + "ABCDEFGHIJKLMNOP", "AWS access key ID"),
    ("postgresql://user:pa55@host/db", "URL with embedded password"),
    ("-----BEGIN RSA PRIVATE KEY-----\nabc", "private key"),
    ("sig_" + "Xk9vQ2pL7rT4mN8bW3zY6hJ1cF5dG0aS", "high-entropy string"),
])
def test_secret_shaped_values(value, kind):
    assert secret_value_kind(value) == kind


@pytest.mark.parametrize("value", ["658327ea-f89d-4fab-a63d-7e88639e58f6", "arn:aws:iam::123456789012:role/x",
                                   "https://api.sgcarstrends.com", "a" * 64, "0123456789abcdef" * 4,
                                   "postgres://${var.user}:${var.password}@host/db", "sgcarstrends-prod-api"])
def test_ordinary_values(value):
    assert secret_value_kind(value) is None


def test_mask_reveals_only_the_length():
    assert mask("hunter2") == "<masked, 7 chars>"
