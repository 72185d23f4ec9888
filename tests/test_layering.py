"""The packages form layers, and no package imports one from a layer above it.

Why: each layer can be read, tested and changed knowing only the layers
below it. `stages` (data) is at the bottom; `sensitive` (secret detection
and redaction) uses only `stages`; the constructs (`modules`), the policy
checks (`policies`) and the build readers (`builds`) use those two; the
plan review, the test harness and the operations (and `main.py`, the CDKTF
app) use everything below them; the `sgct` command line sits on top.
Packages in the same layer may use each other. Imports are read with `ast`
(module level and inside functions alike), so a lazy import counts too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LAYERS: dict[str, int] = {
    "stages": 0,
    "sensitive": 1,
    "modules": 2,
    "policies": 2,
    "builds": 2,
    "review": 3,
    "harness": 3,
    "operations": 3,
    "main": 3,
    "sgct": 4,
    "tests": 5,
}
"""Top-level package (or module) -> layer; an import may only go to the same layer or below."""


def _sources(root: Path, package: str) -> list[Path]:
    module = root / f"{package}.py"
    if module.is_file():
        return [module]
    return sorted((root / package).rglob("*.py"))


def _imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, top-level name) of every absolute import in `path`."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.partition(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.partition(".")[0]


def upward_imports(root: Path, package: str, layers: dict[str, int]) -> tuple[int, list[str]]:
    """How many files of `package` were read, and each import of a higher layer as `file:line: name`."""
    files = _sources(root, package)
    found = []
    for path in files:
        for line, name in _imported(path):
            if name in layers and layers[name] > layers[package]:
                found.append(f"{path.relative_to(root)}:{line}: imports {name} (layer {layers[name]})")
    return len(files), found


@pytest.mark.parametrize("package", [name for name in LAYERS if name != "tests"])
def test_no_package_imports_a_layer_above_it(package: str) -> None:
    count, found = upward_imports(ROOT, package, LAYERS)
    assert count > 0, f"{package}: no Python files found; update LAYERS in {Path(__file__).name}"
    assert found == [], (
        f"{package} (layer {LAYERS[package]}) imports from a layer above it; move the shared code down "
        "(e.g. an error class to stages/errors.py) or the importing code up:\n" + "\n".join(found)
    )


def test_every_package_has_a_layer() -> None:
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages, "no packages found at the repository root"
    missing = sorted(packages - set(LAYERS))
    assert missing == [], f"packages without a layer: {missing}; add them to LAYERS in {Path(__file__).name}"


def test_an_upward_import_is_found(tmp_path: Path) -> None:
    (tmp_path / "low").mkdir()
    (tmp_path / "low" / "__init__.py").write_text("")
    (tmp_path / "low" / "helper.py").write_text("def f():\n    from high.cli import run\n    return run\n")
    layers = {"low": 0, "high": 1}
    assert upward_imports(tmp_path, "low", layers) == (2, ["low/helper.py:2: imports high (layer 1)"])
    assert upward_imports(tmp_path, "high", layers) == (0, [])
