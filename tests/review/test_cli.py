"""`sgct review` end to end: arguments, files written, exit codes, no secrets in any output."""

import pytest

from review.cli import main


@pytest.mark.terraform
def test_review_from_plan_writes_comment_and_redacted_json(real_plan, tmp_path, capsys):
    comment, saved = tmp_path / "out" / "comment.md", tmp_path / "out" / "review.json"
    # The stage comes from the file name (plan-prod.json).
    assert main(["--plan", str(real_plan.plan_file), "--output", str(comment), "--save-json", str(saved)]) == 0
    text = comment.read_text()
    assert "[!CAUTION]" in text and "| prod (protected) | plan | 1 | 1 | 1 | 1 |" in text
    for output in (text, saved.read_text(), capsys.readouterr().out):
        for canary in real_plan.canaries:
            assert canary not in output
    assert main(["--from-json", str(saved), "--output", str(tmp_path / "again.md")]) == 0
    assert (tmp_path / "again.md").read_text() == text


@pytest.mark.terraform
def test_fail_on_protected_exits_3_only_for_protected_stages(real_plan, capsys):
    assert main(["--plan", f"prod={real_plan.plan_file}", "--fail-on-protected", "--no-policies"]) == 3
    assert "protected stage" in capsys.readouterr().err
    assert main(["--plan", f"dev={real_plan.plan_file}", "--fail-on-protected", "--no-policies"]) == 0


@pytest.mark.terraform
def test_policy_findings_are_run_on_the_plan(real_plan, capsys):
    assert main(["--plan", f"dev={real_plan.plan_file}"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| dev |"))
    assert not row.endswith("not run |")


def test_synth_diff_from_the_command_line(synth_output, capsys):
    outdir = str(synth_output.outdir)
    assert main(["--base", outdir, "--head", outdir, "--stage", "prod", "--stage", "dev"]) == 0
    out = capsys.readouterr().out
    assert "| prod (protected) | synth diff | 0 | 0 | 0 | 0 |" in out and "| dev | synth diff |" in out


def test_unusable_input_exits_2_and_writes_nothing(tmp_path, capsys):
    output = tmp_path / "comment.md"
    assert main(["--plan", f"prod={tmp_path / 'missing.json'}", "--output", str(output)]) == 2
    assert "does not exist" in capsys.readouterr().err and not output.exists()
    with pytest.raises(SystemExit) as error:
        main(["--base", str(tmp_path)])
    assert error.value.code == 2
    with pytest.raises(SystemExit):
        main([])
