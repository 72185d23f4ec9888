"""The leftover sweep on a moto server: what carries the stage tag is listed, then deleted."""

import pytest

from harness.sweep import SweepReport, boto3_clients, sweep, tagged_arns
from harness.workflow import applied

STAGE = "sweep-t1"
TAGS = [{"Key": "stage", "Value": STAGE}]


@pytest.fixture
def leftovers(moto_server):
    """A topic, a bucket with an object and a log group tagged with STAGE, and one bucket of another stage."""
    sns, s3, logs = (moto_server.client(name) for name in ("sns", "s3", "logs"))
    topic = sns.create_topic(Name=f"sgcarstrends-{STAGE}-alarms", Tags=TAGS)["TopicArn"]
    for bucket, stage in ((f"sgcarstrends-{STAGE}-assets", STAGE), ("sgcarstrends-other-assets", "other")):
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
        s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "stage", "Value": stage}]})
    s3.put_object(Bucket=f"sgcarstrends-{STAGE}-assets", Key="index.html", Body=b"x")
    logs.create_log_group(logGroupName=f"/aws/lambda/sgcarstrends-{STAGE}-api", tags={"stage": STAGE})
    return topic


def test_sweep_lists_then_deletes_only_the_stage(moto_server, leftovers):
    clients = boto3_clients(moto_server.endpoint_url)
    found = tagged_arns(clients, STAGE)
    assert leftovers in found and len(found) == 3, found
    listed = sweep(clients, STAGE)
    assert listed.deleted == [] and sorted(listed.left) == found
    deleted = sweep(clients, STAGE, delete=True)
    assert sorted(deleted.deleted) == found and deleted.left == {}, str(deleted)
    assert tagged_arns(clients, STAGE) == []
    assert "sgcarstrends-other-assets" in [
        b["Name"] for b in moto_server.client("s3").list_buckets()["Buckets"]
    ]


def test_report_names_what_is_left():
    report = SweepReport("pr-1", deleted=["arn:aws:sns:x:1:t"], left={"arn:aws:iam::1:role/r": "by hand"})
    assert "2 resources tagged stage=pr-1" in str(report) and "LEFT    arn:aws:iam::1:role/r: by hand" in str(
        report
    )
    assert "nothing tagged stage=pr-1 is left" in str(SweepReport("pr-1"))


def test_applied_sweeps_when_destroy_fails(tmp_path, capsys):
    class FailingDestroy:
        def init(self):
            return None

        def apply(self, *args):
            return None

        def destroy(self, *args):
            raise RuntimeError("destroy failed")

        def close(self, succeeded):
            return None

    with (
        pytest.raises(RuntimeError, match="destroy failed"),
        applied(FailingDestroy(), environ={}, sweep=lambda: "SWEEP REPORT"),
    ):
        pass
    assert "SWEEP REPORT" in capsys.readouterr().out
