"""Fixtures for the local stage: a moto server, a stage synthesized for it, runners on copies of it.

Why a module of their own: they are the part of the plugin that resumes
across runs (harness/resume.py). Without SKIP_ variables each session gets
a fresh stage, a fresh moto server and temp working dirs. With them, the
stage name, the server (left running by a SKIP_destroy run) and the working
dirs are found again, or the test fails saying why it cannot resume.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from harness.local_stage import create_state_bucket, prepare_local_stage, synth_local
from harness.moto_server import HOST, MotoServer, free_port, missing_moto_reason
from harness.resume import (
    RUNS_DIR,
    SavedLocalStage,
    cannot_resume,
    keeps_resources,
    resuming,
    run_dir_for,
)
from harness.sweep import boto3_clients, sweep
from harness.synth import SynthOutput
from harness.terraform import Terraform
from harness.workflow import is_step_skipped, unique_stage_name


@dataclass(frozen=True)
class LocalSynth:
    """An ephemeral stage synthesized for the local target."""

    output: SynthOutput
    stage: str
    endpoint_url: str

    @property
    def stack(self):
        return self.output.stack(self.stage)


def _attached_server() -> tuple[SavedLocalStage | None, MotoServer | None]:
    """The stage and moto server an earlier SKIP_destroy run left, if the server still answers."""
    saved = SavedLocalStage.load()
    if saved is None:
        return None, None
    return saved, MotoServer.attach(saved.port, saved.pid, RUNS_DIR / "moto.log")


@pytest.fixture(scope="session")
def local_endpoint() -> str:
    """The loopback URL the session's moto server listens on (chosen before synthesis).

    While resuming, the port of the server an earlier run left running.
    """
    if resuming():
        saved, server = _attached_server()
        if server is not None:
            return server.endpoint_url
        if is_step_skipped("apply"):
            pytest.fail(cannot_resume(saved), pytrace=False)
    return f"http://{HOST}:{free_port()}"


@pytest.fixture(scope="session")
def local_synth(local_endpoint, tmp_path_factory) -> LocalSynth:
    """A unique ephemeral stage (`local-xxxxxx`) synthesized once for `local_endpoint`.

    While resuming: the stage an earlier run recorded, in a stable output dir.
    """
    saved = SavedLocalStage.load() if resuming() else None
    stage = saved.stage if saved else unique_stage_name("local")
    outdir = (
        (RUNS_DIR if resuming() else tmp_path_factory.mktemp("local-synth")) / "local-synth" / "cdktf.out"
    )
    return LocalSynth(synth_local(outdir, local_endpoint, (stage,)), stage, local_endpoint)


@pytest.fixture(scope="session")
def moto_server(local_endpoint, tmp_path_factory):
    """A moto server on `local_endpoint` for the session, stopped at its end.

    With SKIP_destroy it is started detached and left running for the next
    run (its port and pid are printed); a resuming run attaches to it.
    """
    reason = missing_moto_reason()
    if reason:
        pytest.skip(reason)
    port = int(local_endpoint.rsplit(":", 1)[1])
    server = None
    if resuming():
        saved, server = _attached_server()
        server = server if server is not None and server.port == port else None
    if server is None:
        log_dir = RUNS_DIR if keeps_resources() else tmp_path_factory.mktemp("moto")
        log_dir.mkdir(parents=True, exist_ok=True)
        server = MotoServer.start(log_dir / "moto.log", port=port, detached=keeps_resources())
    yield server
    if keeps_resources():
        print(f"[harness] moto server left running for the next run: {server.endpoint_url}, pid {server.pid}")
    else:
        server.stop()
        SavedLocalStage.clear()  # destroyed (or never kept): nothing left to resume


@pytest.fixture
def local_terraform(terraform, aws_provider_mirror, moto_server, local_synth, request, tmp_path):
    # moto_server before local_synth: without moto the test skips before paying for a synthesis.
    """`local_terraform()`: a runner on a working copy of the local stage, its state bucket on moto.

    Made by the `terraform` fixture (one CLI configuration, the same log handling).
    While resuming, the copies live in the test's stable dir under `.sgct-runs/`.
    """
    bucket = local_synth.stack.backend["s3"]["bucket"]
    s3 = moto_server.client("s3")
    if bucket not in [entry["Name"] for entry in s3.list_buckets()["Buckets"]]:
        create_state_bucket(s3, bucket)  # what the bootstrap stack does on AWS
    if keeps_resources():
        SavedLocalStage(local_synth.stage, moto_server.port, moto_server.pid).save()
    base = run_dir_for(request.node.nodeid) if resuming() else tmp_path
    copies = 0

    def make(env=None, **options) -> Terraform:
        nonlocal copies
        workdir = base / f"{local_synth.stage}-{copies}"
        copies += 1
        aws_env = prepare_local_stage(
            local_synth.stack, local_synth.endpoint_url, workdir, aws_provider_mirror
        )
        return terraform(workdir, aws_provider_mirror, env={**aws_env, **(env or {})}, **options)

    return make


@pytest.fixture
def local_sweep(moto_server, local_synth):
    """`local_sweep()`: delete what still carries the local stage's tag on moto; returns the report.

    Pass it to `applied(tf, sweep=local_sweep)` so a failed destroy leaves nothing behind.
    """
    clients = boto3_clients(moto_server.endpoint_url)
    return lambda: sweep(clients, local_synth.stage, delete=True)
