"""Policy checks: rules run over synthesized stacks and Terraform plans, findings reported.

Lives here: the engine (`engine`: every applicable rule over every
document, failing closed), the rule registry and model, suppressions, the
`sgct check` command (`cli`, `api`); `inputs/` reads what is checked,
`rules/` holds one rule per file, `reporters/` writes the findings.

May import `stages` and `sensitive` only: the rules read Terraform JSON,
never constructs. Imported by `review`, `harness` and `operations` (and run
by `sgct check`).
"""
