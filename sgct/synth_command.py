"""`sgct synth`: the same as `python main.py`, from anywhere in the repo."""

from __future__ import annotations

import main as app_main


def main(argv: list[str]) -> int:
    return app_main.run(argv, prog="sgct synth")
