"""One file per policy rule; each registers itself with `policies.registry.rule`."""
