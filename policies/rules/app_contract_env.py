"""SGCT013: the API and web functions carry exactly the app contract's environment names."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import blocks, live, per_resource
from stages.app_contract import App, allowed_runtime_names, env_names


def _app_of(doc, function) -> App | None:
    """The app whose contract `function` must match: `sgcarstrends-<stage>-api` or `-web`, else None."""
    name = function.get("function_name")
    for app in App:
        if name == f"{doc.stage.prefix}-{app.function_suffix}":
            return app
    return None


@rule(
    "SGCT013",
    "app-contract-env",
    "The app's functions carry exactly the app contract's environment",
    Severity.ERROR,
    StageScope.WORKLOAD,
    BOTH,
    fix="Build the environment with modules.app.secrets.contract_environment(stage, app, secrets); "
    "change the contract in stages/app_contract.py, never one function.",
)
def check(doc, context):
    """What: the API function (`sgcarstrends-<stage>-api`) and the web server function
    (`sgcarstrends-<stage>-web`) have an environment whose names are exactly those of the app
    contract (`stages/app_contract.py`): none missing, none extra. The web function may also
    carry the hosting-owned OpenNext cache names (`HOSTING_RUNTIME_ENV`). Only names are
    compared, never values. Other functions (authorizer, health check, OpenNext's helpers)
    are not the app's contract and are not checked.

    Why: the app reads these names; a missing one (or a misspelt one, `TWITTER_API_KEY` for
    `TWITTER_APP_KEY`) fails at run time in the middle of a workflow, and an extra one is a
    credential handed to a function that does not need it.

    Fix: `environment=contract_environment(stage, App.API, secrets)`; to add a name, add it to
    `API_ENV` / `WEB_ENV` and to the workflows' `TF_VAR_*` lists.
    """
    for function in live(doc, "aws_lambda_function"):
        yield from _function(doc, function)


@per_resource
def _function(doc, function):
    app = _app_of(doc, function)
    if app is None:
        return
    environment = blocks(function.get("environment"))
    variables = (environment[0].get("variables") if environment else None) or {}
    present = set(variables)
    expected = set(env_names(app))
    missing = sorted(expected - present)
    extra = sorted(present - expected - allowed_runtime_names(app))
    if missing:
        yield Violation(function.address, f"{app.value} environment misses contract names {missing}")
    if extra:
        yield Violation(
            function.address, f"{app.value} environment carries names not in the contract {extra}"
        )
