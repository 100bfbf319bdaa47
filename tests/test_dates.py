"""
Tests for reading dates and zones: numeric day-month order, zone arguments,
offsets and years that must survive the round trips, and bounds.
"""

from __future__ import annotations

import contextlib
import json
import zoneinfo
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel._dates import (
    MAX_DATE_LENGTH,
    AmbiguousDateError,
    read_human_date,
    read_lenient_date,
)
from newsmodel._values import DateParseError

if TYPE_CHECKING:
    from collections.abc import Callable

KYIV = timezone(timedelta(hours=2))


def payload(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "url": "https://kyivindependent.com/a/",
        "headline": "Zelensky warns",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
    }
    data.update(changes)
    return data


def jsonld(**changes: Any) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": "https://kyivindependent.com/a/",
        "headline": "Zelensky warns",
        "inLanguage": "en",
        "datePublished": "2024-10-13T21:04:00+03:00",
    }
    node.update(changes)
    return node


def page(node: dict[str, Any]) -> str:
    script = json.dumps(node)
    return (
        f'<html lang="en"><head><script type="application/ld+json">{script}</script></head></html>'
    )


def codes(error: nm.ValidationError) -> list[tuple[str, str]]:
    return [(detail.path, detail.code) for detail in error.errors]


# Each way in, given a date text for the publication date and the options.
def _via_loads(text: str, **options: Any) -> datetime:
    return nm.loads(
        json.dumps(payload(date_published=text)), lenient=True, **options
    ).date_published


def _via_from_dict(text: str, **options: Any) -> datetime:
    return nm.from_dict(payload(date_published=text), lenient=True, **options).date_published


def _via_from_jsonld(text: str, **options: Any) -> datetime:
    return nm.from_jsonld(jsonld(datePublished=text), **options).date_published


def _via_extract(text: str, **options: Any) -> datetime:
    pytest.importorskip("extruct")
    [article] = nm.extract(page(jsonld(datePublished=text)), **options)
    return article.date_published


READERS: list[Callable[..., datetime]] = [
    _via_loads,
    _via_from_dict,
    _via_from_jsonld,
    _via_extract,
]
reader = pytest.mark.parametrize("read", READERS, ids=lambda f: f.__name__[5:])


# ---------------------------------------------------------- numeric dates


@reader
@pytest.mark.parametrize("text", ["02.01.2024 10:00", "2/1/2024 10:00", "02-01-2024 10:00"])
def test_a_date_whose_day_and_month_swap_is_refused_naming_both(
    read: Callable[..., datetime], text: str
) -> None:
    """Without dayfirst, 02.01.2024 is refused, not read month-first in silence."""
    with pytest.raises(nm.ValidationError) as caught:
        read(text, default_tz=KYIV)

    [detail] = caught.value.errors
    assert "invalid" == detail.code
    assert "2 January 2024 or 1 February 2024" in detail.message
    assert "pass dayfirst=True or dayfirst=False" in detail.message


@reader
@pytest.mark.parametrize(
    ("dayfirst", "expected"), [(True, datetime(2024, 1, 2, 10)), (False, datetime(2024, 2, 1, 10))]
)
def test_dayfirst_says_the_order(
    read: Callable[..., datetime], dayfirst: bool, expected: datetime
) -> None:
    """dayfirst=True reads 02.01.2024 as 2 January; False as 1 February."""
    found = read("02.01.2024 10:00", default_tz=KYIV, dayfirst=dayfirst)

    assert expected.replace(tzinfo=KYIV) == found


