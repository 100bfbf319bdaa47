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
import warnings
from datetime import date, datetime, timedelta, timezone, tzinfo

from . import _values as v
from ._errors import ErrorDetail, Finding, Path, describe, join_path

__all__ = [
    "clean_text",
    "parse_boolean",
    "parse_wild_datetime",
    "read_human_date",
    "read_lenient_date",
    "split_keywords",
]

Findings = list[Finding]

_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^<>]*>")


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
    *references* is False (for text a parser has already decoded), runs of
    whitespace collapse to one space (a one-line text) or keep their line
    breaks (a text), control characters go, and surrounding whitespace is
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
    if references and "&" in text:
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
    if cleaned != spaced:
        removed = len(spaced) - len(cleaned)
        findings.append(
            Finding(
                where,
                "repaired",
                f"removed {removed} character{'s' if removed != 1 else ''} no text may hold "
                "(control characters, U+2028, U+2029, lone surrogates)",
            )
        )
    return cleaned


def _render(path: Path) -> str:
    if isinstance(path, tuple):
        return join_path(*path)
    return path


def _drop(findings: Findings, where: str, value: object, why: str) -> None:
    findings.append(Finding(where, "dropped", f"{why}, found {describe(value)}; left it out"))


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


#: The characters one keywords text is split at (the first of them it holds).
KEYWORD_SEPARATORS = (",", ";")


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

# Zone abbreviations that name one offset only. Ambiguous ones (IST is India,
# Israel or Ireland; CST China or Central) are left out on purpose: a date
# that names one of those is refused rather than read in a guessed zone.
_ZONES: dict[str, int] = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60,
    "CET": 60, "CEST": 120, "MET": 60, "MEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
    "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "ACST": 570, "AWST": 480,
    "NZST": 720, "NZDT": 780,
}  # fmt: skip
_TZINFOS = {name: timezone(timedelta(minutes=minutes)) for name, minutes in _ZONES.items()}
_OFFSET_THEN_NAME = re.compile(r"([+-]\d{2}:?\d{2}|Z)\s*[A-Za-z]{2,5}$")
_ZONE_NAME = re.compile(r"(?<![A-Za-z])([A-Z]{2,5})(?![A-Za-z])")
_SHORT_OFFSET = re.compile(r"([+-])(\d{2})(\d{2})$")
_ONE_DIGIT_OFFSET = re.compile(r"([+-])(\d)[.:](\d{2})$")  # "+5.30" for +05:30

#: The longest date text the lenient readers parse: a date with a weekday, a
#: time, an offset and a zone name fits many times over. A longer text is
#: refused unread: python-dateutil's time grows with the text (1 MB: seconds).
MAX_DATE_LENGTH = 100

# A year written first (ISO 8601's order, "2024-01-02" or "20240102") is
# always followed by the month: dateutil's dayfirst would read it year-day-month.
_YEAR_FIRST = re.compile(r"(?<!\d)\d{4}(?:([-/. ])\d{1,2}\1\d{1,2}|\d{4})(?!\d)")
# Numbers that are not part of a time of day ("9:04"): two different ones
# from 1 to 12 could be a day and a month that dateutil reads either way.
_NUMBER = re.compile(r"(?<![\d:])\d{1,2}(?![\d:])")
# An all-numeric date with a two-digit year ("02.01.24"): its century, and
# which number is the year, would be guesses.
_TWO_DIGIT_YEAR = re.compile(r"(?<![\d.:/-])\d{1,2}([./-])\d{1,2}\1\d{2}(?![\d.:/-])")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


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


