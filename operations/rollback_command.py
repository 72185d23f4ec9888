"""`sgct rollback --stage S [--to VERSION --function NAME]`: move the `live` aliases back.

Without --to every function of the stage that has a `live` alias goes back
one published version; with --to the alias goes to that version (one
function: --function, unless the stage has a single aliased function).
Terraform state is not touched: the next deploy publishes and points `live`
at a new version again.

Exit codes: 0 moved, 1 nothing to roll back to (or AWS refused), 2 unusable input.
"""

from __future__ import annotations

import argparse
import sys

from operations.deploy import resolve
from operations.rollback import rollback


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sgct rollback",
        description="Move a stage's live function aliases back to the previous (or a given) version.",
        epilog="exit codes: 0 moved, 1 nothing to roll back to or AWS refused, 2 unusable input",
    )
    parser.add_argument("--stage", required=True, help="stage whose functions to roll back")
    parser.add_argument("--to", metavar="VERSION", help="published version to point live at")
    parser.add_argument(
        "--function", metavar="NAME", help="only this function: its name or suffix (api, web)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from operations.aws_clients import lambda_client

    stage = resolve(args.stage)
    moves = rollback(lambda_client(), stage, to=args.to, function=args.function)
    for move in moves:
        print(f"{move.function_name}: live {move.from_version} -> {move.to_version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
