"""
Problems: what the commands report about an input, and where in it.

A check gives `Unplaced` problems (a JSONPath, no line); `place` finds each one's
line and column in the input's text and makes it a `Problem`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .._errors import unexpected
from .._reading import line_too_large_message, too_large_message

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._errors import Finding, ValidationError
    from .._reading import Oversized


class Unplaced(NamedTuple):
    """A problem at a JSONPath, not yet placed at a line and column of its input."""

    path: str
    code: str
    message: str
    severity: str

    def at(self, line: int, column: int) -> Problem:
        """This problem at *line* and *column*."""
        return Problem(line, column, *self)


class Problem(NamedTuple):
    """
    One problem with an input, as a report line shows it.

    Attributes:
        line: Its line in the input, from 1.
        column: Its column on that line, from 1, in characters.
        path: The JSONPath of the value, ``$`` for the whole document.
        code: The error or finding code.
        message: What was expected and what was found.
        severity: ``error``, ``warning`` or ``note``.
    """

    line: int
    column: int
    path: str
    code: str
    message: str
    severity: str

    def shifted(self, lines: int) -> Problem:
        """This problem *lines* further down (a piece's lines counted in its file)."""
        return self._replace(line=self.line + lines) if lines else self


def errors_of(error: ValidationError) -> list[Unplaced]:
    """The errors of a `ValidationError`, as problems of severity ``error``."""
    return [Unplaced(e.path, e.code, e.message, "error") for e in error.errors]


def note(finding: Finding, line: int = 1, column: int = 1) -> Problem:
    """A finding (a repair, a value dropped) as a problem of severity ``note``."""
    return Problem(line, column, finding.path, finding.code, finding.message, "note")


def internal(error: BaseException, line: int = 1, column: int = 1) -> Problem:
    """The problem that reports an exception newsmodel did not expect."""
    return Problem(line, column, "$", "internal", unexpected(error), "error")


def place(text: str, problems: Sequence[Unplaced], line_offset: int) -> list[Problem]:
    """Give each problem the line and column of its value in *text*; sort them by place."""
    import re  # noqa: PLC0415

    from .._positions import locate  # noqa: PLC0415

    placed = []
    for problem in problems:
        code = problem.code
        where = re.search(r"line (\d+),? column (\d+)", problem.message) if code == "json" else None
        if where is not None:
            line, column = int(where[1]), int(where[2])
        else:
            line, column = locate(text, problem.path, at_key=code == "unknown_field")
        placed.append(problem.at(line + line_offset, column))
    placed.sort(key=lambda found: (found.line, found.column))  # stable: ties keep their order
    return placed


def place_safely(document: bytes, problems: Sequence[Unplaced], line_offset: int) -> list[Problem]:
    """`place` the problems; where they cannot be placed, at the document's start."""
    try:
        return place(document.decode("utf-8", "replace"), problems, line_offset)
    except Exception:  # a report at 1:1 beats no report
        return [problem.at(1 + line_offset, 1) for problem in problems]


def too_large(line: int, found: Oversized, bound: int, what: str, option: str) -> Problem:
    """The problem of an input longer than its bound."""
    message = too_large_message(found, bound, what, option)
    return Problem(line, 1, "$", "too_large", message, "error")


def document_too_large(found: Oversized, bound: int) -> Problem:
    """The problem of a JSON document or page longer than ``--max-document-bytes``."""
    return too_large(1, found, bound, "a document", "--max-document-bytes")


def line_too_large(line: int, found: Oversized, bound: int) -> Problem:
    """The problem of a JSON Lines line longer than ``--max-line-bytes``."""
    return Problem(line, 1, "$", "too_large", line_too_large_message(found, bound), "error")


def spread_problem(line: int) -> Problem:
    """The one problem of a JSON Lines input that holds one pretty-printed document."""
    message = (
        "expected one article a line (JSON Lines), found what looks like one JSON document "
        "spread over several lines; name it .json or write one article per line"
    )
    return Problem(line, 1, "$", "json", message, "error")


def no_article(line: int, column: int) -> Problem:
    """The problem of a page with no article marked up in it."""
    message = "expected an article marked up in the page (JSON-LD or microdata), found none"
    return Problem(line, column, "$", "missing", message, "error")
