"""Public functions for the canonical JSON wire format: loads, dumps, from_dict, to_dict."""

from __future__ import annotations

import contextlib
import json
import re
from typing import TYPE_CHECKING, Any

import orjson

from . import _models as m
from . import _wire
from ._dates import resolve_dayfirst, resolve_zone
from ._errors import ErrorDetail, ValidationError, describe
from ._lazy import LazyPattern

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import tzinfo

    from ._models import Article

__all__ = [
    "dumps",
    "from_dict",
    "load_object",
    "loads",
    "to_dict",
    "to_json_values",
    "values_clean",
]


_STRICT = _wire.Options()
_STRICT_CLEAN = _wire.Options(clean=True)


def _options(
    *,
    lenient: bool,
    default_tz: object,
    dayfirst: object,
) -> _wire.Options:
    if not lenient:
        if default_tz is not None:
            msg = (
                "default_tz applies only with lenient=True: a strict load reads only "
                "ISO 8601 datetimes with a UTC offset, so a zone would be a guess"
            )
            raise ValueError(msg)
        if dayfirst is not None:
            msg = (
                "dayfirst applies only with lenient=True: a strict load reads only "
                "ISO 8601 dates, whose year, month and day come in that order"
            )
            raise ValueError(msg)
        return _STRICT
    return _wire.Options(
        lenient=True,
        default_tz=resolve_zone(default_tz),
        dayfirst=resolve_dayfirst(dayfirst),
    )


# In JSON text a string's characters come from raw UTF-8 or from escapes, and
# raw C0 controls are not valid JSON (orjson refuses them). So if the text has
# no escape of a control, separator or surrogate and no raw DEL, every ASCII
# string in it is free of the characters texts forbid, and the loader can skip
# the per-character scan for those (`str.isascii` is a flag, not a scan).
# Non-ASCII strings are still scanned. A false alarm only costs the scan.
_FORBIDDEN_ESCAPE = re.compile(rb"\\(?:[bfrt]|u(?:00[01]|007[fF]|00[89]|202[89]|[dD][89a-fA-F]))")


def scan_clean(data: bytes | bytearray) -> bool:
    """Return True if no ASCII string in the JSON text *data* can hold a forbidden character."""
    if b"\x7f" in data:
        return False
    first = data.find(b"\\")
    # An escape is at most 6 bytes long (\u2028), starting at a backslash.
    return first < 0 or _FORBIDDEN_ESCAPE.search(data, first, data.rfind(b"\\") + 6) is None


def from_dict(
    data: Mapping[str, Any],
    *,
    lenient: bool = False,
    default_tz: str | tzinfo | None = None,
    dayfirst: bool | None = None,
) -> Article:
    """
    Make an `Article` from wire-format JSON values (a parsed payload).

    Args:
        data: The payload, as `json.loads` would return it.
        lenient: Read human dates ("October 13, 2024 9:04 PM") with
            python-dateutil and trim surrounding whitespace from texts.
        default_tz: With *lenient*, an IANA zone name (``"Europe/Kyiv"``)
            or a `tzinfo` for datetimes that carry no offset; without it such
            datetimes are errors.
        dayfirst: With *lenient*, the order of day and month in all-numeric
            dates: True for ``02.01.2024`` as 2 January, False for 1
            February. Without it a date that could be read either way is an
            error; one that reads one way only (``25.04.2025``) needs none.

    Raises:
        ValidationError: Listing every problem, each at its JSONPath.
        ValueError: For *default_tz* or *dayfirst* without *lenient* (a
            strict load reads only ISO 8601 datetimes with an offset), and
            for a *default_tz* that is neither a zone name the time zone
            database holds nor a `tzinfo`.
        TypeError: For a *dayfirst* that is not True, False or None.
    """
    return _load(data, _options(lenient=lenient, default_tz=default_tz, dayfirst=dayfirst))


def _load(data: object, options: _wire.Options) -> Article:
    return _load_object(m.Article, data, options)  # type: ignore[no-any-return]


def _load_object(cls: Any, data: object, options: _wire.Options) -> Any:
    report: list[ErrorDetail] = []
    obj = _wire.load_object(cls, data, report, options)
    if report:
        raise ValidationError(report)
    return obj


def load_object(cls: Any, data: object, *, lenient: bool = False) -> Any:
    """
    Make an object of any model class from wire-format JSON values, as `from_dict` does.

    *cls* is a model class, or `Author` for a person or an organization, as
    the payload's ``type`` says.

    Raises:
        ValidationError: Listing every problem, each at its JSONPath from ``$``.
    """
    options = _options(lenient=lenient, default_tz=None, dayfirst=None)
    return _load_object(cls, data, _marked_clean(options, clean=values_clean(data)))


