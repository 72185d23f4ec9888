"""Tiers are read from what a test uses; SGCT_REQUIRE_TOOLS turns skips into failures."""

import os
import subprocess
import sys
import types

from harness.synth import REPO_ROOT
from harness.tiers import tiers_for


def _module(**names) -> types.ModuleType:
    module = types.ModuleType("test_example")
    vars(module).update(names)
    return module


def test_fixtures_decide_the_tier():
    assert tiers_for(["tmp_path"], [], None, "tests/x.py") == {"unit"}
    assert tiers_for(["template"], [], None, "tests/x.py") == {"synth"}
    assert tiers_for(["terraform", "tmp_path"], [], None, "tests/x.py") == {"terraform"}
    assert tiers_for(["local_terraform"], [], None, "tests/x.py") == {"synth", "terraform", "moto"}
    assert tiers_for([], ["terraform"], None, "tests/x.py") == {"terraform"}
    assert tiers_for(["web_build"], [], None, "tests/x.py") == {"node"}


def test_modules_that_synthesize_and_listed_paths():
    def run_synth():
        return None

    assert tiers_for([], [], _module(run_synth=run_synth), "tests/x.py") == {"synth"}
    construct = types.SimpleNamespace(__module__="modules.edge.cdn")
    assert tiers_for([], [], _module(Cdn=construct), "tests/x.py") == {"synth"}
    assert tiers_for([], [], _module(json=__import__("json")), "tests/x.py") == {"unit"}
    assert tiers_for([], [], None, "tests/web/test_node.py", node_paths=["tests/web"]) == {"node"}
    assert tiers_for([], [], None, "tests/webby.py", node_paths=["tests/web"]) == {"unit"}
    assert tiers_for([], [], None, "tests/test_readme.py", synth_paths=["tests/test_readme.py"]) == {"synth"}


SESSION = """
import pytest

def test_pure():
    assert 1 + 1 == 2

def test_needs_a_tool():
    pytest.skip("frobnicator is not installed")

@pytest.mark.remote_service
def test_needs_a_remote_service():
    pytest.skip("the vulnerability service is unreachable")
"""


def test_markers_select_the_fast_loop_and_required_tools_fail_skips(tmp_path):
    base = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    base.pop("SGCT_REQUIRE_TOOLS", None)
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["harness.plugin"]\n')
    (tmp_path / "test_example.py").write_text(SESSION)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-rs",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(tmp_path),
    ]

    def run(*args, **env):
        return subprocess.run(
            [*command, *args], cwd=tmp_path, capture_output=True, text=True, timeout=120, env={**base, **env}
        )

    relaxed = run("-m", "unit")
    assert relaxed.returncode == 0 and "1 passed, 2 skipped" in relaxed.stdout, relaxed.stdout
    strict = run("-m", "unit", SGCT_REQUIRE_TOOLS="1")
    assert strict.returncode == 1 and "1 failed, 1 passed, 1 skipped" in strict.stdout, strict.stdout
    assert "frobnicator is not installed" in strict.stdout
    assert "the vulnerability service is unreachable" in strict.stdout
