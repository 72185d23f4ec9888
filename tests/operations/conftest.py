"""Fixtures for the operations tests."""

import itertools

import pytest

from operations.stage_outputs import PublishTarget
from stages import PRIMARY_REGION

_names = itertools.count()


@pytest.fixture
def bucket(moto_server):
    """A fresh, empty bucket on the session's moto server; yields (s3 client, PublishTarget)."""
    s3 = moto_server.client("s3")
    name = f"web-assets-{next(_names)}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
    return s3, PublishTarget("dev", name, None)


@pytest.fixture
def aws_env(moto_server, monkeypatch):
    """The CLI's AWS environment pointed at the moto server."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "ap-southeast-1",
        "AWS_ENDPOINT_URL": moto_server.endpoint_url,
    }.items():
        monkeypatch.setenv(name, value)
    return moto_server


def keys(s3, bucket_name: str) -> set[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket_name)
    return {item["Key"] for page in pages for item in page.get("Contents", [])}


@pytest.fixture
def aws(monkeypatch):
    """moto's AWS for this test: fake credentials, the stage region, no real endpoint."""
    moto = pytest.importorskip("moto", reason="moto is not installed (pip install 'moto[server]')")
    boto3 = pytest.importorskip("boto3", reason="boto3 is not installed")
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": PRIMARY_REGION,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with moto.mock_aws():
        yield boto3.client("lambda", region_name=PRIMARY_REGION)
