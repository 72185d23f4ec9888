"""The app plumbing: how constructs become one Terraform stack per stage.

Lives here: the typed CDKTF/provider bindings (the only door to `cdktf` and
the provider packages), provider set-up, the stage's sensitive variables,
the deployment target (real AWS or a loopback emulator), the protection
aspect, the output directory guard, atomic synthesis and `PlatformStack`,
which composes one stage from the concern packages. May import every
concern package in `modules/` and `stages`; nothing in `modules/` imports it
back except for `bindings` and `protection`.
"""
