"""SGCT003: every Lambda function runs on ARM64 (Graviton)."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import live, per_resource


@rule(
    "SGCT003",
    "lambda-arm64",
    "Lambda functions run on ARM64",
    Severity.ERROR,
    StageScope.ALL,
    BOTH,
    fix='Set architectures=["arm64"] on the function (the module default).',
)
def check(doc, context):
    """What: every `aws_lambda_function` has `architectures = ["arm64"]`. Without the attribute
    Lambda uses x86_64.

    Why: the API and web functions are built for ARM64 (Graviton is ~20 % cheaper per GB-second
    and the bundles are compiled for it); an x86_64 function would fail on native modules.

    Fix: `"architectures": ["arm64"]`.
    """
    for function in live(doc, "aws_lambda_function"):
        yield from _function(doc, function)


@per_resource
def _function(doc, function):
    architectures = doc.literal(function.get("architectures"), function.address, "architectures")
    if architectures != ["arm64"]:
        shown = "unset (defaults to x86_64)" if architectures in (None, []) else repr(architectures)
        yield Violation(function.address, f'architectures is {shown}, must be ["arm64"]')