def _marked_clean(options: _wire.Options, *, clean: bool) -> _wire.Options:
    """*options*, marked clean when the payload's ASCII strings are known to be (`scan_clean`)."""
    if not clean:
        return options
    if options is _STRICT:
        return _STRICT_CLEAN
    options.clean = True  # a lenient load's own options
    return options


def values_clean(data: object) -> bool:
    """
    Return True if no ASCII string in the JSON values *data* can hold a forbidden character.

    The values are written as JSON text (a few µs for an article) and the text
    scanned as `loads` scans its input; a value orjson cannot write (a lone
    surrogate, a huge integer, a foreign object) only costs the fast path.
    """
    try:
        return scan_clean(orjson.dumps(data))
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return False


def to_json_values(obj: object) -> dict[str, Any]:
    """Return any model object in the wire format as plain JSON values, as `to_dict` does."""
    return orjson.loads(orjson.dumps(_wire.dump_object(obj)))  # type: ignore[no-any-return]


def loads(
    payload: str | bytes | bytearray | memoryview,
    *,
    lenient: bool = False,
    default_tz: str | tzinfo | None = None,
    dayfirst: bool | None = None,
) -> Article:
    """
    Parse a wire-format JSON text into an `Article`.

    Args:
        payload: The JSON text, as `str` or UTF-8 bytes.
        lenient: As for `from_dict`.
        default_tz: As for `from_dict`.
        dayfirst: As for `from_dict`.

    Raises:
        ValidationError: For text that is not JSON (code ``json``) and for
            every problem of the article in it.
        ValueError: As for `from_dict`, before the text is read.
        TypeError: As for `from_dict`.
    """
    options = _options(lenient=lenient, default_tz=default_tz, dayfirst=dayfirst)
    clean = False
    if isinstance(payload, str):
        with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate: orjson words it
            payload = payload.encode()
    elif isinstance(payload, memoryview):
        payload = payload.tobytes()
    if isinstance(payload, (bytes, bytearray)):
        clean = scan_clean(payload)
    elif not isinstance(payload, str):
        raise ValidationError(
            [
                ErrorDetail(
                    "$",
                    "type",
                    f"expected JSON text (str or bytes), found {describe(payload)}",
                    payload,
                )
            ]
        )
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        raise ValidationError(
            [ErrorDetail("$", "json", _not_json(payload, str(error)), payload)]
        ) from None
    return _load(data, _marked_clean(options, clean=clean))


def _not_json(payload: str | bytes | bytearray, reason: str) -> str:
    """The message for a JSON text orjson refused, with the place of a bad character."""
    bad = unicode_problem(payload)
    if bad is not None:
        return f"expected a JSON document in UTF-8, found {bad}"
    if "depth" in reason or "recursion" in reason:
        reason = f"nested too deeply to be an article ({reason})"
    return f"expected a JSON document, found invalid JSON: {reason}"


def unicode_problem(payload: str | bytes | bytearray) -> str | None:
    """
    Say where *payload* is not Unicode text, or return None if it is.

    Bytes that are not UTF-8 give the first bad byte
    (``byte 0xD6 that is not UTF-8 at line 3, column 14``), a text with a
    lone surrogate gives that character; lines and columns count from 1, and
    a column counts characters (as editors do), not bytes.
    """
    if isinstance(payload, str):
        found = _SURROGATE.search(payload)
        if found is None:
            return None
        line, column = _line_column(payload, found.start())
        return f"the lone surrogate U+{ord(found.group()):04X} at line {line}, column {column}"
    try:
        payload.decode()
    except UnicodeDecodeError as error:
        before = payload[: error.start].decode()  # valid: it ends before the bad byte
        line, column = _line_column(before, len(before))
        byte = payload[error.start]
        return f"byte 0x{byte:02X} that is not UTF-8 at line {line}, column {column}"
    return None


def _line_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


_SURROGATE = LazyPattern("[\ud800-\udfff]")  # error messages only


def to_dict(article: Article) -> dict[str, Any]:
    """
    Return *article* in the wire format, as plain JSON values.

    Keys come in a stable order, absent values and defaults are left out,
    and datetimes are ISO 8601 texts with their UTC offset.
    """
    return orjson.loads(orjson.dumps(_wire.dump_article(article)))  # type: ignore[no-any-return]


def dumps(article: Article, *, indent: int | None = None) -> str:
    """
    Return *article* as a wire-format JSON text.

    Args:
        article: The article.
        indent: None for the compact form, or the number of spaces to indent
            nested values by.
    """
    data = _wire.dump_article(article)
    if indent is None:
        return orjson.dumps(data).decode()
    if indent == 2:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    return json.dumps(orjson.loads(orjson.dumps(data)), indent=indent, ensure_ascii=False)
