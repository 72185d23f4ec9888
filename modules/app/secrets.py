"""The platform's secrets as sensitive Terraform variables, never literals.

Why variables rather than SSM parameters: the values already live in the CI
system's per-environment secret store. CI exports each as `TF_VAR_<NAME>`
(e.g. `TF_VAR_DATABASE_URL`) for the stage it deploys, so every stage has
its own values and the synthesized JSON only ever holds `${var.NAME}`.
`sensitive = true` keeps the values out of plan output and logs. No default
exists: a stage deployed without a secret fails at plan, instead of running
with an empty credential.

Which secrets exist, and which function reads which, is the app contract
(`stages/app_contract.py`); `contract_environment` builds a function's
whole environment from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from modules.app.bindings import Construct, TerraformVariable, Token
from stages import Stage
from stages.app_contract import App, plain_values, secret_names
from stages.secret_names import SECRET_NAMES

_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def tf_var_name(name: str) -> str:
    """The environment variable CI sets for secret `name`: `TF_VAR_<name>`."""
    return f"TF_VAR_{name}"


@dataclass(frozen=True)
class SecretsProps:
    """Which secrets a stack declares."""

    names: tuple[str, ...] = SECRET_NAMES
    """default: every secret in `SECRET_NAMES`."""

    def __post_init__(self) -> None:
        if not self.names:
            raise ValueError("SecretsProps.names is empty; list at least one secret, e.g. 'DATABASE_URL'.")
        for name in self.names:
            if not _ENV_NAME.match(name):
                raise ValueError(
                    f"secret name {name!r} is not an upper-case environment variable name "
                    "(A-Z, 0-9, '_', starting with a letter); e.g. 'DATABASE_URL'."
                )
        duplicates = sorted({name for name in self.names if self.names.count(name) > 1})
        if duplicates:
            raise ValueError(f"secret names {duplicates} are listed more than once; list each once.")


class Secrets(Construct):
    """One sensitive Terraform variable per secret, named exactly like the secret."""

    def __init__(
        self, scope: Construct, construct_id: str = "secrets", props: SecretsProps | None = None
    ) -> None:
        super().__init__(scope, construct_id)
        self.props = props or SecretsProps()
        self.variables: dict[str, TerraformVariable] = {}
        for name in self.props.names:
            variable = TerraformVariable(
                self,
                name,
                type="string",
                sensitive=True,
                nullable=False,
                description=f"{name}; CI supplies it as {tf_var_name(name)} from the stage's secret store.",
            )
            # A stable, readable variable name: `TF_VAR_DATABASE_URL` must match it exactly.
            variable.override_logical_id(name)
            self.variables[name] = variable

    def reference(self, name: str) -> str:
        """The `${var.NAME}` token for one secret."""
        try:
            return self.variables[name].string_value
        except KeyError:
            raise KeyError(
                f"secret {name!r} is not declared; declared: {', '.join(self.props.names)}. "
                "Add it to SECRET_NAMES (or SecretsProps.names)."
            ) from None

    def environment(self, names: tuple[str, ...] | None = None) -> dict[str, str]:
        """`{NAME: ${var.NAME}}` for `names` (default: every declared secret), for Lambda environments."""
        return {name: self.reference(name) for name in (names or self.props.names)}


def contract_environment(stage: Stage, app: App, secrets: Secrets) -> dict[str, str]:
    """`app`'s environment on `stage`, exactly as the contract lists it: plain values, then secrets."""
    return {**plain_values(stage, app), **secrets.environment(secret_names(app))}


def literal_secret_keys(environment: dict[str, str]) -> list[str]:
    """Secret-named keys whose value is a plain string instead of a Terraform reference.

    Why: a function's environment is the one place a secret could be pasted
    as a literal; constructs refuse that before anything is synthesized.
    """
    return sorted(
        key for key, value in environment.items() if key in SECRET_NAMES and not Token.is_unresolved(value)
    )