@reader
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25.04.2025 10:00", datetime(2025, 4, 25, 10)),  # 25 is no month
        ("04/25/2025 10:00", datetime(2025, 4, 25, 10)),
        ("01.01.2024 10:00", datetime(2024, 1, 1, 10)),  # both readings agree
        ("2024-01-02 10:00", datetime(2024, 1, 2, 10)),  # ISO: year, month, day
        ("2024/01/02 10:00", datetime(2024, 1, 2, 10)),
        ("20240102T10:00", datetime(2024, 1, 2, 10)),
        ("Tuesday, 2024-01-02 10:00", datetime(2024, 1, 2, 10)),
        ("2 Jan 2024 10:00", datetime(2024, 1, 2, 10)),
        ("Feb 1, 2024 10:00", datetime(2024, 2, 1, 10)),
    ],
)
@pytest.mark.parametrize("dayfirst", [None, True, False])
def test_a_date_read_one_way_only_needs_no_hint(
    read: Callable[..., datetime], text: str, expected: datetime, dayfirst: bool | None
) -> None:
    """A date with one reading is read so, whatever dayfirst says; year first is always Y-M-D."""
    assert expected.replace(tzinfo=KYIV) == read(text, default_tz=KYIV, dayfirst=dayfirst)


#: Texts made of numbers, month names, times and the separators pages use.
NUMERIC_DATES = st.lists(
    st.one_of(
        st.integers(0, 31).map(str),
        st.integers(0, 12).map(lambda n: f"{n:02d}"),
        st.integers(1000, 2100).map(str),
        st.sampled_from(["Jan", "10:00", "9:04 PM", "+0200", "T", "of", "th", "UTC"]),
    ),
    min_size=2,
    max_size=5,
).flatmap(
    lambda parts: st.lists(
        st.sampled_from([".", "/", "-", " ", ", ", "'", "T", "  "]),
        min_size=len(parts) - 1,
        max_size=len(parts) - 1,
    ).map(lambda seps: parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True)))
)


@given(NUMERIC_DATES)
def test_a_date_read_without_dayfirst_reads_the_same_with_either(text: str) -> None:
    """What is read without dayfirst is what either order gives: no silent choice."""
    try:
        found = read_human_date(text)
    except DateParseError:
        return
    assert found == read_human_date(text, dayfirst=True) == read_human_date(text, dayfirst=False)


@pytest.mark.parametrize("text", ["2024-13-01 10:00", "2024/31/01 10:00"])
def test_a_year_first_date_is_never_read_year_day_month(text: str) -> None:
    """dayfirst=True does not make 2024-13-01 the 13th of January."""
    with pytest.raises(nm.ValidationError) as caught:
        _via_from_dict(text, default_tz=KYIV, dayfirst=True)

    assert [("$.date_published", "invalid")] == codes(caught.value)


@pytest.mark.parametrize("text", ["02.01.24 10:00", "13/01/24", "1-2-70"])
@pytest.mark.parametrize("dayfirst", [None, True])
def test_a_two_digit_year_is_refused(text: str, dayfirst: bool | None) -> None:
    """02.01.24: which number is the year, and its century, would be guesses."""
    with pytest.raises(nm.ValidationError) as caught:
        _via_from_dict(text, default_tz=KYIV, dayfirst=dayfirst)

    assert "four-digit year" in caught.value.errors[0].message


def test_a_quote_date_whose_day_and_month_swap() -> None:
    """A quote's calendar date follows the same rule, and dayfirst."""
    quote = {"text": "Hi", "speaker": {"type": "person", "name": "Z"}, "date": "02.01.2024"}
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_dict(payload(quotes=[quote]), lenient=True)

    assert [("$.quotes[0].date", "invalid")] == codes(caught.value)
    loaded = nm.from_dict(payload(quotes=[quote]), lenient=True, dayfirst=True)
    assert date(2024, 1, 2) == loaded.quotes[0].date


def test_the_import_drops_an_ambiguous_date_modified_with_a_finding() -> None:
    """An optional date that reads two ways is left out, reported; the article stays."""
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(
        jsonld(dateModified="02.11.2024 10:00"), default_tz=KYIV, findings=findings
    )

    assert None is article.date_modified
    [finding] = [f for f in findings if f.path == "$.dateModified"]
    assert "dropped" == finding.code
    assert "2 November 2024 or 11 February 2024" in finding.message


