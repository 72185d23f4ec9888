"""Rules registered by stable ID.

A rule is a small pure function `check(doc, context) -> Iterable[Violation]`
(`context`: the run's immutable `policies.context.CheckContext`),
declared with `@rule(...)` in its own file under `policies/rules/`. IDs
are stable (`SGCT001`...): suppressions, SARIF consumers and CI dashboards
key on them, so an ID is never reused or renumbered.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from policies.context import CheckContext
from policies.inputs.documents import Document
from policies.inputs.stage_context import StageScope
from policies.model import InputKind, Severity, Violation

RuleCheck = Callable[[Document, CheckContext], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    """A registered rule and the metadata every report shows."""

    id: str
    slug: str
    title: str
    severity: Severity
    stages: StageScope
    inputs: frozenset[InputKind]
    fix: str
    check: RuleCheck

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()

    def applies_to(self, document: Document) -> bool:
        return document.kind in self.inputs and self.stages.includes(document.stage)


_RULES: dict[str, Rule] = {}
_loaded = False
CONFIG = frozenset({InputKind.CONFIG})
PLAN = frozenset({InputKind.PLAN})
BOTH = frozenset({InputKind.CONFIG, InputKind.PLAN})


def rule(
    id: str,
    slug: str,
    title: str,
    severity: Severity,
    stages: StageScope,
    inputs: frozenset[InputKind],
    fix: str,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register the decorated function as rule `id`; a duplicate ID is a programming error."""

    def register(check: RuleCheck) -> RuleCheck:
        if id in _RULES and _RULES[id].check.__module__ != check.__module__:
            raise ValueError(f"rule ID {id} is already registered by {_RULES[id].check.__module__}")
        if not (check.__doc__ or "").strip():
            raise ValueError(f"rule {id} needs a docstring: what it checks, why, example of a fix")
        _RULES[id] = Rule(id, slug, title, severity, stages, inputs, fix, check)
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every rule in `policies.rules`, by ID (imports the rule modules once)."""
    global _loaded
    if not _loaded:
        import policies.rules as package

        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
        _loaded = True
    return dict(sorted(_RULES.items()))
