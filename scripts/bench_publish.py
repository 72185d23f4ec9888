"""Benchmark: `sgct publish` of 2,000 generated files, parallel vs sequential, against moto.

One run measures, against the same loopback moto server, reached directly and
through a relay that adds a network round trip (`--rtt-ms`, default 20):
  1. a first publish of every file, sequential (1 worker) vs parallel (--workers), each into
     its own empty bucket, printed as a ratio (target >= 5x);
  2. a publish with 1% of the files changed, sequential vs parallel;
  3. an unchanged publish on loopback (listing + comparison, nothing uploaded; target <= 2 s).

Why both: straight to loopback a request waits for nothing but CPU, and moto
answers from one Python process, so the ratio there says how many cores
client and server keep busy (each first publish prints its CPU), not what
workers are for. Against S3 each request waits for the network and for S3
(tens of milliseconds in region, ~200 ms from a US runner to ap-southeast-1),
and the workers overlap those waits; the relay adds that wait (and nothing
else: the server is still moto) so the ratio measures it.

    .venv/bin/python scripts/bench_publish.py [--files 2000] [--workers 16] [--rtt-ms 20]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from contextlib import redirect_stderr
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builds.opennext import load_output  # noqa: E402
from harness.latency_relay import latency_relay  # noqa: E402
from harness.moto_server import FAKE_CREDENTIALS, MotoServer  # noqa: E402
from operations.publish import execute, plan_publish  # noqa: E402
from operations.publish_command import clients  # noqa: E402
from operations.stage_outputs import PublishTarget  # noqa: E402
from tests.builds.synthetic_output import write_output  # noqa: E402

EXTRA_FILES = 5  # BUILD_ID, build manifest, two public files, one cache entry


def cpu_seconds(pid: int) -> float:
    """User + system CPU of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def publish(s3, output, bucket: str, workers: int, server_pid: int) -> tuple[float, int, str]:
    started, client, server = time.perf_counter(), time.process_time(), cpu_seconds(server_pid)
    plan = plan_publish(s3, output, PublishTarget("bench", bucket, None))
    with redirect_stderr(io.StringIO()):  # keep the progress bar out of the report
        execute(s3, None, plan, workers=workers)
    wall = time.perf_counter() - started
    client, server = time.process_time() - client, cpu_seconds(server_pid) - server
    busy = f"cpu client {client:.1f} s + server {server:.1f} s = {(client + server) / wall:.1f} cores busy"
    return wall, len(plan.uploads), busy


def change_files(root: Path, count: int) -> None:
    chunks = sorted((root / "assets" / "_next" / "static" / "chunks").glob("*.js"))
    for path in chunks[:count]:
        path.write_text(path.read_text() + "/* changed */\n")


def client(endpoint_url: str, workers: int):
    """The client `sgct publish` makes (pool size, retries, no continue handshake), for `endpoint_url`."""
    os.environ.update({**FAKE_CREDENTIALS, "AWS_REGION": "ap-southeast-1"})
    return clients(endpoint_url, workers)[0]


def compare(label: str, s3, output, buckets: tuple[str, str], workers: int, server_pid: int) -> None:
    """Publish `output` sequentially into one bucket, in parallel into the other; print the ratio."""
    seq, count, seq_busy = publish(s3, output, buckets[0], 1, server_pid)
    par, _, par_busy = publish(s3, output, buckets[1], workers, server_pid)
    print(
        f"{label} ({count} uploads): sequential {seq:.2f} s, parallel {par:.2f} s, ratio {seq / par:.1f}x\n"
        f"  sequential: {seq_busy}\n  parallel:   {par_busy}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument(
        "--rtt-ms", type=float, default=20, help="round trip the relay adds to each request (default 20)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        server = MotoServer.start(scratch / "moto.log")
        try:
            with latency_relay(server.port, args.rtt_ms / 2) as relay_port:
                networks = {
                    "loopback": client(server.endpoint_url, args.workers),
                    f"{args.rtt_ms:g} ms round trip": client(f"http://127.0.0.1:{relay_port}", args.workers),
                }
                run(args, scratch, server, networks)
        finally:
            server.stop()
    return 0


def run(args: argparse.Namespace, scratch: Path, server: MotoServer, networks: dict) -> None:
    direct = networks["loopback"]
    buckets = {label: (f"seq-{n}", f"par-{n}") for n, label in enumerate(networks)}
    for pair in buckets.values():
        for bucket in pair:
            direct.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
            )
    root = write_output(scratch / "app", "bench", chunks=args.files - EXTRA_FILES)
    for path in (root / "assets" / "_next" / "static" / "chunks").glob("*.js"):
        path.write_text(path.read_text() * 40)  # ~2 KB, a typical small chunk
    output = load_output(root)
    print(
        f"{args.files} files, moto on {server.endpoint_url}, {args.workers} workers, {os.cpu_count()} cores"
    )
    for label, s3 in networks.items():
        compare(f"first publish, {label}", s3, output, buckets[label], args.workers, server.pid)
    change_files(root, args.files // 100)
    output = load_output(root)
    for label, s3 in networks.items():
        compare(f"1% changed, {label}", s3, output, buckets[label], args.workers, server.pid)
    unchanged, count, _ = publish(direct, output, buckets["loopback"][1], args.workers, server.pid)
    print(f"unchanged publish, loopback ({count} uploads): {unchanged:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
