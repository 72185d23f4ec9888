"""Publishing's S3 client sends each body with its headers: one round trip per upload, not two."""

import statistics
import time
from urllib.parse import urlsplit

import boto3

from harness.latency_relay import latency_relay
from operations.publish_command import clients

ONE_WAY_MS = 100


def _sent_headers(s3) -> list[dict]:
    sent: list[dict] = []
    s3.meta.events.register("before-send.s3.PutObject", lambda request, **_: sent.append(request.headers))
    return sent


def test_the_publish_client_puts_without_the_continue_handshake(aws_env, bucket):
    plain, target = bucket
    s3, _ = clients(aws_env.endpoint_url, workers=4)
    ours, theirs = _sent_headers(s3), _sent_headers(plain)
    s3.put_object(Bucket=target.bucket, Key="a.js", Body=b"a" * 2048)
    plain.put_object(Bucket=target.bucket, Key="b.js", Body=b"b" * 2048)
    assert len(ours) == len(theirs) == 1
    assert "Expect" not in ours[0] and theirs[0]["Expect"] == b"100-continue", (
        "botocore's default is kept elsewhere"
    )
    assert s3.get_object(Bucket=target.bucket, Key="a.js")["Body"].read() == b"a" * 2048


def _median_put(s3, bucket_name: str, key: str) -> float:
    times = []
    for n in range(3):
        started = time.perf_counter()
        s3.put_object(Bucket=bucket_name, Key=f"{key}{n}", Body=b"x" * 2048)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_an_upload_waits_one_network_round_trip_where_botocore_waits_two(aws_env, bucket):
    _, target = bucket
    round_trip = 2 * ONE_WAY_MS / 1000
    with latency_relay(urlsplit(aws_env.endpoint_url).port, ONE_WAY_MS) as port:
        relayed = f"http://127.0.0.1:{port}"
        ours = _median_put(clients(relayed, workers=4)[0], target.bucket, "ours")
        default = _median_put(boto3.client("s3", endpoint_url=relayed), target.bucket, "default")
    assert round_trip <= ours < 1.5 * round_trip, (
        f"an upload took {ours:.3f} s for a {round_trip} s round trip"
    )
    assert default >= 2 * round_trip, f"botocore's default took {default:.3f} s: one round trip?"
