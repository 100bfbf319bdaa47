"""
What the generated wire loaders call: options, problem reports, per-article caches.

The loaders themselves are generated (`newsmodel._generated`, written by
``scripts/generate.py``); this module holds the hand-written pieces they
share, so that it imports nothing generated.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from . import _values as v
from ._dates import read_lenient_date
from ._errors import ErrorDetail, Path, describe, join_path, key_label
from ._models import INVALID, Organization, Person

__all__ = [
    "TYPE_TAGS",
    "Options",
    "all_text",
    "as_object",
    "authors_seen",
    "dates_seen",
    "dump_blocks",
    "load_blocks",
    "missing",
    "report_unknown",
    "trim",
    "wrong_type",
]

Report = list[ErrorDetail]

#: The ``type`` each class carries on the wire, where it carries one.
TYPE_TAGS: dict[type, str] = {Person: "person", Organization: "organization"}


class Options:
    """How to read dates and texts: strictly (the default) or leniently."""

    __slots__ = ("clean", "dayfirst", "default_tz", "lenient")

    def __init__(
        self,
        *,
        lenient: bool = False,
        default_tz: tzinfo | None = None,
        dayfirst: bool | None = None,
        clean: bool = False,
    ) -> None:
        self.lenient = lenient
        self.default_tz = default_tz
        self.dayfirst = dayfirst
        #: True when the JSON text was scanned and holds no character that
        #: texts forbid (see `newsmodel._canonical.scan_clean`).
        self.clean = clean

    def read_date(
        self, text: str, parent: Path, key: str | int, report: Report, *, date_only_ok: bool
    ) -> Any:
        """
        Parse a datetime text (a date too, with *date_only_ok*), or report why not.

        Strictly: ISO 8601 only. Leniently, what that refuses goes to the
        lenient reader (`newsmodel._dates`), the one home of its rules.

        Returns:
            The date or datetime, or INVALID when a problem was reported.
        """
        seen = dates_seen.get(text)  # the generated loaders look here first too
        if seen is not None and (date_only_ok or seen.__class__ is datetime):
            return seen
        try:
            dates_seen[text] = value = (v.parse_date if date_only_ok else v.parse_datetime)(text)
        except v.DateParseError as strict_problem:
            # The code and message, not the exception: kept past its except
            # block, an exception's traceback would hold this frame, which
            # holds it (a cycle, and the whole payload left for the GC).
            code, message = strict_problem.code, strict_problem.message
            if self.lenient:
                try:
                    value, _ = read_lenient_date(
                        text,
                        default_tz=self.default_tz,
                        dayfirst=self.dayfirst,
                        date_only_ok=date_only_ok,
                    )
                except v.DateParseError as lenient_problem:
                    code, message = lenient_problem.code, lenient_problem.message
                else:
                    return value
            report.append(ErrorDetail(join_path(parent, key), code, message))
            return INVALID
        return value


def trim(value: object, depth: int = 0) -> Any:
    """
    Return *value* with surrounding whitespace trimmed from every string.

    Lenient loading does this. Anything deeper than an article can be is left
    alone, for the loader to reject. In the article's body only plain
    paragraphs are trimmed: a block is kept as written, because the spaces
    between its inline texts (``"What "`` before an emphasis) and at the
    start of a preformatted line are its content.
    """
    if isinstance(value, str):
        return value.strip()
    if depth > 16:
        return value
    if isinstance(value, list):
        return [trim(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {
            key: _trim_body(item) if key == "body" and depth == 0 else trim(item, depth + 1)
            for key, item in value.items()
        }
    return value


def _trim_body(body: object) -> object:
    if isinstance(body, list):
        return [item.strip() if isinstance(item, str) else item for item in body]
    return body


def as_object(
    data: object, parent: Path, key: str | int, report: Report, what: str
) -> dict[str, Any] | None:
    """Return *data* as a dict if it is a mapping; else report that it is not *what*."""
    if isinstance(data, Mapping):
        return dict(data)
    report.append(
        ErrorDetail(
            join_path(parent, key), "type", f"expected {what}, found {describe(data)}", data
        )
    )
    return None


@functools.lru_cache(maxsize=256)
def _close_matches(name: str, keys: frozenset[str]) -> list[str]:
    import difflib  # noqa: PLC0415 - only a misspelt key pays for it

    return difflib.get_close_matches(name, sorted(keys), n=1)


def report_unknown(data: dict[Any, Any], path: Path, keys: frozenset[str], report: Report) -> None:
    """Report every key of *data* not in *keys*, with the known key it is closest to."""
    for name, value in data.items():
        if name in keys:
            continue
        if not isinstance(name, str):
            report.append(
                ErrorDetail(
                    join_path(path, key_label(name)),
                    "type",
                    f"expected text keys, found the key {describe(name)}",
                    name,
                )
            )
            continue
        close = _close_matches(name, keys)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        report.append(
            ErrorDetail(
                join_path(path, name),
                "unknown_field",
                f"expected one of the known fields, found unknown field {name!r}{hint}",
                value,
            )
        )


def missing(data: dict[str, Any], path: Path, name: str, report: Report) -> type[INVALID]:
    """Report that the required field *name* is missing (or null) and return INVALID."""
    # The input of a missing field is the object that lacks it (pydantic's way).
    found = "null" if name in data else "nothing"
    report.append(
        ErrorDetail(
            join_path(path, name),
            "missing",
            f"expected required field {name!r}, found {found}",
            data,
        )
    )
    return INVALID


def wrong_type(data: dict[str, Any], path: Path, allowed: tuple[str, ...], report: Report) -> None:
    """Report that the ``type`` of *data* is missing or not one of *allowed*."""
    if data.get("type") is None:
        missing(data, path, "type", report)
        return
    expected = " or ".join(repr(name) for name in allowed)
    report.append(
        ErrorDetail(
            join_path(path, "type"),
            "invalid" if isinstance(data["type"], str) else "type",
            f"expected type {expected}, found {describe(data['type'])}",
            data["type"],
        )
    )


# Within one article, an author who appears again and again (the speaker of
# every quote, the byline of related stories) is made once and shared, and a
# date text repeated (the day of every quote) is parsed once: the values are
# immutable, so sharing is safe and saves time and memory. Only authors whose
# payload is all text are remembered, because only for text does equality of
# JSON values mean equality of payloads (1 == 1.0 == True, for instance), and
# only authors that loaded without a problem. Both are emptied before each
# article; at worst, threads loading at once share equal immutable values.
authors_seen: dict[str, tuple[dict[Any, Any], Any]] = {}
dates_seen: dict[str, Any] = {}

_STR_ONLY = frozenset([str])


def all_text(data: dict[Any, Any]) -> bool:
    """Whether every value of *data* is a str."""
    return _STR_ONLY.issuperset(map(type, data.values()))


def load_blocks(value: list[Any], path: Path, key: str, report: Report, *, clean: bool) -> Any:
    """
    Load an article's body: plain paragraphs inline, any other block by `newsmodel._body`.

    A body of plain paragraphs (the common case) is checked here as the text
    rule's fast test checks a text, and never imports the block classes.
    """
    for item in value:
        if not (
            item.__class__ is str
            and ((clean and item.isascii()) or item.isprintable() or _text_bad(item) is None)
            and item != ""
            and not item.isspace()
        ):
            break
    else:
        return tuple(value)
    from ._body import load_body  # noqa: PLC0415 - only for a structured body

    body = load_body(value, path, key, report)
    return tuple(value) if body is INVALID else body


def dump_blocks(body: tuple[Any, ...]) -> Any:
    """Return an article's body as wire values: plain paragraphs as they are."""
    for block in body:
        if block.__class__ is not str:
            from ._body import dump_body  # noqa: PLC0415 - only for a structured body

            return dump_body(body)
    return body


_text_bad = v.TEXT_BAD.search
