"""A Lambda function with its own least-privilege role and log group.

Why one construct: every function on the platform needs the same four
things done the same way: ARM64 + Node.js 22.x, a role that only lambda can
assume and that may only write to its own log group, a log group with the
stage's retention created *before* the function (so Lambda never creates an
unmanaged, never-expiring one), and protection on prod.

Why a placeholder function ignores code changes: without a build the function
is created with the 503 placeholder, and from then on Terraform leaves its code
alone (see modules/compute/lambda_artifact.py), on every stage alike: "no build" means
"keep what is deployed", whether that is the placeholder or a real release.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from modules.app.aws import (
    CloudwatchLogGroup,
    CloudwatchLogMetricFilter,
    CloudwatchLogMetricFilterMetricTransformation,
    IamRole,
    IamRolePolicy,
    LambdaAlias,
    LambdaFunctionEnvironment,
    LambdaFunctionTracingConfig,
    LambdaFunctionUrl,
    LambdaPermission,
)
from modules.app.aws import LambdaFunction as AwsLambdaFunction
from modules.app.bindings import AssetType, Construct, Fn, TerraformAsset, TerraformResourceLifecycle
from modules.app.secrets import literal_secret_keys
from modules.compute.lambda_artifact import PLACEHOLDER_IGNORED_ATTRIBUTES, resolve_artifact
from modules.compute.lambda_package import package_code
from modules.monitoring.metrics import Metric
from stages import Stage
from stages.naming import LIVE_ALIAS

ARCHITECTURES = ("arm64", "x86_64")
XRAY_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            # X-Ray has no resource-level permissions for these two actions.
            {
                "Effect": "Allow",
                "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                "Resource": "*",
            }
        ],
    }
)
"""Inline, not the managed AWSXRayDaemonWriteAccess: the role carries no managed policies."""
MEMORY_NAMESPACE = "sgcarstrends/Lambda"
"""Custom metrics from log metric filters; each function's metric is named after the function."""
# Lambda's REPORT line, space-delimited:
# REPORT RequestId: <id> Duration: 1.2 ms Billed Duration: 2 ms Memory Size: 128 MB Max Memory Used: 70 MB ...
REPORT_LINE_PATTERN = (
    '[report="REPORT", request_id_label, request_id, duration_label, duration, duration_unit, '
    "billed_label, billed_duration_label, billed_duration, billed_unit, memory_label, size_label, "
    'memory_size, memory_unit, max_label="Max", memory_used_label, used_label, max_memory_used, ...]'
)
_HANDLER = re.compile(r"^[A-Za-z0-9_./-]+\.[A-Za-z_$][A-Za-z0-9_$]*$")
_RUNTIME = re.compile(r"^nodejs\d+\.x$")
_ENV_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
LAMBDA_ASSUME_ROLE_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"},
        ],
    }
)


def keep_deployed_code() -> TerraformResourceLifecycle:
    """`ignore_changes` on the code attributes (protection is added by `modules.app.protection`)."""
    return TerraformResourceLifecycle(ignore_changes=list(PLACEHOLDER_IGNORED_ATTRIBUTES))


@dataclass(frozen=True)
class LambdaFunctionProps:
    """What differs between the platform's functions."""

    name_suffix: str
    """Catalogued suffix (`stages/naming.py`): names the function `sgcarstrends-<stage>-<suffix>`,
    its role `<...>-<suffix>-role` and its log group `/aws/lambda/<function name>`."""
    handler: str
    """`path/module.export`, e.g. `apps/api/src/index.handler`."""
    code_path: str | None = None
    """default: None, the placeholder handler (503) from `modules/compute/assets/placeholder` for a new
    function, with Terraform ignoring code changes so deployed code is kept.
    A directory (zipped at synthesis) or a `.zip`; a given path that is missing is an error."""
    timeout_seconds: int = 30
    """default: 30 s. Lambda allows 1-900."""
    memory_mb: int = 512
    """default: 512 MB. Lambda allows 128-10240."""
    environment: dict[str, str] = field(default_factory=dict)
    """default: none. Secrets must be `Secrets.reference()` tokens, never literals."""
    architecture: str = "arm64"
    """default: arm64 (Graviton: cheaper per GB-second)."""
    runtime: str = "nodejs22.x"
    """default: nodejs22.x."""
    description: str = ""
    """default: empty."""
    kms_key_arn: str | None = None
    """default: None, Lambda's AWS-managed key. The stage's `EnvironmentKey.key_arn` encrypts the
    environment with a customer-managed key, and the role may `kms:Decrypt` with that key only."""

    def __post_init__(self) -> None:
        where = f"LambdaFunctionProps({self.name_suffix!r})"
        if not _HANDLER.match(self.handler):
            raise ValueError(
                f"{where}: handler {self.handler!r} must look like 'path/module.export', e.g. "
                "'index.handler'."
            )
        if not 1 <= self.timeout_seconds <= 900:
            raise ValueError(f"{where}: timeout_seconds={self.timeout_seconds} is outside Lambda's 1-900 s.")
        if not 128 <= self.memory_mb <= 10240:
            raise ValueError(f"{where}: memory_mb={self.memory_mb} is outside Lambda's 128-10240 MB.")
        if self.architecture not in ARCHITECTURES:
            raise ValueError(f"{where}: architecture {self.architecture!r} is not one of {ARCHITECTURES}.")
        if not _RUNTIME.match(self.runtime):
            raise ValueError(f"{where}: runtime {self.runtime!r} is not a Node.js runtime like 'nodejs22.x'.")
        for key in self.environment:
            if not _ENV_KEY.match(key) or key.startswith("AWS_"):
                raise ValueError(
                    f"{where}: environment variable {key!r} is invalid or reserved: use letters, digits "
                    "and '_', starting with a letter; Lambda reserves names starting with 'AWS_'."
                )
        literals = literal_secret_keys(self.environment)
        if literals:
            raise ValueError(
                f"{where}: secrets {literals} are literal strings; pass Secrets.reference(name) "
                "so the value comes from a sensitive variable and never reaches the JSON."
            )


