"""The leftover sweep: what still carries a stage's tag after its destroy failed, reported and removed.

Why: a destroy that fails half-way leaves resources nobody tracks any more
(and, on AWS, a bill). Every resource a stage creates carries the default
tag `stage=<name>`, so the Resource Groups Tagging API can list what is left
in each region, on the moto server or on real AWS alike. `applied()` calls
the sweep when its destroy fails; `python -m harness.sweep --stage NAME`
runs it by hand (real AWS with the usual credentials, or `--endpoint-url`).

Deletion covers the types a stage creates that can be deleted on their own
(functions, log groups, topics, queues, alarms, event rules, buckets after
emptying them); anything else is reported for a person to remove.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

STAGE_TAG = "stage"
REGIONS = ("ap-southeast-1", "us-east-1")
ClientFactory = Callable[[str, str], object]


@dataclass
class SweepReport:
    """What carried the stage tag: deleted, or left with the reason."""

    stage: str
    deleted: list[str] = field(default_factory=list)
    left: dict[str, str] = field(default_factory=dict)

    @property
    def found(self) -> list[str]:
        return sorted([*self.deleted, *self.left])

    def __str__(self) -> str:
        if not self.found:
            return f"[harness] sweep: nothing tagged {STAGE_TAG}={self.stage} is left"
        lines = [f"[harness] sweep: {len(self.found)} resources tagged {STAGE_TAG}={self.stage} were left:"]
        lines += [f"  deleted {arn}" for arn in sorted(self.deleted)]
        lines += [f"  LEFT    {arn}: {reason}" for arn, reason in sorted(self.left.items())]
        return "\n".join(lines)


def tagged_arns(client: ClientFactory, stage: str, regions: tuple[str, ...] = REGIONS) -> list[str]:
    """Every ARN tagged `stage=<stage>` in `regions`."""
    found: list[str] = []
    for region in regions:
        paginator = client("resourcegroupstaggingapi", region).get_paginator("get_resources")  # type: ignore[attr-defined]
        for page in paginator.paginate(TagFilters=[{"Key": STAGE_TAG, "Values": [stage]}]):
            found += [entry["ResourceARN"] for entry in page["ResourceTagMappingList"]]
    return sorted(set(found))


def _delete(client: ClientFactory, arn: str) -> None:
    """Delete one resource by ARN; KeyError for a kind this sweep does not delete."""
    parts = arn.split(":")
    service, region, resource = parts[2], parts[3] or REGIONS[0], ":".join(parts[5:])
    api = client(service if service != "s3" else "s3", region)
    if service == "lambda" and resource.startswith("function:"):
        api.delete_function(FunctionName=resource.split(":")[1])  # type: ignore[attr-defined]
    elif service == "logs" and resource.startswith("log-group:"):
        api.delete_log_group(logGroupName=resource.split(":")[1])  # type: ignore[attr-defined]
    elif service == "sns":
        api.delete_topic(TopicArn=arn)  # type: ignore[attr-defined]
    elif service == "sqs":
        url = api.get_queue_url(QueueName=resource)["QueueUrl"]  # type: ignore[attr-defined]
        api.delete_queue(QueueUrl=url)  # type: ignore[attr-defined]
    elif service == "cloudwatch" and resource.startswith("alarm:"):
        api.delete_alarms(AlarmNames=[resource.split(":", 1)[1]])  # type: ignore[attr-defined]
    elif service == "events" and resource.startswith("rule/"):
        name = resource.split("/", 1)[1]
        targets = api.list_targets_by_rule(Rule=name)["Targets"]  # type: ignore[attr-defined]
        if targets:
            api.remove_targets(Rule=name, Ids=[t["Id"] for t in targets])  # type: ignore[attr-defined]
        api.delete_rule(Name=name)  # type: ignore[attr-defined]
    elif service == "s3":
        bucket = resource
        for page in api.get_paginator("list_object_versions").paginate(Bucket=bucket):  # type: ignore[attr-defined]
            objects = [
                {"Key": v["Key"], "VersionId": v["VersionId"]}
                for v in page.get("Versions", []) + page.get("DeleteMarkers", [])
            ]
            if objects:
                api.delete_objects(Bucket=bucket, Delete={"Objects": objects})  # type: ignore[attr-defined]
        api.delete_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    else:
        raise KeyError(f"{service} {resource.split(':')[0].split('/')[0]}")


def sweep(client: ClientFactory, stage: str, delete: bool = False) -> SweepReport:
    """List what carries the stage tag; with `delete`, remove what this sweep knows how to."""
    report = SweepReport(stage)
    for arn in tagged_arns(client, stage):
        if not delete:
            report.left[arn] = "found (run with --delete to remove)"
            continue
        try:
            _delete(client, arn)
            report.deleted.append(arn)
        except KeyError as kind:
            report.left[arn] = f"this sweep does not delete {kind}; remove it by hand"
        except Exception as error:  # noqa: BLE001 - report every failure, keep sweeping the rest
            report.left[arn] = f"delete failed: {error}"
    return report


def boto3_clients(endpoint_url: str | None = None) -> ClientFactory:
    """boto3 clients for real AWS (default credentials), or for `endpoint_url` with the fake keys."""
    import boto3

    from harness.moto_server import FAKE_CREDENTIALS

    keys = (
        {}
        if endpoint_url is None
        else {
            "aws_access_key_id": FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            "aws_secret_access_key": FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        }
    )
    return lambda service, region: boto3.client(
        service, region_name=region, endpoint_url=endpoint_url, **keys
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness.sweep", description="List (and delete) what carries a stage's tag."
    )
    parser.add_argument("--stage", required=True, help="the stage whose leftovers to find")
    parser.add_argument("--delete", action="store_true", help="delete what can be deleted (default: list)")
    parser.add_argument("--endpoint-url", help="an AWS-compatible endpoint (default: real AWS)")
    args = parser.parse_args(argv)
    report = sweep(boto3_clients(args.endpoint_url), args.stage, args.delete)
    print(report)
    return 1 if report.left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
