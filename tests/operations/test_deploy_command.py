"""Safety proof: a real saved plan that destroys prod's distribution stops `sgct deploy` before apply.

The stack is a real Terraform working directory (built-in `terraform_data`,
local state, see stack_fixtures.py): the base is applied, the head removes
the distribution and replaces the assets bucket. The deploy must refuse,
leave the state untouched and say why in the log and the job summary; with
a reviewed override it applies exactly that plan.
"""

import pytest

from sgct.cli import main as sgct
from tests.operations.stack_fixtures import ASSETS, DISTRIBUTION, applied_base, offline_env, state_addresses

SUPPRESSIONS = """\
suppressions:
  - rule: SGCT010
    resource: terraform.backend
    stages: [prod]
    reason: the fixture keeps its state locally; real stages use the S3 backend
    expires: 2099-01-01
"""


@pytest.fixture
def prod_stack(terraform_binary, tmp_path, monkeypatch):
    env = offline_env(tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    outdir = tmp_path / "cdktf.out"
    workdir = applied_base(terraform_binary, outdir, "prod", env)
    suppressions = tmp_path / "suppressions.yaml"
    suppressions.write_text(SUPPRESSIONS)
    args = [
        "--stage",
        "prod",
        "--outdir",
        str(outdir),
        "--skip-synth",
        "--no-smoke-check",
        "--suppressions",
        str(suppressions),
    ]
    return workdir, summary, args, env


@pytest.mark.terraform
def test_destroying_prods_distribution_stops_before_apply(prod_stack, terraform_binary, capsys):
    workdir, summary, args, env = prod_stack
    before = state_addresses(terraform_binary, workdir, env)
    assert sgct(["deploy", *args]) == 1
    log = capsys.readouterr().err
    assert f"refused: the plan would delete {DISTRIBUTION}" in log
    assert f"refused: the plan would replace {ASSETS}" in log
    assert "stopped before apply" in log
    assert state_addresses(terraform_binary, workdir, env) == before, "nothing may be applied"
    text = summary.read_text()
    assert "sgct deploy prod: stopped before apply" in text
    assert f"| `{DISTRIBUTION}` | delete | **refused**: no override |" in text
    assert "Plan applied by sgct deploy prod" in text, "the plan review is in the job summary"
    assert not (workdir / "plan.json").exists(), "the plan JSON (sensitive values) is removed"


@pytest.mark.terraform
def test_an_override_for_one_address_still_stops_on_the_other(prod_stack, terraform_binary, capsys):
    workdir, _, args, env = prod_stack
    before = state_addresses(terraform_binary, workdir, env)
    reason = ["--override-reason", "CDN retired, traffic moved (CHG-1234)"]
    assert sgct(["deploy", *args, "--override-destroy", DISTRIBUTION, *reason]) == 1
    assert f"refused: the plan would replace {ASSETS}" in capsys.readouterr().err
    assert state_addresses(terraform_binary, workdir, env) == before


@pytest.mark.terraform
def test_a_reviewed_override_applies_exactly_the_saved_plan(prod_stack, terraform_binary, capsys):
    workdir, summary, args, env = prod_stack
    reason = "CDN retired, traffic moved (CHG-1234)"
    overrides = [
        "--override-destroy",
        DISTRIBUTION,
        "--override-destroy",
        ASSETS,
        "--override-reason",
        reason,
    ]
    assert sgct(["deploy", *args, *overrides]) == 0
    log = capsys.readouterr().err
    assert f"override: delete of {DISTRIBUTION} allowed, reason: {reason}" in log
    assert "applying the checked plan" in log
    assert state_addresses(terraform_binary, workdir, env) == sorted([ASSETS, "terraform_data.api"])
    assert f"| `{DISTRIBUTION}` | delete | override: {reason} |" in summary.read_text()


@pytest.mark.terraform
def test_an_override_for_an_address_the_plan_keeps_is_unusable_input(prod_stack, capsys):
    _, _, args, _ = prod_stack
    overrides = [
        "--override-destroy",
        "terraform_data.api",
        "--override-reason",
        "it is not destroyed at all",
    ]
    assert sgct(["deploy", *args, *overrides]) == 2
    assert "does not destroy or replace" in capsys.readouterr().err


def test_an_override_without_a_reason_is_refused_before_anything_runs(tmp_path, capsys):
    args = ["--stage", "prod", "--outdir", str(tmp_path), "--skip-synth", "--override-destroy", DISTRIBUTION]
    assert sgct(["deploy", *args]) == 2
    assert "needs --override-reason" in capsys.readouterr().err


def test_an_unknown_stage_is_unusable_input(capsys):
    assert sgct(["deploy", "--stage", "Not_A_Stage", "--skip-synth"]) == 2
    assert "--stage 'Not_A_Stage'" in capsys.readouterr().err


def test_a_missing_publish_build_is_refused_before_anything_runs(tmp_path, capsys):
    args = [
        "--stage",
        "dev",
        "--outdir",
        str(tmp_path),
        "--skip-synth",
        "--publish-build",
        str(tmp_path / "nope"),
    ]
    assert sgct(["deploy", *args]) == 2
    assert "--publish-build" in capsys.readouterr().err
