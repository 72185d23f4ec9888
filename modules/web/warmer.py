"""OpenNext's warmer: keeps `concurrency` server instances initialised, on a schedule.

Why OpenNext's own warmer instead of pinging the server: it invokes the server
`concurrency` times in parallel with `{"type": "warmer", ...}` events the
server answers after a short delay without rendering
(`adapters/warmer-function.js`, `overrides/warmer/aws-lambda.js`), so N
instances really are kept, not one instance N times. `WARM_PARAMS` names the
server function; the role may invoke that function only.
"""

from __future__ import annotations

import json

from modules.app.aws import CloudwatchEventRule, CloudwatchEventTarget
from modules.app.bindings import Construct
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from modules.web.hosting import Bundle
from stages import Stage
from stages.naming import LIVE_ALIAS
from stages.web_runtime_env import WARMER_ENV


class Warmer(Construct):
    """`lambda`, `schedule` (EventBridge), `target` and the schedule's invoke permission."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        stage: Stage,
        bundle: Bundle,
        server: LambdaFunction,
        concurrency: int = 1,
        interval_minutes: int = 5,
    ) -> None:
        super().__init__(scope, construct_id)
        if not 1 <= interval_minutes <= 14:
            raise ValueError(
                f"Warmer interval_minutes={interval_minutes}: use 1-14 minutes (Lambda reclaims idle "
                "instances after roughly 15)."
            )
        if not 1 <= concurrency <= 10:
            raise ValueError(f"Warmer concurrency={concurrency}: use 1-10 warm server instances.")
        # The `live` alias: the instances that serve traffic are the ones kept warm (and the only
        # ARN the role may invoke).
        self.warm_params = [{"function": f"{server.function_name}:{LIVE_ALIAS}", "concurrency": concurrency}]
        self.function = LambdaFunction(
            self,
            "lambda",
            stage,
            LambdaFunctionProps(
                name_suffix="web-warmer",
                handler=bundle.handler,
                code_path=bundle.code_path,
                timeout_seconds=60,
                memory_mb=128,
                environment={WARMER_ENV[0]: json.dumps(self.warm_params)},
                description="SG Cars Trends web warmer (OpenNext)",
            ),
        )
        self.function.grant(
            "invoke_server",
            "invoke-server",
            [{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": server.function_arn}],
        )
        self.schedule = CloudwatchEventRule(
            self,
            "schedule",
            name=stage.name_for("web-warmer-schedule"),
            description=f"Keeps {concurrency} instance(s) of the Next.js server warm",
            schedule_expression=f"rate({interval_minutes} minute{'s' if interval_minutes > 1 else ''})",
        )
        CloudwatchEventTarget(self, "target", rule=self.schedule.name, arn=self.function.function_arn)
        self.function.allow_invoke(
            self, "schedule_permission", "AllowWarmerSchedule", "events.amazonaws.com", self.schedule.arn
        )
