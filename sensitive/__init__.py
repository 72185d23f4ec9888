"""What counts as a secret, and how it is kept out of everything we print.

Lives here: detection of secret-looking names and values, redaction of
`terraform show -json` plans (sensitive markers), and display redaction of
single values for the plan review. One idea of "secret" serves the
no-secret-literals rule, every policy report and the review comment, so a
value the rule would flag is never printed by any of them.

May import `stages` only; imported by `policies` and `review`.
"""
