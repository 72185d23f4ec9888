"""`sgct review`: one markdown pull request comment from plans or from a synth diff.

    sgct review --plan prod=plan-prod.json --plan staging=plan-staging.json --synth cdktf.out
    sgct review --base base/cdktf.out --head cdktf.out            # no credentials needed
    sgct review --plan dev=plan.json --save-json review-dev.json   # in a plan job
    sgct review --from-json review-dev.json --from-json review-prod.json --output comment.md

Exit codes: 0 rendered; 2 unusable input or an unwritable output (the
message says which and how to fix it; nothing is written); 1 with
--fail-on-protected when a protected stage would lose a resource; 1 with
"internal error" for a bug (never 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policies.api import DEFAULT_SUPPRESSIONS_TEXT, default_suppressions
from policies.output_files import write_files
from review.changes import StageReview
from review.diagram.change_view import attach_components, stage_stacks
from review.findings import add_policy_findings
from review.model_io import dump_reviews, load_reviews
from review.plan_changes import load_plan, review_plan
from review.render import DEFAULT_MAX_CHARS, MIN_MAX_CHARS, render_comment
from review.stage_info import ReviewInputError, stage_from_filename
from review.synth_diff import diff_outdirs
from sensitive.display_redaction import scrub
from stages.errors import EXIT_FAILURE, EXIT_OK, PREFIX, run_entry_point


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sgct review",
        description=__doc__.split("\n\n")[0],
        epilog="Exit codes: 0 rendered, 2 unusable input or unwritable output (nothing is written), "
        "1 with --fail-on-protected when a protected stage would destroy or replace a resource.",
    )
    parser.add_argument(
        "--plan",
        action="append",
        default=[],
        metavar="[STAGE=]FILE",
        help="plan JSON from `terraform show -json`; stage from STAGE= or the file name "
        "(plan-<stage>.json); repeatable",
    )
    parser.add_argument(
        "--base", type=Path, metavar="DIR", help="synthesized cdktf.out of the base branch (synth diff)"
    )
    parser.add_argument(
        "--head", type=Path, metavar="DIR", help="synthesized cdktf.out of the pull request (synth diff)"
    )
    parser.add_argument(
        "--stage",
        action="append",
        default=[],
        metavar="NAME",
        help="only these stages (synth diff); repeatable",
    )
    parser.add_argument(
        "--synth",
        type=Path,
        metavar="DIR",
        help="synthesized cdktf.out to run the policies on (default: --head)",
    )
    parser.add_argument(
        "--from-json",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="a review saved with --save-json; repeatable",
    )
    parser.add_argument("--no-policies", action="store_true", help="do not run the policy checks")
    parser.add_argument(
        "--suppressions",
        type=Path,
        metavar="FILE",
        help=f"policy suppressions file; must exist when given "
        f"(default: {DEFAULT_SUPPRESSIONS_TEXT}, if present)",
    )
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="write the markdown here (default: stdout)"
    )
    parser.add_argument(
        "--save-json", type=Path, metavar="FILE", help="also save the redacted review as JSON"
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"longest comment to produce (default: {DEFAULT_MAX_CHARS}; GitHub allows 65536)",
    )
    parser.add_argument(
        "--fail-on-protected",
        action="store_true",
        help="exit 1 when a protected stage would destroy or replace a resource",
    )
    args = parser.parse_args(argv)
    if args.max_chars < MIN_MAX_CHARS:
        parser.error(
            f"--max-chars {args.max_chars} is too small for a useful comment; use at least {MIN_MAX_CHARS}"
        )
    if (args.base is None) != (args.head is None):
        parser.error("--base and --head go together: the synth diff compares the two")
    if not (args.plan or args.base or args.from_json):
        parser.error("nothing to review: pass --plan, --base/--head, or --from-json")
    return args


def _plan_arguments(values: list[str]) -> dict[str, Path]:
    plans: dict[str, Path] = {}
    for value in values:
        stage, separator, file_text = value.partition("=")
        path = Path(file_text) if separator else Path(value)
        stage = stage if separator else stage_from_filename(path)
        if stage in plans:
            raise ReviewInputError(
                f"stage {stage!r} has two plans ({plans[stage]} and {path}); pass one per stage"
            )
        plans[stage] = path
    return plans


def build_reviews(args: argparse.Namespace) -> tuple[list[StageReview], set[str]]:
    """Every stage review the arguments ask for, plus the raw secrets to scrub."""
    reviews: list[StageReview] = []
    secrets: set[str] = set()
    plans = _plan_arguments(args.plan)
    for path in args.from_json:
        reviews += load_reviews(path)
    parsed: dict[Path, dict] = {}
    for stage, path in plans.items():
        parsed[path] = load_plan(path)  # read once: the policy check below reuses it
        reviewed = review_plan(stage, parsed[path], path)
        attach_components(reviewed.review, stage_stacks(stage, [args.synth or args.head, args.base]))
        reviews.append(reviewed.review)
        secrets |= reviewed.known_secrets
    if args.base is not None:
        planned = {review.stage for review in reviews}
        diffs, diff_secrets = diff_outdirs(args.base, args.head, args.stage or None)
        reviews += [review for review in diffs if review.stage not in planned]  # a real plan wins
        secrets |= diff_secrets
    if not args.no_policies:
        fresh = [review for review in reviews if not review.policies_checked]
        suppressions = args.suppressions if args.suppressions is not None else default_suppressions()
        add_policy_findings(fresh, args.synth or args.head, plans, suppressions, secrets, parsed)
    names = [review.stage for review in reviews]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ReviewInputError(f"stage(s) {duplicates} were reviewed twice; give each stage one input")
    return sorted(reviews, key=lambda review: (not review.protected, review.stage)), secrets


def main(argv: list[str] | None = None) -> int:
    """Render the review; unusable input raises `ReviewInputError`/`OutputError` to the `sgct` entry point.

    Everything is built and checked before anything is written, so an error
    leaves no file behind.
    """
    args = parse_args(sys.argv[1:] if argv is None else argv)
    reviews, secrets = build_reviews(args)
    text = render_comment(reviews, secrets, max_chars=args.max_chars)
    outputs: list[tuple[Path, str | bytes]] = [(args.output, text)] if args.output else []
    if args.save_json:
        outputs.append((args.save_json, scrub(dump_reviews(reviews), secrets)))
    write_files(outputs)
    if not args.output:
        sys.stdout.write(text)
    if args.fail_on_protected and any(review.blocking for review in reviews):
        print(
            f"{PREFIX}destructive changes on a protected stage (see the comment's caution block)",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(run_entry_point(main, "sgct review"))
