"""Tests for the repairs applied to values found in real publishers' markup."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmodel._values import DateParseError
from newsmodel._wild import (
    clean_text,
    parse_boolean,
    parse_wild_datetime,
    split_keywords,
)

if TYPE_CHECKING:
    from newsmodel import Finding


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-11-19T11:00:09.000Z", datetime(2019, 11, 19, 11, 0, 9, tzinfo=timezone.utc)),
        ("2019-11-19T11:00:09+0100", datetime(2019, 11, 19, 11, 0, 9, tzinfo=tz(1))),
        ("2023-11-02T10:14:29&#x2B;05:30", datetime(2023, 11, 2, 10, 14, 29, tzinfo=tz(5.5))),
        ("20200316T13:00:00Z", datetime(2020, 3, 16, 13, tzinfo=timezone.utc)),
        ("2020-09-26T12:07:40+02:00CET", datetime(2020, 9, 26, 12, 7, 40, tzinfo=tz(2))),
        ("2020-12-05T23:15:0Z", datetime(2020, 12, 5, 23, 15, tzinfo=timezone.utc)),
        ("19 Nov 2019 07:09 GMT", datetime(2019, 11, 19, 7, 9, tzinfo=timezone.utc)),
        ("Mon, 18 Nov 2019 16:07:38 -0600", datetime(2019, 11, 18, 16, 7, 38, tzinfo=tz(-6))),
        ("Tue, Sep 10 2019 12:00:00 EDT", datetime(2019, 9, 10, 12, tzinfo=tz(-4))),
        ("2019-11-19T10:00:00 UTC", datetime(2019, 11, 19, 10, tzinfo=timezone.utc)),
        ("2016-05-14T16:34+5.30", datetime(2016, 5, 14, 16, 34, tzinfo=tz(5.5))),
        (
            [" 2019-11-19T10:00:00Z", "2019-11-19T10:00:00Z"],
            datetime(2019, 11, 19, 10, tzinfo=timezone.utc),
        ),
    ],
)
def test_dates_with_a_zone(text: object, expected: datetime) -> None:
    """Dates that state their zone are read in it, whatever the caller's default."""
    findings: list[Finding] = []
    parsed = parse_wild_datetime(text, "$.datePublished", findings, tz(9))

    assert isinstance(parsed, datetime)
    assert (expected, expected.utcoffset()) == (parsed, parsed.utcoffset())


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("2024-10-13 21:04:00", datetime(2024, 10, 13, 21, 4)),
        ("2024-10-13T21:04:00", datetime(2024, 10, 13, 21, 4)),
        ("2024-10-13", datetime(2024, 10, 13)),
        ("2023/02/21 21:20", datetime(2023, 2, 21, 21, 20)),
        ("October 13, 2024 9:04 PM", datetime(2024, 10, 13, 21, 4)),
    ],
)
def test_dates_without_a_zone(text: str, local: datetime) -> None:
    """A date without a zone takes the caller's zone, reported; without one it is refused."""
    findings: list[Finding] = []
    with_zone = parse_wild_datetime(text, "$.datePublished", findings, tz(3))
    without = parse_wild_datetime(text, "$.datePublished", [], None)

    assert local.replace(tzinfo=tz(3)) == with_zone
    assert "default zone" in findings[-2].message or "default zone" in findings[-1].message
    assert isinstance(without, DateParseError)
    assert ("timezone", True) == (without.code, "default_tz" in without.message)


@pytest.mark.parametrize(
    "text",
    [
        "01:38:07 PM IST Nov 20, 2019",  # IST: India, Israel or Ireland?
        "9:30 PM",
        "November 2019",
        "sexta-feira, 10 de outubro de 2019 às 10:00",
        "",
        "not a date",
        17,
        None,
    ],
)
def test_unreadable_dates_are_dropped_not_guessed(text: object) -> None:
    """Dates that lack a part, or name an ambiguous zone, are dropped with a finding."""
    findings: list[Finding] = []

    assert None is parse_wild_datetime(text, "$.datePublished", findings, timezone.utc)
    assert [("$.datePublished", "dropped")] == [(f.path, f.code) for f in findings]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        ("False", False),
        ("true", True),
        ("http://schema.org/True", True),
        ("https://schema.org/False", False),
        ([False], False),
        ("maybe", None),
        (0, None),
    ],
)
def test_parse_boolean(value: object, expected: bool | None) -> None:
    """Booleans come as JSON booleans, words or schema.org URLs."""
    assert expected == parse_boolean(value, "$.isAccessibleForFree", [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ukraine, Russia , North Korea", ["Ukraine", "Russia", "North Korea"]),
        ("war; peace", ["war", "peace"]),
        ("single", ["single"]),
        (["A", " B ", "", "a"], ["A", "B"]),
        ("", []),
        (5, []),
    ],
)
def test_split_keywords(value: object, expected: list[str]) -> None:
    """Keywords come as a list or a comma-separated text; blanks and repeats go."""
    assert expected == split_keywords(value, "$.keywords", [])


@pytest.mark.parametrize(
    ("value", "expected", "one_line"),
    [
        ("Tom &amp; Jerry&#8217;s", "Tom & Jerry\u2019s", True),
        ("  Zelensky\n warns  ", "Zelensky warns", True),
        ("Para one.\r\n\r\nPara  two.", "Para one.\n\nPara two.", False),
        ("bell\x07", "bell", True),
        (["First", "Second"], "First", True),
        ("   ", None, True),
        (None, None, True),
    ],
)
def test_clean_text(value: object, expected: str | None, one_line: bool) -> None:
    """Texts are decoded, their whitespace normalized, their controls dropped."""
    assert expected == clean_text(value, "$.headline", [], one_line=one_line)


@given(st.text())
def test_clean_text_always_gives_valid_text(text: str) -> None:
    """Whatever the input, a cleaned text passes the model's text rules or is None."""
    from newsmodel._values import check_text_line

    cleaned = clean_text(text, "$", [])
    report: list[object] = []
    if cleaned is not None:
        check_text_line(cleaned, "$", "x", report)  # type: ignore[arg-type]

    assert [] == report
