"""Regular expressions compiled on first use, so that importing newsmodel compiles none."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["LazyPattern"]


class LazyPattern:
    """
    A regular expression, compiled the first time it is used.

    It has the methods of `re.Pattern` that newsmodel uses. Patterns on the
    hot path of loading are compiled at import as usual; the others (language
    tags in full, URLs that are not plain ASCII, slugs, zone names, paths) are
    these, which cost the import nothing.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.match`."""
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """As `re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.search`."""
        return self.compiled.search(string, pos, endpos)

    def findall(self, string: str) -> list[str]:
        """As `re.Pattern.findall`."""
        return self.compiled.findall(string)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer`."""
        return self.compiled.finditer(string)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        """As `re.Pattern.sub`."""
        return self.compiled.sub(repl, string, count)
