"""What a rule may read besides the document: the settings of one check run, immutable.

Why a separate, frozen value: the engine used to write the protected types
into each document it checked, so a document's content depended on who had
checked it last. Rules now receive this context as their second argument;
nothing a rule receives can be changed by it.
"""

from __future__ import annotations

from dataclasses import dataclass

from policies.inputs.resource_types import PROTECTED_TYPES


@dataclass(frozen=True)
class CheckContext:
    """Settings shared by every rule in one run."""

    protected_types: frozenset[str] = PROTECTED_TYPES
    """Types the protection rules guard (default: `PROTECTED_TYPES`); `--protected-type` extends it."""
