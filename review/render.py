"""Render stage reviews as one markdown pull request comment (jinja2 templates).

Why size levels: GitHub rejects comments over 65,536 characters and
reviewers stop reading long before that. The comment is rendered at the
most detailed level that fits `max_chars`; each step down shows fewer
attribute rows, then drops the touched-components diagram (with a note),
then lists fewer resources; the protected-stage warnings and counts are
never dropped. Long sections are folded in `<details>` at every level.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from pathlib import Path

import jinja2

from review.changes import COUNTED_ACTIONS, StageReview
from review.diagram.change_view import LEGEND, change_diagram
from review.diagram.mermaid import fenced, to_mermaid
from sensitive.display_redaction import scrub

MARKER = "<!-- sgct-plan-review -->"
"""First line of every comment: CI finds and updates its previous comment by it."""
DEFAULT_MAX_CHARS = 60_000
MIN_MAX_CHARS = 1000
"""A shorter comment cannot hold a useful summary."""
FOLD_ROWS = 10
"""A resource table or finding list longer than this starts folded."""


MAX_DIAGRAM_COMPONENTS = 40
"""A change diagram with more touched components than this is omitted with a note (unreadable)."""
FOLD_COMPONENTS = 12
"""A change diagram with more components than this starts folded."""


@dataclass(frozen=True)
class Detail:
    """How much to show per resource at one size level."""

    attributes_per_resource: int | None
    resources_per_stage: int | None
    diagram: bool = True
    """Draw the touched-components diagram (dropped, with a note, before resources are cut)."""


LEVELS = (
    Detail(attributes_per_resource=12, resources_per_stage=None),
    Detail(attributes_per_resource=4, resources_per_stage=None),
    Detail(attributes_per_resource=0, resources_per_stage=None),
    Detail(attributes_per_resource=0, resources_per_stage=None, diagram=False),
    Detail(attributes_per_resource=0, resources_per_stage=50, diagram=False),
    Detail(attributes_per_resource=0, resources_per_stage=10, diagram=False),
)


def code(text: str) -> str:
    """Inline code that is safe inside a markdown table cell and cannot inject HTML."""
    return "<code>" + html.escape(str(text), quote=False).replace("|", "&#124;") + "</code>"


def change_section(review: StageReview, detail: Detail) -> str:
    """The touched-components diagram as markdown (a fenced Mermaid block), or a note saying why not."""
    count = len(review.components)
    if not count:
        return ""
    if count > MAX_DIAGRAM_COMPONENTS:
        return (
            f"_Component diagram omitted: {count} components changed (more than {MAX_DIAGRAM_COMPONENTS})._"
        )
    if not detail.diagram:
        return "_Component diagram omitted to fit the comment size limit._"
    block = f"{fenced(to_mermaid(change_diagram(review)))}\n_{LEGEND}_"
    if count > FOLD_COMPONENTS:
        return f"<details><summary>Touched components ({count})</summary>\n\n{block}\n\n</details>"
    return block


def cell(text: str) -> str:
    """Plain text safe inside a table cell."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "&#124;")


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment for every size level and comment (templates are loaded once)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=False,  # markdown, not HTML: every value goes through `code` or `cell`
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["code"] = code
    env.filters["cell"] = cell
    return env


def _render_level(reviews: list[StageReview], detail: Detail, title: str) -> str:
    template = _environment().get_template("comment.md.j2")
    return template.render(
        marker=MARKER,
        title=title,
        reviews=reviews,
        blocking=[(review, change) for review in reviews for change in review.blocking],
        counted=COUNTED_ACTIONS,
        detail=detail,
        fold_rows=FOLD_ROWS,
        change_section=change_section,
    )


_ROW_CHARS = 20
"""Fewer characters than any resource row holds besides its address (`| <code>+</code> add | ...`)."""


def _shortest(reviews: list[StageReview], detail: Detail) -> int:
    """A lower bound on the comment's length at `detail`: every listed resource's address, plus its row.

    Why: a change of thousands of resources cannot fit at the detailed levels;
    rendering each of them only to measure it made the review slow at scale.
    """
    return sum(
        len(change.address) + _ROW_CHARS
        for review in reviews
        for change in review.resources[: detail.resources_per_stage]
    )


def render_comment(
    reviews: list[StageReview],
    known_secrets: set[str] | frozenset[str] = frozenset(),
    max_chars: int = DEFAULT_MAX_CHARS,
    title: str = "Terraform plan review",
) -> str:
    """The whole comment: the most detailed level that fits `max_chars`, scrubbed of known secrets."""
    if max_chars < MIN_MAX_CHARS:
        raise ValueError(
            f"max_chars={max_chars} is too small for a useful comment; use at least {MIN_MAX_CHARS}"
        )
    text = ""
    for detail in LEVELS:
        if detail is not LEVELS[-1] and _shortest(reviews, detail) > max_chars:
            continue  # cannot fit: do not render it only to throw it away
        text = scrub(_render_level(reviews, detail, title), set(known_secrets))
        if len(text) <= max_chars:
            return text
    note = "\n\n_…comment truncated to fit; the full review is in the job summary._\n"
    return text[: max_chars - len(note)] + note