def test_the_import_refuses_an_ambiguous_date_published() -> None:
    """The publication date is required: reading it two ways is an error, not a drop."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_jsonld(jsonld(datePublished="02.11.2024 10:00"), default_tz=KYIV)

    assert [("$.datePublished", "invalid")] == codes(caught.value)


@pytest.mark.parametrize("dayfirst", [1, 0, "yes", "True"])
@pytest.mark.parametrize("function", ["loads", "from_dict", "from_jsonld", "extract"])
def test_dayfirst_is_true_false_or_none(dayfirst: object, function: str) -> None:
    """Any other dayfirst is a TypeError that names what was found."""
    calls: dict[str, Callable[[], object]] = {
        "loads": lambda: nm.loads("{}", lenient=True, dayfirst=dayfirst),  # type: ignore[arg-type]
        "from_dict": lambda: nm.from_dict({}, lenient=True, dayfirst=dayfirst),  # type: ignore[arg-type]
        "from_jsonld": lambda: nm.from_jsonld({}, dayfirst=dayfirst),  # type: ignore[arg-type]
        "extract": lambda: nm.extract("<p>", dayfirst=dayfirst),  # type: ignore[arg-type]
    }
    with pytest.raises(TypeError, match="dayfirst: expected True, False or None"):
        calls[function]()


# ------------------------------------------------------ options need lenient


@pytest.mark.parametrize(
    "options",
    [
        {"default_tz": "UTC"},
        {"default_tz": timezone.utc},
        {"dayfirst": True},
        {"dayfirst": False},
        {"lenient": False, "default_tz": "Europe/Kyiv"},
    ],
)
def test_zone_and_order_without_lenient_are_refused_at_call_time(options: dict[str, Any]) -> None:
    """Strict loads read only ISO 8601 with an offset: a zone or an order would be a guess."""
    calls: list[Callable[[], nm.Article]] = [
        lambda: nm.loads(json.dumps(payload()), **options),
        lambda: nm.loads(b"not json", **options),  # refused before the text is read
        lambda: nm.from_dict(payload(), **options),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="applies only with lenient=True") as caught:
            call()
        assert not isinstance(caught.value, nm.ValidationError)
        assert "ISO 8601" in str(caught.value)


# ------------------------------------------------------------ zone arguments


class _BrokenZone(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        raise RuntimeError("broken")

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "broken"

    def __repr__(self) -> str:  # a stable test id, the same in every process
        return f"{type(self).__name__}()"


class _DayLongZone(_BrokenZone):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=30)


BAD_ZONES: list[object] = [
    5,
    True,
    b"UTC",
    ["UTC"],
    object(),
    "",
    " ",
    "America",  # a folder of the database
    "x" * 300,
    "x" * 5000,
    "../../etc/passwd",
    "/etc/passwd",
    "Europe/../Europe/Kyiv",
    "Europe//Kyiv",
    "Europe/Kyiv/",
    "./UTC",
    "Europe/Kyiv\x00",
    "Europe/Kyiv ",
    "Mars/Olympus",
    "UTC+3",  # a POSIX TZ string, not a zone name
    "zone.tab",
    "__init__",
    "tzdata",
    "Київ",
    tzinfo(),  # type: ignore[abstract]  # the base: utcoffset() is not implemented
    _BrokenZone(),
    _DayLongZone(),
]


def _zone_id(zone: object) -> str:
    """A test id that is the same in every process (no object addresses in it)."""
    text = repr(zone)
    return type(zone).__name__ + "()" if " object at 0x" in text else text


def _call_with_zone(function: str, zone: object) -> object:
    if function == "loads":
        return nm.loads(json.dumps(payload()), lenient=True, default_tz=zone)  # type: ignore[arg-type]
    if function == "from_dict":
        return nm.from_dict(payload(), lenient=True, default_tz=zone)  # type: ignore[arg-type]
    if function == "from_jsonld":
        return nm.from_jsonld(jsonld(), default_tz=zone)  # type: ignore[arg-type]
    pytest.importorskip("extruct")
    return nm.extract(page(jsonld()), default_tz=zone)  # type: ignore[arg-type]


FUNCTIONS = pytest.mark.parametrize("function", ["loads", "from_dict", "from_jsonld", "extract"])


@FUNCTIONS
@pytest.mark.parametrize("zone", BAD_ZONES, ids=_zone_id)
def test_a_bad_zone_is_one_value_error(function: str, zone: object) -> None:
    """Every invalid zone argument is a ValueError saying what was expected and found."""
    with pytest.raises(ValueError, match="default_tz: expected an IANA time zone name") as caught:
        _call_with_zone(function, zone)

    assert not isinstance(caught.value, nm.ValidationError)
    assert "'Europe/Kyiv' or a tzinfo, found" in str(caught.value)


@pytest.mark.parametrize(
    "zone",
    ["", "../../etc/passwd", "/etc/passwd", "Europe/../UTC", "x" * 300, "UTC\x00", "a b", ".."],
)
def test_a_zone_name_of_the_wrong_shape_is_never_looked_up(
    zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name's shape is checked before any file of the zone database is opened."""

    def no_lookup(key: str) -> tzinfo:
        raise AssertionError(f"looked up {key!r}")

    monkeypatch.setattr(zoneinfo, "ZoneInfo", no_lookup)
    with pytest.raises(ValueError, match=r"a name is made of letters|at most 64"):
        nm.from_dict(payload(), lenient=True, default_tz=zone)


