"""Build artifacts the stages deploy: reading OpenNext output and producing it.

- `opennext`: parse `.open-next/open-next.output.json` (directory or archive) into typed data.
- `archive`: safe extraction of `.zip` / `.tar.gz` artifacts.
- `app_build`: build a Next.js app with OpenNext, cached by a hash of its sources.

May import `stages` only (the error model). Imported by `operations` (publishing) and by
the web constructs; imports nothing from them.
"""
