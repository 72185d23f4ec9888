"""Retain/destroy choices for stateful resources, derived from the stage.

Why: STYLE rule 8 — a stateful construct takes a retain/destroy choice whose
default comes from the stage's protection level, so prod can never lose a
bucket because a construct forgot a flag, and an ephemeral stage always
destroys cleanly in one command.
"""

from __future__ import annotations

from modules.app.bindings import TerraformResourceLifecycle
from stages import Protection, Stage


def lifecycle_for(stage: Stage) -> TerraformResourceLifecycle | None:
    """`prevent_destroy = true` on protected stages, nothing elsewhere."""
    if stage.protection is Protection.PROTECTED:
        return TerraformResourceLifecycle(prevent_destroy=True)
    return None


def force_destroy_for(stage: Stage) -> bool:
    """Buckets may be emptied by destroy only where nothing is protected or retained."""
    return stage.force_destroy


def deletion_protection_for(stage: Stage) -> bool:
    """AWS-side deletion protection (where a service has one) on protected stages."""
    return stage.is_protected