@pytest.mark.parametrize(
    "zone", ["UTC", "Europe/Kyiv", "America/Argentina/ComodRivadavia", "Etc/GMT+3", "EST5EDT"]
)
def test_iana_names_are_zones(zone: str) -> None:
    """Names the time zone database holds are read, with the zone's own rules."""
    article = nm.from_dict(
        payload(date_published="January 13, 2025 9:04 PM"), lenient=True, default_tz=zone
    )

    expected = datetime(2025, 1, 13, 21, 4, tzinfo=zoneinfo.ZoneInfo(zone))
    assert (expected, expected.utcoffset()) == (
        article.date_published,
        article.date_published.utcoffset(),
    )


ZONE_ARGUMENTS = st.one_of(
    st.text(max_size=80),
    st.text(st.sampled_from("AEKPTUacdeinorstvy/_+-.0123456789 "), max_size=40),
    st.sampled_from(sorted(zoneinfo.available_timezones())),
    st.binary(max_size=20),
    st.integers(),
    st.floats(),
    st.none(),
    st.builds(object),
    st.timezones(),
    st.builds(timezone, st.timedeltas(timedelta(hours=-23), timedelta(hours=23))),
)


@FUNCTIONS
@given(zone=ZONE_ARGUMENTS)
def test_any_zone_argument_gives_a_zone_or_the_value_error(function: str, zone: object) -> None:
    """Any text, bytes or object as default_tz: a result, or the one documented ValueError."""
    refused: ValueError | None = None
    try:
        _call_with_zone(function, zone)
    except nm.ValidationError:
        raise
    except ValueError as error:
        refused = error
    if refused is not None:
        assert str(refused).startswith("default_tz: expected an IANA time zone name")


# ---------------------------------------------------------- offsets and years


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-02 10:00 +24:00",
        "2024-01-02 10:00 -2400",
        "2024-01-02 10:00 +25:30",
        "2 Jan 2024 10:00 -99:00",
    ],
)
@pytest.mark.parametrize("read", [_via_from_dict, _via_from_jsonld])
def test_an_offset_of_a_day_or_more_is_a_validation_error(
    read: Callable[..., datetime], text: str
) -> None:
    """dateutil makes such offsets and datetime refuses them: reported, not a crash."""
    with pytest.raises(nm.ValidationError) as caught:
        read(text)

    assert "timezone" == caught.value.errors[0].code
    assert "between -23:59 and +23:59" in caught.value.errors[0].message


@pytest.mark.parametrize("read", [_via_loads, _via_from_dict, _via_from_jsonld])
def test_a_zone_offset_with_seconds_is_refused(read: Callable[..., datetime]) -> None:
    """Amsterdam kept +00:19:32 until 1937: ISO 8601's ±hh:mm cannot write it, so it is refused."""
    with pytest.raises(nm.ValidationError) as caught:
        read("1 January 1900 10:00", default_tz="Europe/Amsterdam")

    [detail] = caught.value.errors
    assert "timezone" == detail.code
    assert "whole minutes" in detail.message
    assert "0:19:32" in detail.message


