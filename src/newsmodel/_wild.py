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
from ._errors import Finding, Path, describe, join_path

__all__ = [
    "clean_text",
    "parse_boolean",
    "parse_wild_datetime",
    "split_byline",
    "split_keywords",
]

Findings = list[Finding]

_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


def clean_text(
    value: object, path: Path, findings: Findings, *, one_line: bool = True
) -> str | None:
    """
    Return *value* as text the model accepts, or None (reported) if it has none.

    HTML character references are decoded (``&amp;`` → ``&``), runs of
    whitespace collapse to one space (a one-line text) or keep their line
    breaks (a text), control characters go, and surrounding whitespace is
    trimmed. A list takes its first text, as microdata repeats a property.
    """
    where = _render(path)
    if isinstance(value, list):
        texts = [item for item in value if isinstance(item, str) and item.strip()]
        if not texts:
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
    if "&" in text:
        decoded = html.unescape(text)
        if decoded != text:
            findings.append(Finding(where, "repaired", "decoded HTML character references"))
            text = decoded
    if one_line:
        cleaned = _SPACES.sub(" ", text).strip()
    else:
        lines = text.replace("\r\n", "\n").split("\n")
        cleaned = "\n".join(_SPACES.sub(" ", line).strip() for line in lines).strip()
    cleaned = v.TEXT_BAD.sub("", cleaned)
    if not cleaned:
        _drop(findings, where, value, "expected non-blank text")
        return None
    if cleaned != text:
        findings.append(Finding(where, "repaired", "normalized whitespace"))
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


def split_keywords(value: object, path: Path, findings: Findings) -> list[str]:
    """Read keywords given as a list of texts or as one comma-separated text."""
    where = _render(path)
    items: list[object]
    if isinstance(value, str):
        separator = "," if "," in value else ";" if ";" in value else None
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


# ------------------------------------------------------------------ bylines

_BY = re.compile(r"^(?:by|von|par|por|di|door|av|przez|text|текст|редактор)\s*[:\s]\s*", re.I)
_AND = re.compile(r"\s+(?:and|und|et|&|og|och|и)\s+|\s*&\s*", re.I)
# "y", "i" and "e" join two people, but also the halves of a compound surname
# ("José Ortega y Gasset", "Jordi Pujol i Soley"): see _split_short_and.
_SHORT_AND = re.compile(r"(\s+(?:y|e|i)\s+)", re.I)
_TITLE_WORDS = re.compile(
    r"\b(?:writer|reporter|editor|correspondent|columnist|contributor|journalist|"
    r"producer|analyst|staff|desk|chief|senior|national|political|sports|"
    r"associated press|press|news|business|times|today|journal|post|herald|"
    r"tribune|agency|bureau|ms|md|phd|rdn|rd|jr|sr)\b",
    re.I,
)


_WITH = re.compile(r"\s*\((?:avec|with|mit|con|com)\s+([^)]*)\)", re.I)
_LEADING_AND = re.compile(r"^(?:and|und|et|y|e|&)\s+", re.I)
_OUTLET = re.compile(r"^\S+\.(?:com|org|net|co\.uk|de|fr|it|es|in|ru|ua|io)$", re.I)
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")


def _is_title_or_outlet(part: str) -> bool:
    if _AND.search(part) or _SHORT_AND.search(part):
        return False
    return bool(_TITLE_WORDS.search(part) or _OUTLET.match(part) or _CREDENTIAL.match(part))


