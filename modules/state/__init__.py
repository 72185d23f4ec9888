"""Terraform state and private buckets: the S3 backend per stage, the
bootstrap stack that creates the state bucket, and the one hardening helper
every private bucket uses.

May import `modules.app.bindings` and `stages`; imported by
`modules.app` and `modules.web`.
"""
