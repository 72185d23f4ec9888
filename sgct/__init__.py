"""The `sgct` command line: one entry point for the repository's tools.

Lives here: the dispatcher (`cli`, which maps each command to the module
that owns it and reports every error once) and the few commands that belong
to no package (`synth`, `app-env`). The top layer: it may import every
package (and `main.py`); nothing imports it.
"""
