"""`sgct diagram`: draw a synthesized stage's resources and how they connect.

    sgct diagram --stage prod                          # Mermaid text on stdout
    sgct diagram --stage prod --format dot --output prod.dot
    sgct diagram --stage prod --output docs/prod.svg   # needs Graphviz `dot` on PATH

Exit codes: 0 written; 2 unusable input or missing Graphviz (message says which).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from review.diagram import DiagramError, build_graph, render_image, to_dot, to_mermaid

FORMATS = ("mermaid", "markdown", "dot", "svg", "png")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sgct diagram", description=__doc__.split("\n\n")[0])
    parser.add_argument("--stage", required=True, help="stack to draw (prod, staging, dev, pr-123, bootstrap)")
    parser.add_argument("--synth", type=Path, default=Path("cdktf.out"), help="synthesized output (default: cdktf.out)")
    parser.add_argument("--format", choices=FORMATS,
                        help="mermaid (text), markdown (mermaid in a fenced block), dot, svg or png "
                             "(default: from --output's suffix, else mermaid)")
    parser.add_argument("--output", type=Path, help="write here (default: stdout; required for svg/png)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    suffix_format = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".md": "markdown", ".mmd": "mermaid"}
    image_format = args.format or (suffix_format.get(args.output.suffix) if args.output else None) or "mermaid"
    stack_file = args.synth / "stacks" / args.stage / "cdk.tf.json"
    if not stack_file.is_file():
        print(f"error: {stack_file} does not exist; synthesize the stage first "
              f"(`sgct synth --stage {args.stage}` for an ephemeral stage)", file=sys.stderr)
        return 2
    try:
        graph = build_graph(args.stage, json.loads(stack_file.read_text()))
    except json.JSONDecodeError as error:
        print(f"error: {stack_file} is not valid JSON ({error}); synthesize again", file=sys.stderr)
        return 2
    if image_format in ("svg", "png"):
        if args.output is None:
            print(f"error: --format {image_format} writes an image; pass --output FILE.{image_format}", file=sys.stderr)
            return 2
        try:
            render_image(to_dot(graph), args.output, image_format)
        except DiagramError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        return 0
    text = {"dot": to_dot, "mermaid": to_mermaid}.get(image_format, to_mermaid)(graph)
    if image_format == "markdown":
        text = f"```mermaid\n{text}```\n"
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
