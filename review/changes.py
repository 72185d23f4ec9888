"""The review model: per stage, which resources change and how.

Why a model between the inputs and the markdown: plan JSON and synth diffs
differ in what they know, but the comment must look the same and be
redacted the same way, so both are reduced to these values first. Every
value held here is already display-safe (redacted and shortened).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from review.stage_info import ReviewInputError


class Action(enum.Enum):
    """What happens to one resource; the order is the order of the comment."""

    DESTROY = "destroy"
    REPLACE = "replace"
    UPDATE = "change"
    CREATE = "add"
    READ = "read"
    NO_OP = "no-op"

    @property
    def is_destructive(self) -> bool:
        """Destroy and replace both delete the live object (and its data)."""
        return self in (Action.DESTROY, Action.REPLACE)

    @property
    def symbol(self) -> str:
        return {"destroy": "-", "replace": "-/+", "change": "~", "add": "+", "read": "<=", "no-op": " "}[
            self.value
        ]


COUNTED_ACTIONS = (Action.CREATE, Action.UPDATE, Action.REPLACE, Action.DESTROY)
"""The four counts shown per stage: add / change / replace / destroy."""


def action_from_terraform(actions: list[str]) -> Action:
    """Map Terraform's `change.actions` list onto one `Action`.

    `["delete", "create"]` and `["create", "delete"]` (create_before_destroy)
    are both replacements.
    """
    key = tuple(actions)
    mapping = {
        ("create",): Action.CREATE,
        ("update",): Action.UPDATE,
        ("delete",): Action.DESTROY,
        ("delete", "create"): Action.REPLACE,
        ("create", "delete"): Action.REPLACE,
        ("read",): Action.READ,
        ("no-op",): Action.NO_OP,
        ("forget",): Action.NO_OP,
    }
    if key not in mapping:
        raise ReviewInputError(
            f"unknown Terraform change actions {list(actions)!r}; expected one of {sorted(mapping)}: "
            "was the plan written by a newer Terraform? Review it with the Terraform version CI uses"
        )
    return mapping[key]


@dataclass(frozen=True)
class AttributeChange:
    """One attribute path with display-safe before/after text."""

    path: str
    before: str
    after: str
    forces_replacement: bool = False


@dataclass(frozen=True)
class ResourceChange:
    """One resource address and what happens to it."""

    address: str
    resource_type: str
    action: Action
    attributes: tuple[AttributeChange, ...] = ()
    reason: str = ""
    """Why, in words (Terraform's `action_reason`, or the synth-diff estimate)."""
    construct_path: str | None = None


@dataclass(frozen=True)
class ComponentChange:
    """One architecture component a review touches (see `review.diagram.change_view`).

    Every field comes from construct paths and resource types, never from
    attribute values, so the diagram drawn from it cannot show a secret.
    """

    key: str
    """The component's stable id (its construct path, e.g. `web/server/lambda`)."""
    title: str
    """What it is (`Lambda function`)."""
    name: str
    """How it is called (`web/server`)."""
    tier: str
    """The diagram cluster it is drawn in (`Web`)."""
    action: Action
    """The most destructive action among its changed resources."""
    resources: int
    """How many of its resources change."""
    links: tuple[str, ...] = ()
    """Keys of other touched components it sends requests or data to."""


@dataclass(frozen=True)
class OutputChange:
    name: str
    action: Action
    sensitive: bool
    before: str
    after: str


@dataclass(frozen=True)
class Finding:
    """A policy finding as the review shows it (already redacted)."""

    rule_id: str
    severity: str
    address: str
    message: str
    fix: str = ""


@dataclass
class StageReview:
    """Everything the comment says about one stage."""

    stage: str
    protected: bool
    source: str
    """`plan` (terraform show -json) or `synth diff` (base vs head synthesized JSON)."""
    resources: list[ResourceChange] = field(default_factory=list)
    outputs: list[OutputChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    policies_checked: bool = False
    """True once the policy engine ran on this stage's inputs (else the table says "not run")."""
    components: list[ComponentChange] = field(default_factory=list)
    """The touched architecture components, for the change diagram (empty: none drawn)."""

    def count(self, action: Action) -> int:
        return sum(1 for change in self.resources if change.action is action)

    @property
    def counts(self) -> dict[str, int]:
        return {action.value: self.count(action) for action in COUNTED_ACTIONS}

    @property
    def changed(self) -> list[ResourceChange]:
        """Resources that change, destructive first, then by address."""
        order = list(Action)
        moving = [change for change in self.resources if change.action in COUNTED_ACTIONS]
        return sorted(moving, key=lambda change: (order.index(change.action), change.address))

    @property
    def destructive(self) -> list[ResourceChange]:
        return [change for change in self.changed if change.action.is_destructive]

    @property
    def blocking(self) -> list[ResourceChange]:
        """Destructive changes on a protected stage: called out at the top of the comment."""
        return self.destructive if self.protected else []

    @property
    def has_changes(self) -> bool:
        return bool(self.changed) or any(output.action is not Action.NO_OP for output in self.outputs)