def read_lenient_date(
    text: str,
    *,
    default_tz: tzinfo | None,
    dayfirst: bool | None,
    date_only_ok: bool = False,
) -> tuple[date | datetime, bool]:
    """
    Read a date as lenient loading and importing do: the one home of their rules.

    The text is read by `read_human_date`; a datetime that names no zone
    takes *default_tz* (`apply_default_zone`).

    Returns:
        The value (a datetime with a fixed UTC offset, or, when
        *date_only_ok* and the text gives no time or zone, a calendar date)
        and whether the default zone was applied.

    Raises:
        newsmodel._values.DateParseError: With code ``invalid`` for a text
            that is not a date (an `AmbiguousDateError` for one whose day and
            month could be swapped, read without *dayfirst*), or the value
            rules' code for a date they refuse (``timezone``: no zone and no
            *default_tz*, or an offset ISO 8601 cannot write).
    """
    parsed, has_time = read_human_date(text, dayfirst=dayfirst)
    offset = parsed.utcoffset()
    if offset is not None:
        return _checked(parsed.replace(tzinfo=timezone(offset)), text), False
    if date_only_ok and not has_time:
        return parsed.date(), False
    return apply_default_zone(parsed, text, default_tz), True


def apply_default_zone(local: datetime, text: str, default_tz: tzinfo | None) -> datetime:
    """
    Give the naive datetime *local*, read from *text*, the caller's zone.

    Returns:
        The datetime with the fixed UTC offset the zone's rules give it then.

    Raises:
        newsmodel._values.DateParseError: With code ``timezone`` when there
            is no zone (a zone would be a guess), or the zone gives an offset
            that ISO 8601 cannot write (seconds, as in old local mean times).
    """
    if default_tz is None:
        raise v.DateParseError(
            "timezone",
            f"expected a datetime with a UTC offset, found {describe(text)} "
            "with none (pass default_tz to apply a zone)",
        )
    try:
        offset = local.replace(tzinfo=default_tz).utcoffset()
    except Exception as error:  # a caller's tzinfo runs its own code
        raise v.DateParseError(
            "timezone",
            f"expected the zone {default_tz!r} to give {local} a UTC offset, "
            f"found that it fails: {error}",
        ) from None
    if offset is None:
        raise v.DateParseError(
            "timezone",
            f"expected the zone {default_tz!r} to give {local} a UTC offset, found none",
        )
    return _checked(local.replace(tzinfo=timezone(offset)), text)


def _checked(value: datetime, text: str) -> datetime:
    # The value rules of a datetime field (whole-minute offset, years 1 to
    # 9999 UTC) live in _values.check_datetime: read dates meet them too.
    report: list[ErrorDetail] = []
    v.check_datetime(value, "", "$", report)
    if report:
        raise v.DateParseError(report[0].code, f"{report[0].message} (read from {describe(text)})")
    return value


