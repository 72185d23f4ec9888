"""The environment variable names OpenNext's functions read at run time, as data.

Why here (the bottom layer): the web constructs set exactly these names, and
the App contract (`stages.app_contract.HOSTING_RUNTIME_ENV`) allows the
server's on the web server function next to its own names; both read this
one list. Names were taken from the
installed `@opennextjs/aws` 4.x sources (`overrides/incrementalCache/s3.js`,
`overrides/tagCache/dynamodb.js`, `overrides/queue/sqs.js`,
`overrides/imageLoader/s3.js`, `overrides/warmer/aws-lambda.js`).
"""

from __future__ import annotations

SERVER_CACHE_ENV: tuple[str, ...] = (
    "CACHE_BUCKET_NAME",
    "CACHE_BUCKET_KEY_PREFIX",
    "CACHE_BUCKET_REGION",
    "CACHE_DYNAMO_TABLE",
    "REVALIDATION_QUEUE_URL",
    "REVALIDATION_QUEUE_REGION",
)
"""What the server function reads for its incremental cache (S3), tag cache (DynamoDB) and queue (SQS)."""

IMAGE_OPTIMIZER_ENV: tuple[str, ...] = ("BUCKET_NAME", "BUCKET_KEY_PREFIX")
"""What the image optimizer's S3 loader reads: the bucket and the `_assets` key prefix."""

WARMER_ENV: tuple[str, ...] = ("WARM_PARAMS",)
"""JSON list of `{"function": <server function name>, "concurrency": <n>}`."""

INITIALIZATION_ENV: tuple[str, ...] = ("CACHE_DYNAMO_TABLE", "CACHE_BUCKET_REGION")
"""The tag-cache seeding function: the table, and the region its DynamoDB client uses."""
