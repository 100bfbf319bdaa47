"""
Dates: the one home of reading dates as people write them, and of the date rules.

Lenient loading (`newsmodel._wire`), the importers (`newsmodel._wild`) and
the model (the date order) call these functions; the value rules of a
datetime field themselves live in `newsmodel._values` (`check_datetime`).
The *default_tz* and *dayfirst* arguments of every public function are read
by `resolve_zone` and `resolve_dayfirst`.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime, timedelta, timezone, tzinfo

from . import _values as v
from ._errors import ErrorDetail, describe
from ._lazy import LazyPattern

__all__ = [
    "MAX_DATE_LENGTH",
    "MAX_ZONE_NAME",
    "AmbiguousDateError",
    "apply_default_zone",
    "date_order_problem",
    "read_human_date",
    "read_lenient_date",
    "resolve_dayfirst",
    "resolve_zone",
]


# ------------------------------------------------------------ the arguments

#: The longest zone name `resolve_zone` looks up (the longest IANA name,
#: ``America/Argentina/ComodRivadavia``, has 32 characters).
MAX_ZONE_NAME = 64
# The shape of an IANA time zone key: components of letters, digits, "_",
# "+" and "-", joined by "/". No ".", "..", empty or absolute component can
# make the lookup open a file outside the time zone database.
_ZONE_KEY = LazyPattern(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


def _zone_error(found: object, why: str = "") -> ValueError:
    return ValueError(
        "default_tz: expected an IANA time zone name like 'Europe/Kyiv' or a tzinfo, "
        f"found {describe(found)}{why}"
    )


def resolve_zone(default_tz: object) -> tzinfo | None:
    """
    Return the zone that a *default_tz* argument names, or None for None.

    Raises:
        ValueError: For anything but None, a working `tzinfo` or the name of
            a zone in the IANA time zone database; the name's shape is
            checked before any lookup.
    """
    if default_tz is None:
        return None
    if isinstance(default_tz, tzinfo):
        try:
            datetime(2000, 1, 1, tzinfo=default_tz).utcoffset()
        except Exception as error:  # a caller's tzinfo runs its own code
            raise _zone_error(default_tz, f", whose utcoffset() fails: {error}") from None
        return default_tz
    if not isinstance(default_tz, str):
        raise _zone_error(default_tz)
    if len(default_tz) > MAX_ZONE_NAME:
        raise _zone_error(default_tz, f" ({len(default_tz)} characters; at most {MAX_ZONE_NAME})")
    if _ZONE_KEY.fullmatch(default_tz) is None:
        raise _zone_error(
            default_tz,
            " (a name is made of letters, digits, '_', '+' and '-', in parts joined by '/')",
        )
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - only lenient loads pay

    try:
        return ZoneInfo(default_tz)
    except (KeyError, ImportError, OSError, ValueError):
        # KeyError: ZoneInfoNotFoundError; OSError: a directory ("America");
        # ValueError: a file of the database's folder that holds no zone.
        raise _zone_error(default_tz, ", which the time zone database does not hold") from None


def resolve_dayfirst(dayfirst: object) -> bool | None:
    """
    Return a *dayfirst* argument: True, False or None.

    Raises:
        TypeError: For anything else.
    """
    if dayfirst is None or dayfirst is True or dayfirst is False:
        return dayfirst
    msg = f"dayfirst: expected True, False or None, found {describe(dayfirst)}"
    raise TypeError(msg)


# ------------------------------------------------------------ the date order


def date_order_problem(published: object, modified: object) -> str | None:
    """
    Say why *modified* may not go with *published*, or None when it may.

    The rule: a datetime ``date_modified`` is not earlier than a datetime
    ``date_published`` (dates of other kinds, or that cannot be compared,
    are left to their own rules). The model reports the problem as the error
    ``date_order``; the importers drop the modified date with it.
    """
    if not (isinstance(modified, datetime) and isinstance(published, datetime)):
        return None
    try:
        earlier = modified < published
    except (TypeError, OverflowError):  # naive or out of range: reported already
        return None
    if not earlier:
        return None
    return (
        "expected a date not earlier than date_published "
        f"({published.isoformat()}), found {modified.isoformat()}"
    )


# ------------------------------------------------------------ lenient reading

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
_OFFSET_THEN_NAME = LazyPattern(r"([+-]\d{2}:?\d{2}|Z)\s*[A-Za-z]{2,5}$")
_ZONE_NAME = LazyPattern(r"(?<![A-Za-z])([A-Z]{2,5})(?![A-Za-z])")
_SHORT_OFFSET = LazyPattern(r"([+-])(\d{2})(\d{2})$")
_ONE_DIGIT_OFFSET = LazyPattern(r"([+-])(\d)[.:](\d{2})$")  # "+5.30" for +05:30

#: The longest date text the lenient readers parse: a date with a weekday, a
#: time, an offset and a zone name fits many times over. A longer text is
#: refused unread: python-dateutil's time grows with the text (1 MB: seconds).
MAX_DATE_LENGTH = 100

# A year written first (ISO 8601's order, "2024-01-02" or "20240102") is
# always followed by the month: dateutil's dayfirst would read it year-day-month.
_YEAR_FIRST = LazyPattern(r"(?<!\d)\d{4}(?:([-/. ])\d{1,2}\1\d{1,2}|\d{4})(?!\d)")
# Numbers that are not part of a time of day ("9:04"): two different ones
# from 1 to 12 could be a day and a month that dateutil reads either way.
_NUMBER = LazyPattern(r"(?<![\d:])\d{1,2}(?![\d:])")
# An all-numeric date with a two-digit year ("02.01.24"): its century, and
# which number is the year, would be guesses.
_TWO_DIGIT_YEAR = LazyPattern(r"(?<![\d.:/-])\d{1,2}([./-])\d{1,2}\1\d{2}(?![\d.:/-])")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


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
