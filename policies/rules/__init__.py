"""One file per policy rule; each registers itself with `policies.registry.rule`.

A rule reads `policies.inputs` views and the rule context, never constructs:
it may import `policies` (model, registry, rule helpers, inputs), `sensitive`
and `stages`. Only the registry imports this package (to load every rule).
"""
