"""`sgct diagram`: levels, formats, --compare, and exit 2 for unusable input."""

import pytest

from tests.review.diagram.stacks import write_stack
from tests.sgct.commands import diagram as diagram_main


def test_architecture_is_the_default_and_resources_is_a_level(synth_output, capsys):
    assert diagram_main(["--stage", "prod", "--synth", str(synth_output.outdir)]) == 0
    architecture = capsys.readouterr().out
    assert 'n_host_web[/"sgcarstrends.com"/]' in architecture and "aws_iam_role" not in architecture
    assert diagram_main(["--stage", "prod", "--synth", str(synth_output.outdir), "--level", "resources"]) == 0
    assert "aws_iam_role" in capsys.readouterr().out


def test_cli_writes_markdown_and_dot_and_compares(synth_output, tmp_path, capsys):
    synth = str(synth_output.outdir)
    assert diagram_main(["--stage", "prod", "--synth", synth, "--output", str(tmp_path / "prod.md")]) == 0
    assert (tmp_path / "prod.md").read_text().startswith("```mermaid\nflowchart LR")
    assert diagram_main(["--stage", "pr-123", "--synth", synth, "--output", str(tmp_path / "pr.dot")]) == 0
    assert (tmp_path / "pr.dot").read_text().startswith('digraph "pr-123" {')
    assert diagram_main(["--compare", "prod", "pr-123", "--synth", synth]) == 0
    assert "only in prod" in capsys.readouterr().out


def test_cli_refuses_a_missing_stack_and_compare_with_resources(synth_output, capsys):
    synth = str(synth_output.outdir)
    assert diagram_main(["--stage", "pr-999", "--synth", synth]) == 2
    assert "synthesize the stage first" in capsys.readouterr().err
    assert diagram_main(["--compare", "prod", "pr-999", "--synth", synth]) == 2
    assert diagram_main(["--compare", "prod", "pr-123", "--synth", synth, "--level", "resources"]) == 2
    assert "architecture level only" in capsys.readouterr().err


@pytest.mark.parametrize("stage", ["../prod", "Prod", "pr_1", ""])
def test_cli_refuses_an_invalid_stage_name_naming_the_rule(tmp_path, capsys, stage):
    assert diagram_main(["--stage", stage, "--synth", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "stage-name/dns-label" in err and "sgct synth" not in err


def test_image_needs_an_output_file(tmp_path, capsys):
    write_stack(tmp_path / "out", "dev", {"resource": {"aws_sns_topic": {"t": {"name": "x"}}}})
    assert diagram_main(["--stage", "dev", "--synth", str(tmp_path / "out"), "--format", "svg"]) == 2
    assert "pass --output FILE.svg" in capsys.readouterr().err


def test_cli_unwritable_output_exits_2(tmp_path, capsys):
    write_stack(tmp_path / "out", "dev", {"resource": {"aws_sns_topic": {"t": {"name": "x"}}}})
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    argv = ["--stage", "dev", "--synth", str(tmp_path / "out"), "--output", str(blocker / "dev.md")]
    assert diagram_main(argv) == 2
    assert "not a directory" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "out"]