def split_byline(text: str, path: Path, findings: Findings) -> list[tuple[str, str | None]]:
    """
    Split a byline into one (name, job title or affiliation) pair per person.

    ``By MEG KINNARD and ERRIN HAINES, Associated Press`` gives two people;
    ``By STEVE PEOPLES, AP National Political Writer`` one person with a job
    title. Every split and strip is reported. The second element is what
    followed the names after a comma (a title or an outlet), or None.
    """
    where = _render(path)
    original = text
    text = _BY.sub("", text.strip()).strip()
    if text != original.strip():
        findings.append(Finding(where, "repaired", "removed the byline prefix before the name"))
    text = _WITH.sub(r", \1", text)  # "A (avec B et C)": B and C are bylines too
    parts = [part.strip() for part in re.split(r"\s*[,|]\s*", text) if part.strip()]
    trailing: list[str] = []
    while len(parts) > 1 and _is_title_or_outlet(parts[-1]):
        trailing.insert(0, parts.pop())
    suffix = ", ".join(trailing) or None
    if suffix:
        findings.append(
            Finding(where, "repaired", f"moved {suffix!r} out of the name (a title or outlet)")
        )
    names: list[str] = []
    for part in parts:
        # _LEADING_AND: the Oxford comma's "and" in "A, B, and C".
        for name in _AND.split(_LEADING_AND.sub("", part)):
            if name and name.strip():
                names.extend(_split_short_and(name.strip()))
    names = [_BY.sub("", name).strip() for name in names]
    names = [name for name in names if name]
    if len(names) > 1:
        findings.append(Finding(where, "repaired", f"split the byline into {len(names)} names"))
    return [(name, suffix) for name in names]


def _split_short_and(text: str) -> list[str]:
    # Split at "y", "i" or "e" only where a full name (two words or more)
    # follows: "María García y Pedro López" is two people, "José Ortega y
    # Gasset" one.
    pieces = _SHORT_AND.split(text)  # name, conjunction, name, ...
    names = [pieces[0]]
    for conjunction, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if len(piece.split()) >= 2:
            names.append(piece)
        else:
            names[-1] += conjunction + piece
    return names


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


def parse_wild_datetime(
    value: object, path: Path, findings: Findings, default_tz: tzinfo | None
) -> datetime | str | None:
    """
    Read a publication date as publishers write it.

    Returns:
        An aware datetime; None when the value is not a date (reported as a
        drop); or, for a date with no zone when *default_tz* is None, the
        text of a problem for the caller to raise, since guessing a zone
        would be inventing the instant.
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
    found = read_human_date(text)
    if found is None:
        _drop(findings, where, value, "expected a date and time")
        return None
    parsed = found[0]
    if parsed.tzinfo is None:
        if default_tz is None:
            return (
                f"expected a date with a UTC offset, found {value!r} with none "
                "(pass default_tz to read it in a zone)"
            )
        findings.append(
            Finding(where, "repaired", "gave the date without a zone the caller's default zone")
        )
        parsed = parsed.replace(tzinfo=default_tz)
    findings.append(Finding(where, "repaired", f"read the date {value!r} as ISO 8601"))
    return parsed


def read_human_date(text: str) -> tuple[datetime, bool] | None:
    """
    Read a date as people and publishers write it, with python-dateutil.

    Returns:
        The datetime (aware when the text gives an offset or a zone named in
        a way only one offset fits, naive otherwise) and whether the text
        gave a time of day (else the time is midnight); or None for a text
        that is not a date, lacks a year, month or day (never completed
        from today's date), or names a zone it would take a guess to read.
    """
    from dateutil import parser  # noqa: PLC0415 - only imports and lenient loads pay

    text = _OFFSET_THEN_NAME.sub(r"\1", text)  # "+02:00CET": the offset says it all
    text = _SHORT_OFFSET.sub(r"\1\2:\3", text)
    text = _ONE_DIGIT_OFFSET.sub(r"\g<1>0\2:\3", text)
    text = text.replace(" | ", " ")
    for word in _ZONE_NAME.findall(text):
        if word not in _ZONES and word not in _MONTHS_AND_DAYS:
            return None  # a zone we cannot read without guessing
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Two defaults that differ in every part: what the text leaves out shows.
            early = parser.parse(text, default=datetime(2000, 1, 1), tzinfos=_TZINFOS)
            late = parser.parse(text, default=datetime(2001, 2, 2, 1, 1), tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        return None
    if early.date() != late.date():
        return None  # a year, month or day is missing
    offset = early.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        return None
    # Unparsed minutes and seconds come from the defaults too: the hour decides.
    has_time = early.hour == late.hour
    return (
        early if has_time else early.replace(hour=0, minute=0, second=0, microsecond=0)
    ), has_time


_MONTHS_AND_DAYS = frozenset(
    {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV",
     "DEC", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN", "AM", "PM", "T"}
)  # fmt: skip
