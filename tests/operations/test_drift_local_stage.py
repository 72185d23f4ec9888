"""Drift on the local stage: apply its API function on moto, change its memory with boto3, report the drift.

Only the function and what it references are applied (`subset_target_arguments`):
the drift check reads one resource, and the whole stage's apply is the local
stage test's job.

Skips, naming what is missing, without a Terraform CLI, an offline AWS
provider mirror or moto[server] (the harness fixtures decide).
"""

import pytest

from harness.aws_checks import leftovers
from harness.local_scope import subset_target_arguments
from harness.workflow import applied
from operations.drift import ResourceDrift, drift_from_plan, render_markdown
from operations.drift_command import refresh_only_plan
from stages import resolve_stage

_NONE = ResourceDrift("", "changed", ())


@pytest.mark.terraform
def test_a_memory_change_made_outside_terraform_is_reported(local_synth, local_terraform, moto_server):
    stack, stage = local_synth.stack, resolve_stage(local_synth.stage)
    function_name = stage.name_for("api")
    address = next(
        address
        for address, body in stack.resources("aws_lambda_function").items()
        if body.get("function_name") == function_name
    )
    configured = stack.resource(address)["memory_size"]
    tf = local_terraform()
    targets = subset_target_arguments(stack.config, [address])
    with applied(tf, extra_args=tuple(targets), environ={}):
        # moto reports a few values differently from what the provider stored (an ACM status);
        # the memory size must not be among them before the change.
        baseline = {drift.address: drift for drift in drift_from_plan(refresh_only_plan(tf, init=False))}
        assert "memory_size" not in {a.path for a in baseline.get(address, _NONE).attributes}

        moto_server.client("lambda").update_function_configuration(
            FunctionName=function_name, MemorySize=configured + 128
        )
        plan = refresh_only_plan(tf, init=False)
        drifts = {drift.address: drift for drift in drift_from_plan(plan)}
        assert address in drifts
        changed = {attribute.path: attribute for attribute in drifts[address].attributes}
        assert (changed["memory_size"].before, changed["memory_size"].after) == (
            str(configured),
            str(configured + 128),
        )
        report = render_markdown(stage.name, plan)
        assert f"| `{address}` | changed | `memory_size` | `{configured}` | `{configured + 128}` |" in report
    assert leftovers(moto_server, stage.name) == [], "the targeted destroy removed everything it applied"
