"""Tests for the shared value rules (URLs, texts, dates, language tags, slugs)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmodel import _values as v
from newsmodel._errors import ErrorDetail, Path, describe, join_path

if TYPE_CHECKING:
    from newsmodel._rules import Check


def problems(check: Check, value: object) -> list[tuple[str, str]]:
    report: list[ErrorDetail] = []
    check(value, "$", "field", report)
    return [(error.path, error.code) for error in report]


@pytest.mark.parametrize(
    "url",
    [
        "https://kyivindependent.com/",
        "http://example.com",
        "https://example.com:8443/a/b?c=d&e=f#g",
        "https://[2001:db8::1]/x",
        "https://пример.испытание/путь",
        "HTTPS://EXAMPLE.COM/",
        "https://localhost/x%20y",
    ],
)
def test_url_accepts(url: str) -> None:
    """Absolute http(s) URLs with a host pass."""
    assert [] == problems(v.check_url, url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.com/",
        "/relative/path",
        "example.com",
        "https://",
        "https:///path",
        "https://exa mple.com/",
        "https://example.com/a b",
        "https://user:pass@example.com/",
        "https://example.com/\x00",
        "https://example.com/\ud800",
        "https://example.com:123456/",
        " https://example.com/",
        "",
    ],
)
def test_url_rejects(url: str) -> None:
    """Anything but an absolute http(s) URL with a host is a `url` error."""
    assert [("$.field", "url")] == problems(v.check_url, url)


def test_url_wrong_type() -> None:
    """A non-string URL is a `type` error that says what it found."""
    report: list[ErrorDetail] = []
    v.check_url(42, "$", "url", report)

    assert ["expected a URL (a string), found the integer 42"] == [e.message for e in report]


@pytest.mark.parametrize(
    ("text", "line_codes", "text_codes"),
    [
        ("Zelensky warns", [], []),
        ("non\u00a0breaking space and emoji \U0001f600", [], []),
        ("two\nlines", [("$.field", "invalid")], []),
        ("tab\there", [("$.field", "invalid")], [("$.field", "invalid")]),
        ("carriage\rreturn", [("$.field", "invalid")], [("$.field", "invalid")]),
        ("line\u2028separator", [("$.field", "invalid")], [("$.field", "invalid")]),
        ("c1\x85control", [("$.field", "invalid")], [("$.field", "invalid")]),
        ("del\x7f", [("$.field", "invalid")], [("$.field", "invalid")]),
        ("lone\udc00surrogate", [("$.field", "invalid")], [("$.field", "invalid")]),
        ("", [("$.field", "empty")], [("$.field", "empty")]),
        (" \u3000 ", [("$.field", "empty")], [("$.field", "empty")]),
    ],
)
def test_texts(
    text: str, line_codes: list[tuple[str, str]], text_codes: list[tuple[str, str]]
) -> None:
    """Text lines refuse line breaks and controls; texts allow newlines only."""
    assert (line_codes, text_codes) == (
        problems(v.check_text_line, text),
        problems(v.check_text, text),
    )


def test_text_problem_names_the_character() -> None:
    """The message names the offending character and where it is."""
    report: list[ErrorDetail] = []
    v.check_text_line("ab\u2028", "$", "headline", report)

    assert "U+2028 LINE SEPARATOR at character 2" in report[0].message


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-gb", "en-GB"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("sr-latn", "sr-Latn"),
        ("es-419", "es-419"),
        ("de-CH-1996", "de-CH-1996"),
        ("en-US-x-twain", "en-US-x-twain"),
        ("x-private", "x-private"),
        ("i-klingon", "i-klingon"),
        ("en-gb-oed", "en-GB-oed"),
        ("SGN-BE-FR", "sgn-BE-FR"),
        ("uk", "uk"),
    ],
)
def test_language_canonical_case(tag: str, canonical: str) -> None:
    """Well-formed BCP 47 tags come back in canonical case."""
    assert canonical == v.canonical_language(tag)


@pytest.mark.parametrize("tag", ["english", "e", "en_GB", "", "en-", "123", "en-GB-", "a" * 100])
def test_language_rejects(tag: str) -> None:
    """Malformed tags are refused with code `language`."""
    assert (None, [("$.field", "language")]) == (
        v.canonical_language(tag),
        problems(v.check_language, tag),
    )


def test_language_must_be_canonical() -> None:
    """A well-formed tag in the wrong case is a `language` error naming the canonical form."""
    report: list[ErrorDetail] = []
    v.check_language("en-gb", "$", "language", report)

    assert "'en-GB'" in report[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2024-10-13T21:04:00+03:00",
            datetime(2024, 10, 13, 21, 4, tzinfo=timezone(timedelta(hours=3))),
        ),
        ("2024-10-13T18:04:00Z", datetime(2024, 10, 13, 18, 4, tzinfo=timezone.utc)),
        ("2024-10-13t18:04:00z", datetime(2024, 10, 13, 18, 4, tzinfo=timezone.utc)),
        ("2024-10-13T18:04+00:00", datetime(2024, 10, 13, 18, 4, tzinfo=timezone.utc)),
        (
            "2024-10-13T18:04:00.123456789-05:30",
            datetime(
                2024, 10, 13, 18, 4, 0, 123456, tzinfo=timezone(-timedelta(hours=5, minutes=30))
            ),
        ),
    ],
)
def test_parse_datetime(text: str, expected: datetime) -> None:
    """RFC 3339 datetimes parse, with their offsets."""
    parsed = v.parse_datetime(text)

    assert (expected, expected.utcoffset()) == (parsed, parsed.utcoffset())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2024-10-13T21:04:00", "timezone"),
        ("2024-10-13", "invalid"),
        ("2024-10-13 21:04:00+03:00", "invalid"),
        ("2024-10-13T21:04:00+0300", "invalid"),
        ("2024-10-13T21:04:00+05:99", "invalid"),
        ("2024-10-13T21:04:00+24:00", "invalid"),
        ("2024-13-13T21:04:00+03:00", "invalid"),
        ("2024-02-30T21:04:00+03:00", "invalid"),
        ("October 13, 2024", "invalid"),
        ("٢٠٢٤-10-13T21:04:00+03:00", "invalid"),
        ("", "invalid"),
    ],
)
def test_parse_datetime_rejects(text: str, code: str) -> None:
    """Anything but an RFC 3339 datetime with offset is refused with a reason."""
    with pytest.raises(v.DateParseError) as caught:
        v.parse_datetime(text)

    assert code == caught.value.code


def test_parse_date_accepts_calendar_dates() -> None:
    """A quote's date may be a plain calendar date."""
    assert date(2024, 10, 13) == v.parse_date("2024-10-13")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (datetime(2024, 1, 1), "timezone"),
        (datetime(2024, 1, 1, tzinfo=timezone(timedelta(seconds=30))), "timezone"),
        (datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))), "invalid"),
        (datetime(9999, 12, 31, 23, tzinfo=timezone(-timedelta(hours=2))), "invalid"),
        ("2024-01-01T00:00:00Z", "type"),
    ],
)
def test_check_datetime_rejects(value: object, code: str) -> None:
    """Naive datetimes, sub-minute offsets and unconvertible instants are refused."""
    assert [("$.field", code)] == problems(v.check_datetime, value)


