"""The Next.js web app: its server function and the assets bucket.

May import `modules.compute`, `modules.state.private_bucket`,
`modules.app.bindings` and `stages`; imported by `modules.app.platform_stack`.
"""
