"""Publish an OpenNext build to a stage: the plan (what would change) and its execution.

Order of execution, chosen so a retry always completes the job: uploads (new
and changed files only), the CloudFront invalidation, the build record (its
presence means "done"), then pruning of older builds when asked. Nothing is
ever deleted without `keep_builds`. Incremental-cache entries are uploaded only
when absent: the server may have regenerated them (ISR) since, and a re-run
must not put build-time data back.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from builds.opennext_model import OpenNextOutput
from operations.bucket import delete_keys, list_prefix, upload_all
from operations.build_records import (
    RECORD_PREFIX,
    BuildRecord,
    builds_to_prune,
    now,
    put_record,
    read_records,
)
from operations.invalidation import group_paths, invalidate
from operations.publish_files import LocalFile, build_files, public_path
from operations.stage_outputs import PublishTarget


@dataclass(frozen=True)
class PublishPlan:
    target: PublishTarget
    build_id: str
    uploads: tuple[LocalFile, ...]
    unchanged: int
    invalidation_paths: tuple[str, ...]  # empty: nothing to invalidate, or no distribution
    record: BuildRecord
    write_record: bool
    pruned_builds: tuple[str, ...] = ()
    prune_keys: tuple[str, ...] = ()

    @property
    def changes_nothing(self) -> bool:
        return not (self.uploads or self.invalidation_paths or self.write_record or self.prune_keys)


def cache_build_prefixes(record: BuildRecord, destinations: list[str]) -> set[str]:
    """`_cache/<id>/` and `_cache/__fetch/<id>/` of a build, read from its keys.

    Why from keys: the cache id is Next's `deploymentId` when set, else the build id
    (`getOpenNextBuildId` in @opennextjs/aws), so it cannot be assumed to equal BUILD_ID.
    """
    prefixes = set()
    for key in record.keys:
        for destination in destinations:
            if key.startswith(destination + "/"):
                parts = key[len(destination) + 1 :].split("/")
                if parts[0] == "__fetch" and len(parts) > 2:
                    prefixes.add(f"{destination}/__fetch/{parts[1]}/")
                elif parts[0] != "__fetch" and len(parts) > 1:
                    prefixes.add(f"{destination}/{parts[0]}/")
    return prefixes


def _needs_upload(file: LocalFile, remote) -> bool:
    if remote is None:
        return True
    return file.public and (remote.size != file.size or remote.etag != file.md5)


def plan_publish(
    s3, output: OpenNextOutput, target: PublishTarget, keep_builds: int | None = None
) -> PublishPlan:
    """Compare the build with the bucket (listings only) and decide every change."""
    files = build_files(output)
    listing = {}
    for prefix in sorted({rule.destination for rule in output.s3.copy}) + [RECORD_PREFIX.rstrip("/")]:
        listing.update(list_prefix(s3, target.bucket, prefix + "/"))
    uploads = tuple(f for f in files if _needs_upload(f, listing.get(f.key)))
    records = read_records(s3, target.bucket, listing)
    previous = records.get(output.build_id)
    keys = {f.key: f.md5 for f in files}
    record = BuildRecord(output.build_id, previous.published_at if previous else now(), keys)
    paths: tuple[str, ...] = ()
    if target.distribution_id:
        if previous is None:
            paths = ("/*",)  # a new build: server-rendered pages under any path are stale
        else:
            changed = (public_path(f, output) for f in uploads if f.public and not f.hashed)
            paths = group_paths(changed)
    pruned: tuple[str, ...] = ()
    prune_keys: tuple[str, ...] = ()
    if keep_builds is not None:
        old = builds_to_prune(records, record, keep_builds)
        kept = set(keys).union(*(r.keys for r in records.values() if r not in old))
        server_only = [rule.destination for rule in output.s3.copy if not rule.cached]
        cache_prefixes = sorted({p for r in old for p in cache_build_prefixes(r, server_only)})
        server_written = {k for k in listing if k.startswith(tuple(cache_prefixes))}  # ISR entries too
        doomed = {k for r in old for k in r.keys} | server_written
        pruned = tuple(r.build_id for r in old)
        prune_keys = tuple(sorted(doomed - kept)) + tuple(r.key for r in old)
    return PublishPlan(
        target,
        output.build_id,
        uploads,
        len(files) - len(uploads),
        paths,
        record,
        previous is None or previous.keys != keys,
        pruned,
        prune_keys,
    )


def describe_plan(plan: PublishPlan, limit: int = 40) -> str:
    """Human-readable plan: the uploads (first `limit`), the invalidation and the pruning."""
    target = plan.target
    size = sum(f.size for f in plan.uploads) / 1e6
    lines = [
        f"publish build {plan.build_id} to s3://{target.bucket} (stage {target.stage})",
        f"  upload {len(plan.uploads)} files ({size:.1f} MB), {plan.unchanged} unchanged",
    ]
    lines += [
        f"    {f.key}  [{f.content_type}; {f.cache_control or 'no Cache-Control'}]"
        for f in plan.uploads[:limit]
    ]
    if len(plan.uploads) > limit:
        lines.append(f"    ... and {len(plan.uploads) - limit} more")
    if target.distribution_id is None:
        lines.append(
            "  invalidation: skipped (no CloudFront distribution for this stage, e.g. the local stage)"
        )
    elif plan.invalidation_paths:
        lines.append(f"  invalidate {target.distribution_id}: {' '.join(plan.invalidation_paths)}")
    else:
        lines.append(f"  invalidate {target.distribution_id}: nothing changed")
    if plan.write_record:
        lines.append(f"  record build {plan.build_id} under {plan.record.key}")
    if plan.pruned_builds:
        lines.append(f"  prune builds {', '.join(plan.pruned_builds)}: delete {len(plan.prune_keys)} objects")
    return "\n".join(lines)


def execute(s3, cloudfront, plan: PublishPlan, workers: int = 16, log=None) -> None:
    """Apply `plan`; stops at the first failing step (nothing after it runs), so a re-run resumes."""
    log = log or sys.stderr
    if plan.uploads:
        upload_all(s3, plan.target.bucket, list(plan.uploads), workers)
    if plan.invalidation_paths and plan.target.distribution_id:
        invalidation_id = invalidate(
            cloudfront, plan.target.distribution_id, plan.invalidation_paths, plan.build_id
        )
        print(f"invalidation {invalidation_id} created on {plan.target.distribution_id}", file=log)
    if plan.write_record:
        put_record(s3, plan.target.bucket, plan.record)
    if plan.prune_keys:
        delete_keys(s3, plan.target.bucket, list(plan.prune_keys))
