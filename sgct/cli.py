"""`sgct <command>`: dispatch to the tool that owns each command.

Why one entry point: engineers remember one command; each subcommand lives
with the package it belongs to (`policies`, `harness`, ...) and registers
here by name.
"""

from __future__ import annotations

import importlib
import sys

# command -> (module with a `main(argv) -> int`, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "review": ("review.cli", "markdown plan review for a pull request, from plan JSON or a synth diff"),
    "diagram": ("review.diagram_cli", "draw a synthesized stage as Mermaid, Graphviz DOT, SVG or PNG"),
    "synth": ("sgct.synth_command", "synthesize stages into cdktf.out (same as python main.py)"),
    "check": ("policies.cli", "check synthesized stacks or plan JSON against the policy rules"),
    "publish": ("operations.publish_command", "upload a web build to a stage's bucket, then invalidate"),
    "inventory": (
        "harness.inventory_command",
        "regenerate or check the stage inventories in tests/inventories",
    ),
}


def usage() -> str:
    lines = ["usage: sgct <command> [options]", "", "commands:"]
    lines += [f"  {name:<10} {help_text}" for name, (_, help_text) in sorted(COMMANDS.items())]
    lines += ["", "Run 'sgct <command> --help' for a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"sgct: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())
