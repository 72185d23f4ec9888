"""The Next.js server: an SSR Lambda with a function URL, kept warm by a schedule.

Why a function URL as CloudFront's origin: it is the simplest HTTPS origin
for a Lambda (no API Gateway hop, no 30 s integration cap). It uses
`authorization_type = NONE` because CloudFront origin access control for
Lambda URLs requires callers to sign POST/PUT bodies (x-amz-content-sha256),
which browsers submitting Next.js server actions and forms do not do.

Why a warmer: an EventBridge rule invokes the function every 5 minutes with
`{"type": "warmer"}` (the event OpenNext's server answers without rendering),
so one instance stays initialised and the first visitor skips a cold start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from modules.app.aws import CloudwatchEventRule, CloudwatchEventTarget, LambdaFunctionUrl
from modules.app.bindings import Construct, Fn
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from stages import Stage

WEB_HANDLER = "index.handler"
WARMER_EVENT = json.dumps({"type": "warmer"})
INVOKE_MODES = ("BUFFERED", "RESPONSE_STREAM")


@dataclass(frozen=True)
class WebServerProps:
    """Inputs of the Next.js server; memory defaults to the stage's setting."""

    code_path: str | None = None
    """default: None, the placeholder handler; CI passes the OpenNext server build (SGCT_WEB_ARTIFACT)."""
    handler: str = WEB_HANDLER
    """default: `index.handler`, OpenNext's server function entry point."""
    memory_mb: int | None = None
    """default: None, the stage's `settings.web_memory_mb`."""
    timeout_seconds: int = 30
    """default: 30 s, CloudFront's default origin response timeout."""
    environment: dict[str, str] = field(default_factory=dict)
    """default: none. The platform passes the app contract's web environment
    (`contract_environment(stage, App.WEB, secrets)`); the hosting adds only `HOSTING_RUNTIME_ENV` names."""
    warm_interval_minutes: int | None = 5
    """default: every 5 minutes, one warm instance. None turns the warmer off."""
    invoke_mode: str = "BUFFERED"
    """default: BUFFERED; RESPONSE_STREAM for a streaming-enabled OpenNext build."""
    kms_key_arn: str | None = None
    """default: None, Lambda's AWS-managed key; the platform passes the stage's `EnvironmentKey`."""

    def __post_init__(self) -> None:
        if self.warm_interval_minutes is not None and not 1 <= self.warm_interval_minutes <= 14:
            raise ValueError(
                f"WebServerProps.warm_interval_minutes={self.warm_interval_minutes}: use 1-14 minutes "
                "(Lambda reclaims idle instances after roughly 15), or None to turn the warmer off."
            )
        if self.invoke_mode not in INVOKE_MODES:
            raise ValueError(f"WebServerProps.invoke_mode {self.invoke_mode!r} is not one of {INVOKE_MODES}.")


class WebServer(Construct):
    """SSR Lambda, function URL, warmer rule + target + permission."""

    def __init__(
        self, scope: Construct, construct_id: str, stage: Stage, props: WebServerProps | None = None
    ) -> None:
        super().__init__(scope, construct_id)
        props = props or WebServerProps()
        self.function = LambdaFunction(
            self,
            "lambda",
            stage,
            LambdaFunctionProps(
                name_suffix="web",
                handler=props.handler,
                code_path=props.code_path,
                timeout_seconds=props.timeout_seconds,
                memory_mb=props.memory_mb or stage.settings.web_memory_mb,
                environment=props.environment,
                kms_key_arn=props.kms_key_arn,
                description="SG Cars Trends web (Next.js SSR)",
            ),
        )
        self.function_url = LambdaFunctionUrl(
            self,
            "url",
            function_name=self.function.function.function_name,
            qualifier=self.function.live.name,  # the URL serves `live`: `sgct rollback` moves the web too
            authorization_type="NONE",
            invoke_mode=props.invoke_mode,
        )
        # CloudFront wants a bare domain: https://<id>.lambda-url.<region>.on.aws/ -> <id>.lambda-url...
        self.function_url_domain = Fn.element(Fn.split("/", self.function_url.function_url), 2)
        self.warmer_rule = (
            self._warmer(stage, props.warm_interval_minutes) if props.warm_interval_minutes else None
        )

    def _warmer(self, stage: Stage, minutes: int):
        rule = CloudwatchEventRule(
            self,
            "warmer",
            name=stage.name_for("web-warmer"),
            description="Keeps one instance of the Next.js server warm",
            schedule_expression=f"rate({minutes} minute{'s' if minutes > 1 else ''})",
        )
        CloudwatchEventTarget(
            self, "warmer_target", rule=rule.name, arn=self.function.function_arn, input=WARMER_EVENT
        )
        self.function.allow_invoke(
            self, "warmer_permission", "AllowWarmerSchedule", "events.amazonaws.com", rule.arn
        )
        return rule
