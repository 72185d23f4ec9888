"""Scheduled calls into the app: the QStash data schedule and its Upstash provider.

May import `modules.app` (bindings, raw provider) and `stages`; imported by
`modules.app.platform_stack` only.
"""
