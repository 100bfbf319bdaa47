"""
Repairs for values as real publishers write them in their markup.

Each function takes one value from a page's JSON-LD or microdata and returns
what the model can hold, reporting every change it made as a `Finding` with
the value's path, so an import can say exactly what it repaired and what it
dropped. Nothing is invented: a value that cannot be read is dropped (and
reported), never guessed.
"""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from . import _values as v
from ._dates import AmbiguousDateError, read_lenient_date
from ._errors import Finding, Path, describe, join_path
from ._schemaorg import KEYWORD_SEPARATORS

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from datetime import date, datetime, tzinfo

__all__ = [
    "clean_text",
    "parse_boolean",
    "parse_pixels",
    "parse_wild_datetime",
    "parsed_text",
    "remove_forbidden",
    "report_removed",
    "split_keywords",
]

Findings = list[Finding]

_SPACES = re.compile(r"\s+")


_PARSED_TEXT: ContextVar[bool] = ContextVar("newsmodel_parsed_text", default=False)


@contextmanager
def parsed_text(*, parsed: bool = True) -> Iterator[None]:
    """
    Within it, with *parsed*, every text is what an HTML parser has read.

    (A page's microdata, as extruct gives it.) `clean_text` then decodes no
    character reference again: ``&amp;`` in such a text is what the page shows.
    """
    token = _PARSED_TEXT.set(parsed)
    try:
        yield
    finally:
        _PARSED_TEXT.reset(token)


def clean_text(
    value: object,
    path: Path,
    findings: Findings,
    *,
    one_line: bool = True,
    references: bool = True,
    layout: bool = True,
) -> str | None:
    """
    Return *value* as text the model accepts, or None (reported) if it has none.

    HTML character references are decoded (``&amp;`` → ``&``) unless
    *references* is False or within `parsed_text` (for text a parser has
    already decoded), runs of whitespace collapse to one space (a one-line
    text) or keep their line breaks (a text), control characters go, and surrounding whitespace is
    trimmed. A list takes its first text, as microdata repeats a property;
    an item of it that is not text is reported. With *layout* False, a
    change of whitespace only (and a text left blank) is not reported: the
    caller is cutting a text into parts.
    """
    where = _render(path)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if not isinstance(item, str):
                _drop(findings, join_path(where, index), item, "expected text")
        texts = [item for item in value if isinstance(item, str) and item.strip()]
        if not texts:
            if layout:
                _drop(findings, where, value, "expected text")
            return None
        if len(set(texts)) > 1:
            findings.append(
                Finding(where, "repaired", f"took the first of {len(texts)} different texts")
            )
        value = texts[0]
    if not isinstance(value, str):
        _drop(findings, where, value, "expected text")
        return None
    text = value
    if references and "&" in text and not _PARSED_TEXT.get():
        decoded = html.unescape(text)
        if decoded != text:
            findings.append(Finding(where, "repaired", "decoded HTML character references"))
            text = decoded
    if one_line:
        spaced = _SPACES.sub(" ", text).strip()
    else:
        lines = text.replace("\r\n", "\n").split("\n")
        spaced = "\n".join(_SPACES.sub(" ", line).strip() for line in lines).strip()
    cleaned = v.TEXT_BAD.sub("", spaced)
    if not cleaned:
        if layout:
            _drop(findings, where, value, "expected non-blank text")
        return None
    if spaced != text and layout:
        findings.append(Finding(where, "repaired", "normalized whitespace"))
    report_removed(where, v.TEXT_BAD.findall(spaced), findings)
    return cleaned


def remove_forbidden(value: str, path: Path, findings: Findings, *, keep: str = "") -> str:
    """
    Return *value* without the characters no text may hold (reported).

    Those of *keep* stay (HTML reads tab and carriage return as whitespace).
    """
    removed = [char for char in v.TEXT_BAD.findall(value) if char not in keep]
    if removed:
        report_removed(_render(path), removed, findings)
        return v.TEXT_BAD.sub(lambda found: found.group() if found.group() in keep else "", value)
    return value


def report_removed(where: str, characters: Sequence[str], findings: Findings) -> None:
    """Report *characters* (none: nothing) removed from a text because no text may hold them."""
    if not characters:
        return
    count = len(characters)
    names = ", ".join(f"U+{ord(char):04X}" for char in sorted(set(characters)))
    findings.append(
        Finding(
            where,
            "repaired",
            f"removed {count} character{'s' if count != 1 else ''} no text may hold ({names}: "
            "control characters, U+2028, U+2029, lone surrogates)",
        )
    )


def _render(path: Path) -> str:
    if isinstance(path, tuple):
        return join_path(*path)
    return path


def _drop(findings: Findings, where: str, value: object, why: str) -> None:
    findings.append(Finding(where, "dropped", f"{why}, found {describe(value)}; left it out"))


_PIXELS = re.compile(r"\s*(\d{1,16})\s*(?:px)?\s*")


