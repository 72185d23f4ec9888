"""Lambda functions and their code.

Lives here: `LambdaFunction` (ARM64, Node.js 22, own role and log group),
reading build artifacts, deterministic packaging, and the handler assets
shipped with the repository (the 503 placeholder and the bearer-token
authorizer). May import `modules.app.bindings`, `modules.monitoring.metrics`
and `stages`; imported by the API, web and monitoring packages.
"""
