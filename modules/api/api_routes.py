"""Routes of the API's HTTP API: the Lambda integration, optional authorizer, permissions.

Why `$default` plus explicit public routes: `$default` sends every path
(including `/`) to the Hono app, which does its own routing; only routes
that must behave differently (no authorizer) are declared, and an explicit
route always wins over `$default` in API Gateway's matching.
"""

from __future__ import annotations

from modules.app.aws import Apigatewayv2Authorizer, Apigatewayv2Integration, Apigatewayv2Route
from modules.app.bindings import Construct
from modules.compute.lambda_function import LambdaFunction
from stages import Stage

AUTHORIZATION_HEADER = "$request.header.Authorization"
AUTHORIZER_CACHE_SECONDS = 300
API_GATEWAY_PRINCIPAL = "apigateway.amazonaws.com"


def _route_id(route_key: str) -> str:
    """A stable construct ID for a route key: `GET /health` -> `route_get_health`."""
    cleaned = "".join(ch if ch.isalnum() else "_" for ch in route_key.lower())
    return "route_" + "_".join(part for part in cleaned.split("_") if part)


def add_routes(
    scope: Construct,
    stage: Stage,
    api,
    function: LambdaFunction,
    authorizer_function: LambdaFunction | None,
    public_routes: tuple[str, ...],
) -> None:
    """Integration, `$default` (authorized when an authorizer is given) and unauthenticated public routes."""
    integration = Apigatewayv2Integration(
        scope,
        "lambda_integration",
        api_id=api.id,
        integration_type="AWS_PROXY",
        integration_uri=function.invoke_arn,
        payload_format_version="2.0",
    )
    target = f"integrations/{integration.id}"
    authorizer = _add_authorizer(scope, stage, api, authorizer_function) if authorizer_function else None
    Apigatewayv2Route(
        scope,
        "route_default",
        api_id=api.id,
        route_key="$default",
        target=target,
        authorization_type="CUSTOM" if authorizer else "NONE",
        authorizer_id=authorizer.id if authorizer else None,
    )
    for route_key in public_routes:
        Apigatewayv2Route(
            scope,
            _route_id(route_key),
            api_id=api.id,
            route_key=route_key,
            target=target,
            authorization_type="NONE",
        )
    function.allow_invoke(
        scope, "invoke_permission", "AllowApiGatewayInvoke", API_GATEWAY_PRINCIPAL, f"{api.execution_arn}/*/*"
    )


def _add_authorizer(scope: Construct, stage: Stage, api, authorizer_function: LambdaFunction):
    """A REQUEST authorizer reading the Authorization header, simple responses, cached per token."""
    authorizer = Apigatewayv2Authorizer(
        scope,
        "bearer_authorizer",
        api_id=api.id,
        name=stage.name_for("api-authorizer"),
        authorizer_type="REQUEST",
        authorizer_uri=authorizer_function.invoke_arn,
        identity_sources=[AUTHORIZATION_HEADER],
        authorizer_payload_format_version="2.0",
        enable_simple_responses=True,
        authorizer_result_ttl_in_seconds=AUTHORIZER_CACHE_SECONDS,
    )
    authorizer_function.allow_invoke(
        scope,
        "authorizer_permission",
        "AllowApiGatewayAuthorizer",
        API_GATEWAY_PRINCIPAL,
        f"{api.execution_arn}/authorizers/{authorizer.id}",
    )
    return authorizer
