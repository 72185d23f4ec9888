"""The README's Layout table matches the tree, and every package says what lives in it.

Why: the table is how a newcomer finds the room for new code; a directory
missing from it (or a row for one that moved) sends them to the wrong
place. Each package's docstring says what it holds and what may import it
(the layers themselves are checked by tests/test_layering.py).
"""

from __future__ import annotations

import ast
import fnmatch
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("stages", "sensitive", "modules", "policies", "builds", "review", "harness", "operations", "sgct")
LISTED_SUBPACKAGES_OF = ("modules", "policies")


def _layout_paths() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    paths = set()
    for row in re.findall(r"^\| (.+?) \|", section, flags=re.M):
        paths.update(re.findall(r"`([^`]+)`", row))
    return paths


def _ignored(name: str) -> bool:
    """Generated top-level directories (.gitignore) are not part of the layout."""
    patterns = [line.strip().strip("/") for line in (ROOT / ".gitignore").read_text().splitlines()]
    return any(pattern and fnmatch.fnmatch(name, pattern) for pattern in patterns)


def test_every_top_level_directory_and_subpackage_is_in_the_layout_table() -> None:
    listed = _layout_paths()
    assert listed, "README.md has no Layout table"
    directories = [
        f"{path.name}/"
        for path in ROOT.iterdir()
        if path.is_dir() and not path.name.startswith(".") and not _ignored(path.name)
    ]
    subpackages = [
        f"{path.parent.relative_to(ROOT).as_posix()}/"
        for package in LISTED_SUBPACKAGES_OF
        for path in (ROOT / package).glob("*/__init__.py")
    ]
    assert directories and subpackages
    missing = sorted(set(directories + subpackages) - listed)
    assert missing == [], f"README.md's Layout table lacks a row for: {missing}"


def test_every_path_in_the_layout_table_exists() -> None:
    listed = _layout_paths()
    assert listed, "README.md has no Layout table"
    gone = sorted(path for path in listed if not (ROOT / path).exists())
    assert gone == [], f"README.md's Layout table names paths that do not exist: {gone}"


def _package_inits() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("__init__.py"))


@pytest.mark.parametrize("init", _package_inits(), ids=lambda path: str(path.parent.relative_to(ROOT)))
def test_every_package_says_what_lives_there_and_who_may_import_it(init: Path) -> None:
    docstring = ast.get_docstring(ast.parse(init.read_text())) or ""
    where = init.relative_to(ROOT)
    assert len(docstring.split()) >= 10, f"{where}: say in a docstring what lives in this package"
    assert "import" in docstring.lower(), f"{where}: the docstring must say what may import this package"
