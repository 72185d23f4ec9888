"""pytest plugin: the harness's fixtures. Enable with `pytest_plugins = ["harness.plugin"]`.

Why session fixtures: synthesis (a cdktf/jsii process) and the moto server
are the slow parts, so each happens once per session and tests share the
parsed result. Fixtures that need a binary or package the machine lacks
skip with a reason naming it.

Fixtures:
  synth_output        prod, staging, dev, pr-123 (+ bootstrap), real-AWS target
  template            template("pr-123") -> Template for assertions
  terraform_binary    the Terraform/OpenTofu CLI, or skip
  aws_provider_mirror the offline AWS provider mirror, or skip
  terraform           terraform(working_dir, **options) -> Terraform (offline CLI config);
                      logs removed after a passing test, kept after a failing one
  local_endpoint      the loopback URL (free port) the session's moto server uses
  local_synth         a fresh ephemeral stage synthesized for the local target (LocalSynth)
  moto_server         a moto server on local_endpoint for the session
  local_terraform     local_terraform() -> Terraform on a copy of the local stage, state on moto
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from harness.local_stage import create_state_bucket, local_stage_terraform, synth_local
from harness.moto_server import HOST, MotoServer, free_port, missing_moto_reason
from harness.synth import SynthOutput, run_synth
from harness.template import Template
from harness.terraform import Terraform, TerraformOptions
from harness.toolchain import (
    find_aws_provider_mirror,
    find_terraform,
    missing_mirror_reason,
    missing_terraform_reason,
    offline_cli_environment,
)
from harness.workflow import unique_stage_name
from modules.app.deployment_target import LOCAL_ENDPOINT_VARIABLE

SESSION_EPHEMERAL_STAGES = ("pr-123",)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report so fixtures can tell a failing test at teardown."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"harness_report_{report.when}", report)


def _test_failed(request) -> bool:
    reports = (getattr(request.node, f"harness_report_{when}", None) for when in ("setup", "call"))
    return any(getattr(report, "failed", False) for report in reports)


@pytest.fixture(scope="session")
def synth_output(tmp_path_factory) -> SynthOutput:
    """Every permanent stage plus `pr-123`, synthesized once for the session (real AWS target)."""
    outdir = tmp_path_factory.mktemp("synth") / "cdktf.out"
    run_synth(outdir, SESSION_EPHEMERAL_STAGES, extra_env={LOCAL_ENDPOINT_VARIABLE: None})
    return SynthOutput(outdir)


@pytest.fixture(scope="session")
def template(synth_output):
    """`template("prod")`: a Template over a session-synthesized stack."""
    return lambda stage: Template.from_stack(synth_output.stack(stage))


@pytest.fixture(scope="session")
def terraform_binary() -> str:
    binary = find_terraform()
    if binary is None:
        pytest.skip(missing_terraform_reason())
    return binary


@pytest.fixture(scope="session")
def aws_provider_mirror():
    mirror = find_aws_provider_mirror()
    if mirror is None:
        pytest.skip(missing_mirror_reason())
    return mirror


def _close_runners(runners: list[Terraform], request) -> None:
    """Remove each runner's step logs after a passing test; keep (and point at) them after a failure."""
    for runner in runners:
        kept = runner.close(succeeded=not _test_failed(request))
        if kept:
            print(f"[harness] Terraform logs kept in {kept}")


@pytest.fixture
def terraform(terraform_binary, request, tmp_path):
    """`terraform(working_dir, mirror=None, **options)`: a runner with an offline CLI configuration."""
    runners: list[Terraform] = []

    def make(working_dir, mirror=None, env=None, **options) -> Terraform:
        cli_env = offline_cli_environment(tmp_path / f".cli-{len(runners)}", mirror)
        runner = Terraform(
            TerraformOptions(
                working_dir=working_dir, binary=terraform_binary, env={**cli_env, **(env or {})}, **options
            )
        )
        runners.append(runner)
        return runner

    yield make
    _close_runners(runners, request)


@pytest.fixture(scope="session")
def local_endpoint() -> str:
    """The loopback URL the session's moto server will listen on (chosen before synthesis)."""
    return f"http://{HOST}:{free_port()}"


@dataclass(frozen=True)
class LocalSynth:
    """A fresh ephemeral stage synthesized for the local target."""

    output: SynthOutput
    stage: str
    endpoint_url: str

    @property
    def stack(self):
        return self.output.stack(self.stage)


@pytest.fixture(scope="session")
def local_synth(local_endpoint, tmp_path_factory) -> LocalSynth:
    """A unique ephemeral stage (`local-xxxxxx`) synthesized once for `local_endpoint`."""
    stage = unique_stage_name("local")
    outdir = tmp_path_factory.mktemp("local-synth") / "cdktf.out"
    return LocalSynth(synth_local(outdir, local_endpoint, (stage,)), stage, local_endpoint)


@pytest.fixture(scope="session")
def moto_server(local_endpoint, tmp_path_factory):
    """A moto server on `local_endpoint` for the whole session, stopped at its end."""
    reason = missing_moto_reason()
    if reason:
        pytest.skip(reason)
    port = int(local_endpoint.rsplit(":", 1)[1])
    server = MotoServer.start(tmp_path_factory.mktemp("moto") / "moto.log", port=port)
    yield server
    server.stop()


@pytest.fixture
def local_terraform(terraform_binary, aws_provider_mirror, moto_server, local_synth, request, tmp_path):
    # moto_server before local_synth: without moto the test skips before paying for a synthesis.
    """`local_terraform()`: a runner on a working copy of the local stage, its state bucket on moto."""
    bucket = local_synth.stack.backend["s3"]["bucket"]
    s3 = moto_server.client("s3")
    if bucket not in [entry["Name"] for entry in s3.list_buckets()["Buckets"]]:
        create_state_bucket(s3, bucket)  # what the bootstrap stack does on AWS
    runners: list[Terraform] = []

    def make(**options) -> Terraform:
        workdir = tmp_path / f"{local_synth.stage}-{len(runners)}"
        runner = local_stage_terraform(
            local_synth.stack,
            local_synth.endpoint_url,
            workdir,
            aws_provider_mirror,
            binary=terraform_binary,
            **options,
        )
        runners.append(runner)
        return runner

    yield make
    _close_runners(runners, request)
