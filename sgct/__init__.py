"""The `sgct` command line: one entry point for the repository's tools."""
