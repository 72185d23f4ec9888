"""A moto server on 127.0.0.1 for applying the AWS side of a stage for real.

Why a server (not moto's in-process mocks): Terraform is a separate process
and talks HTTP. The server listens on loopback only, on a free port, with
IAM's AWS-managed policies loaded (our roles attach AWSLambdaBasicExecutionRole).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
REGION = "ap-southeast-1"
# Fake credentials for the loopback server, passed only through the environment.
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def missing_moto_reason() -> str | None:
    """Why a moto server cannot start here, or None when it can."""
    for module, package in (("moto", "moto[server]"), ("flask", "moto[server]"), ("boto3", "boto3")):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed (python module {module!r} missing)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class MotoServer:
    """A running `python -m moto.server` process: our child, or one an earlier run left running."""

    process: subprocess.Popen | None
    port: int
    log_path: Path
    pid: int = 0

    @classmethod
    def attach(cls, port: int, pid: int, log_path: Path) -> MotoServer | None:
        """The server an earlier run left on `port` (pid `pid`), or None when it no longer answers."""
        server = cls(None, port, log_path, pid)
        return server if server.answers() else None

    def answers(self) -> bool:
        try:
            urllib.request.urlopen(f"{self.endpoint_url}/moto-api/data.json", timeout=2).close()
        except OSError:
            return False
        return True

    @property
    def endpoint_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @classmethod
    def start(
        cls, log_path: Path, port: int | None = None, timeout_seconds: float = 30, detached: bool = False
    ) -> MotoServer:
        """Start on `port` (default: a free one) on 127.0.0.1 and wait until it answers.

        `detached`: in its own session, so it can outlive this pytest run (SKIP_destroy).
        """
        reason = missing_moto_reason()
        if reason:
            raise RuntimeError(reason)
        port = port or free_port()
        env = {**os.environ, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true"}
        log = log_path.open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=detached,
        )
        log.close()  # the child holds its own descriptor
        server = cls(process, port, log_path, process.pid)
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log_tail = log_path.read_text()[-2000:]
                raise RuntimeError(f"moto server exited {process.returncode}; log: {log_tail}")
            if server.answers():
                return server
            time.sleep(0.2)
        server.stop()
        raise RuntimeError(f"moto server did not answer on {server.endpoint_url} within {timeout_seconds}s")

    def client(self, service: str, region: str = REGION):
        """A boto3 client for `service` on this server."""
        import boto3

        return boto3.client(
            service,
            endpoint_url=self.endpoint_url,
            region_name=region,
            aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def stop(self) -> None:
        if self.process is None:  # attached: not our child, so signal it by pid
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
