"""The Hono API: Lambda behind an HTTP API with routes, CORS, optional
bearer authorizer, access logs and a custom domain.

May import `modules.compute`, `modules.monitoring.metrics`,
`modules.app.bindings` and `stages`; imported by `modules.app.platform_stack`.
"""
