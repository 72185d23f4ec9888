"""Recognise secret-looking names and values, and mask them.

Why here and not in the rule: the no-secret-literals rule and the
redaction used by every report need the same idea of "looks secret", so a
value the rule flags is also a value no report will ever print.

Two signals: a key name that means "credential" (`password`, `*_TOKEN`,
`api_key`, `signing_key`, ..., and every secret the platform declares,
`DATABASE_URL` included) holding a literal string, and a value that is a
known credential format (AWS key IDs, private keys, GitHub/Slack/Stripe
tokens, JWTs, URLs with a password, Discord/Slack webhook URLs) or a long
high-entropy string.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

from stages.secret_names import SECRET_NAMES

_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
SECRET_WORDS = frozenset(
    {"password", "passwd", "pwd", "secret", "token", "apikey", "credential", "credentials"}
)
SECRET_PAIRS = frozenset(
    {
        ("api", "key"),
        ("private", "key"),
        ("signing", "key"),
        ("access", "key"),
        ("secret", "key"),
        ("client", "secret"),
        ("auth", "key"),
        ("encryption", "key"),
    }
)
# `secret_name`, `token_ttl`, `password_length`: metadata about a secret, not the secret.
METADATA_WORDS = frozenset(
    {
        "name",
        "arn",
        "id",
        "ids",
        "ttl",
        "type",
        "version",
        "length",
        "policy",
        "enabled",
        "count",
        "seconds",
        "source",
        "sources",
        "header",
        "path",
        "uri",
        "parameter",
        "rotation",
        "validity",
    }
)

# Their names are credentials whatever their words say (`DATABASE_URL`, `TELEGRAM_CHANNEL_ID`).
PLATFORM_SECRET_NAMES: tuple[str, ...] = SECRET_NAMES
_PLATFORM_SECRET_KEYS = frozenset(PLATFORM_SECRET_NAMES)

KNOWN_FORMATS: tuple[tuple[str, re.Pattern], ...] = (
    ("AWS access key ID", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("Stripe key", re.compile(r"\b[sr]k_live_[A-Za-z0-9]{16,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("JSON web token", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
    # The password may hold `/`, `$`, `+`... anything but whitespace and `@`; `${...}` is dropped first.
    ("URL with embedded password", re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^\s@]+@")),
    # Whoever holds a Discord or Slack webhook URL can post as the platform: the URL is the credential.
    (
        "webhook URL",
        re.compile(
            r"https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/webhooks/\d+/[\w-]{20,}"
            r"|https://hooks\.slack\.com/(?:services|workflows|triggers)/[\w-]+/[\w/-]{8,}"
        ),
    ),
)
_INTERPOLATION = re.compile(r"\$\{[^}]*\}")
_ANY_FORMAT = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in KNOWN_FORMATS))
"""Every known format in one pattern: one scan of the text instead of one per format."""
_SHORTEST_MATCH = 8
"""No known format (`a://b:c@` is the shortest) nor a high-entropy string is shorter than this."""
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_CANDIDATE = re.compile(r"^[A-Za-z0-9+/=_\-.]{32,}$")


@functools.lru_cache(maxsize=4096)
def key_words(key: str) -> tuple[str, ...]:
    """`QSTASH_CURRENT_SIGNING_KEY` / `apiKey` -> (qstash, current, signing, key); cached: names repeat."""
    return tuple(word.lower() for word in _WORD.findall(key))


@functools.lru_cache(maxsize=4096)
def is_secret_key(key: str) -> bool:
    """True when a key name says its value is a credential (and not metadata about one).

    A platform secret's name (`DATABASE_URL`, also as `databaseUrl` or
    `TF_VAR_DATABASE_URL`) always is; other names by their words.
    """
    words = key_words(key)
    if words[:2] == ("tf", "var"):
        words = words[2:]
    if "_".join(words).upper() in _PLATFORM_SECRET_KEYS:
        return True
    if not words or words[-1] in METADATA_WORDS:
        return False
    if SECRET_WORDS.intersection(words):
        return True
    return any(pair in SECRET_PAIRS for pair in zip(words, words[1:], strict=False))


def is_reference(text: str) -> bool:
    """`${var.x}`, `${data.y.z}`, `prefix-${...}`: the value is computed, not a literal."""
    return "${" in text


def shannon_entropy(text: str) -> float:
    """Bits per character."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def secret_value_kind(text: str) -> str | None:
    """What kind of credential `text` looks like, or None.

    Literal parts only: `${...}` interpolations are dropped before matching.
    High entropy means 32+ characters of a token alphabet, letters and digits
    mixed, > 4.5 bits/char; UUIDs, ARNs, paths and plain hex digests are not flagged.
    """
    literal = _INTERPOLATION.sub("", text) if "${" in text else text
    if len(literal) < _SHORTEST_MATCH:
        return None
    found = _ANY_FORMAT.search(literal)
    if found is not None:
        return next(kind for kind, pattern in KNOWN_FORMATS if pattern.search(literal))
    if _CANDIDATE.match(literal) and not _UUID.match(literal) and "/" not in literal.strip("/="):
        has_digit = any(c.isdigit() for c in literal)
        has_letter = any(c.isalpha() for c in literal)
        is_hex = all(c in "0123456789abcdefABCDEF" for c in literal)
        if has_digit and has_letter and not is_hex and shannon_entropy(literal) > 4.5:
            return "high-entropy string"
    return None


def mask(text: str) -> str:
    """A placeholder that reveals nothing of the value but its length."""
    return f"<masked, {len(text)} chars>"
