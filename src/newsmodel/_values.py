"""
The value rules every class shares: URLs, texts, dates, languages, integers.

Each ``check_*`` function takes a Python value, the JSONPath it stands at and
the list to report into. It appends at most one `ErrorDetail` and returns
nothing, so a caller can check every field of an object and report them all.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from datetime import date, datetime, timedelta, timezone

from ._errors import ErrorDetail, Path, describe, join_path

__all__ = [
    "MAX_INT",
    "canonical_language",
    "check_bool",
    "check_date_or_datetime",
    "check_datetime",
    "check_language",
    "check_positive_int",
    "check_slug",
    "check_text",
    "check_text_line",
    "check_url",
    "parse_date",
    "parse_datetime",
    "right_to_left",
    "slugify",
]

Report = list[ErrorDetail]


#: The largest integer every JSON reader keeps exact (2**53 - 1).
MAX_INT = 2**53 - 1

# Control characters (C0, DEL, C1), the Unicode line and paragraph
# separators, and lone surrogates. A "text" may hold "\n"; a "text line" not.
TEXT_LINE_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
TEXT_BAD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

# An absolute http(s) URL with a host: no whitespace, no control characters,
# no credentials, an optional port, then an optional path, query or fragment.
URL_PATTERN = re.compile(
    r"[Hh][Tt][Tt][Pp][Ss]?://"
    r"(?:[^\s\x00-\x1f\x7f-\x9f\ud800-\udfff/?#@\[\]\\:]+|\[[0-9A-Fa-f:.]+\])"
    r"(?::[0-9]{1,5})?"
    r"(?:[/?#][^\s\x00-\x1f\x7f-\x9f\ud800-\udfff]*)?"
)

# The head of a URL that `URL_PATTERN` accepts whatever printable, spaceless
# ASCII follows it: the loaders' fast test (see ``_rules.URL_RULE``).
URL_HEAD = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#]|\Z)")

_SLUG = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_NOT_SLUG_CHARS = re.compile(r"[\W_]+")


def _bad_char(value: str, pattern: re.Pattern[str]) -> str | None:
    found = pattern.search(value)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "")
    label = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return f"{label} at character {found.start()}"


def _text_type_error(
    value: object, parent: Path, key: str | int, report: Report, what: str
) -> None:
    report.append(
        ErrorDetail(join_path(parent, key), "type", f"expected {what}, found {describe(value)}")
    )


def check_text_line(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a one-line text: a non-blank string without control characters."""
    if value.__class__ is not str and (not isinstance(value, str)):
        _text_type_error(value, parent, key, report, "a one-line text (a string)")
        return
    if TEXT_LINE_BAD.search(value) is not None:
        bad = _bad_char(value, TEXT_LINE_BAD)
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                f"expected one line of text without line breaks or control characters, found {bad}",
            )
        )
    elif not value.strip():
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "empty",
                f"expected non-blank text, found {describe(value)}",
            )
        )


def check_text(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a text: a non-blank string without control characters but newlines."""
    if value.__class__ is not str and (not isinstance(value, str)):
        _text_type_error(value, parent, key, report, "text (a string)")
        return
    if TEXT_BAD.search(value) is not None:
        bad = _bad_char(value, TEXT_BAD)
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                f"expected text without control characters other than newlines, found {bad}",
            )
        )
    elif not value.strip():
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "empty",
                f"expected non-blank text, found {describe(value)}",
            )
        )


def check_url(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check an absolute ``http`` or ``https`` URL with a host."""
    if value.__class__ is not str and (not isinstance(value, str)):
        _text_type_error(value, parent, key, report, "a URL (a string)")
        return
    if URL_PATTERN.fullmatch(value) is None:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "url",
                "expected an absolute http or https URL with a host and no "
                f"spaces, found {describe(value)}",
            )
        )


def check_slug(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a slug: lowercase letters and digits in runs joined by single hyphens."""
    if not isinstance(value, str):
        _text_type_error(value, parent, key, report, "a slug (a string)")
        return
    if _SLUG.fullmatch(value) is None or value != value.lower():
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                "expected a slug (lowercase letters and digits joined by single "
                f"hyphens, like 'north-korea'), found {describe(value)}",
            )
        )


def slugify(name: str) -> str:
    """
    Derive a slug from a tag name.

    Letters and digits of any script are kept, lowercased; every other run of
    characters becomes one hyphen. A name without letters or digits falls back
    to its code points (``u1f600``) so that every tag has a usable slug.
    """
    slug = _NOT_SLUG_CHARS.sub("-", unicodedata.normalize("NFKC", name).lower()).strip("-")
    if _SLUG.fullmatch(slug) and slug == slug.lower():
        return slug
    return "-".join(f"u{ord(char):x}" for char in name.strip()) or "tag"


def check_positive_int(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a JSON integer from 1 to 2**53 - 1 (booleans are not integers)."""
    if value.__class__ is not int and (not isinstance(value, int) or isinstance(value, bool)):
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected an integer, found {describe(value)}",
            )
        )
        return
    if not 1 <= value <= MAX_INT:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                f"expected an integer from 1 to {MAX_INT}, found {describe(value)}",
            )
        )


