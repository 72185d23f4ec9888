"""The names of the secrets every stage supplies: platform data, free of CDKTF.

Why here: the modules turn each name into a sensitive Terraform variable,
and the policies and plan review treat each name as a credential whatever
its words say (`DATABASE_URL`, `TELEGRAM_CHANNEL_ID`). One list, read by
both, without the policies importing CDKTF.
"""

SECRET_NAMES: tuple[str, ...] = (
    "DATABASE_URL",
    "SG_CARS_TRENDS_API_TOKEN",
    "GEMINI_API_KEY",
    "QSTASH_TOKEN",
    "QSTASH_CURRENT_SIGNING_KEY",
    "QSTASH_NEXT_SIGNING_KEY",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "DISCORD_WEBHOOK_URL",
    "LINKEDIN_ACCESS_TOKEN",
    "LINKEDIN_ORGANIZATION_ID",
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_CHANNEL_ID",
    "TWITTER_API_KEY",
    "TWITTER_API_SECRET",
    "TWITTER_ACCESS_TOKEN",
    "TWITTER_ACCESS_TOKEN_SECRET",
)
"""Every secret the platform's functions read, as environment variable names."""