def parse_pixels(
    value: object, path: Path, findings: Findings, *, attribute: bool = False
) -> int | None:
    """
    Read a size in pixels: a positive integer, or text such as ``"640"`` or ``"640px"``.

    Text is a repair (reported), but with *attribute* (the value of an XML or
    HTML attribute, which is always text) plain digits are the number as
    written. Anything else is dropped (reported); None and ``""`` are absent.
    """
    where = _render(path)
    if isinstance(value, dict):
        value = value.get("value")  # a QuantitativeValue
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int) and 1 <= value <= v.MAX_INT:
        return value
    elif isinstance(value, float) and value.is_integer() and 1 <= value <= v.MAX_INT:
        return int(value)
    elif isinstance(value, str):
        match = _PIXELS.fullmatch(value)
        if match and 1 <= int(match.group(1)) <= v.MAX_INT:
            # (an attribute's size is ASCII digits: others are a repair)
            if not (attribute and match.group(1) == value and value.isascii()):
                findings.append(
                    Finding(where, "repaired", f"read {describe(value)} as a number of pixels")
                )
            return int(match.group(1))
    findings.append(
        Finding(
            where, "dropped", f"expected a size in pixels, found {describe(value)}; left it out"
        )
    )
    return None


_TRUE = {"true", "yes", "1", "http://schema.org/true", "https://schema.org/true"}
_FALSE = {"false", "no", "0", "http://schema.org/false", "https://schema.org/false"}


def parse_boolean(value: object, path: Path, findings: Findings) -> bool | None:
    """Read a schema.org Boolean given as a JSON boolean, "True"/"False" or a schema.org URL."""
    where = _render(path)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if value is True or value is False:
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE or word in _FALSE:
            findings.append(Finding(where, "repaired", f"read the text {value!r} as a boolean"))
            return word in _TRUE
    _drop(findings, where, value, "expected a boolean")
    return None


def split_keywords(value: object, path: Path, findings: Findings) -> list[str]:
    """Read keywords given as a list of texts or as one comma-separated text."""
    where = _render(path)
    items: list[object]
    if isinstance(value, str):
        separator = next((mark for mark in KEYWORD_SEPARATORS if mark in value), None)
        items = [part.strip() for part in value.split(separator)] if separator else [value]
        if separator:
            findings.append(
                Finding(where, "repaired", f"split {len(items)} keywords at {separator!r}")
            )
    elif isinstance(value, list):
        items = value
    else:
        _drop(findings, where, value, "expected keywords as text or a list of texts")
        return []
    keywords: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        text = clean_text(item, (path, index) if isinstance(value, list) else path, findings)
        if text is None:
            continue
        if text.casefold() in seen:
            findings.append(Finding(where, "dropped", f"left out the repeated keyword {text!r}"))
            continue
        seen.add(text.casefold())
        keywords.append(text)
    return keywords


# -------------------------------------------------------------------- dates


def parse_wild_datetime(
    value: object,
    path: Path,
    findings: Findings,
    default_tz: tzinfo | None,
    *,
    dayfirst: bool | None = None,
    required: bool = True,
) -> datetime | v.DateParseError | None:
    """
    Read a publication date as publishers write it.

    Args:
        value: The value from the markup.
        path: Where it stands.
        findings: The list to report repairs and drops into.
        default_tz: The zone for a date that names none, or None.
        dayfirst: The order of an all-numeric date's day and month
            (``02.01.2024``), when the caller knows it; see `read_human_date`.
        required: False for a date the article can do without: one whose
            day and month could be swapped is then dropped (reported), not
            returned as a problem.

    Returns:
        An aware datetime; None when the value is not a date (reported as a
        drop); or the problem for the caller to raise: a date with no zone
        when *default_tz* is None (guessing a zone would be inventing the
        instant), or a required date whose reading would be a guess.
    """
    where = _render(path)
    if isinstance(value, list):
        texts = [item for item in value if isinstance(item, str) and item.strip()]
        if not texts:
            _drop(findings, where, value, "expected a date")
            return None
        if len(set(texts)) > 1:
            findings.append(
                Finding(where, "repaired", f"took the first of {len(texts)} different dates")
            )
        value = texts[0]
    if not isinstance(value, str) or not value.strip():
        _drop(findings, where, value, "expected a date")
        return None
    text = html.unescape(value).strip()
    try:
        parsed: datetime | date = v.parse_datetime(text)
    except v.DateParseError:
        pass
    else:
        return parsed  # type: ignore[return-value]
    try:
        found, defaulted = read_lenient_date(text, default_tz=default_tz, dayfirst=dayfirst)
    except AmbiguousDateError as problem:
        if required:
            return problem
        findings.append(Finding(where, "dropped", f"{problem.message}; left it out"))
        return None
    except v.DateParseError as problem:
        if problem.code == "timezone":
            return problem
        findings.append(Finding(where, "dropped", f"{problem.message}; left it out"))
        return None
    if defaulted:
        findings.append(
            Finding(where, "repaired", "gave the date without a zone the caller's default zone")
        )
    findings.append(Finding(where, "repaired", f"read the date {value!r} as ISO 8601"))
    return found  # type: ignore[return-value]
