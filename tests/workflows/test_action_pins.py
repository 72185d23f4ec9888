"""Every action a workflow uses is pinned by full commit SHA, with the release it is in a comment.

A tag can be moved to other code; a commit cannot. The `# vX.Y.Z` comment is
what a reviewer (and Dependabot, which updates both together) reads. YAML
parsing drops comments, so the pins are read from the text, and the text's
`uses:` lines are checked against the parsed workflows so none is missed.
"""

import re
from pathlib import Path

import pytest

from tests.workflows.workflow_files import WORKFLOW_FILES, load

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<value>.*?)\s*$")
PINNED = re.compile(
    r"^(?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40}) # v(?P<version>\d+\.\d+\.\d+)$"
)
LOCAL = re.compile(r"^\./\.github/workflows/[\w.-]+\.ya?ml$")


def unpinned_uses(text: str) -> list[str]:
    """`line N: <value>` for every `uses:` that is neither SHA-pinned with a version comment nor local."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = USES_LINE.match(line)
        if match and not (PINNED.match(match["value"]) or LOCAL.match(match["value"])):
            problems.append(f"line {number}: {match['value']}")
    return problems


def _parsed_uses(workflow: dict) -> list[str]:
    found = []
    for job in workflow["jobs"].values():
        found += [job["uses"]] if "uses" in job else []
        found += [step["uses"] for step in job.get("steps", []) if "uses" in step]
    return found


def _text_uses(text: str) -> list[str]:
    values = [match["value"] for line in text.splitlines() if (match := USES_LINE.match(line))]
    return [value.split(" #")[0] for value in values]


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda path: path.name)
def test_every_uses_is_pinned_by_sha_with_its_version(workflow: Path):
    problems = unpinned_uses(workflow.read_text())
    assert not problems, (
        f"{workflow.name}: pin each action as owner/repo@<40-hex commit> # vX.Y.Z "
        f"(the commit of that release tag): {problems}"
    )


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda path: path.name)
def test_the_text_scan_sees_every_uses_the_yaml_has(workflow: Path):
    assert sorted(_text_uses(workflow.read_text())) == sorted(_parsed_uses(load(workflow)))


def test_each_action_has_one_pin_across_workflows():
    pins: dict[str, set[str]] = {}
    for workflow in WORKFLOW_FILES:
        for line in workflow.read_text().splitlines():
            if (match := USES_LINE.match(line)) and (pinned := PINNED.match(match["value"])):
                pins.setdefault(pinned["action"], set()).add(match["value"].split("@", 1)[1])
    assert pins, "no pinned action found"
    assert {action: refs for action, refs in pins.items() if len(refs) > 1} == {}


@pytest.mark.parametrize(
    "line",
    [
        "      - uses: actions/checkout@v7",
        "        uses: actions/checkout@v7.0.1 # v7.0.1",
        "        uses: actions/checkout@3d3c42e # v7.0.1",
        "        uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1",
        "        uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7",
        "        uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # main",
        "        uses: actions/checkout@3D3C42E5AAC5BA805825DA76410C181273BA90B1 # v7.0.1",
        "    uses: octo/workflows/.github/workflows/deploy.yml@main",
        "      - uses: docker://alpine:3.20",
    ],
)
def test_the_check_catches_unpinned_uses(line):
    assert unpinned_uses(f"jobs:\n  a:\n    steps:\n{line}\n") == [
        f"line 4: {line.split('uses:')[1].strip()}"
    ]


@pytest.mark.parametrize(
    "line",
    [
        "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
        "        uses: github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e # v4.36.2",
        "    uses: ./.github/workflows/terraform-stage.yml",
    ],
)
def test_the_check_accepts_pinned_and_local_uses(line):
    assert unpinned_uses(f"jobs:\n  a:\n    steps:\n{line}\n") == []
