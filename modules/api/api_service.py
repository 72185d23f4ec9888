"""The Hono API: its Lambda behind an API Gateway HTTP API on the stage's API domain.

Why an HTTP API (apigatewayv2): cheaper and faster than a REST API, with
native CORS, Lambda REQUEST authorizers and stage-level throttling, which is
all the API needs. Note: API Gateway ends an integration after 30 s, so the
Lambda's 120 s timeout only helps invocations that do not wait on the gateway.

Why the authorizer is off by default: the API checks the bearer token itself
(same SG_CARS_TRENDS_API_TOKEN), and QStash calls its workflow routes with a
signature header, not a bearer token; a gateway authorizer on `$default`
would reject them. Turn it on with `authorizer_enabled=True` and list such
routes in `public_routes`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from modules.api.api_routes import add_routes
from modules.app.aws import (
    Apigatewayv2Api,
    Apigatewayv2ApiCorsConfiguration,
    Apigatewayv2ApiMapping,
    Apigatewayv2DomainName,
    Apigatewayv2DomainNameDomainNameConfiguration,
    Apigatewayv2Stage,
    Apigatewayv2StageAccessLogSettings,
    Apigatewayv2StageDefaultRouteSettings,
    CloudwatchLogGroup,
    LambdaFunctionUrl,
    LambdaPermission,
)
from modules.app.bindings import Construct
from modules.compute.lambda_artifact import AUTHORIZER_DIR
from modules.compute.lambda_function import LambdaFunction, LambdaFunctionProps
from modules.monitoring.metrics import Metric
from stages import Stage

API_HANDLER = "apps/api/src/index.handler"
API_TIMEOUT_SECONDS = 120
HEALTH_ROUTE = "GET /health"
ACCESS_LOG_FORMAT = json.dumps(
    {
        "requestId": "$context.requestId",
        "ip": "$context.identity.sourceIp",
        "requestTime": "$context.requestTime",
        "httpMethod": "$context.httpMethod",
        "routeKey": "$context.routeKey",
        "status": "$context.status",
        "responseLength": "$context.responseLength",
        "integrationLatency": "$context.integrationLatency",
        "responseLatency": "$context.responseLatency",
        "authorizerError": "$context.authorizer.error",
        "integrationError": "$context.integrationErrorMessage",
    }
)
_ROUTE_KEY = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /[A-Za-z0-9_\-./{}+]*$")


@dataclass(frozen=True)
class ApiServiceProps:
    """Inputs of the API service; sizes and CORS/throttling come from the stage."""

    certificate_arn: str | None
    """Regional (ap-southeast-1) ACM certificate ARN or token for `stage.api_domain`;
    required while `custom_domain_enabled` (None only without a custom domain)."""
    custom_domain_enabled: bool = True
    """default: on, the API answers on `stage.api_domain`. Off on loopback targets,
    whose API Gateway never reports a domain name AVAILABLE."""
    environment: dict[str, str] = field(default_factory=dict)
    """default: none. The API Lambda's environment; the platform passes the app contract's
    (`modules.app.secrets.contract_environment(stage, App.API, secrets)`)."""
    code_path: str | None = None
    """default: None, the placeholder handler; CI passes the API build (SGCT_API_ARTIFACT)."""
    memory_mb: int | None = None
    """default: None, the stage's `settings.api_memory_mb`."""
    timeout_seconds: int = API_TIMEOUT_SECONDS
    """default: 120 s, the API's longest workflow."""
    authorizer_enabled: bool = False
    """default: off (see the module docstring). On: a bearer-token REQUEST authorizer guards `$default`."""
    authorizer_token: str | None = None
    """default: none; the expected bearer token (`Secrets.reference("SG_CARS_TRENDS_API_TOKEN")`), required
    when the authorizer is enabled."""
    public_routes: tuple[str, ...] = (HEALTH_ROUTE,)
    """default: `GET /health` only. Routes that never take the authorizer."""
    kms_key_arn: str | None = None
    """default: None, Lambda's AWS-managed key; the platform passes the stage's `EnvironmentKey`."""
    function_url_enabled: bool = False
    """default: off. On: a public Lambda function URL on the API function (no API Gateway 30 s cap),
    which the QStash data schedule calls; see modules/schedule/data_schedule.py for why it is public."""
    disable_execute_api_endpoint: bool = False
    """default: False, the execute-api URL stays reachable (the CDN may use it as an origin)."""

    def __post_init__(self) -> None:
        if self.custom_domain_enabled and not self.certificate_arn:
            raise ValueError(
                "ApiServiceProps.certificate_arn is empty but the custom domain is on; pass the regional ACM "
                "certificate ARN for the API domain, or custom_domain_enabled=False."
            )
        if HEALTH_ROUTE not in self.public_routes:
            raise ValueError(
                f"ApiServiceProps.public_routes must keep {HEALTH_ROUTE!r}: health checks carry no token."
            )
        for route in self.public_routes:
            if not _ROUTE_KEY.match(route):
                raise ValueError(
                    f"ApiServiceProps.public_routes: {route!r} is not a route key like 'POST "
                    f"/workflows/{{proxy+}}'."
                )
        if self.authorizer_enabled and not self.authorizer_token:
            raise ValueError(
                "ApiServiceProps.authorizer_enabled=True needs authorizer_token, e.g. "
                "secrets.reference('SG_CARS_TRENDS_API_TOKEN')."
            )


