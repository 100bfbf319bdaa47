"""The progress bar of a validation run, on stderr."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._discover import Input


class Progress:
    """
    A progress bar on stderr, for long runs watched in a terminal.

    It is drawn only when stderr is a terminal and the ``CI`` environment
    variable is unset, after the first half second, at most ten times a
    second; it is cleared before any problem is printed and at the end.
    """

    def __init__(self, inputs: Sequence[Input], *, enabled: bool) -> None:
        import time  # noqa: PLC0415

        self.clock = time.monotonic
        stream = sys.stderr
        self.stream = stream
        self.total = sum(item.size for item in inputs)
        self.files = len(inputs)
        self.enabled = (
            enabled
            and self.total > 0
            and not os.environ.get("CI")
            and os.environ.get("TERM") != "dumb"
            and _isatty(stream)
        )
        self.started = self.clock()
        self.next_draw = self.started + 0.5
        self.done = self.articles = self.invalid = 0
        self.shown = False

    def advance(self, size: int, articles: int, invalid: int) -> None:
        """Count *size* more bytes done; redraw the bar if it is time to."""
        self.done += size
        self.articles += articles
        self.invalid += invalid
        if not self.enabled:
            return
        now = self.clock()
        if now < self.next_draw:
            return
        self.next_draw = now + 0.1
        fraction = min(1.0, self.done / self.total)
        width = 30
        filled = int(fraction * width)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\r[{bar}] {fraction:4.0%}  {self.articles:,} articles, "
            f"{self.invalid:,} invalid  {now - self.started:.0f} s\x1b[K"
        )
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the bar, if it is shown."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
