"""`sgct <command>`: dispatch to the tool that owns each command.

Why one entry point: engineers remember one command; each subcommand lives
with the package it belongs to (`policies`, `harness`, ...) and registers
here by name.
"""

from __future__ import annotations

import importlib
import sys

from stages.errors import EXIT_OK, EXIT_UNUSABLE, UnusableInputError, run_entry_point

# command -> (module with a `main(argv) -> int`, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "review": ("review.cli", "markdown plan review for a pull request, from plan JSON or a synth diff"),
    "diagram": ("review.diagram.cli", "draw a stage's architecture or resources: Mermaid, DOT, SVG, PNG"),
    "synth": ("sgct.synth_command", "synthesize stages into cdktf.out (same as python main.py)"),
    "check": ("policies.cli", "check synthesized stacks or plan JSON against the policy rules"),
    "publish": ("operations.publish_command", "upload a web build to a stage's bucket, then invalidate"),
    "deploy": ("operations.deploy_command", "plan-gated deploy: check, apply the checked plan, smoke-check"),
    "rollback": ("operations.rollback_command", "move a stage's live function aliases back a version"),
    "drift": ("operations.drift_command", "report resources changed outside Terraform on a stage"),
    "app-env": (
        "sgct.app_env_command",
        "print an app's non-secret build-time environment for a stage (dotenv, json, github)",
    ),
    "janitor": (
        "operations.janitor_command",
        "destroy ephemeral stages whose PR closed or that are too old (never permanent ones)",
    ),
    "stage": (
        "operations.stage_command",
        "up|down NAME: deploy or destroy your own ephemeral stage (feature-auth) from a laptop",
    ),
    "inventory": (
        "harness.inventory.command",
        "regenerate or check the stage inventories in tests/inventories",
    ),
}


def usage() -> str:
    lines = ["usage: sgct <command> [options]", "", "commands:"]
    lines += [f"  {name:<10} {help_text}" for name, (_, help_text) in sorted(COMMANDS.items())]
    lines += ["", "Run 'sgct <command> --help' for a command's options."]
    return "\n".join(lines)


def run(argv: list[str]) -> int:
    """Dispatch `argv` to its command; errors propagate to `main`."""
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return EXIT_OK if argv else EXIT_UNUSABLE
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        raise UnusableInputError(f"unknown command {command!r}; run 'sgct --help' for the list")
    module = importlib.import_module(COMMANDS[command][0])
    return module.main(rest)


def main(argv: list[str] | None = None) -> int:
    """The `sgct` entry point: the one place errors become a message and an exit code.

    `SgctError`s print `error: <message>` and exit with their code (2 for
    unusable input); any other exception is reported as an internal error
    (exit 1), never as bad input.
    """
    arguments = sys.argv[1:] if argv is None else argv
    return run_entry_point(lambda: run(arguments), "sgct")


if __name__ == "__main__":
    sys.exit(main())