#: Any aware datetime, in any zone (with offsets in seconds) and any year.
ANY_AWARE = st.one_of(
    st.datetimes(timezones=st.timezones()),
    st.datetimes(max_value=datetime(1000, 1, 1), timezones=st.timezones()),
    st.datetimes(
        timezones=st.builds(
            timezone,
            st.timedeltas(timedelta(hours=-23, minutes=-59), timedelta(hours=23, minutes=59)),
        )
    ),
)
BASE = nm.from_dict(payload())


@given(ANY_AWARE)
def test_any_datetime_is_refused_or_survives_every_round_trip(value: datetime) -> None:
    """An offset with seconds is refused on the way in; years 1 to 999 come back equal."""
    try:
        article = attrs.evolve(BASE, date_published=value)
    except nm.ValidationError as error:
        codes_found = {detail.code for detail in error.errors}
    else:
        codes_found = set()
    if codes_found:
        assert {"timezone", "invalid"} >= codes_found
        assert value.utcoffset() % timedelta(minutes=1) or value.year in (1, 9999)  # type: ignore[operator]
        return
    assert article == nm.loads(nm.dumps(article))
    assert article == nm.from_dict(nm.to_dict(article))
    assert article == nm.from_jsonld(nm.to_jsonld(article))
    assert article == nm.loads(nm.dumps(article), lenient=True)


@given(
    local=st.datetimes(max_value=datetime(1000, 1, 1)) | st.datetimes(),
    zone=st.timezones(),
)
def test_any_date_read_in_any_zone_is_refused_or_survives_every_round_trip(
    local: datetime, zone: tzinfo
) -> None:
    """A lenient date in a caller's zone (old offsets in seconds too) is refused or round trips."""
    text = local.isoformat(timespec="minutes")  # no offset: the zone gives it
    for read in (_via_from_dict, _via_from_jsonld):
        try:
            value = read(text, default_tz=zone)
        except nm.ValidationError as error:
            codes_found = {detail.code for detail in error.errors}
        else:
            codes_found = set()
        if codes_found:
            assert {"timezone", "invalid"} >= codes_found
            continue
        article = attrs.evolve(BASE, date_published=value)
        assert article == nm.loads(nm.dumps(article))
        assert article == nm.from_dict(nm.to_dict(article))
        assert article == nm.from_jsonld(nm.to_jsonld(article))


@given(st.dates(max_value=date(999, 12, 31)) | st.dates())
def test_any_quote_date_survives_every_round_trip(day: date) -> None:
    """A calendar date of any year, 0001 to 9999, is written with four digits and read back."""
    quote = nm.Quote(text="Hi", speaker=nm.Person(name="Z"), date=day)
    article = attrs.evolve(BASE, quotes=(quote,))

    assert article == nm.loads(nm.dumps(article))
    assert article == nm.from_dict(nm.to_dict(article))
    assert article == nm.from_jsonld(nm.to_jsonld(article))


# ---------------------------------------------------------------- bounds


@pytest.mark.parametrize("length", [MAX_DATE_LENGTH + 1, 10_000, 1_000_000])
def test_an_over_long_date_text_is_refused_unread(length: int) -> None:
    """A date text longer than the bound never reaches dateutil."""
    text = ("1 " * length)[: length - 12] + "January 2024"
    with pytest.raises(nm.ValidationError) as caught:
        _via_from_dict(text, default_tz=KYIV)

    assert f"at most {MAX_DATE_LENGTH} characters" in caught.value.errors[0].message
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(jsonld(dateModified=text), findings=findings)
    assert None is article.date_modified
    assert any(
        f.path == "$.dateModified" and f.code == "dropped" and "at most" in f.message
        for f in findings
    )


def test_a_date_of_the_bound_s_length_is_read() -> None:
    """The bound leaves room: a date padded to exactly MAX_DATE_LENGTH is still read."""
    text = "Tuesday, 2 January 2024 10:00:00 +02:00".ljust(MAX_DATE_LENGTH)
    assert datetime(2024, 1, 2, 10, tzinfo=KYIV) == _via_from_dict(text)


