"""`sgct check`: run the policy rules over synthesized stacks or plan JSON, gate CI.

Exit codes: 0 no unsuppressed error-level findings, 1 at least one, 2 the
input is unusable (unreadable/invalid JSON, unknown plan format, unknown
stage, invalid suppressions file) or the --output path is not writable.
On exit 2 no report is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policies.output_files import write_files
from policies.reporters import FORMATS
from stages.errors import EXIT_FAILURE, EXIT_OK, run_entry_point


def parse_args(argv: list[str]) -> argparse.Namespace:
    from policies.api import DEFAULT_SUPPRESSIONS_TEXT, default_suppressions

    parser = argparse.ArgumentParser(
        prog="sgct check",
        description="Check synthesized Terraform JSON (cdktf.out, cdk.tf.json) or plan JSON "
        "(terraform show -json) against the platform's policy rules.",
        epilog="Exit codes: 0 clean, 1 error-level findings, 2 unusable input or unwritable --output.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("cdktf.out")],
        help="synth directories (every stacks/*/cdk.tf.json under them), stack files or "
        "plan JSON files (default: cdktf.out)",
    )
    parser.add_argument(
        "--format", choices=tuple(FORMATS), default="text", help="report format (default: text)"
    )
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="write the report to FILE atomically instead of stdout"
    )
    parser.add_argument(
        "--suppressions",
        type=Path,
        metavar="FILE",
        default=default_suppressions(),
        help=f"suppressions YAML (default: {DEFAULT_SUPPRESSIONS_TEXT} when it exists)",
    )
    parser.add_argument(
        "--no-suppressions",
        action="store_true",
        help="ignore every suppressions file and report all findings",
    )
    parser.add_argument(
        "--stage",
        metavar="NAME",
        help="stage of every input, overriding the stack's stackName or the plan's stage tag",
    )
    parser.add_argument(
        "--plan",
        action="store_true",
        help="treat inputs as plan JSON (directories: their *.json files); plans are "
        "otherwise recognised by their content",
    )
    parser.add_argument(
        "--protected-type",
        action="append",
        default=[],
        metavar="TYPE",
        help="also treat this resource type as protected (repeatable)",
    )
    parser.add_argument("--list-rules", action="store_true", help="print the rule table and exit")
    return parser.parse_args(argv)


def list_rules() -> str:
    """The rule table, each column as wide as its longest cell (stage descriptions vary a lot)."""
    from policies.registry import all_rules

    rows = [("ID", "severity", "inputs", "stages", "title")]
    for rule in all_rules().values():
        inputs = ", ".join(sorted(kind.value for kind in rule.inputs))
        rows.append((rule.id, rule.severity.value, inputs, rule.stages.value, rule.title))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[4] + "\n"
        for row in rows
    )


def main(argv: list[str] | None = None) -> int:
    """Run the check; unusable input raises (`InputError`, `OutputError`) to the `sgct` entry point."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.list_rules:
        sys.stdout.write(list_rules())
        return EXIT_OK
    from policies.api import check_paths
    from policies.reporters import render

    result = check_paths(
        args.paths,
        plan=args.plan,
        stage=args.stage,
        suppressions_file=None if args.no_suppressions else args.suppressions,
        extra_protected_types=tuple(args.protected_type),
    )
    report = render(result, args.format)
    if args.output:
        write_files([(args.output, report)], what="the report to ", option="--output ")
    else:
        sys.stdout.write(report)
    return EXIT_FAILURE if result.exit_code else EXIT_OK


if __name__ == "__main__":
    sys.exit(run_entry_point(main, "sgct check"))
