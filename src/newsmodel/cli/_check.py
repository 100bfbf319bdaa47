"""
Checking inputs: one JSON document, JSON Lines, an HTML page; the checks' settings.

This is the work an engine runs, in whatever process it runs it. The settings of
the run are this process's (`use`): set once, before any work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import newsmodel

from .._errors import ValidationError, unexpected
from .._reading import MAX_DOCUMENT_BYTES, MAX_LINE_BYTES, Oversized
from ._common import UsageError
from ._problems import (
    Problem,
    Unplaced,
    document_too_large,
    errors_of,
    internal,
    line_too_large,
    no_article,
    place_safely,
)

if TYPE_CHECKING:
    from collections.abc import Iterable


class Settings(NamedTuple):
    """What the checks of one run do; sent to every worker process."""

    lenient: bool
    default_tz: str | None
    lint: bool
    strict: bool
    base_url: str | None
    max_line_bytes: int = MAX_LINE_BYTES
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    dayfirst: bool | None = None
    encoding: str | None = None


class Piece(NamedTuple):
    """
    The result of checking a file, or a piece of a JSON Lines file.

    Attributes:
        input: The index of its `Input` in the run's inputs.
        size: The bytes it covers, for the progress bar.
        articles: The articles it holds.
        invalid: The articles among them that are invalid.
        lines: The lines it covers (JSON Lines), to number the next piece's.
        problems: Its problems, lines counted from the piece's first.
        error: Why the input could not be read, if so.
    """

    input: int
    size: int
    articles: int
    invalid: int
    lines: int
    problems: list[Problem]
    error: str | None


_settings = Settings(lenient=False, default_tz=None, lint=False, strict=False, base_url=None)


def use(settings: Settings) -> None:
    """Make *settings* this process's, for the checks that follow."""
    global _settings  # noqa: PLW0603 - one per process, set before any work
    _settings = settings


def current() -> Settings:
    """This process's settings."""
    return _settings


def loads_options(settings: Settings) -> dict[str, Any]:
    """The keywords of ``newsmodel.loads`` for *settings*; dayfirst only when given."""
    options: dict[str, Any] = {"lenient": settings.lenient, "default_tz": settings.default_tz}
    if settings.dayfirst is not None:
        options["dayfirst"] = settings.dayfirst
    return options


def check_json(data: bytes) -> tuple[list[Unplaced], bool]:
    """
    Check one JSON document.

    Returns:
        Its problems, and whether any is an error.
    """
    settings = _settings
    try:
        article = newsmodel.loads(data, **loads_options(settings))
        if not settings.lint:
            return [], False
        return lint(article, "")
    except ValidationError as error:
        return errors_of(error), True
    except Exception as error:  # reported for this input, never a traceback
        return [Unplaced("$", "internal", unexpected(error), "error")], True


def lint(article: Any, prefix: str) -> tuple[list[Unplaced], bool]:
    """Lint *article*; its findings are errors with ``--strict``, else warnings."""
    findings = newsmodel.lint(article)
    severity = "error" if _settings.strict else "warning"
    problems = [Unplaced("$" + prefix + f.path[1:], f.code, f.message, severity) for f in findings]
    return problems, bool(problems) and _settings.strict


def check_document(index: int, kind: str, data: bytes | Oversized, size: int) -> Piece:
    """Check one whole input: a JSON document, or an HTML page when *kind* is ``html``."""
    if isinstance(data, Oversized):
        problem = document_too_large(data, _settings.max_document_bytes)
        return Piece(index, size, 1, 1, 0, [problem], None)
    try:
        if kind == "html":
            articles, invalid, problems = check_page(data)
            return Piece(index, size, articles, invalid, 0, problems, None)
        raw, failed = check_json(data)
        problems = place_safely(data, raw, 0) if raw else []
    except UsageError:
        raise
    except Exception as error:  # reported for this input, never a traceback
        return Piece(index, size, 1, 1, 0, [internal(error)], None)
    return Piece(index, size, 1, int(failed), 0, problems, None)


def check_page(data: bytes) -> tuple[int, int, list[Problem]]:
    """
    Check the articles marked up in an HTML page.

    Returns:
        The articles, the invalid ones among them, and the problems, all at the markup.
    """
    line, column = markup_position(data.decode("utf-8", "replace"))
    findings: list[Any] = []
    try:
        articles = call_extract(data, _settings, findings)
    except ValidationError as error:
        return 1, 1, [problem.at(line, column) for problem in errors_of(error)]
    except UsageError:
        raise
    except Exception as error:  # reported at the markup, never a traceback
        return 1, 1, [internal(error, line, column)]
    # Article nodes extract left out (it returned the others) are errors here.
    from .._extract import unbuilt_errors  # noqa: PLC0415

    unbuilt, errors = unbuilt_errors(findings)
    if not articles and not unbuilt:
        return 0, 1, [no_article(line, column)]
    invalid = unbuilt
    problems = [Problem(line, column, e.path, e.code, e.message, "error") for e in errors]
    if _settings.lint:
        for number, article in enumerate(articles):
            prefix = f"[{number}]" if len(articles) > 1 else ""
            found, failed = lint(article, prefix)
            invalid += failed
            problems += [problem.at(line, column) for problem in found]
    return len(articles) + unbuilt, invalid, problems


def markup_position(text: str) -> tuple[int, int]:
    """Return where a page's article markup starts: its JSON-LD block or first itemscope."""
    from .._positions import line_column  # noqa: PLC0415

    lowered = text.lower()
    found = [
        at for at in (lowered.find("application/ld+json"), lowered.find("itemscope")) if at >= 0
    ]
    if not found:
        return 1, 1
    start = lowered.rfind("<", 0, min(found))
    return line_column(text, max(start, 0))


def check_lines(index: int, lines: Iterable[bytes | Oversized], size: int) -> Piece:
    """Check JSON Lines; line numbers in the problems count from 1 at the first line."""
    articles = invalid = number = 0
    problems: list[Problem] = []
    bound = _settings.max_line_bytes
    for line in lines:
        number += 1
        if isinstance(line, Oversized):
            articles += 1
            invalid += 1
            problems.append(line_too_large(number, line, bound))
            continue
        if line.isspace() or not line:
            continue
        articles += 1
        raw, failed = check_json(line)
        if raw:
            invalid += failed
            problems += place_safely(line, raw, number - 1)
    return Piece(index, size, articles, invalid, number, problems, None)


def call_extract(page: bytes, settings: Settings, findings: list[Any] | None) -> list[Any]:
    """Call ``newsmodel.extract``, passing only the options given."""
    options: dict[str, Any] = {"base_url": settings.base_url}
    given = {
        "default_tz": settings.default_tz,
        "dayfirst": settings.dayfirst,
        "encoding": settings.encoding,
    }
    options.update((key, value) for key, value in given.items() if value is not None)
    if findings is not None:
        options["findings"] = findings
    try:
        return newsmodel.extract(page, **options)
    except ImportError as error:
        msg = f"newsmodel: error: reading HTML needs the html extra (lxml and extruct): {error}"
        raise UsageError(msg) from None
    except ValidationError:
        raise
    except ValueError as error:  # an argument, like --base-url, that cannot be used
        raise UsageError(f"newsmodel: error: {error}") from None