@pytest.mark.parametrize(
    "text", ["999999999999999999999999999999m", "2 Jan 2024 999999999999999999999999999999 h"]
)
def test_odd_numbers_never_escape_from_dateutil(text: str) -> None:
    """decimal.InvalidOperation from dateutil is an unreadable date, reported."""
    with pytest.raises(nm.ValidationError) as caught:
        _via_from_dict(text, default_tz=KYIV)

    assert "invalid" == caught.value.errors[0].code


DATE_LIKE = st.text(
    st.sampled_from("0123456789 .:/-+TZapmJanFebOctUTCIST,e&#x;"), max_size=MAX_DATE_LENGTH + 20
)


@given(
    text=st.one_of(DATE_LIKE, st.text(max_size=200)),
    default_tz=st.sampled_from([None, timezone.utc, zoneinfo.ZoneInfo("Europe/Kyiv")]),
    dayfirst=st.sampled_from([None, True, False]),
    date_only_ok=st.booleans(),
)
def test_any_text_gives_a_date_or_a_reported_problem(
    text: str, default_tz: tzinfo | None, dayfirst: bool | None, date_only_ok: bool
) -> None:
    """Through the lenient reader, any text is a valid value or a DateParseError."""
    try:
        value, _ = read_lenient_date(
            text, default_tz=default_tz, dayfirst=dayfirst, date_only_ok=date_only_ok
        )
    except DateParseError as error:
        problem: DateParseError | None = error
    else:
        problem = None
    if isinstance(problem, AmbiguousDateError):
        assert dayfirst is None
        assert "pass dayfirst=True or dayfirst=False" in problem.message
    if problem is not None:
        assert problem.code in {"invalid", "timezone"}
        return
    if isinstance(value, datetime):
        offset = value.utcoffset()
        assert offset is not None
        assert not offset % timedelta(minutes=1)
        assert value.tzinfo.__class__ is timezone
    else:
        assert date_only_ok


@given(text=st.one_of(DATE_LIKE, st.text(max_size=200)))
def test_any_text_through_the_import_gives_an_article_or_a_validation_error(text: str) -> None:
    """The importer never lets anything but ValidationError out of a date."""
    with contextlib.suppress(nm.ValidationError):
        nm.from_jsonld(jsonld(datePublished=text, dateModified=text), default_tz=KYIV)


# ------------------------------------------------------------- one home


def test_one_message_for_a_date_without_a_zone() -> None:
    """Lenient loading and the importer report a missing zone in the same words."""
    text = "October 13, 2024 9:04 PM"
    with pytest.raises(nm.ValidationError) as loading:
        _via_from_dict(text)
    with pytest.raises(nm.ValidationError) as importing:
        _via_from_jsonld(text)

    [loaded], [imported] = loading.value.errors, importing.value.errors
    assert ("timezone", loaded.message) == (imported.code, imported.message)
    assert "pass default_tz to apply a zone" in loaded.message


def test_one_message_for_a_modified_date_before_the_published_one() -> None:
    """The model refuses, and the importer drops, a date_modified before date_published alike."""
    published, modified = "2024-10-13T21:04:00+03:00", "2024-10-12T09:00:00+03:00"
    with pytest.raises(nm.ValidationError) as loading:
        nm.from_dict(payload(date_published=published, date_modified=modified))
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(
        jsonld(datePublished=published, dateModified=modified), findings=findings
    )

    [error] = loading.value.errors
    assert ("$.date_modified", "date_order") == (error.path, error.code)
    assert article.date_modified is None
    assert [("$.dateModified", "dropped", f"{error.message}; left it out")] == [
        (f.path, f.code, f.message) for f in findings if f.code == "dropped"
    ]


def test_resolve_zone_is_the_one_home_of_the_zone_argument() -> None:
    """Every public function reads default_tz with newsmodel._dates.resolve_zone."""
    from newsmodel import _dates

    assert _dates.resolve_zone(None) is None
    assert KYIV is _dates.resolve_zone(KYIV)
    with pytest.raises(ValueError, match="default_tz: expected an IANA time zone name"):
        _dates.resolve_zone("no/such/zone")
