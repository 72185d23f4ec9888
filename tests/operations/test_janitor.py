"""The janitor on a moto S3 state bucket with real state objects and a fake pull-request lookup."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from operations.errors import OperationError
from operations.janitor import Decision, StageState, decide, list_stage_states, run_janitor
from operations.pull_requests import PullRequestLookupError
from stages.errors import SgctError

PERMANENT = ("prod", "staging", "dev")


class FakePullRequests:
    """Closed numbers answer True, unknown ones raise like GitHub's 404 does."""

    def __init__(self, closed=(), open_=()):
        self.closed, self.open, self.asked = set(closed), set(open_), []

    def is_closed(self, number: int) -> bool:
        self.asked.append(number)
        if number in self.closed:
            return True
        if number in self.open:
            return False
        raise PullRequestLookupError(f"pull request #{number}: GitHub answered 404")


class RecordingDestroy:
    def __init__(self, failing=()):
        self.calls, self.failing = [], set(failing)

    def __call__(self, stage: str) -> None:
        self.calls.append(stage)
        if stage in self.failing:
            raise OperationError(f"cdktf destroy {stage} exited with 1")


def _state(stage: str) -> bytes:
    return json.dumps(
        {"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": stage, "resources": []}
    ).encode()


@pytest.fixture
def state_bucket(moto_server):
    s3 = moto_server.client("s3")
    name = f"state-{datetime.now(UTC).strftime('%H%M%S%f')}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    for stage in (*PERMANENT, "pr-1", "pr-2", "feature-auth", "Bad_Name"):
        key = f"stages/{stage}/terraform.tfstate"
        s3.put_object(Bucket=name, Key=key, Body=_state(stage))
        s3.put_object(Bucket=name, Key=key, Body=_state(stage))  # a second version, like a re-deploy
    s3.put_object(Bucket=name, Key="bootstrap/terraform.tfstate", Body=_state("bootstrap"))
    return s3, name


def _stages(s3, bucket):
    return [state.name for state in list_stage_states(s3, bucket)]


def test_closed_pull_request_stage_is_destroyed_and_its_state_removed(state_bucket):
    s3, bucket = state_bucket
    destroy, lines = RecordingDestroy(), []
    lookup = FakePullRequests(closed={1}, open_={2})
    report = run_janitor(s3, bucket, lookup, destroy, now=datetime.now(UTC), say=lines.append)
    assert report.ok and destroy.calls == ["pr-1"]
    assert _stages(s3, bucket) == ["Bad_Name", "dev", "feature-auth", "pr-2", "prod", "staging"]
    versions = s3.list_object_versions(Bucket=bucket, Prefix="stages/pr-1/")
    assert not versions.get("Versions") and not versions.get("DeleteMarkers"), "nothing left behind"
    assert "destroy  pr-1: pull request #1 is closed" in lines
    assert any(line.startswith("keep     prod: permanent stage") for line in lines)
    assert any(line == "removed  pr-1: 2 state object version(s)" for line in lines)

    again = RecordingDestroy()
    assert run_janitor(s3, bucket, lookup, again, now=datetime.now(UTC), say=lambda _: None).ok
    assert again.calls == [], "a re-run finds nothing more to do"


def test_old_stages_go_permanent_ones_stay_and_dry_run_changes_nothing(state_bucket):
    s3, bucket = state_bucket
    later = datetime.now(UTC) + timedelta(days=30)
    lookup = FakePullRequests(open_={1, 2})
    dry, lines = RecordingDestroy(), []
    run_janitor(s3, bucket, lookup, dry, now=later, max_age_days=7, dry_run=True, say=lines.append)
    assert dry.calls == [] and len(_stages(s3, bucket)) == 7
    assert sum(line.startswith("would destroy") for line in lines) == 3

    destroy = RecordingDestroy()
    report = run_janitor(s3, bucket, lookup, destroy, now=later, max_age_days=7, say=lambda _: None)
    assert sorted(destroy.calls) == ["feature-auth", "pr-1", "pr-2"] and report.ok
    assert _stages(s3, bucket) == ["Bad_Name", "dev", "prod", "staging"]


def test_a_failed_destroy_keeps_the_state_and_fails_the_run(state_bucket):
    s3, bucket = state_bucket
    destroy, lines = RecordingDestroy(failing={"pr-1"}), []
    report = run_janitor(
        s3, bucket, FakePullRequests(closed={1, 2}), destroy, now=datetime.now(UTC), say=lines.append
    )
    assert not report.ok and set(report.failed) == {"pr-1"} and sorted(destroy.calls) == ["pr-1", "pr-2"]
    assert "pr-1" in _stages(s3, bucket) and "pr-2" not in _stages(s3, bucket)
    assert any(line.startswith("FAILED   pr-1") for line in lines)


def test_a_missing_bucket_is_a_clear_failure(moto_server):
    with pytest.raises(SgctError, match="cannot list the state bucket 'no-such-bucket'"):
        run_janitor(
            moto_server.client("s3"),
            "no-such-bucket",
            FakePullRequests(),
            RecordingDestroy(),
            now=datetime.now(UTC),
        )


NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _aged(name: str, days: float) -> StageState:
    return StageState(name, NOW - timedelta(days=days), (f"stages/{name}/terraform.tfstate",))


@pytest.mark.parametrize(
    "state, closed, destroy, words",
    [
        (_aged("prod", 400), set(), False, "permanent stage"),
        (_aged("staging", 400), set(), False, "permanent stage"),
        (_aged("api-pr-1", 400), set(), False, "not an ephemeral stage name"),
        (_aged("pr-5", 1), {5}, True, "#5 is closed"),
        (_aged("pr-5", 1), set(), False, "active"),
        (_aged("pr-9", 1), None, False, "404"),
        (_aged("pr-9", 8), None, True, "unchanged for 8 days"),
        (_aged("feature-auth", 6.9), set(), False, "active"),
        (_aged("feature-auth", 7.5), set(), True, "limit 7"),
    ],
)
def test_decisions(state, closed, destroy, words):
    lookup = FakePullRequests(closed=closed or (), open_={5}) if closed is not None else FakePullRequests()
    decision = decide(state, lookup, NOW, 7)
    assert isinstance(decision, Decision) and decision.destroy is destroy and words in decision.reason


def test_max_age_must_be_positive(state_bucket):
    s3, bucket = state_bucket
    with pytest.raises(SgctError, match="at least 1") as error:
        run_janitor(s3, bucket, FakePullRequests(), RecordingDestroy(), now=NOW, max_age_days=0)
    assert error.value.exit_code == 2
