"""`sgct diagram`: draw a synthesized stage's resources and how they connect.

    sgct diagram --stage prod                          # Mermaid text on stdout
    sgct diagram --stage prod --format dot --output prod.dot
    sgct diagram --stage prod --output docs/prod.svg   # needs Graphviz `dot` on PATH

Exit codes: 0 written; 2 unusable input (a --stage that is not a valid
stage name, a missing or malformed stack), an unwritable --output, or
missing Graphviz (the message says which).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policies.output_files import OutputError, write_files
from review.diagram import DiagramError, build_graph, render_image, to_dot, to_mermaid
from review.stack_input import read_stack
from review.stage_info import ReviewInputError
from stages import StageNameError
from stages.validation import check_dns_label

FORMATS = ("mermaid", "markdown", "dot", "svg", "png")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sgct diagram",
        description=__doc__.split("\n\n")[0],
        epilog="Exit codes: 0 written, 2 unusable input, unwritable --output or missing Graphviz.",
    )
    parser.add_argument(
        "--stage", required=True, metavar="NAME", help="stack to draw (prod, staging, dev, pr-123, bootstrap)"
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
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        text = _diagram(args)
    except (ReviewInputError, DiagramError, OutputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if text is not None:
        sys.stdout.write(text)
    return 0


def _diagram(args: argparse.Namespace) -> str | None:
    """Draw the stage; the text for stdout, or None when it went to --output."""
    suffix_format = {
        ".svg": "svg",
        ".png": "png",
        ".dot": "dot",
        ".gv": "dot",
        ".md": "markdown",
        ".mmd": "mermaid",
    }
    image_format = (
        args.format or (suffix_format.get(args.output.suffix) if args.output else None) or "mermaid"
    )
    try:
        check_dns_label(args.stage)  # before the name goes into a path or a suggested command
    except StageNameError as error:
        raise ReviewInputError(f"--stage: {error}") from None
    stack_file = args.synth / "stacks" / args.stage / "cdk.tf.json"
    if not stack_file.is_file():
        raise ReviewInputError(
            f"{stack_file} does not exist; synthesize the stage first "
            f"(`sgct synth --stage {args.stage}` for an ephemeral stage)"
        )
    graph = build_graph(args.stage, read_stack(stack_file), str(stack_file))
    if image_format in ("svg", "png"):
        if args.output is None:
            raise ReviewInputError(
                f"--format {image_format} writes an image; pass --output FILE.{image_format}"
            )
        render_image(to_dot(graph), args.output, image_format)
        return None
    text = {"dot": to_dot, "mermaid": to_mermaid}.get(image_format, to_mermaid)(graph)
    if image_format == "markdown":
        text = f"```mermaid\n{text}```\n"
    if args.output is None:
        return text
    write_files([(args.output, text)])
    return None


if __name__ == "__main__":
    sys.exit(main())