def check_bool(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a boolean."""
    if value is not True and value is not False:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected true or false, found {describe(value)}",
            )
        )


_MINUTE = timedelta(minutes=1)


def _in_range(value: datetime) -> bool:
    # An aware datetime whose UTC instant falls outside years 1..9999 cannot be
    # compared or hashed; only values at the very edges can be affected.
    if 1 < value.year < 9999:
        return True
    try:
        value.astimezone(timezone.utc)
    except OverflowError:
        return False
    return True


def check_datetime(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a timezone-aware `datetime`."""
    if not isinstance(value, datetime):
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected an ISO 8601 datetime with a UTC offset, found {describe(value)}",
            )
        )
        return
    offset = value.utcoffset()
    if offset is None:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "timezone",
                f"expected a datetime with a UTC offset, found the naive datetime {value}",
            )
        )
    elif offset % _MINUTE:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "timezone",
                "expected a UTC offset of whole minutes (ISO 8601 writes ±hh:mm), "
                f"found {offset} in {value}",
            )
        )
    elif not _in_range(value):
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "invalid",
                f"expected a datetime within years 1 to 9999 UTC, found {value}",
            )
        )


def check_date_or_datetime(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a calendar `date` or a timezone-aware `datetime`."""
    if isinstance(value, datetime) or not isinstance(value, date):
        check_datetime(value, parent, key, report)


# ----------------------------------------------------------------- languages

_ALNUM = "[A-Za-z0-9]"
_LANGUAGE = re.compile(
    rf"""
    (?P<language>[A-Za-z]{{2,3}}(?:-[A-Za-z]{{3}}){{0,3}})
    (?:-(?P<script>[A-Za-z]{{4}}))?
    (?:-(?P<region>[A-Za-z]{{2}}|[0-9]{{3}}))?
    (?P<variants>(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*)
    (?P<extensions>(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*)
    (?P<private>-[Xx](?:-{_ALNUM}{{1,8}})+)?
    |(?P<private_only>[Xx](?:-{_ALNUM}{{1,8}})+)
    |(?P<grandfathered>
        en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo
        |i-navajo|i-pwn|i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE
        |art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan
        |zh-xiang)
    """,
    re.VERBOSE | re.IGNORECASE,
)
canonical_cache: dict[str, str | None] = {}
#: RFC 5646's grandfathered tags: lowercase form -> the registry's form.
GRANDFATHERED_TAGS = {
    tag.lower(): tag
    for tag in [
        "en-GB-oed",
        "i-ami",
        "i-bnn",
        "i-default",
        "i-enochian",
        "i-hak",
        "i-klingon",
        "i-lux",
        "i-mingo",
        "i-navajo",
        "i-pwn",
        "i-tao",
        "i-tay",
        "i-tsu",
        "sgn-BE-FR",
        "sgn-BE-NL",
        "sgn-CH-DE",
        "art-lojban",
        "cel-gaulish",
        "no-bok",
        "no-nyn",
        "zh-guoyu",
        "zh-hakka",
        "zh-min",
        "zh-min-nan",
        "zh-xiang",
    ]
}


def _canonical(tag: str) -> str | None:
    match = _LANGUAGE.fullmatch(tag)
    if match is None:
        return None
    if match["language"] is None:
        # Private use is lowercase; grandfathered tags keep the registry's case.
        return GRANDFATHERED_TAGS.get(tag.lower(), tag.lower())
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    rest = (match["variants"] or "") + (match["extensions"] or "") + (match["private"] or "")
    return "-".join(parts) + rest.lower()


def canonical_language(tag: str) -> str | None:
    """
    Return *tag* in the canonical case of BCP 47, or None if it is not well formed.

    Language subtags are lowercase, scripts titlecase, regions uppercase
    (``zh-hant-tw`` becomes ``zh-Hant-TW``). Well-formedness is checked
    against the RFC 5646 grammar, with the primary language subtag limited to
    two or three letters: the grammar's 4-letter (reserved) and 5-to-8-letter
    forms have no registered subtags, and allowing them would let ``english``
    pass. Subtags are not otherwise looked up in the registry.
    """
    try:
        return canonical_cache[tag]
    except KeyError:
        pass
    canonical = _canonical(tag) if len(tag) <= 80 else None
    if len(canonical_cache) < 4096:
        canonical_cache[tag] = canonical
    return canonical


#: Languages written right to left when the tag names no script: their
#: usual script (CLDR's likely subtags) is Arabic, Hebrew, Thaana, Syriac or
#: N'Ko. Kurdish ``ku`` is not here: its likely script is Latin; Sorani is
#: ``ckb``, and ``ku-Arab`` is right to left by its script.
RTL_LANGUAGES = frozenset(
    [
        "ar",
        "arc",
        "azb",
        "bal",
        "bgn",
        "bqi",
        "ckb",
        "dv",
        "fa",
        "glk",
        "he",
        "iw",
        "ji",
        "khw",
        "ks",
        "lrc",
        "luz",
        "mzn",
        "nqo",
        "pnb",
        "prs",
        "ps",
        "sd",
        "sdh",
        "syr",
        "ug",
        "ur",
        "yi",
    ]
)
#: ISO 15924 scripts written right to left (Unicode's bidirectional class R or AL).
RTL_SCRIPTS = frozenset(
    [
        "Adlm",
        "Arab",
        "Aran",
        "Armi",
        "Avst",
        "Chrs",
        "Cprt",
        "Elym",
        "Hebr",
        "Hung",
        "Khar",
        "Lydi",
        "Mand",
        "Mani",
        "Mend",
        "Merc",
        "Mero",
        "Narb",
        "Nbat",
        "Nkoo",
        "Orkh",
        "Ougr",
        "Palm",
        "Phli",
        "Phlp",
        "Phnx",
        "Prti",
        "Rohg",
        "Samr",
        "Sarb",
        "Sogd",
        "Sogo",
        "Syrc",
        "Syre",
        "Syrj",
        "Syrn",
        "Thaa",
        "Yezi",
    ]
)


def right_to_left(tag: str) -> bool:
    """
    Tell whether text in the language *tag* is written right to left.

    A script subtag decides when there is one (``az-Arab`` is, ``ku-Latn``
    and ``ar-Latn`` are not); else the language subtag (`RTL_LANGUAGES`).
    Private-use, grandfathered and ill-formed tags are left to right.
    """
    match = _LANGUAGE.fullmatch(tag) if len(tag) <= 80 else None
    if match is None or match["language"] is None:
        return False
    if match["script"]:
        return match["script"].title() in RTL_SCRIPTS
    return match["language"].split("-", 1)[0].lower() in RTL_LANGUAGES


def check_language(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a well-formed BCP 47 language tag in canonical case."""
    if not isinstance(value, str):
        _text_type_error(value, parent, key, report, "a BCP 47 language tag (a string)")
        return
    canonical = canonical_language(value)
    if canonical is None:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "language",
                f"expected a BCP 47 language tag like 'en' or 'en-GB', found {describe(value)}",
            )
        )
    elif canonical != value:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "language",
                f"expected the language tag in canonical case, {canonical!r}, "
                f"found {describe(value)}",
            )
        )


