"""The S3 side of publishing: one listing per prefix, parallel uploads, batched deletes.

Why a listing: comparing size + ETag from `ListObjectsV2` (1,000 keys per
call) tells which files changed without a request per file. Uploads are single
`PutObject` calls so the ETag stays the MD5 of the body (multipart ETags are
not), which keeps the comparison exact on the next run.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from operations.errors import PublishError
from operations.progress import Progress
from operations.publish_files import LocalFile


@dataclass(frozen=True)
class RemoteObject:
    size: int
    etag: str  # without quotes


def describe(error: Exception) -> str:
    if isinstance(error, ClientError):
        return f"{error.response['Error'].get('Code')}: {error.response['Error'].get('Message')}"
    return str(error)


def _credentials_hint(error: Exception, action: str) -> PublishError:
    if isinstance(error, NoCredentialsError):
        return PublishError(
            f"{action}: no AWS credentials found; set AWS_PROFILE or AWS_ACCESS_KEY_ID/"
            "AWS_SECRET_ACCESS_KEY (CI: the OIDC role) and retry"
        )
    return PublishError(f"{action}: {describe(error)}")


def list_prefix(s3, bucket: str, prefix: str) -> dict[str, RemoteObject]:
    """Every object under `prefix` (`""`: the whole bucket) with its size and ETag."""
    found: dict[str, RemoteObject] = {}
    try:
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                found[item["Key"]] = RemoteObject(item["Size"], item["ETag"].strip('"'))
    except ClientError as error:
        if error.response["Error"].get("Code") == "NoSuchBucket":
            raise PublishError(
                f"bucket {bucket!r} does not exist; apply the stage first (or check --bucket)"
            ) from error
        raise _credentials_hint(error, f"listing s3://{bucket}/{prefix}") from error
    except BotoCoreError as error:
        raise _credentials_hint(error, f"listing s3://{bucket}/{prefix}") from error
    return found


def get_json_bytes(s3, bucket: str, key: str) -> bytes | None:
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError as error:
        if error.response["Error"].get("Code") in ("NoSuchKey", "404"):
            return None
        raise _credentials_hint(error, f"reading s3://{bucket}/{key}") from error


def send_bodies_without_waiting(s3) -> None:
    """Make `s3` send each request body with its headers, without `Expect: 100-continue`.

    botocore asks before every body and waits for S3's `100 Continue`: one more
    network round trip per file, so a build of small hashed files waits twice as
    long per upload. The handshake only saves sending a large body S3 would
    refuse; publishing sends small files to a bucket it has just listed.
    """
    from botocore.handlers import add_expect_header

    s3.meta.events.unregister("before-call.s3", add_expect_header)


def _put(s3, bucket: str, file: LocalFile) -> None:
    extra = {"ContentType": file.content_type}
    if file.cache_control:
        extra["CacheControl"] = file.cache_control
    with file.path.open("rb") as body:
        s3.put_object(Bucket=bucket, Key=file.key, Body=body, **extra)


def upload_all(s3, bucket: str, files: list[LocalFile], workers: int = 16) -> None:
    """Upload `files` with `workers` threads (1: sequentially); every failure is reported together."""
    progress = Progress("uploading", len(files), sum(f.size for f in files))
    failures: list[tuple[str, str]] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_put, s3, bucket, file): file for file in files}
        for future in as_completed(futures):
            file = futures[future]
            try:
                future.result()
            except (ClientError, BotoCoreError, OSError) as error:
                failures.append((file.key, describe(error)))
            progress.advance(file.size)
    if failures:
        shown = "\n".join(f"  {key}: {reason}" for key, reason in sorted(failures)[:10])
        more = f"\n  ... and {len(failures) - 10} more" if len(failures) > 10 else ""
        if all(reason.startswith("Unable to locate credentials") for _, reason in failures):
            raise PublishError(
                f"uploading to s3://{bucket}: no AWS credentials found; set AWS_PROFILE or "
                "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and retry"
            )
        raise PublishError(
            f"{len(failures)} of {len(files)} uploads to s3://{bucket} failed (the others "
            f"succeeded; re-run to finish, unchanged files are skipped):\n{shown}{more}"
        )


def delete_keys(s3, bucket: str, keys: list[str]) -> None:
    """Delete in batches of 1,000 (the DeleteObjects limit); failures are reported with their keys."""
    for start in range(0, len(keys), 1000):
        batch = keys[start : start + 1000]
        try:
            response = s3.delete_objects(
                Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True}
            )
        except (ClientError, BotoCoreError) as error:
            raise _credentials_hint(error, f"deleting {len(batch)} objects from s3://{bucket}") from error
        if response.get("Errors"):
            shown = ", ".join(f"{e['Key']} ({e.get('Code')})" for e in response["Errors"][:10])
            raise PublishError(f"pruning s3://{bucket}: could not delete {shown}; re-run to retry")