@dataclass(frozen=True)
class PublicUrl:
    """A function URL and its bare domain (what a CloudFront origin takes)."""

    url: LambdaFunctionUrl
    domain: str


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


class LambdaFunction(Construct):
    """Function, role, scoped logging policy and log group for one stage."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: LambdaFunctionProps) -> None:
        super().__init__(scope, construct_id)
        self.props = props
        self.timeout_seconds = props.timeout_seconds
        self.memory_mb = props.memory_mb
        self.function_name = stage.name_for(props.name_suffix)
        artifact = resolve_artifact(props.code_path, props.handler, f"Lambda {self.function_name}")
        self.is_placeholder = artifact.is_placeholder

        self.log_group = CloudwatchLogGroup(
            self,
            "log_group",
            name=stage.name_for(f"/aws/lambda/{props.name_suffix}"),
            retention_in_days=stage.settings.log_retention_days,
        )
        self.role = IamRole(
            self,
            "role",
            name=stage.name_for(f"{props.name_suffix}-role"),
            assume_role_policy=LAMBDA_ASSUME_ROLE_POLICY,
        )
        self.logging_policy = IamRolePolicy(
            self,
            "logging_policy",
            name="write-own-log-group",
            role=self.role.id,
            policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                            "Resource": f"{self.log_group.arn}:*",
                        }
                    ],
                }
            ),
        )
        self.decrypt_policy = self._decrypt_policy(props.kms_key_arn) if props.kms_key_arn else None
        tracing = "Active" if stage.settings.xray_tracing else "PassThrough"
        if stage.settings.xray_tracing:
            IamRolePolicy(self, "tracing_policy", name="write-traces", role=self.role.id, policy=XRAY_POLICY)
        code = package_code(artifact.path)
        asset = TerraformAsset(
            self, "code", path=str(code.path), type=AssetType.FILE, asset_hash=code.content_hash
        )
        self.function = AwsLambdaFunction(
            self,
            "function",
            function_name=self.function_name,
            description=props.description or None,
            role=self.role.arn,
            handler=props.handler,
            runtime=props.runtime,
            architectures=[props.architecture],
            timeout=props.timeout_seconds,
            memory_size=props.memory_mb,
            filename=asset.path,
            environment=(
                LambdaFunctionEnvironment(variables=props.environment) if props.environment else None
            ),
            tracing_config=LambdaFunctionTracingConfig(mode=tracing),
            publish=True,
            kms_key_arn=props.kms_key_arn,
            depends_on=[
                self.log_group,
                self.logging_policy,
                *([self.decrypt_policy] if self.decrypt_policy is not None else []),
            ],
            lifecycle=keep_deployed_code() if artifact.is_placeholder else None,
        )
        # Traffic goes through `live`, pointed at the version this apply published; `sgct rollback`
        # moves it back without Terraform. The next apply points it at the newest version again.
        self.live = LambdaAlias(
            self,
            "live",
            name=LIVE_ALIAS,
            function_name=self.function.function_name,
            function_version=self.function.version,
        )
        self.unqualified_arn = self.function.arn
        self.function_arn = self.live.arn
        """The `live` alias's ARN: what integrations, URLs, schedules and subscriptions invoke."""
        self.invoke_arn = self.live.invoke_arn
        self.max_memory_filter = self._max_memory_filter(stage, props.name_suffix)

    def _decrypt_policy(self, kms_key_arn: str) -> IamRolePolicy:
        """The role may decrypt its environment with the stage's key, and nothing else with KMS."""
        return IamRolePolicy(
            self,
            "decrypt_environment_policy",
            name="decrypt-own-environment",
            role=self.role.id,
            policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": kms_key_arn}],
                }
            ),
        )

    def allow_invoke(
        self, scope: Construct, construct_id: str, statement_id: str, principal: str, source_arn: str
    ):
        """Let `principal` invoke this function, from `source_arn` only.

        The permission is created in `scope` (the caller that needs the access), so
        its Terraform address belongs to the caller.
        """
        return LambdaPermission(
            scope,
            construct_id,
            statement_id=statement_id,
            action="lambda:InvokeFunction",
            function_name=self.function.function_name,
            qualifier=self.live.name,  # a reference: the alias exists before its permission
            principal=principal,
            source_arn=source_arn,
        )

    def public_url(self, scope: Construct, construct_id: str, invoke_mode: str | None = None) -> PublicUrl:
        """A public function URL (auth `NONE`) that serves the `live` alias, so `sgct rollback` moves it too.

        Created in `scope` (its owner's Terraform address). The AWS provider adds the
        `lambda:InvokeFunctionUrl` statement for `*` itself when it creates a `NONE` URL.
        Known gap: AWS now also requires a `lambda:InvokeFunction` statement conditioned on
        `lambda:InvokedViaFunctionUrl`, which the pinned provider (6.25) cannot express; it
        belongs here once the provider is 6.29 or later (README, "Lambda functions").
        """
        url = LambdaFunctionUrl(
            scope,
            construct_id,
            function_name=self.function.function_name,
            qualifier=self.live.name,
            authorization_type="NONE",
            invoke_mode=invoke_mode,
        )
        # CloudFront wants a bare domain: https://<id>.lambda-url.<region>.on.aws/ -> <id>.lambda-url...
        return PublicUrl(url, Fn.element(Fn.split("/", url.function_url), 2))

    def _max_memory_filter(self, stage: Stage, suffix: str):
        """A metric from the REPORT line each invocation logs: `... Max Memory Used: 70 MB ...`."""
        return CloudwatchLogMetricFilter(
            self,
            "max_memory_used",
            name=stage.name_for(f"{suffix}-max-memory-used"),
            log_group_name=self.log_group.name,
            pattern=REPORT_LINE_PATTERN,
            metric_transformation=CloudwatchLogMetricFilterMetricTransformation(
                namespace=MEMORY_NAMESPACE,
                name=self.function_name,
                value="$max_memory_used",
                unit="Megabytes",
            ),
        )

    def metric_max_memory_used(self) -> Metric:
        """Peak memory per invocation in MB (Maximum over 5 minutes), from the REPORT lines."""
        return Metric(namespace=MEMORY_NAMESPACE, metric_name=self.function_name).with_statistic("Maximum")

    def grant(self, construct_id: str, policy_name: str, statements: list[dict]):
        """An inline policy on this function's role: exactly `statements`, nothing broader.

        Why inline and per function: each function's role holds only what its own
        code calls (e.g. `s3:GetObject` on `_assets/*` for the image optimizer), so
        a compromised function cannot reach its neighbours' data. Resources may be
        Terraform references (the document is rendered with `jsonencode`).
        """
        if not statements:
            raise ValueError(f"{self.function_name}: grant({policy_name!r}) needs at least one statement.")
        for statement in statements:
            if "*" in _as_list(statement.get("Action")) or "*" in _as_list(statement.get("Resource")):
                raise ValueError(
                    f"{self.function_name}: grant({policy_name!r}) has a wildcard action or resource "
                    f"{statement}; name the actions and the resources the code uses."
                )
        return IamRolePolicy(
            self,
            construct_id,
            name=policy_name,
            role=self.role.id,
            policy=Fn.jsonencode({"Version": "2012-10-17", "Statement": statements}),
        )

    def _metric(self, metric_name: str, statistic: str = "Sum") -> Metric:
        return Metric(
            namespace="AWS/Lambda", metric_name=metric_name, dimensions={"FunctionName": self.function_name}
        ).with_statistic(statistic)

    def metric_errors(self) -> Metric:
        """Errors (Sum over 5 minutes)."""
        return self._metric("Errors")

    def metric_invocations(self) -> Metric:
        """Invocations (Sum over 5 minutes); the denominator of an error rate."""
        return self._metric("Invocations")

    def metric_throttles(self) -> Metric:
        """Throttles (Sum over 5 minutes)."""
        return self._metric("Throttles")

    def metric_duration(self, statistic: str = "p99") -> Metric:
        """Duration in milliseconds; default p99, compare with `timeout_seconds * 1000`."""
        return self._metric("Duration", statistic)
