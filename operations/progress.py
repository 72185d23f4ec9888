"""A thread-safe progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise.

Why stderr: stdout carries the plan/summary, which scripts may parse.
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO


class Progress:
    def __init__(self, label: str, total: int, total_bytes: int = 0, stream: TextIO | None = None) -> None:
        self.label, self.total, self.total_bytes = label, total, total_bytes
        self.stream = stream or sys.stderr
        self.done = self.done_bytes = 0
        self._lock = threading.Lock()
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_decile = -1

    def advance(self, size: int = 0) -> None:
        with self._lock:
            self.done += 1
            self.done_bytes += size
            self._draw()

    def _draw(self) -> None:
        if self.total == 0:
            return
        fraction = self.done / self.total
        decile = int(fraction * 10)
        if not self._tty and (decile == self._last_decile and self.done != self.total):
            return
        self._last_decile = decile
        bar = "#" * int(fraction * 30)
        line = (
            f"{self.label} [{bar:<30}] {self.done}/{self.total} files, "
            f"{self.done_bytes / 1e6:.1f}/{self.total_bytes / 1e6:.1f} MB"
        )
        self.stream.write(f"\r{line}" if self._tty else f"{line}\n")
        if self._tty and self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()
