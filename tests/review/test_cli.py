"""`sgct review` end to end: arguments, files written, exit codes, no secrets in any output."""

import json

import pytest

from policies import api
from tests.sgct.commands import review as main


@pytest.mark.terraform
def test_review_from_plan_writes_comment_and_redacted_json(real_plan, tmp_path, capsys):
    comment, saved = tmp_path / "out" / "comment.md", tmp_path / "out" / "review.json"
    # The stage comes from the file name (plan-prod.json).
    assert (
        main(["--plan", str(real_plan.plan_file), "--output", str(comment), "--save-json", str(saved)]) == 0
    )
    text = comment.read_text()
    assert "[!CAUTION]" in text and "| prod (protected) | plan | 1 | 1 | 1 | 1 |" in text
    assert real_plan.canaries, "the real plan fixture planted no canaries"
    for output in (text, saved.read_text(), capsys.readouterr().out):
        for canary in real_plan.canaries:
            assert canary not in output
    assert main(["--from-json", str(saved), "--output", str(tmp_path / "again.md")]) == 0
    assert (tmp_path / "again.md").read_text() == text


@pytest.mark.terraform
def test_fail_on_protected_exits_1_only_for_protected_stages(real_plan, capsys):
    assert main(["--plan", f"prod={real_plan.plan_file}", "--fail-on-protected", "--no-policies"]) == 1
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


def _state_json(tmp_path):
    path = tmp_path / "plan-prod.json"
    path.write_text(json.dumps({"format_version": "1.0", "terraform_version": "1.11.4", "values": {}}))
    return path


def _empty_plan(tmp_path):
    path = tmp_path / "plan-dev.json"
    path.write_text(
        json.dumps(
            {
                "format_version": "1.2",
                "terraform_version": "1.11.4",
                "resource_changes": [],
                "planned_values": {"root_module": {}},
                "configuration": {"root_module": {}},
            }
        )
    )
    return path


def test_state_json_as_a_plan_exits_2_even_without_policies(tmp_path, capsys):
    assert main(["--plan", f"prod={_state_json(tmp_path)}", "--no-policies"]) == 2
    captured = capsys.readouterr()
    assert "state JSON" in captured.err and "No changes" not in captured.out


def test_an_explicit_suppressions_file_must_exist(tmp_path, capsys):
    missing = tmp_path / "nope.yaml"
    assert main(["--plan", str(_empty_plan(tmp_path)), "--suppressions", str(missing)]) == 2
    assert f"suppressions file {missing} does not exist" in capsys.readouterr().err


def test_the_default_suppressions_file_may_be_absent(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "DEFAULT_SUPPRESSIONS", tmp_path / "absent.yaml")
    assert main(["--plan", str(_empty_plan(tmp_path)), "--output", str(tmp_path / "c.md")]) == 0


def test_invalid_suppressions_date_names_the_file_and_field(tmp_path, capsys):
    bad = tmp_path / "suppressions.yaml"
    bad.write_text(
        "suppressions:\n  - rule: SGCT003\n    resource: a.b\n    stages: [dev]\n"
        "    reason: x86 until arm64 ships\n    expires: 2026-13-31\n"
    )
    assert main(["--plan", str(_empty_plan(tmp_path)), "--suppressions", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}#0: expires must be a date" in err and "2026-13-31" in err


def test_unwritable_output_exits_2_and_writes_nothing(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    comment, saved = tmp_path / "r2.md", blocker / "review.json"
    assert (
        main(["--plan", str(_empty_plan(tmp_path)), "--output", str(comment), "--save-json", str(saved)]) == 2
    )
    err = capsys.readouterr().err
    assert f"cannot write {saved}" in err and "not a directory" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a-file",
        "plan-dev.json",
    ]  # no r2.md, no temp files
    assert main(["--plan", str(_empty_plan(tmp_path)), "--output", str(blocker / "c.md")]) == 2


def test_temporary_files_never_collide_with_existing_files(tmp_path):
    comment = tmp_path / "comment.md"
    bystander = tmp_path / "comment.md.tmp"  # the old fixed temporary name
    bystander.write_text("someone else's file")
    assert main(["--plan", str(_empty_plan(tmp_path)), "--output", str(comment)]) == 0
    assert bystander.read_text() == "someone else's file" and "dev" in comment.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["comment.md", "comment.md.tmp", "plan-dev.json"]


def test_help_names_paths_relatively_and_documents_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "(default: policies/suppressions.yaml, if present)" in out
    assert str(api.DEFAULT_SUPPRESSIONS) not in out
    assert "--suppressions FILE" in out and "--output FILE" in out
    assert "Exit codes: 0" in out and "2 unusable input" in out and "1 with --fail-on-protected" in out
