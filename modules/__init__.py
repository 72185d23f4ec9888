"""Constructs that build one stage's infrastructure, grouped by concern.

- `app/`: plumbing (typed CDKTF bindings, providers, secrets variables,
  deployment target, protection aspect, synthesis, `PlatformStack`);
- `compute/`: Lambda functions, artifacts, packaging, handler assets;
- `api/`, `web/`: the two applications;
- `edge/`: CloudFront, certificates, Cloudflare DNS;
- `monitoring/`: metrics, alarms, topics, health checks;
- `state/`: the S3 backend, the bootstrap stack, private buckets;
- `schedule/`: scheduled calls into the app (QStash).

May import `stages` (and `builds`, to read an app's build output);
imported by `main.py`, `harness`, `operations`, `sgct`. Nothing in
`policies/` or `review/` imports it: they read Terraform JSON, not
constructs.
"""