def read_human_date(text: str, *, dayfirst: bool | None = None) -> tuple[datetime, bool]:
    """
    Read a date as people and publishers write it, with python-dateutil.

    An all-numeric date whose day and month could be swapped (``02.01.2024``:
    2 January or 1 February) is read in the order *dayfirst* gives (True:
    day first; False: month first), and refused without it; one that reads
    only one way (``25.04.2025``, ``01.01.2024``) needs no hint, and a year
    written first (``2024-01-02``) is always followed by the month.

    Returns:
        The datetime (aware when the text gives an offset or a zone named in
        a way only one offset fits, naive otherwise) and whether the text
        gave a time of day (else the time is midnight).

    Raises:
        newsmodel._values.DateParseError: For a text longer than
            `MAX_DATE_LENGTH`, one that is not a date, lacks a year, month or
            day (never completed from today's date), has a two-digit year
            or names a zone it would take a guess to read (code
            ``invalid``), or gives an offset of a day or more (``timezone``);
            an `AmbiguousDateError` (``invalid``) for a day and month that
            could be swapped.
    """
    if len(text) > MAX_DATE_LENGTH:
        raise v.DateParseError(
            "invalid",
            f"expected a date of at most {MAX_DATE_LENGTH} characters, "
            f"found a text of {len(text)} characters",
        )
    original = text
    text = _OFFSET_THEN_NAME.sub(r"\1", text)  # "+02:00CET": the offset says it all
    text = _SHORT_OFFSET.sub(r"\1\2:\3", text)
    text = _ONE_DIGIT_OFFSET.sub(r"\g<1>0\2:\3", text)
    text = text.replace(" | ", " ")
    for word in _ZONE_NAME.findall(text):
        if word not in _ZONES and word not in _MONTHS_AND_DAYS:
            raise v.DateParseError(
                "invalid",
                f"expected a zone that names one UTC offset (like +05:30, UTC or EDT), "
                f"found {word!r} in {describe(original)}",
            )
    if _TWO_DIGIT_YEAR.search(text):
        raise v.DateParseError(
            "invalid",
            f"expected a four-digit year, found {describe(original)}: "
            "the century of a two-digit year would be a guess",
        )
    if _YEAR_FIRST.search(text):
        orders: tuple[bool, ...] = (False,)
    elif dayfirst is not None:
        orders = (dayfirst,)
    elif _may_swap(text):
        orders = (True, False)  # both readings, to see if they differ
    else:
        orders = (False,)
    readings = {order: _dateutil_parse(text, _EARLY, dayfirst=order) for order in orders}
    read = {order: value for order, value in readings.items() if value is not None}
    if len(set(read.values())) > 1:
        raise AmbiguousDateError(
            "invalid",
            f"expected a date whose day and month cannot be swapped, found "
            f"{describe(original)}, which could be {_spelled(read[True])} or "
            f"{_spelled(read[False])}: pass dayfirst=True or dayfirst=False",
        )
    if not read:
        raise _not_a_date(original)
    dayfirst, early = next(iter(read.items()))
    late = _dateutil_parse(text, _LATE, dayfirst=dayfirst)
    if late is None:
        raise _not_a_date(original)
    if early.date() != late.date():
        raise v.DateParseError(
            "invalid",
            f"expected a date with a year, a month and a day, found {describe(original)}",
        )
    # Unparsed minutes and seconds come from the defaults too: the hour decides.
    has_time = early.hour == late.hour
    return (
        early if has_time else early.replace(hour=0, minute=0, second=0, microsecond=0)
    ), has_time


# Two defaults that differ in every part: what the text leaves out shows.
_EARLY = datetime(2000, 1, 1)
_LATE = datetime(2001, 2, 2, 1, 1)


class AmbiguousDateError(v.DateParseError):
    """A date whose day and month could be swapped, read without a *dayfirst*."""


def _not_a_date(text: str) -> v.DateParseError:
    return v.DateParseError(
        "invalid",
        "expected a date and time (ISO 8601, or a form like "
        f"'October 13, 2024 9:04 PM'), found {describe(text)}",
    )


def _dateutil_parse(text: str, default: datetime, *, dayfirst: bool) -> datetime | None:
    # dateutil's reading, or None for a text it cannot read. It raises more
    # than ParserError: ValueError, OverflowError and decimal.InvalidOperation
    # (an ArithmeticError) for odd numbers, TypeError for odd tokens.
    from dateutil import parser  # noqa: PLC0415 - only imports and lenient loads pay

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = parser.parse(text, default=default, tzinfos=_TZINFOS, dayfirst=dayfirst)
    except (ValueError, ArithmeticError, TypeError):
        return None
    try:
        value.utcoffset()
    except ValueError:  # dateutil makes offsets of a day or more, datetime refuses them
        raise v.DateParseError(
            "timezone",
            f"expected a UTC offset between -23:59 and +23:59, found {describe(text)}",
        ) from None
    return value


def _may_swap(text: str) -> bool:
    # Only then is the second reading needed.
    return len({number for number in map(int, _NUMBER.findall(text)) if 0 < number <= 12}) > 1


def _spelled(value: datetime) -> str:
    return f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year}"


_MONTHS_AND_DAYS = frozenset(
    {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV",
     "DEC", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN", "AM", "PM", "T"}
)  # fmt: skip
