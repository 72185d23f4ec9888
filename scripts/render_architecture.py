"""Regenerate (or check) the architecture diagrams kept in the repository.

    .venv/bin/python scripts/render_architecture.py            # fresh synthesis, rewrite every file
    .venv/bin/python scripts/render_architecture.py --check    # exit 1 naming each stale file
    .venv/bin/python scripts/render_architecture.py --synth cdktf.out   # reuse a synthesis (prod, pr-123)

Files: `docs/architecture-prod.mmd` and `docs/architecture-prod.svg` (the
README's picture) and the golden files `tests/review/golden/<stage>.mmd` /
`.dot` for prod and pr-123. The SVG records the SHA-256 of the DOT it was
drawn from, so `--check` can tell it is current without Graphviz (and
without depending on Graphviz's version); writing it needs `dot` on PATH.

Why a fresh synthesis by default: the pictures must show what `main.py`
produces for real AWS, not an old `cdktf.out`. Exit codes: 0 current or
rewritten, 1 stale (`--check`), 2 synthesis failed or Graphviz is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from harness.synth import SynthError, run_synth  # noqa: E402
from policies.output_files import write_files  # noqa: E402
from review.diagram.api import draw_stage, load_stack  # noqa: E402
from review.diagram.dot import to_dot  # noqa: E402
from review.diagram.graphviz import DiagramError, render_bytes  # noqa: E402
from review.diagram.mermaid import to_mermaid  # noqa: E402

GOLDEN_DIR = REPO_ROOT / "tests" / "review" / "golden"
DOCS_DIR = REPO_ROOT / "docs"
GOLDEN_STAGES = ("prod", "pr-123")
README_STAGE = "prod"
COMMAND = ".venv/bin/python scripts/render_architecture.py"
SOURCE_MARK = "<!-- sgct-architecture-source sha256={} -->"


def expected_texts(synth_dir: Path) -> dict[Path, str]:
    """Every text file this script owns, as it should read for the stacks in `synth_dir`."""
    texts: dict[Path, str] = {}
    for stage in GOLDEN_STAGES:
        diagram = draw_stage(stage, load_stack(synth_dir, stage))
        texts[GOLDEN_DIR / f"{stage}.mmd"] = to_mermaid(diagram)
        texts[GOLDEN_DIR / f"{stage}.dot"] = to_dot(diagram)
    texts[DOCS_DIR / f"architecture-{README_STAGE}.mmd"] = texts[GOLDEN_DIR / f"{README_STAGE}.mmd"]
    return texts


def source_mark(dot_text: str) -> str:
    return SOURCE_MARK.format(hashlib.sha256(dot_text.encode()).hexdigest())


def svg_path() -> Path:
    return DOCS_DIR / f"architecture-{README_STAGE}.svg"


def stale_files(synth_dir: Path) -> list[str]:
    """Relative paths of owned files that are missing or differ from what `synth_dir` gives."""
    stale = [
        str(path.relative_to(REPO_ROOT))
        for path, text in expected_texts(synth_dir).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    dot_text = to_dot(draw_stage(README_STAGE, load_stack(synth_dir, README_STAGE)))
    svg = svg_path()
    if not svg.is_file() or source_mark(dot_text) not in svg.read_text(encoding="utf-8"):
        stale.append(str(svg.relative_to(REPO_ROOT)))
    return stale


def write_all(synth_dir: Path) -> list[Path]:
    """Rewrite every owned file (all or nothing); the SVG needs Graphviz."""
    texts = expected_texts(synth_dir)
    dot_text = to_dot(draw_stage(README_STAGE, load_stack(synth_dir, README_STAGE)))
    svg = render_bytes(dot_text, "svg").decode("utf-8")
    head, separator, rest = svg.partition("?>\n")
    svg = (
        f"{head}{separator}{source_mark(dot_text)}\n{rest}"
        if separator
        else f"{source_mark(dot_text)}\n{svg}"
    )
    outputs: list[tuple[Path, str | bytes]] = [*texts.items(), (svg_path(), svg)]
    write_files(outputs)
    return [path for path, _ in outputs]


def _synthesize(scratch: Path) -> Path:
    outdir = scratch / "cdktf.out"
    ephemeral = tuple(stage for stage in GOLDEN_STAGES if stage not in ("prod", "staging", "dev"))
    run_synth(outdir, ephemeral)  # no endpoint_url: the real-AWS target
    return outdir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale, write nothing")
    parser.add_argument("--synth", type=Path, metavar="DIR", help="use this cdktf.out (default: synthesize)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sgct-architecture-") as scratch:
        try:
            synth_dir = args.synth or _synthesize(Path(scratch))
        except SynthError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        if args.check:
            stale = stale_files(synth_dir)
            for path in stale:
                print(f"stale: {path}", file=sys.stderr)
            if stale:
                print(
                    f"If the change is intended, regenerate and review the diff:\n  {COMMAND}",
                    file=sys.stderr,
                )
            return 1 if stale else 0
        try:
            written = write_all(synth_dir)
        except DiagramError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    for written_path in written:
        print(f"wrote {written_path.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
