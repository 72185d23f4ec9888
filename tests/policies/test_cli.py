"""`sgct check`: exit codes 0/1/2, formats, atomic --output, help for every option."""

import subprocess
import sys

from harness.synth import REPO_ROOT
from policies.cli import list_rules
from policies.registry import all_rules
from tests.policies.helpers import contract_environment, lambda_function, log_group, plan, stack, write_json
from tests.sgct.commands import check as main


def clean(tmp_path):
    return write_json(
        tmp_path / "out/stacks/dev/cdk.tf.json",
        stack(
            "dev",
            {
                "aws_lambda_function.api": lambda_function(environment=contract_environment()),
                "aws_cloudwatch_log_group.api": log_group(),
            },
        ),
    ).parents[2]


def test_exit_0_when_clean_and_1_on_error_findings(tmp_path, capsys):
    assert main([str(clean(tmp_path)), "--no-suppressions"]) == 0
    assert "PASSED" in capsys.readouterr().out
    write_json(
        tmp_path / "out/stacks/pr-1/cdk.tf.json",
        stack(
            "pr-1",
            {
                "aws_lambda_function.api": lambda_function("pr-1", runtime="nodejs20.x"),
                "aws_cloudwatch_log_group.api": log_group("pr-1"),
            },
        ),
    )
    assert main([str(tmp_path / "out"), "--no-suppressions"]) == 1


def test_exit_2_on_unusable_input_and_no_report_written(tmp_path, capsys):
    bad = tmp_path / "plan.json"
    write_json(bad, plan([], "dev", format_version="2.0"))
    output = tmp_path / "report.json"
    assert main([str(bad), "--format", "json", "--output", str(output)]) == 2
    assert "format_version '2.0'" in capsys.readouterr().err and not output.exists()
    (tmp_path / "broken.json").write_text("{")
    assert main([str(tmp_path / "broken.json")]) == 2


def test_output_is_written_atomically_and_replaces_the_old_report(tmp_path):
    output = tmp_path / "reports" / "policy.sarif"
    output.parent.mkdir()
    output.write_text("old")
    assert main([str(clean(tmp_path)), "--format", "sarif", "--output", str(output)]) == 0
    assert '"version": "2.1.0"' in output.read_text()
    assert [p.name for p in output.parent.iterdir()] == ["policy.sarif"]


def test_sgct_entry_point_help_and_rule_list():
    result = subprocess.run(
        [sys.executable, "-m", "sgct.cli", "check", "--help"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    for option in ("--format", "--output", "--suppressions", "--stage", "--plan", "--protected-type"):
        assert option in result.stdout
    rules = subprocess.run(
        [sys.executable, "-m", "sgct.cli", "check", "--list-rules"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert rules.returncode == 0 and "SGCT012" in rules.stdout


def test_unwritable_output_exits_2_with_a_message_not_a_traceback(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert main([str(clean(tmp_path)), "--output", str(blocker / "report.txt")]) == 2
    err = capsys.readouterr().err
    assert f"cannot write the report to {blocker / 'report.txt'}" in err and "not a directory" in err
    assert blocker.read_text() == ""


def test_rule_list_columns_fit_their_longest_cell():
    lines = list_rules().splitlines()
    title_at = lines[0].index("title")
    stages_at = lines[0].index("stages")
    assert lines[1:], "list_rules() listed no rules"
    for line in lines[1:]:
        rule_id = line.split()[0]
        title = all_rules()[rule_id].title
        assert line[title_at:] == title, line  # every title starts in the title column
        assert line[stages_at:title_at].strip() == all_rules()[rule_id].stages.value


def test_an_empty_plan_directory_says_how_to_write_plan_json(tmp_path, capsys):
    assert main(["--plan", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "terraform show -json <planfile> > plan.json" in err and "sgct synth" not in err
    assert main([str(tmp_path)]) == 2
    assert "sgct synth" in capsys.readouterr().err
