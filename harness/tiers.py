"""Test tiers: every test gets one of the markers unit / synth / terraform / moto / node, automatically.

Why automatic: a marker written by hand on each test is forgotten on the
next one, and then `pytest -m unit` quietly runs a synthesis. The tier is
read from what a test uses:

- `moto`: the `moto_server` or `local_terraform` fixture (also `terraform`);
- `terraform`: a Terraform fixture (`terraform`, `terraform_binary`,
  `aws_provider_mirror`), or the `terraform` marker already on it;
- `synth`: a synthesis fixture (`synth_output`, `template`, `local_synth`),
  or a test module that synthesizes itself (it holds `run_synth`) or builds
  constructs in process (it imports from `modules`, which starts jsii);
  A file listed in the `harness_synth_paths` ini option is synth too (e.g.
  tests that run a whole pytest session over the README's examples);
- `node`: the `web_build` fixture (an OpenNext build), or a test file listed
  in the `harness_node_paths` ini option (tests that run JavaScript in
  Node.js or a Node tool);
- `unit`: none of these: pure Python, the fast loop (`pytest -m unit`).

A test can carry several tiers (a local-stage test is synth, terraform and moto).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

TIERS = {
    "unit": "pure Python, no synthesis or external tool (the fast loop: pytest -m unit)",
    "synth": "synthesizes stacks (a cdktf/jsii process or in-process constructs)",
    "terraform": "drives a real Terraform binary (skips when none is available)",
    "moto": "applies to a local moto server",
    "node": "runs JavaScript in Node.js or a Node tool",
}
TERRAFORM_FIXTURES = frozenset({"terraform", "terraform_binary", "aws_provider_mirror", "local_terraform"})
MOTO_FIXTURES = frozenset({"moto_server", "local_terraform"})
SYNTH_FIXTURES = frozenset({"synth_output", "template", "local_synth", "local_terraform"})
NODE_FIXTURES = frozenset({"web_build"})


def module_synthesizes(module: ModuleType | None) -> bool:
    """True when a test module runs `main.py` itself or imports constructs from `modules`."""
    if module is None:
        return False
    if "run_synth" in vars(module):
        return True
    for value in vars(module).values():
        origin = getattr(value, "__module__", None) or getattr(value, "__name__", "")
        if isinstance(origin, str) and (origin == "modules" or origin.startswith("modules.")):
            return True
    return False


def tiers_for(
    fixtures: Iterable[str],
    markers: Iterable[str],
    module: ModuleType | None,
    relative_path: str,
    node_paths: Iterable[str] = (),
    synth_paths: Iterable[str] = (),
) -> set[str]:
    """The tiers of one test, from its fixtures, existing markers, module and path."""
    used, marked = set(fixtures), set(markers)
    found = set()
    if used & MOTO_FIXTURES:
        found.add("moto")
    if used & TERRAFORM_FIXTURES or "terraform" in marked:
        found.add("terraform")
    if used & SYNTH_FIXTURES or module_synthesizes(module) or _under(relative_path, synth_paths):
        found.add("synth")
    if used & NODE_FIXTURES or _under(relative_path, node_paths):
        found.add("node")
    return found or {"unit"}


def _under(relative_path: str, paths: Iterable[str]) -> bool:
    return any(relative_path == path or relative_path.startswith(path.rstrip("/") + "/") for path in paths)
