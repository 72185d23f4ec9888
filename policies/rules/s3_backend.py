"""SGCT010: state lives in the S3 backend, one key per stage, encrypted and locked."""

from policies.inputs.stage_context import StageScope
from policies.model import Severity, Violation
from policies.registry import CONFIG, rule


@rule(
    "SGCT010",
    "s3-backend",
    "S3 backend with per-stage key, encryption and locking",
    Severity.ERROR,
    StageScope.WORKLOAD,
    CONFIG,
    fix="Attach the backend with modules.state.backend.configure_s3_backend(stack, stage.name, settings).",
)
def check(doc, context):
    """What: the stack's `terraform.backend` is `s3` (and only `s3`), its `key` has the stage name
    as a path segment (`stages/<stage>/terraform.tfstate`), `encrypt = true`, and it locks
    (`use_lockfile = true`, or a `dynamodb_table`). Plan JSON does not record the backend, so
    this rule reads synthesized config only.

    Why: a stage without remote state cannot be deployed from CI twice; two stages on one key
    overwrite each other's state; an unlocked state is corrupted by concurrent deploys.

    Fix: `"backend": {"s3": {"bucket": "...", "key": "stages/prod/terraform.tfstate",
    "encrypt": true, "use_lockfile": true, "region": "ap-southeast-1"}}`.
    """
    backends = (doc.raw.get("terraform") or {}).get("backend") or {}
    if set(backends) != {"s3"}:
        yield Violation(
            "terraform.backend", f"backend is {sorted(backends) or 'unset (local state)'}, must be s3"
        )
        return
    s3 = backends["s3"] or {}
    key = s3.get("key")
    if not isinstance(key, str) or doc.stage.name not in key.split("/"):
        yield Violation(
            "terraform.backend.s3",
            f"key {key!r} has no '{doc.stage.name}' path segment; each stage needs its own state key",
        )
    if not s3.get("bucket"):
        yield Violation("terraform.backend.s3", "bucket is unset")
    if s3.get("encrypt") is not True:
        yield Violation("terraform.backend.s3", f"encrypt is {s3.get('encrypt')!r}, must be true")
    if s3.get("use_lockfile") is not True and not s3.get("dynamodb_table"):
        yield Violation(
            "terraform.backend.s3", "no state locking: set use_lockfile = true (or dynamodb_table)"
        )
