"""Public functions for the canonical JSON wire format: loads, dumps, from_dict, to_dict."""

from __future__ import annotations

import contextlib
import json
import re
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

import orjson

from . import _wire
from ._errors import ErrorDetail, ValidationError, describe

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._models import Article

__all__ = ["dumps", "from_dict", "loads", "to_dict"]


def _resolve_zone(default_tz: str | tzinfo | None) -> tzinfo | None:
    if default_tz is None or isinstance(default_tz, tzinfo):
        return default_tz
    if not isinstance(default_tz, str):
        msg = f"default_tz must be a zone name or a tzinfo, not {type(default_tz).__name__}"
        raise TypeError(msg)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415

    try:
        return ZoneInfo(default_tz)
    except (ZoneInfoNotFoundError, ValueError):
        from dateutil import tz  # noqa: PLC0415

        zone = tz.gettz(default_tz)
        if zone is None:
            msg = (
                f"default_tz: expected an IANA time zone name like 'Europe/Kyiv', "
                f"found {default_tz!r}"
            )
            raise ValueError(msg) from None
        return zone


_STRICT = _wire.Options()
_STRICT_CLEAN = _wire.Options(clean=True)


def _options(
    *, lenient: bool, default_tz: str | tzinfo | None, clean: bool = False
) -> _wire.Options:
    if not lenient and default_tz is None:
        return _STRICT_CLEAN if clean else _STRICT
    return _wire.Options(lenient=lenient, default_tz=_resolve_zone(default_tz), clean=clean)


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
) -> Article:
    """
    Make an `Article` from wire-format JSON values (a parsed payload).

    Args:
        data: The payload, as `json.loads` would return it.
        lenient: Read human dates ("October 13, 2024 9:04 PM") with
            python-dateutil and trim surrounding whitespace from texts.
        default_tz: With *lenient*, a zone name (``"Europe/Kyiv"``) or
            `tzinfo` for datetimes that carry no offset; without it such
            datetimes are errors. A strict load reads only datetimes with an
            offset, whatever *default_tz* says.

    Raises:
        ValidationError: Listing every problem, each at its JSONPath.
    """
    return _load(data, _options(lenient=lenient, default_tz=default_tz))


def _load(data: object, options: _wire.Options) -> Article:
    report: list[ErrorDetail] = []
    article = _wire.load_article(data, report, options)
    if report:
        raise ValidationError(report)
    return article  # type: ignore[no-any-return]


def loads(
    payload: str | bytes | bytearray | memoryview,
    *,
    lenient: bool = False,
    default_tz: str | tzinfo | None = None,
) -> Article:
    """
    Parse a wire-format JSON text into an `Article`.

    Args:
        payload: The JSON text, as `str` or UTF-8 bytes.
        lenient: As for `from_dict`.
        default_tz: As for `from_dict`.

    Raises:
        ValidationError: For text that is not JSON (code ``json``) and for
            every problem of the article in it.
    """
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
                    "$", "type", f"expected JSON text (str or bytes), found {describe(payload)}"
                )
            ]
        )
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        reason = str(error)
        if "depth" in reason or "recursion" in reason:
            reason = f"nested too deeply to be an article ({reason})"
        raise ValidationError(
            [
                ErrorDetail(
                    "$",
                    "json",
                    f"expected a JSON document, found invalid JSON: {reason}",
                )
            ]
        ) from None
    return _load(data, _options(lenient=lenient, default_tz=default_tz, clean=clean))


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
