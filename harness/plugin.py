"""pytest plugin: the harness's fixtures. Enable with `pytest_plugins = ["harness.plugin"]`.

Why session fixtures: synthesis (a cdktf/jsii process) and the moto server
are the slow parts, so each happens once per session and tests share the
parsed result. Fixtures that need a binary or package the machine lacks
skip with a reason naming it.

Every test is marked with its tier (unit / synth / terraform / moto / node,
see harness/tiers.py); `SGCT_REQUIRE_TOOLS=1` turns skips into failures.

Fixtures:
  harness_shared_dir  a directory every pytest-xdist worker of the run shares
  synth_output        prod, staging, dev, pr-123 (+ bootstrap), real-AWS target, one per run
  template            template("pr-123") -> Template for assertions
  terraform_binary    the Terraform/OpenTofu CLI, or skip
  aws_provider_mirror the offline AWS provider mirror, or skip
  terraform           terraform(working_dir, **options) -> Terraform (offline CLI config);
                      logs removed after a passing test, kept after a failing one;
                      one provider plugin cache for the run
  run_dir             tmp_path, or a stable per-test dir while SKIP_* resumes a run
  local_endpoint      the loopback URL (free port) the session's moto server uses
  local_synth         a fresh ephemeral stage synthesized for the local target (LocalSynth)
  moto_server         a moto server on local_endpoint for the session
  local_terraform     local_terraform() -> Terraform on a copy of the local stage, state on moto
  local_sweep         local_sweep() -> SweepReport: delete what still carries the local stage's tag
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.flags import env_flag
from harness.local_fixtures import (  # noqa: F401 - fixtures registered by this plugin
    LocalSynth,
    local_endpoint,
    local_sweep,
    local_synth,
    local_terraform,
    moto_server,
)
from harness.resume import discard, keeps_resources, resuming, run_dir_for
from harness.shared import plugin_cache_dir, shared_root, shared_synth
from harness.synth import SynthOutput
from harness.template import Template
from harness.terraform import Terraform, TerraformOptions
from harness.tiers import TIERS, tiers_for
from harness.toolchain import (
    find_aws_provider_mirror,
    find_terraform,
    missing_mirror_reason,
    missing_terraform_reason,
    offline_cli_environment,
)

SESSION_EPHEMERAL_STAGES = ("pr-123",)
REQUIRE_TOOLS_VARIABLE = "SGCT_REQUIRE_TOOLS"


def pytest_addoption(parser) -> None:
    parser.addini("harness_node_paths", "test files/directories that run Node.js (tier `node`)", "linelist")
    parser.addini("harness_synth_paths", "test files/directories that synthesize (tier `synth`)", "linelist")


REMOTE_SERVICE_MARKER = "remote_service"
"""Marks a test that needs a remote service (not a tool): its skip stays a skip under SGCT_REQUIRE_TOOLS."""


def pytest_configure(config) -> None:
    for name, description in TIERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")
    config.addinivalue_line(
        "markers",
        f"{REMOTE_SERVICE_MARKER}: needs a remote service this machine may not reach; SGCT_REQUIRE_TOOLS "
        "leaves its skip a skip (the workflow that can reach the service enforces it)",
    )


def pytest_collection_modifyitems(config, items) -> None:
    """Mark each test with its tiers (harness/tiers.py) so `-m unit` is the fast loop."""
    root = Path(str(config.rootpath))
    node_paths, synth_paths = config.getini("harness_node_paths"), config.getini("harness_synth_paths")
    for item in items:
        path = Path(str(item.path))
        relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        markers = {mark.name for mark in item.iter_markers()}
        module = getattr(item, "module", None)
        for tier in sorted(tiers_for(item.fixturenames, markers, module, relative, node_paths, synth_paths)):
            if tier not in markers:
                item.add_marker(tier)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report so fixtures can tell a failing test at teardown.

    With SGCT_REQUIRE_TOOLS on, a skip (a tool, binary or package missing)
    is reported as a failure, so CI cannot silently stop running a check.
    Tests marked `remote_service` are the exception: what they lack is the
    network, and the workflow that reaches the service enforces them.
    """
    outcome = yield
    report = outcome.get_result()
    remote = item.get_closest_marker(REMOTE_SERVICE_MARKER) is not None
    if report.skipped and env_flag(REQUIRE_TOOLS_VARIABLE) and not remote and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"{REQUIRE_TOOLS_VARIABLE} is on, and this test would have been skipped: {reason}"
    setattr(item, f"harness_report_{report.when}", report)


def _test_failed(request) -> bool:
    reports = (getattr(request.node, f"harness_report_{when}", None) for when in ("setup", "call"))
    return any(getattr(report, "failed", False) for report in reports)


@pytest.fixture(scope="session")
def harness_shared_dir(tmp_path_factory) -> Path:
    """A directory all pytest-xdist workers of this run share (the session temp dir without xdist)."""
    return shared_root(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def synth_output(harness_shared_dir) -> SynthOutput:
    """Every permanent stage plus `pr-123`, synthesized once for the run (real AWS target).

    Under `pytest -n`, workers share one synthesis per input key (harness/shared.py).
    """
    return shared_synth(harness_shared_dir, SESSION_EPHEMERAL_STAGES)


@pytest.fixture
def run_dir(request, tmp_path) -> Iterator[Path]:
    """A working directory for this test: `tmp_path`, or, while resuming, a stable one.

    With SKIP_init / SKIP_apply / SKIP_destroy set it is `.sgct-runs/<test id>/`,
    the same on the next run, so Terraform finds its `.terraform/` and state
    again (harness/resume.py). It is removed after a passing run that kept nothing.
    """
    if not resuming():
        yield tmp_path
        return
    directory = run_dir_for(request.node.nodeid)
    directory.mkdir(parents=True, exist_ok=True)
    print(f"[harness] resumable working dir: {directory}")
    yield directory
    if not keeps_resources() and not _test_failed(request):
        discard(directory)


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
        runner.close(succeeded=not _test_failed(request))


@pytest.fixture
def terraform(terraform_binary, harness_shared_dir, request, tmp_path):
    """`terraform(working_dir, mirror=None, **options)`: a runner with an offline CLI configuration.

    Runners share one provider plugin cache per run (all xdist workers); `init` locks it.
    """
    runners: list[Terraform] = []
    cache = plugin_cache_dir(harness_shared_dir)

    def make(working_dir, mirror=None, env=None, **options) -> Terraform:
        cli_env = offline_cli_environment(tmp_path / f".cli-{len(runners)}", mirror, cache)
        runner = Terraform(
            TerraformOptions(
                working_dir=working_dir, binary=terraform_binary, env={**cli_env, **(env or {})}, **options
            )
        )
        runners.append(runner)
        return runner

    yield make
    _close_runners(runners, request)
