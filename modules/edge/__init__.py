"""What sits in front of the functions: CloudFront (distribution, cache and
header policies, the viewer-request function), ACM certificates and
Cloudflare DNS records.

May import `modules.monitoring.metrics`, `modules.app.bindings` and
`stages`; imported by `modules.app.platform_stack`.
"""
