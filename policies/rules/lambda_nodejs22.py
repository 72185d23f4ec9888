"""SGCT004: every Lambda function runs Node.js 22.x."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, rule
from policies.rule_helpers import live, per_resource

REQUIRED_RUNTIME = "nodejs22.x"


@rule(
    "SGCT004",
    "lambda-nodejs22",
    "Lambda functions run Node.js 22.x",
    Severity.ERROR,
    StageScope.ALL,
    BOTH,
    fix=f'Set runtime="{REQUIRED_RUNTIME}" (zip package) on the function.',
)
def check(doc, context):
    """What: every `aws_lambda_function` is a zip-packaged function with `runtime = "nodejs22.x"`.
    A container-image function (`package_type = "Image"`) has no declared runtime and fails.

    Why: the Hono API and the Next.js server are built and tested on Node.js 22; older runtimes
    are deprecated by AWS and a mismatched runtime breaks at cold start, not at deploy.

    Fix: `"runtime": "nodejs22.x"`.
    """
    for function in live(doc, "aws_lambda_function"):
        yield from _function(doc, function)


@per_resource
def _function(doc, function):
    if function.get("package_type") == "Image":
        yield Violation(
            function.address,
            f"container-image function: its runtime cannot be verified as {REQUIRED_RUNTIME}",
        )
        return
    runtime = doc.literal(function.get("runtime"), function.address, "runtime")
    if runtime != REQUIRED_RUNTIME:
        yield Violation(function.address, f"runtime is {runtime!r}, must be {REQUIRED_RUNTIME!r}")
