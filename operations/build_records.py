"""Which keys each published build uses, kept in the bucket under `_builds/<build id>.json`.

Why records: open browser tabs of an older build still request that build's
hashed chunks, so publishing never deletes. Pruning (explicit only) needs to
know which keys only older builds use; the record is written last, so its
presence also means "this build's publish (uploads + invalidation) finished".
Records live outside the CloudFront origin path, so they are never public.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from botocore.exceptions import BotoCoreError, ClientError

from operations.bucket import RemoteObject, describe, get_json_bytes
from operations.errors import PublishError

RECORD_PREFIX = "_builds/"


@dataclass(frozen=True)
class BuildRecord:
    build_id: str
    published_at: str  # ISO 8601 UTC of the first complete publish; orders builds for pruning
    keys: dict[str, str] = field(default_factory=dict)  # key -> MD5 of the file this build published

    @property
    def key(self) -> str:
        return record_key(self.build_id)

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "build_id": self.build_id,
                "published_at": self.published_at,
                "keys": dict(sorted(self.keys.items())),
            },
            indent=1,
        ).encode()


def record_key(build_id: str) -> str:
    return f"{RECORD_PREFIX}{build_id}.json"


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def read_records(s3, bucket: str, listing: dict[str, RemoteObject]) -> dict[str, BuildRecord]:
    """Every record in `listing` (keys under `_builds/`), by build id."""
    records = {}
    for key in sorted(k for k in listing if k.startswith(RECORD_PREFIX) and k.endswith(".json")):
        raw = get_json_bytes(s3, bucket, key)
        if raw is None:
            continue  # deleted since the listing
        try:
            data = json.loads(raw)
            record = BuildRecord(str(data["build_id"]), str(data["published_at"]), dict(data["keys"]))
        except (ValueError, KeyError, TypeError) as error:
            raise PublishError(
                f"s3://{bucket}/{key}: unreadable build record ({error}); delete it if it "
                "was not written by `sgct publish`, then retry"
            ) from error
        records[record.build_id] = record
    return records


def put_record(s3, bucket: str, record: BuildRecord) -> None:
    try:
        s3.put_object(Bucket=bucket, Key=record.key, Body=record.to_json(), ContentType="application/json")
    except (ClientError, BotoCoreError) as error:
        raise PublishError(
            f"writing s3://{bucket}/{record.key}: {describe(error)}; the files are uploaded, re-run to finish"
        ) from error


def builds_to_prune(records: dict[str, BuildRecord], current: BuildRecord, keep: int) -> list[BuildRecord]:
    """Records older than the newest `keep` builds (the current build counts and is always kept)."""
    others = sorted(
        (r for r in records.values() if r.build_id != current.build_id),
        key=lambda r: r.published_at,
        reverse=True,
    )
    return others[max(keep - 1, 0) :]
