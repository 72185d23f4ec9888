"""Readers of what the policies check: synthesized `cdk.tf.json` and
`terraform show -json` plans, loaded, shape-checked and presented as
uniform resource views with their stage.

May import `stages` and `sensitive`; imported by the engine, the rules and
`review`. Nothing here decides pass or fail.
"""
