"""Regular expressions compiled on first use, so that importing newsmodel compiles none."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["LazyPattern"]

_METHODS = frozenset({"match", "fullmatch", "search", "findall", "finditer", "sub"})


class LazyPattern:
    """
    A regular expression, compiled the first time it is used.

    It has the methods of `re.Pattern` that newsmodel uses. Patterns on the
    hot path of loading are compiled at import as usual; the others (language
    tags in full, URLs that are not plain ASCII, slugs, zone names, paths) are
    these, which cost the import nothing. The first use of a method puts the
    compiled pattern's own method on the instance, so later calls cost what
    the compiled pattern's do.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (`re` caches it)."""
        return re.compile(self.pattern, self.flags)

    def __getattr__(self, name: str) -> Any:
        # Called only for a name the instance does not have yet.
        if name not in _METHODS:
            msg = f"{type(self).__name__!r} object has no attribute {name!r}"
            raise AttributeError(msg)
        method = getattr(self.compiled, name)
        setattr(self, name, method)
        return method

    if TYPE_CHECKING:

        def match(self, string: str, pos: int = 0, endpos: int = ...) -> re.Match[str] | None:
            """As `re.Pattern.match`."""

        def fullmatch(self, string: str, pos: int = 0, endpos: int = ...) -> re.Match[str] | None:
            """As `re.Pattern.fullmatch`."""

        def search(self, string: str, pos: int = 0, endpos: int = ...) -> re.Match[str] | None:
            """As `re.Pattern.search`."""

        def findall(self, string: str) -> list[Any]:
            """As `re.Pattern.findall`."""

        def finditer(self, string: str) -> Iterator[re.Match[str]]:
            """As `re.Pattern.finditer`."""

        def sub(
            self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
        ) -> str:
            """As `re.Pattern.sub`."""
