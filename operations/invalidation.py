"""CloudFront invalidation after a publish: one request, few paths.

Why grouped: CloudFront bills invalidation paths beyond 1,000 a month and a
wildcard counts as one, so files in a subdirectory become `/<dir>/*` and more
than `MAX_PATHS` paths become `/*`. Hashed `_next/static` files never need it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable

from botocore.exceptions import BotoCoreError, ClientError

from operations.bucket import describe
from operations.errors import PublishError

MAX_PATHS = 15


def group_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """`/a.png`, `/img/x.png`, `/img/y.png` -> (`/a.png`, `/img/*`); too many -> (`/*`,)."""
    grouped = set()
    for path in paths:
        parts = path.strip("/").split("/")
        grouped.add("/" + parts[0] if len(parts) == 1 else f"/{parts[0]}/*")
    if len(grouped) > MAX_PATHS:
        return ("/*",)
    return tuple(sorted(grouped))


def invalidate(cloudfront, distribution_id: str, paths: tuple[str, ...], build_id: str) -> str:
    """Create one invalidation for `paths`; returns its id."""
    digest = hashlib.sha256(" ".join(paths).encode()).hexdigest()[:12]
    reference = f"sgct-{build_id}-{digest}-{time.time_ns()}"
    try:
        response = cloudfront.create_invalidation(
            DistributionId=distribution_id,
            InvalidationBatch={
                "Paths": {"Quantity": len(paths), "Items": list(paths)},
                "CallerReference": reference,
            },
        )
    except (ClientError, BotoCoreError) as error:
        raise PublishError(
            f"invalidating CloudFront distribution {distribution_id} ({' '.join(paths)}) "
            f"failed: {describe(error)}; the files are uploaded, re-run to retry the "
            "invalidation"
        ) from error
    return response["Invalidation"]["Id"]
