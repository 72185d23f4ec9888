import sys

import pytest

from builds import app_build
from builds.errors import BuildInputError, BuildToolError


def test_key_changes_with_any_source_file_but_ignores_build_outputs(tmp_path):
    app = tmp_path / "app"
    (app / "app").mkdir(parents=True)
    (app / "package-lock.json").write_text("{}")
    (app / "app" / "page.js").write_text("a")
    key = app_build.build_key(app, "v22.20.0")
    (app / "node_modules" / "x").mkdir(parents=True)
    (app / "node_modules" / "x" / "i.js").write_text("ignored")
    (app / ".open-next").mkdir()
    assert app_build.build_key(app, "v22.1.0") == key  # same major, outputs ignored
    assert app_build.build_key(app, "v20.1.0") != key
    (app / "app" / "page.js").write_text("b")
    assert app_build.build_key(app, "v22.20.0") != key


def test_missing_npm_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BuildToolError, match="npm and node are needed"):
        app_build.find_node_bin()


def test_an_app_without_a_lock_file_is_refused(tmp_path):
    with pytest.raises(BuildInputError, match="package-lock.json: missing"):
        app_build.build_app(tmp_path, tmp_path / "cache")


def test_second_build_reuses_the_cache(web_build, capsys):
    root = web_build.parent.parent.parent
    again = app_build.build_app(root / "tests" / "web_app", root / ".web-build")
    assert again == web_build and "reusing" in capsys.readouterr().err
