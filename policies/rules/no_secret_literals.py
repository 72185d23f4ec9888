"""SGCT005: no secret-looking literal anywhere in the configuration."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import BOTH, rule
from sensitive.detection import is_reference, is_secret_key, key_words, mask, secret_value_kind

SECTIONS = {
    "resource": "",
    "data": "data.",
    "output": "output.",
    "variable": "var.",
    "locals": "local.",
    "provider": "provider.",
    "module": "module.",
}


def _address(path: list) -> str:
    """`["resource", "aws_lambda_function", "api", ...]` -> `aws_lambda_function.api`."""
    head = path[0] if path else ""
    if head in ("resource", "data") and len(path) >= 3:
        return f"{SECTIONS[head]}{path[1]}.{path[2]}"
    if head == "terraform":
        return "terraform." + ".".join(str(p) for p in path[1:3])
    if head in SECTIONS and len(path) >= 2:
        return f"{SECTIONS[head]}{path[1]}"
    return head or "(root)"


def _attribute(path: list) -> str:
    skip = 3 if path and path[0] in ("resource", "data") else 2
    return ".".join(str(step) for step in path[skip:] if not isinstance(step, int)) or str(path[-1])


def _scan(value, path: list, key: str | None):
    if isinstance(value, dict):
        if (
            isinstance(value.get("name"), str)
            and is_secret_key(value["name"])
            and isinstance(value.get("value"), str)
        ):
            yield from _literal(value["value"], path + ["value"], value["name"], True)
        for child_key, child in value.items():
            if child_key != "//":
                yield from _scan(child, path + [child_key], str(child_key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _scan(child, path + [index], key)
    elif isinstance(value, str):
        named = key is not None and is_secret_key(key)
        if key in ("default", "value") and len(path) >= 2:  # variable "db_password" { default = ... }
            named = named or is_secret_key(str(path[-2]))
        yield from _literal(value, path, key, named)


DIGEST_WORDS = frozenset({"hash", "etag", "checksum", "digest", "sha256", "md5"})


def _literal(value: str, path: list, key: str | None, secret_key: bool):
    kind = secret_value_kind(value)
    if kind == "high-entropy string" and key and DIGEST_WORDS.intersection(key_words(key)[-1:]):
        kind = None  # content digests are high-entropy by design and public
    if kind:
        yield Violation(_address(path), f"{_attribute(path)} holds a literal {kind} ({mask(value)})")
    elif secret_key and value.strip() and not is_reference(value):
        yield Violation(
            _address(path), f"{_attribute(path)} is a credential name holding a literal value ({mask(value)})"
        )


def plain(expression):
    """A plan `configuration` expression tree as plain values: constants kept, references as `${...}`."""
    if isinstance(expression, dict):
        if "constant_value" in expression:
            return expression["constant_value"]
        if set(expression) <= {"references"}:
            return "${" + ",".join(expression.get("references") or ["computed"]) + "}"
        return {key: plain(item) for key, item in expression.items()}
    if isinstance(expression, list):
        return [plain(item) for item in expression]
    return expression


def _plan_configuration(module: dict, providers: dict) -> dict:
    """The parts of a plan's `configuration` that hold literals, shaped like Terraform JSON config."""
    shaped = {
        "provider": {key: plain(p.get("expressions") or {}) for key, p in providers.items()},
        "resource": {},
        "output": {},
        "variable": {},
    }
    for resource in module.get("resources") or []:
        shaped["resource"].setdefault(resource["type"], {})[resource["name"]] = plain(
            resource.get("expressions") or {}
        )
    for name, output in (module.get("outputs") or {}).items():
        shaped["output"][name] = {"value": plain(output.get("expression") or {})}
    for name, variable in (module.get("variables") or {}).items():
        shaped["variable"][name] = {"default": variable.get("default")}
    shaped["module"] = {
        name: _plan_configuration(call.get("module") or {}, {})
        for name, call in (module.get("module_calls") or {}).items()
    }
    return shaped


@rule(
    "SGCT005",
    "no-secret-literals",
    "No secret-looking literals in configuration",
    Severity.ERROR,
    StageScope.ALL,
    BOTH,
    fix="Pass the value by reference: ${var.x} (sensitive variable), ${data.aws_ssm_parameter.x.value}, "
    "or let the provider read it from the environment; then rotate the exposed secret.",
)
def check(doc, context):
    """What: no literal credential anywhere in the configuration: resource arguments (Lambda
    environment variables included), outputs, variable defaults, locals, provider and backend
    blocks. A literal is flagged when its key names a credential (`password`, `*_TOKEN`,
    `api_key`, `*_SIGNING_KEY`, `client_secret`, ..., and every platform secret such as
    `DATABASE_URL` or `DISCORD_WEBHOOK_URL`) or its value has a credential's shape (AWS key ID,
    private key, GitHub/Slack/Stripe token, JWT, URL with a password, Discord/Slack webhook URL,
    long high-entropy string). `${var.x}` / `${data...}` references pass. For a plan, the
    literals of its `configuration` section are checked.

    Why: synthesized JSON is committed, logged and uploaded as CI artifacts; a literal secret
    there is a leaked secret. Findings show only the value's length, never the value.

    Fix: `"DATABASE_URL": "${var.database_url}"` instead of the URL itself.
    """
    if doc.is_plan:
        configuration = doc.raw.get("configuration") or {}
        tree = _plan_configuration(
            configuration.get("root_module") or {}, configuration.get("provider_config") or {}
        )
    else:
        tree = doc.raw
    yield from _scan(tree, [], None)
