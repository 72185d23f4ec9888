"""Markdown rendering: flagged sections, folding, size levels, escaping, saved reviews."""

import pytest

from review.changes import Action, AttributeChange, Finding, ResourceChange, StageReview
from review.model_io import dump_reviews, load_reviews
from review.render import FOLD_ROWS, MARKER, render_comment
from review.stage_info import ReviewInputError


def _change(index, action=Action.UPDATE, attributes=3):
    rows = tuple(AttributeChange(f"attr_{n}", f'"old-{n}"', f'"new-{n}"') for n in range(attributes))
    return ResourceChange(f"aws_s3_bucket.b{index:03d}", "aws_s3_bucket", action, rows)


def _stage(name, protected, changes, findings=()):
    return StageReview(name, protected, "plan", list(changes), findings=list(findings), policies_checked=True)


def test_caution_block_lists_protected_destruction_first():
    prod = _stage("prod", True, [_change(1, Action.DESTROY), _change(2, Action.REPLACE), _change(3)])
    dev = _stage("dev", False, [_change(4, Action.DESTROY)])
    text = render_comment([prod, dev])
    assert text.startswith(MARKER)
    caution = text.index("[!CAUTION]")
    assert caution < text.index("| stage |")
    block = text[caution : text.index("| stage |")]
    assert "aws_s3_bucket.b001" in block and "aws_s3_bucket.b002" in block
    assert "b003" not in block and "b004" not in block  # updates and unprotected stages are not called out
    assert "| prod (protected) | plan | 0 | 1 | 1 | 1 | 0 |" in text


def test_no_caution_block_without_protected_destruction():
    text = render_comment(
        [_stage("prod", True, [_change(1)]), _stage("dev", False, [_change(2, Action.DESTROY)])]
    )
    assert "[!CAUTION]" not in text


def test_long_resource_tables_are_folded_short_ones_are_not():
    short = render_comment([_stage("dev", False, [_change(i) for i in range(FOLD_ROWS)])])
    long = render_comment([_stage("dev", False, [_change(i) for i in range(FOLD_ROWS + 1)])])
    assert "<summary>Changed resources" not in short
    assert f"<summary>Changed resources ({FOLD_ROWS + 1})</summary>" in long


def test_size_levels_keep_counts_and_warnings_when_shrinking():
    changes = [_change(i, Action.DESTROY if i == 0 else Action.UPDATE, attributes=40) for i in range(300)]
    review = _stage("prod", True, changes)
    full = render_comment([review], max_chars=10_000_000)
    small = render_comment([review], max_chars=20_000)
    assert len(small) <= 20_000 < len(full)
    for text in (full, small):
        assert "[!CAUTION]" in text and "aws_s3_bucket.b000" in text
        assert "0 to add, 299 to change, 0 to replace, 1 to destroy" in text
    assert "…and" in small


def test_hard_limit_truncates_with_a_note():
    changes = [_change(i, attributes=1) for i in range(200)]
    text = render_comment([_stage(f"pr-{i}", False, changes) for i in range(40)], max_chars=5_000)
    assert len(text) <= 5_000 and text.rstrip().endswith("job summary._")


def test_values_cannot_break_the_table_or_inject_html():
    row = AttributeChange("tags.note", '"a|b <script>alert(1)</script>"', '"c"')
    change = ResourceChange("aws_s3_bucket.x", "aws_s3_bucket", Action.UPDATE, (row,))
    text = render_comment([_stage("dev", False, [change])])
    assert "<script>" not in text and "&lt;script&gt;" in text
    line = next(line for line in text.splitlines() if "aws_s3_bucket.x" in line)
    assert line.count("|") == 4  # the value's own `|` is escaped


def test_findings_are_listed_and_many_are_folded():
    few = [
        Finding("SGCT003", "error", f"aws_lambda_function.f{i}", "architecture is x86_64", "use arm64")
        for i in range(2)
    ]
    many = few * 4
    assert "**Policy findings (2)**" in render_comment([_stage("dev", False, [], few)])
    assert "<summary>Policy findings (8)</summary>" in render_comment([_stage("dev", False, [], many)])


def test_known_secrets_are_scrubbed_from_the_final_text():
    change = ResourceChange("aws_s3_bucket.x", "aws_s3_bucket", Action.UPDATE, reason="leaked hunter2-secret")
    text = render_comment([_stage("dev", False, [change])], known_secrets={"hunter2-secret"})
    assert "hunter2-secret" not in text


def test_saved_reviews_round_trip(tmp_path):
    review = _stage("prod", True, [_change(1, Action.REPLACE)], [Finding("SGCT001", "error", "a.b", "msg")])
    review.notes.append("a note")
    path = tmp_path / "review.json"
    path.write_text(dump_reviews([review]))
    assert load_reviews(path) == [review]


def test_unreadable_saved_review_is_refused(tmp_path):
    (tmp_path / "other.json").write_text('{"format": "something-else"}')
    with pytest.raises(ReviewInputError, match="not a saved review"):
        load_reviews(tmp_path / "other.json")


def test_too_small_limit_is_refused():
    with pytest.raises(ValueError, match="max_chars=10 is too small"):
        render_comment([], max_chars=10)