class ApiService(Construct):
    """API Lambda, HTTP API, routes, optional authorizer, logged stage, custom domain."""

    def __init__(self, scope: Construct, construct_id: str, stage: Stage, props: ApiServiceProps) -> None:
        super().__init__(scope, construct_id)
        settings = stage.settings
        self.stage_name = stage.name
        self.function = LambdaFunction(
            self,
            "lambda",
            stage,
            LambdaFunctionProps(
                name_suffix="api",
                handler=API_HANDLER,
                code_path=props.code_path,
                timeout_seconds=props.timeout_seconds,
                memory_mb=props.memory_mb or settings.api_memory_mb,
                environment=props.environment,
                kms_key_arn=props.kms_key_arn,
                description="SG Cars Trends API (Hono)",
            ),
        )
        self.api = Apigatewayv2Api(
            self,
            "http_api",
            name=stage.name_for("http-api"),
            protocol_type="HTTP",
            disable_execute_api_endpoint=props.disable_execute_api_endpoint,
            cors_configuration=Apigatewayv2ApiCorsConfiguration(
                allow_origins=list(settings.cors_allow_origins),
                allow_methods=["*"],
                allow_headers=["*"],
                max_age=settings.cors_max_age_seconds,
            ),
        )
        token = props.authorizer_token  # ApiServiceProps requires it when the authorizer is enabled
        self.authorizer_function = (
            self._authorizer_function(stage, token) if props.authorizer_enabled and token else None
        )
        add_routes(self, stage, self.api, self.function, self.authorizer_function, props.public_routes)
        self._access_logged_stage(stage)
        self.domain_name: Apigatewayv2DomainName | None = None
        self.api_mapping: Apigatewayv2ApiMapping | None = None
        self.domain_target_name: str | None = None
        self.domain_hosted_zone_id: str | None = None
        # ApiServiceProps requires the certificate while the custom domain is on.
        if props.custom_domain_enabled and props.certificate_arn:
            self._custom_domain(stage, props.certificate_arn)
        self.function_url = self._function_url() if props.function_url_enabled else None
        self.api_id = self.api.id
        self.api_endpoint = self.api.api_endpoint

    def _function_url(self) -> LambdaFunctionUrl:
        """A public function URL (the app checks tokens and QStash signatures itself) and its permission."""
        url = self.function.public_url(self, "function_url").url
        LambdaPermission(
            self,
            "function_url_permission",
            statement_id="AllowPublicFunctionUrl",
            action="lambda:InvokeFunctionUrl",
            function_name=self.function.function.function_name,
            qualifier=self.function.live.name,
            principal="*",
            function_url_auth_type="NONE",
        )
        return url

    def _authorizer_function(self, stage: Stage, token: str) -> LambdaFunction:
        return LambdaFunction(
            self,
            "authorizer",
            stage,
            LambdaFunctionProps(
                name_suffix="api-authorizer",
                handler="index.handler",
                code_path=str(AUTHORIZER_DIR),
                timeout_seconds=5,
                memory_mb=128,
                environment={"SG_CARS_TRENDS_API_TOKEN": token},
                description="Bearer-token authorizer for the SG Cars Trends API",
            ),
        )

    def _access_logged_stage(self, stage: Stage) -> None:
        """The `$default` stage: auto-deployed, JSON access logs, throttling only if the stage sets it."""
        settings = stage.settings
        self.access_log_group = CloudwatchLogGroup(
            self,
            "access_logs",
            name=stage.name_for("/aws/apigateway/http-api"),
            retention_in_days=settings.log_retention_days,
        )
        throttled = settings.throttle_rate_limit is not None
        self.gateway_stage = Apigatewayv2Stage(
            self,
            "default_stage",
            api_id=self.api.id,
            name="$default",
            auto_deploy=True,
            access_log_settings=Apigatewayv2StageAccessLogSettings(
                destination_arn=self.access_log_group.arn, format=ACCESS_LOG_FORMAT
            ),
            # Omitted entirely when off: an empty block can mean "limit 0" to API Gateway.
            default_route_settings=Apigatewayv2StageDefaultRouteSettings(
                throttling_rate_limit=settings.throttle_rate_limit,
                throttling_burst_limit=settings.throttle_burst_limit,
            )
            if throttled
            else None,
        )

    def _custom_domain(self, stage: Stage, certificate_arn: str) -> None:
        domain = Apigatewayv2DomainName(
            self,
            "domain",
            domain_name=stage.api_domain,
            domain_name_configuration=Apigatewayv2DomainNameDomainNameConfiguration(
                certificate_arn=certificate_arn, endpoint_type="REGIONAL", security_policy="TLS_1_2"
            ),
        )
        self.api_mapping = Apigatewayv2ApiMapping(
            self,
            "mapping",
            api_id=self.api.id,
            domain_name=domain.id,
            stage=self.gateway_stage.id,
            # User-facing: without the mapping the API hostname answers 404.
        )
        # What the API hostname's DNS record (CNAME or alias) points at.
        self.domain_name = domain
        self.domain_target_name = domain.domain_name_configuration.target_domain_name
        self.domain_hosted_zone_id = domain.domain_name_configuration.hosted_zone_id

    def _metric(self, metric_name: str, statistic: str = "Sum") -> Metric:
        return Metric(
            namespace="AWS/ApiGateway",
            metric_name=metric_name,
            dimensions={"ApiId": self.api.id, "Stage": "$default"},
        ).with_statistic(statistic)

    def metric_5xx(self) -> Metric:
        """Responses with a 5xx status (Sum over 5 minutes)."""
        return self._metric("5xx")

    def metric_latency(self, statistic: str = "p95") -> Metric:
        """End-to-end latency in milliseconds; default p95."""
        return self._metric("Latency", statistic)

    def metric_count(self) -> Metric:
        """Requests (Sum over 5 minutes)."""
        return self._metric("Count")