def test_check_datetime_accepts_zones() -> None:
    """Any tzinfo with whole-minute offsets will do, not just fixed offsets."""
    from zoneinfo import ZoneInfo

    assert [] == problems(
        v.check_datetime, datetime(2024, 10, 13, 21, 4, tzinfo=ZoneInfo("Europe/Kyiv"))
    )


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("North Korea", "north-korea"),
        ("Volodymyr Zelensky", "volodymyr-zelensky"),
        ("Володимир Зеленський", "володимир-зеленський"),
        ("  War -- in   Ukraine!  ", "war-in-ukraine"),
        ("\uff26\uff55\uff4c\uff4c", "full"),  # fullwidth letters, NFKC-folded
        ("snake_case", "snake-case"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    """Slugs keep letters and digits of any script, lowercased, joined by hyphens."""
    assert slug == v.slugify(name)


@given(st.text(min_size=1))
def test_slugify_always_gives_a_valid_slug(name: str) -> None:
    """Every name, however odd, derives a slug that passes the slug rule."""
    assert [] == problems(v.check_slug, v.slugify(name))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "invalid"),
        (-1, "invalid"),
        (2**53, "invalid"),
        (True, "type"),
        (1.0, "type"),
        ("1", "type"),
    ],
)
def test_positive_int_rejects(value: object, code: str) -> None:
    """Integers are JSON integers from 1 to 2**53 - 1; booleans and floats are not."""
    assert [("$.field", code)] == problems(v.check_positive_int, value)


def test_describe_is_safe_on_deep_values() -> None:
    """Describing a very deep value never recurses."""
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]

    assert "an array of 1 item" == describe(deep)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "null"),
        (True, "true"),
        (2**200, "the integer a 201-bit int"),
        (float("nan"), "the number nan"),
        ("x" * 100, repr("x" * 57 + "...")),
        ({"a": 1}, "an object with 1 key"),
    ],
)
def test_describe(value: object, text: str) -> None:
    """Found values are described briefly, in JSON's terms."""
    assert text == describe(value)


@pytest.mark.parametrize(
    ("parent", "key", "path"),
    [
        ("$", "url", "$.url"),
        ("$", 3, "$[3]"),
        ("$", "@type", "$['@type']"),
        ("$", "it's", "$['it\\'s']"),
        ((("", "$"), "authors"), 1, "$.authors[1]"),
    ],
)
def test_join_path(parent: Path, key: str | int, path: str) -> None:
    """JSONPaths quote keys that are not identifiers and render lazy parents."""
    assert path == join_path(parent, key)


# ------------------------------------------------------ grandfathered tags


@pytest.mark.parametrize("tag", v.GRANDFATHERED)
def test_grandfathered_tags_are_one_list(tag: str) -> None:
    """Each grandfathered tag, in any case, is well formed to the rule and to the JSON Schema."""
    import re

    from newsmodel._schema import LANGUAGE_PATTERN

    for spelled in (tag, tag.lower(), tag.upper()):
        assert tag == v.canonical_language(spelled)
        assert re.match(LANGUAGE_PATTERN, spelled) is not None


def test_the_schema_language_pattern_is_built_from_the_rule() -> None:
    from newsmodel._schema import LANGUAGE_PATTERN, _any_case

    assert LANGUAGE_PATTERN.startswith(f"^(?:{v.language_pattern(groups=False, spell=_any_case)})")
    assert {tag.lower(): tag for tag in v.GRANDFATHERED} == v.GRANDFATHERED_TAGS


_TAG_TEXT = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCNOX0123456789-"), max_size=20)


@given(_TAG_TEXT | st.sampled_from(v.GRANDFATHERED).map(str.swapcase))
def test_the_schema_and_the_rule_accept_the_same_tags(text: str) -> None:
    """The JSON Schema's language pattern says yes exactly where the rule does."""
    import re

    from newsmodel._schema import LANGUAGE_PATTERN

    assert (v.canonical_language(text) is not None) == (
        re.match(LANGUAGE_PATTERN, text) is not None
    )
