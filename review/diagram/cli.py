"""`sgct diagram`: draw a synthesized stage: its architecture (default) or every resource.

    sgct diagram --stage prod                            # architecture, Mermaid text on stdout
    sgct diagram --stage prod --output docs/prod.svg     # needs Graphviz `dot` on PATH
    sgct diagram --stage prod --level resources --format dot --output prod.dot
    sgct diagram --compare prod pr-123 --output compare.md

Exit codes: 0 written; 2 unusable input (a stage name that is not valid, a
missing or malformed stack), an unwritable --output, or missing Graphviz
(the message says which); errors are raised to the `sgct` entry point.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policies.output_files import write_files
from review.diagram.api import LEVELS, draw_compare, draw_stage, load_stack
from review.diagram.dot import to_dot
from review.diagram.graphviz import render_image
from review.diagram.mermaid import fenced, to_mermaid
from review.stage_info import ReviewInputError
from stages.errors import EXIT_OK, run_entry_point

FORMATS = ("mermaid", "markdown", "dot", "svg", "png")
SUFFIX_FORMATS = {
    ".svg": "svg",
    ".png": "png",
    ".dot": "dot",
    ".gv": "dot",
    ".md": "markdown",
    ".mmd": "mermaid",
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sgct diagram",
        description=__doc__.split("\n\n")[0],
        epilog="Exit codes: 0 written, 2 unusable input, unwritable --output or missing Graphviz.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--stage", metavar="NAME", help="stack to draw (prod, staging, dev, pr-123, bootstrap)"
    )
    which.add_argument(
        "--compare",
        nargs=2,
        metavar=("LEFT", "RIGHT"),
        help="draw two stages in one architecture picture, marking what only one of them has",
    )
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default=LEVELS[0],
        help="architecture: one node per component, labelled flows (default); resources: every resource",
    )
    parser.add_argument(
        "--synth",
        type=Path,
        default=Path("cdktf.out"),
        metavar="DIR",
        help="synthesized output (default: cdktf.out)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="mermaid (text), markdown (mermaid in a fenced block), dot, svg or png "
        "(default: from --output's suffix, else mermaid)",
    )
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="write here (default: stdout; required for svg/png)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Draw; unusable input raises (`ReviewInputError`, `DiagramError`, `OutputError`) to `sgct`."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    text = _diagram(args)
    if text is not None:
        sys.stdout.write(text)
    return EXIT_OK


def _diagram(args: argparse.Namespace) -> str | None:
    """Draw what was asked; the text for stdout, or None when it went to --output."""
    output_format = (
        args.format or (SUFFIX_FORMATS.get(args.output.suffix) if args.output else None) or "mermaid"
    )
    if args.compare:
        if args.level != LEVELS[0]:
            raise ReviewInputError("--compare draws the architecture level only; drop --level resources")
        left, right = (load_stack(args.synth, name) for name in args.compare)
        diagram = draw_compare(args.compare[0], left, args.compare[1], right)
    else:
        diagram = draw_stage(args.stage, load_stack(args.synth, args.stage), args.level)
    if output_format in ("svg", "png"):
        if args.output is None:
            raise ReviewInputError(
                f"--format {output_format} writes an image; pass --output FILE.{output_format}"
            )
        render_image(to_dot(diagram), args.output, output_format)
        return None
    text = to_dot(diagram) if output_format == "dot" else to_mermaid(diagram)
    if output_format == "markdown":
        text = fenced(text)
    if args.output is None:
        return text
    write_files([(args.output, text)])
    return None


if __name__ == "__main__":
    sys.exit(run_entry_point(main, "sgct diagram"))
