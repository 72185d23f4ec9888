"""Stage inventories: every stage matches its reviewed YAML; mismatches print the regenerate command."""

import copy

import pytest

from harness.inventory import (
    INVENTORY_STAGES,
    REGENERATE_COMMAND,
    build_inventory,
    check_inventory,
    dump_inventory,
    inventory_mismatches,
)


@pytest.mark.parametrize("stage", INVENTORY_STAGES)
def test_stage_matches_its_inventory(synth_output, stage):
    check_inventory(synth_output.stack(stage))


def test_inventory_records_meaningful_properties_only(synth_output):
    inventory = build_inventory(synth_output.stack("prod"))
    lambdas = {
        address: props
        for address, props in inventory["resources"].items()
        if address.startswith("aws_lambda_function.")
    }
    assert lambdas and all(
        {"memory_size", "runtime", "architectures"} <= set(props) for props in lambdas.values()
    )
    text = dump_inventory(inventory)
    assert REGENERATE_COMMAND in text
    for volatile in ("source_code_hash:", "metadata:", "filename:", "tags_all"):
        assert volatile not in text, f"volatile value {volatile!r} leaked into the inventory"


def test_a_changed_value_fails_with_the_difference_and_the_command(synth_output, tmp_path):
    stack = synth_output.stack("dev")
    expected = build_inventory(stack)
    address = next(a for a in expected["resources"] if a.startswith("aws_lambda_function."))
    expected["resources"][address]["memory_size"] = 4096
    (tmp_path / "dev.yaml").write_text(dump_inventory(expected))
    with pytest.raises(AssertionError) as error:
        check_inventory(stack, tmp_path)
    message = str(error.value)
    assert f"{address}/memory_size: expected 4096, got" in message
    assert f"{REGENERATE_COMMAND} --stage dev" in message


def test_counts_backend_and_missing_resources_are_checked(synth_output):
    stack = synth_output.stack("pr-123")
    expected = copy.deepcopy(build_inventory(stack))
    assert inventory_mismatches(expected, stack) == []
    expected["counts"]["aws_lambda_function"] += 1
    expected["backend"]["s3"]["encrypt"] = False
    expected["resources"]["aws_sns_topic.gone"] = {"name": "x"}
    problems = inventory_mismatches(expected, stack)
    assert any(p.startswith("count of aws_lambda_function: expected") for p in problems)
    assert "backend/s3/encrypt: expected False, got True" in problems
    assert "aws_sns_topic.gone: expected, but not synthesized" in problems


def test_an_added_property_fails_as_much_as_a_removed_one(synth_output):
    stack = synth_output.stack("dev")
    expected = copy.deepcopy(build_inventory(stack))
    address = next(
        a
        for a, body in expected["resources"].items()
        if a.startswith("aws_lambda_function.")
        and "STAGE" in body.get("environment", {}).get("variables", {})
    )
    del expected["resources"][address]["environment"]["variables"]["STAGE"]  # the stack now "adds" STAGE
    del expected["backend"]["s3"]["use_lockfile"]
    problems = inventory_mismatches(expected, stack)
    assert any(p.startswith(f"{address}/environment/variables") and "STAGE" in p for p in problems), problems
    assert any(p.startswith("backend/s3") and "use_lockfile" in p for p in problems), problems


def test_a_missing_inventory_names_the_command(synth_output, tmp_path):
    with pytest.raises(FileNotFoundError, match=f"create it with: {REGENERATE_COMMAND} --stage dev"):
        check_inventory(synth_output.stack("dev"), tmp_path)


@pytest.mark.parametrize("text", ["counts: [unclosed", "- just\n- a list\n"])
def test_an_unreadable_inventory_is_a_mismatch_naming_the_command(synth_output, tmp_path, text):
    (tmp_path / "dev.yaml").write_text(text)
    with pytest.raises(ValueError, match="--stage dev"):
        check_inventory(synth_output.stack("dev"), tmp_path)
