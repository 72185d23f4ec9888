"""Benchmark: `sgct publish` of 2,000 generated files, parallel vs sequential, on a loopback moto server.

One run measures, against the same server:
  1. a first publish of every file, sequential (1 worker) vs parallel (--workers), each into
     its own empty bucket, printed as a ratio (target >= 5x);
  2. a publish with 1% of the files changed, sequential vs parallel;
  3. an unchanged publish (listing + comparison, nothing uploaded; target <= 2 s).

Each first publish also prints the CPU the client (this process) and the server
used. moto answers from one Python process (one core at most), so the
server's CPU time is a floor under the parallel time and caps the ratio here
(on 2 cores: about 2.5-3x); against S3 itself each request waits tens of
milliseconds of network, which is what the workers overlap.

    .venv/bin/python scripts/bench_publish.py [--files 2000] [--workers 16]
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

import boto3
from botocore.config import Config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builds.opennext import load_output  # noqa: E402
from harness.moto_server import FAKE_CREDENTIALS, MotoServer  # noqa: E402
from operations.publish import execute, plan_publish  # noqa: E402
from operations.stage_outputs import PublishTarget  # noqa: E402
from tests.builds.synthetic_output import write_output  # noqa: E402

FAKE_KEYS = {
    "aws_access_key_id": FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
    "aws_secret_access_key": FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
}
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        server = MotoServer.start(scratch / "moto.log")
        try:
            s3 = boto3.client(
                "s3",
                endpoint_url=server.endpoint_url,
                region_name="ap-southeast-1",
                config=Config(max_pool_connections=max(10, args.workers)),
                **FAKE_KEYS,
            )
            for bucket in ("sequential", "parallel"):
                s3.create_bucket(
                    Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
                )
            root = write_output(scratch / "app", "bench", chunks=args.files - EXTRA_FILES)
            for path in (root / "assets" / "_next" / "static" / "chunks").glob("*.js"):
                path.write_text(path.read_text() * 40)  # ~2 KB, a typical small chunk
            output = load_output(root)
            print(
                f"{args.files} files, moto on {server.endpoint_url}, {args.workers} workers, "
                f"{os.cpu_count()} cores"
            )
            seq, count, seq_busy = publish(s3, output, "sequential", 1, server.pid)
            par, _, par_busy = publish(s3, output, "parallel", args.workers, server.pid)
            print(
                f"first publish ({count} uploads): sequential {seq:.2f} s, parallel {par:.2f} s, "
                f"ratio {seq / par:.1f}x\n  sequential: {seq_busy}\n  parallel:   {par_busy}"
            )
            change_files(root, args.files // 100)
            output = load_output(root)
            seq, count, _ = publish(s3, output, "sequential", 1, server.pid)
            par, _, _ = publish(s3, output, "parallel", args.workers, server.pid)
            print(
                f"1% changed ({count} uploads): sequential {seq:.2f} s, parallel {par:.2f} s, "
                f"ratio {seq / par:.1f}x"
            )
            unchanged, count, _ = publish(s3, output, "parallel", args.workers, server.pid)
            print(f"unchanged publish ({count} uploads): {unchanged:.2f} s")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