# --------------------------------------------------------------------- dates

_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}"
    r"(?::[0-9]{2}(?:\.[0-9]{1,9})?)?"
    r"(?P<offset>[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?"
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _fromisoformat_310(text: str) -> datetime:  # pragma: no cover - Python 3.10 only
    head, sep, tail = text.partition(".")
    if sep:
        digits = re.match("[0-9]*", tail)
        fraction = digits.group() if digits else ""
        text = f"{head}.{(fraction + '000000')[:6]}{tail[len(fraction) :]}"
    text = text.replace("t", "T").replace("Z", "+00:00").replace("z", "+00:00")
    return datetime.fromisoformat(text)


_fromisoformat = datetime.fromisoformat if sys.version_info >= (3, 11) else _fromisoformat_310


class DateParseError(ValueError):
    """Why a date text could not be read: carries the error code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_datetime(text: str) -> datetime:
    """
    Parse a strict ISO 8601 datetime with a UTC offset (RFC 3339 shape).

    Raises:
        DateParseError: With code ``invalid`` for text that is not such a
            datetime, ``timezone`` for one without an offset.
    """
    match = _ISO_DATETIME.fullmatch(text)
    if match is None:
        raise DateParseError(
            "invalid",
            "expected an ISO 8601 datetime like '2024-10-13T21:04:00+03:00', "
            f"found {describe(text)}",
        )
    try:
        value = _fromisoformat(text.upper())  # 3.11 refuses a lowercase t or z
    except ValueError:
        raise DateParseError(
            "invalid", f"expected a real calendar date and time, found {describe(text)}"
        ) from None
    if match["offset"] is None:
        raise DateParseError(
            "timezone",
            f"expected a datetime with a UTC offset (like +03:00 or Z), found {describe(text)}",
        )
    return value


def parse_date(text: str) -> date | datetime:
    """Parse an ISO 8601 calendar date (``2024-10-13``) or a datetime with offset."""
    if len(text) == 10 and _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise DateParseError(
                "invalid", f"expected a real calendar date, found {describe(text)}"
            ) from None
    return parse_datetime(text)
