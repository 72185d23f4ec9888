"""`sgct app-env`: print the plain, build-time values of one app on one stage.

Why: Next.js inlines `NEXT_PUBLIC_*` values into the bundle at build time,
so the app repository must build each stage's web with that stage's values
(`NEXT_PUBLIC_API_URL` of staging, not prod's). This command prints them
from the same contract the infrastructure deploys (`stages/app_contract.py`),
so the build and the deployed function cannot disagree. Secrets are never
printed: the command only knows their names.

Formats: `dotenv` (a `.env` file, values double-quoted), `json` (one object),
`github` (`NAME=value` lines to append to `$GITHUB_ENV`).
Exit codes: 0 printed, 2 unusable input (invalid stage name; reported by the `sgct` entry point).
"""

from __future__ import annotations

import argparse
import json

from stages import resolve_stage
from stages.app_contract import App, plain_values

FORMATS = ("dotenv", "json", "github")


def render(values: dict[str, str], format_: str) -> str:
    """`values` in `format_` (one of FORMATS); refuses a value that would break a line-based format."""
    if format_ == "json":
        return json.dumps(values, indent=2, sort_keys=True)
    for name, value in values.items():
        if "\n" in value or "\r" in value:
            raise ValueError(f"{name}: a value with a line break cannot be written as {format_}.")
    if format_ == "dotenv":
        return "\n".join(f"{name}={json.dumps(value)}" for name, value in sorted(values.items()))
    return "\n".join(f"{name}={value}" for name, value in sorted(values.items()))


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sgct app-env",
        description="Print the non-secret values an app build needs for one stage (NEXT_PUBLIC_API_URL, "
        "NEXT_PUBLIC_APP_ENV, TZ for the web; STAGE, FEATURE_FLAG_RATE_LIMIT for the API).",
        epilog="Exit codes: 0 printed, 2 invalid stage name.",
    )
    parser.add_argument(
        "--stage", required=True, metavar="NAME", help="prod, staging, dev, pr-123, feature-x"
    )
    parser.add_argument("--app", required=True, choices=[app.value for app in App], help="which app")
    parser.add_argument("--format", choices=FORMATS, default="dotenv", help="output format (default: dotenv)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    stage = resolve_stage(args.stage)  # a StageNameError (exit 2) is reported by the entry point
    print(render(plain_values(stage, App(args.app)), args.format))
    return 0
