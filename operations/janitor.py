"""The janitor: destroy ephemeral stages whose pull request closed or that outlived their age.

What: it lists the stages that have state in the state bucket (keys
`stages/<stage>/...`), keeps every permanent stage and anything that is not
a valid ephemeral stage name without looking further, and destroys an
ephemeral stage when its pull request is closed (`pr-<n>`) or when its state
has not changed for `max_age_days` (any ephemeral stage, `feature-*`
included). After a successful destroy it deletes the stage's state objects
(every version), so nothing is left behind and a re-run finds nothing to do.

Why from the state bucket: it is the one place every deployed stage leaves a
mark, whoever deployed it (CI or a laptop), so a stage whose close event was
missed is still found.

Destroying is a callable (`destroy(stage_name)`): CI passes one that runs
`cdktf destroy` for the stage; tests pass one they can observe. A failed
destroy keeps the state, is reported, and makes the run fail (exit 1); the
other stages are still handled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from botocore.exceptions import BotoCoreError, ClientError

from operations.errors import OperationError, OperationInputError
from operations.pull_requests import PullRequestLookup, PullRequestLookupError
from stages import PERMANENT_STAGES, StageNameError, ephemeral_stage
from stages.errors import SgctError

STATE_PREFIX = "stages/"
DEFAULT_MAX_AGE_DAYS = 7
_PULL_REQUEST_STAGE = re.compile(r"^pr-(\d+)$")

Destroy = Callable[[str], None]


@dataclass(frozen=True)
class StageState:
    """One stage found in the state bucket: its name, newest modification, and object keys."""

    name: str
    last_modified: datetime
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    """What the janitor does with one stage, and why (printed as is)."""

    stage: str
    destroy: bool
    reason: str


def list_stage_states(s3, bucket: str) -> list[StageState]:
    """Every `stages/<name>/` in `bucket`, with its newest LastModified, sorted by name."""
    found: dict[str, list[dict]] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=STATE_PREFIX):
        for item in page.get("Contents", []):
            parts = item["Key"][len(STATE_PREFIX) :].split("/", 1)
            if len(parts) == 2 and parts[0]:
                found.setdefault(parts[0], []).append(item)
    return [
        StageState(name, max(item["LastModified"] for item in items), tuple(sorted(i["Key"] for i in items)))
        for name, items in sorted(found.items())
    ]


def decide(state: StageState, lookup: PullRequestLookup, now: datetime, max_age_days: int) -> Decision:
    """Destroy only a valid ephemeral stage whose PR is closed or whose state is older than the limit."""
    if state.name in PERMANENT_STAGES:
        return Decision(state.name, False, "permanent stage: never touched")
    try:
        ephemeral_stage(state.name)
    except StageNameError as error:
        return Decision(state.name, False, f"not an ephemeral stage name ({error.rule}): left alone")
    age_days = (now - state.last_modified) / timedelta(days=1)
    match = _PULL_REQUEST_STAGE.match(state.name)
    if match:
        number = int(match.group(1))
        try:
            if lookup.is_closed(number):
                return Decision(state.name, True, f"pull request #{number} is closed")
        except PullRequestLookupError as error:
            if age_days <= max_age_days:
                return Decision(state.name, False, f"kept: {error}")
    if age_days > max_age_days:
        return Decision(state.name, True, f"state unchanged for {age_days:.0f} days (limit {max_age_days})")
    return Decision(state.name, False, f"kept: active ({age_days:.1f} days old, limit {max_age_days})")


def delete_state(s3, bucket: str, stage: str) -> int:
    """Delete every version and delete marker under `stages/<stage>/`; the number removed."""
    prefix = f"{STATE_PREFIX}{stage}/"
    removed = 0
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=prefix):
        entries = [*page.get("Versions", []), *page.get("DeleteMarkers", [])]
        objects = [
            {"Key": e["Key"], "VersionId": e["VersionId"]} for e in entries if e["Key"].startswith(prefix)
        ]
        if objects:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": True})
            removed += len(objects)
    return removed


@dataclass
class JanitorReport:
    """Every decision, and which destroys failed."""

    decisions: list[Decision]
    failed: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.failed


def run_janitor(
    s3,
    bucket: str,
    lookup: PullRequestLookup,
    destroy: Destroy,
    *,
    now: datetime,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    dry_run: bool = False,
    say: Callable[[str], None] = print,
) -> JanitorReport:
    """Decide for every stage in `bucket`, destroy (unless `dry_run`) and say what was done."""
    if max_age_days < 1:
        raise OperationInputError(f"--max-age-days must be at least 1, got {max_age_days}")
    report = JanitorReport([], {})
    try:
        states = list_stage_states(s3, bucket)
    except (ClientError, BotoCoreError) as error:
        raise OperationError(f"cannot list the state bucket {bucket!r}: {error}") from None
    for state in states:
        decision = decide(state, lookup, now, max_age_days)
        report.decisions.append(decision)
        if not decision.destroy:
            say(f"keep     {decision.stage}: {decision.reason}")
        elif dry_run:
            say(f"would destroy {decision.stage}: {decision.reason} (dry run)")
        else:
            say(f"destroy  {decision.stage}: {decision.reason}")
            try:
                destroy(decision.stage)
            except SgctError as error:  # an expected destroy failure: reported, the run fails at the end
                report.failed[decision.stage] = str(error)
                say(f"FAILED   {decision.stage}: {error}; its state is kept, re-run to retry")
                continue
            removed = delete_state(s3, bucket, decision.stage)
            say(f"removed  {decision.stage}: {removed} state object version(s)")
    return report
