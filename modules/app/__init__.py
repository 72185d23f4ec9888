"""The app plumbing: how constructs become one Terraform stack per stage.

Lives here: the explicit set-up call (`runtime.prepare()`), the bindings
(`bindings` for the CDKTF core, `aws` / `cloudflare` for typed provider
classes: the only doors to `cdktf` and the provider packages), provider
set-up, the stage's sensitive variables, the deployment target (real AWS or a
loopback emulator), the protection Aspect, the output directory guard, atomic
synthesis and `PlatformStack`, which composes one stage from the concern
packages. May import every concern package in `modules/` and `stages`; the
concern packages import back only the doors (`bindings`, `aws`,
`cloudflare`), `secrets`, `deployment_target`, and, in `state/`, `providers`
and `protection` for the bootstrap stack.
"""
