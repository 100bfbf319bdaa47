"""Tests for the canonical JSON wire format: loads, dumps, from_dict, to_dict."""

from __future__ import annotations

import gc
import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel._canonical import scan_clean
from newsmodel._values import check_url


def payload(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "url": "https://kyivindependent.com/a/",
        "headline": "Zelensky warns",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not ...}


def codes(error: nm.ValidationError) -> list[tuple[str, str]]:
    return [(detail.path, detail.code) for detail in error.errors]


def load_errors(data: object, **options: Any) -> list[tuple[str, str]]:
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_dict(data, **options)  # type: ignore[arg-type]
    return codes(caught.value)


FULL: dict[str, Any] = {
    "url": "https://kyivindependent.com/a/",
    "kind": "analysis",
    "id": "urn:ki:123",
    "headline": "Zelensky warns",
    "alternative_headline": "An alliance",
    "description": "A standfirst.\nOn two lines.",
    "section": "News Feed",
    "dateline": "KYIV, Ukraine",
    "language": "en-GB",
    "date_published": "2024-10-13T21:04:00+03:00",
    "date_modified": "2024-10-14T08:00:00+00:00",
    "authors": [
        {
            "type": "person",
            "name": "Abbey Fenbert",
            "url": "https://kyivindependent.com/author/abbey/",
            "same_as": ["https://x.example/abbey"],
            "job_title": "Reporter",
            "affiliation": {"type": "organization", "name": "The Kyiv Independent"},
            "image": {"url": "https://img.example/abbey.jpg", "width": 200, "height": 200},
        },
        {"type": "organization", "name": "The Kyiv Independent news desk"},
    ],
    "publisher": {
        "type": "organization",
        "name": "The Kyiv Independent",
        "url": "https://kyivindependent.com/",
        "logo": {"url": "https://img.example/logo.png"},
    },
    "tags": [
        {
            "name": "Volodymyr Zelensky",
            "kind": "person",
            "same_as": ["https://www.wikidata.org/wiki/Q3874799"],
        },
        {"name": "Victory Plan", "slug": "victory-plan-2024"},
    ],
    "images": [
        {
            "url": "https://img.example/lead.jpg",
            "caption": "President Volodymyr Zelensky delivers nightly address.",
            "credit": "Presidential Office",
            "alt_text": "Zelensky at a lectern",
            "width": 1200,
            "height": 800,
            "license_url": "https://img.example/license",
        }
    ],
    "body": ["First paragraph.", "Second paragraph."],
    "quotes": [
        {
            "text": "We see an increasing alliance.",
            "speaker": {"type": "person", "name": "Volodymyr Zelensky"},
            "context": "evening address",
            "date": "2024-10-13",
            "source_url": "https://president.gov.ua/x",
        }
    ],
    "related": [
        {
            "url": "https://kyivindependent.com/b/",
            "headline": "Depot set ablaze",
            "teaser": "Ukraine's General Staff said...",
            "publisher": {"type": "organization", "name": "The Kyiv Independent"},
            "authors": [{"type": "person", "name": "Someone"}],
            "date_published": "2024-10-12T10:00:00+03:00",
            "image": {"url": "https://img.example/b.jpg"},
            "relation": "background",
        }
    ],
    "reading_time_minutes": 2,
    "is_accessible_for_free": False,
}


def test_full_payload_round_trips_exactly() -> None:
    """Every field of every class survives loads and dumps, byte for byte."""
    text = json.dumps(FULL, ensure_ascii=False, separators=(",", ":"))

    assert text == nm.dumps(nm.loads(text))


def test_to_dict_is_plain_json() -> None:
    """to_dict gives only JSON types (lists, not tuples; strings for dates)."""
    data = nm.to_dict(nm.from_dict(FULL))

    assert FULL == data
    assert data == json.loads(json.dumps(data))


def test_output_omits_defaults_and_nulls() -> None:
    """Defaults, empty lists and absent values are left out; nulls are never written."""
    a = nm.from_dict(
        payload(kind="news", authors=[], tags=None, description=None, is_accessible_for_free=True)
    )

    assert ["url", "headline", "language", "date_published"] == list(nm.to_dict(a))


def test_key_order_is_stable() -> None:
    """Keys come in the wire format's order whatever order the input had."""
    shuffled = dict(reversed(list(FULL.items())))

    assert list(FULL) == list(nm.to_dict(nm.from_dict(shuffled)))


@pytest.mark.parametrize("indent", [None, 2, 4])
def test_dumps_indent(indent: int | None) -> None:
    """dumps indents as asked and the text loads back to the same article."""
    a = nm.from_dict(FULL)
    text = nm.dumps(a, indent=indent)

    assert (a, indent is not None) == (nm.loads(text), "\n" in text)
    if indent:
        assert text.splitlines()[1].startswith(" " * indent + '"url"')


@pytest.mark.parametrize("kind", [str, bytes, bytearray, memoryview])
def test_loads_accepts_text_and_bytes(kind: Any) -> None:
    """loads takes str and any bytes-like UTF-8."""
    text = json.dumps(payload())
    raw = text if kind is str else kind(text.encode())

    assert "Zelensky warns" == nm.loads(raw).headline


def test_not_json() -> None:
    """Text that is not JSON is a `json` error at $ that quotes the parser."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.loads("{'url': 1}")

    assert [("$", "json")] == codes(caught.value)
    assert "line 1 column 2" in caught.value.errors[0].message


def test_too_deep() -> None:
    """JSON nested too deeply to be an article is a `json` error, not a crash."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.loads("[" * 100_000 + "]" * 100_000)

    assert [("$", "json")] == codes(caught.value)
    assert "too deeply" in caught.value.errors[0].message


def test_not_text() -> None:
    """loads of something that is not text is a `type` error."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.loads(42)  # type: ignore[arg-type]

    assert [("$", "type")] == codes(caught.value)
    assert 42 == caught.value.errors[0].input


def test_not_json_carries_the_text() -> None:
    """A `json` error's input is the text that could not be read."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.loads(b'{"url": ')

    assert b'{"url": ' == caught.value.errors[0].input


@pytest.mark.parametrize("data", [None, [], "article", 1.5, True])
def test_top_level_must_be_an_object(data: object) -> None:
    """A payload that is not an object is one `type` error at $."""
    assert [("$", "type")] == load_errors(data)


def test_unknown_field_suggests_the_right_name() -> None:
    """An unknown key is an error at its own path, with a suggestion."""
    data = payload(headlne="x")

    with pytest.raises(nm.ValidationError) as caught:
        nm.from_dict(data)

    assert [("$.headlne", "unknown_field")] == codes(caught.value)
    assert "did you mean 'headline'?" in caught.value.errors[0].message


def test_unknown_field_with_odd_name_is_quoted() -> None:
    """Keys that are not identifiers are quoted in the path."""
    assert [("$['@type']", "unknown_field")] == load_errors(payload(**{"@type": "NewsArticle"}))


def test_missing_and_null_required_fields() -> None:
    """Required keys that are absent or null are `missing`, saying which."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_dict(payload(url=..., headline=None))

    assert [("$.url", "missing"), ("$.headline", "missing")] == codes(caught.value)
    assert ["found nothing", "found null"] == [
        e.message.rsplit(", ", 1)[1] for e in caught.value.errors
    ]


def test_null_optional_fields_are_absent() -> None:
    """null is accepted for any optional field and means absent."""
    a = nm.from_dict(payload(description=None, publisher=None, reading_time_minutes=None))

    assert (None, None) == (a.description, a.publisher)


def test_author_union_reports_one_error_per_problem() -> None:
    """A bad author is reported against the branch its type picks, once."""
    data = payload(
        authors=[
            {"type": "person", "name": "A", "url": "not a url"},
            {"type": "organization", "name": "B", "job_title": "Desk"},
            {"name": "C"},
            {"type": "robot", "name": "D"},
            "E",
        ]
    )

    assert [
        ("$.authors[0].url", "url"),
        ("$.authors[1].job_title", "unknown_field"),
        ("$.authors[2].type", "missing"),
        ("$.authors[3].type", "invalid"),
        ("$.authors[4]", "type"),
    ] == load_errors(data)


def test_publisher_must_be_an_organization() -> None:
    """The publisher carries type organization; a person there is an error."""
    assert [("$.publisher.type", "invalid")] == load_errors(
        payload(publisher={"type": "person", "name": "X"})
    )


def test_many_errors_each_at_its_path() -> None:
    """Problems all over a payload are each reported once, at its exact path, in order."""
    data = payload(
        url="javascript:alert(1)",
        kind="column",
        language="english",
        date_published="2024-10-13T21:04:00",
        images=[{"url": "https://img.example/a.jpg", "width": -1}],
        tags=[{"name": "A"}, {"name": "a", "kind": "planet"}],
        body=["ok", 5],
        quotes=[{"text": "Hi", "speaker": {"type": "person", "name": ""}, "date": "yesterday"}],
        related=[{"url": "https://b.example/", "relation": "sequel"}],
        reading_time_minutes=1.5,
        is_accessible_for_free="False",
        extra=1,
    )

    assert [
        ("$.extra", "unknown_field"),
        ("$.url", "url"),
        ("$.kind", "invalid"),
        ("$.language", "language"),
        ("$.date_published", "timezone"),
        ("$.tags[1].kind", "invalid"),
        ("$.images[0].width", "invalid"),
        ("$.body[1]", "type"),
        ("$.quotes[0].speaker.name", "empty"),
        ("$.quotes[0].date", "invalid"),
        ("$.related[0].headline", "missing"),
        ("$.related[0].relation", "invalid"),
        ("$.reading_time_minutes", "type"),
        ("$.is_accessible_for_free", "type"),
        ("$.tags[1].name", "duplicate"),
    ] == load_errors(data)


def test_cross_field_rules_still_run_beside_other_errors() -> None:
    """Date order is reported even when another field is also wrong."""
    data = payload(url="x", date_modified="2024-10-12T00:00:00Z")

    assert [("$.url", "url"), ("$.date_modified", "date_order")] == load_errors(data)


def test_huge_integer() -> None:
    """Integers beyond 2**53 - 1 are refused (orjson reads beyond 2**64 as a float)."""
    text = json.dumps(payload(reading_time_minutes=10**30))

    with pytest.raises(nm.ValidationError) as caught:
        nm.loads(text)

    assert [("$.reading_time_minutes", "type")] == codes(caught.value)
    assert [("$.reading_time_minutes", "invalid")] == load_errors(
        payload(reading_time_minutes=2**53)
    )


def test_nan_and_infinity_are_not_json() -> None:
    """NaN and Infinity literals are not JSON; as Python floats they are type errors."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.loads('{"reading_time_minutes": NaN}')

    assert [("$", "json")] == codes(caught.value)
    assert [("$.reading_time_minutes", "type")] == load_errors(
        payload(reading_time_minutes=float("inf"))
    )


def test_lone_surrogates() -> None:
    """A lone surrogate, escaped in JSON or in a Python string, is refused."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.loads(json.dumps(payload(headline="a\ud800b")))

    assert [("$", "json")] == codes(caught.value)
    assert [("$.headline", "invalid")] == load_errors(payload(headline="a\ud800b"))


def test_non_string_keys() -> None:
    """from_dict with a non-string key reports it rather than crashing."""
    data: dict[Any, Any] = payload()
    data[1] = "x"

    assert [("$['1']", "type")] == load_errors(data)


def test_mappings_other_than_dict() -> None:
    """Any Mapping will do for from_dict, at the top and nested."""
    from types import MappingProxyType

    data = payload(publisher=MappingProxyType({"type": "organization", "name": "KI"}))

    assert "KI" == nm.from_dict(MappingProxyType(data)).publisher.name  # type: ignore[union-attr]


@given(
    st.sampled_from(["\x00", "\x07", "\t", "\r", "\x7f", "\x85", "\u2028", "\u2029"]),
    st.sampled_from(["headline", "description", "body"]),
    st.booleans(),
)
def test_forbidden_characters_are_found_in_json_text(
    char: str, field: str, ascii_only: bool
) -> None:
    """Control characters are refused whether the JSON escapes them or not."""
    value = f"before {char} after"
    data = payload(**{field: [value] if field == "body" else value})
    text = json.dumps(data, ensure_ascii=ascii_only)
    path = "$.body[0]" if field == "body" else f"$.{field}"

    with pytest.raises(nm.ValidationError) as caught:
        nm.loads(text)

    assert [(path, "invalid")] == codes(caught.value)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        (b'{"a": "plain"}', True),
        (b'{"a": "quote \\" and \\\\ and \\/ and \\n"}', True),
        (b'{"a": "\\u0007"}', False),
        (b'{"a": "\\u001F"}', False),
        (b'{"a": "\\t"}', False),
        (b'{"a": "\\ud83d\\ude00"}', False),
        (b'{"a": "\\u2028"}', False),
        (b'{"a": "\x7f"}', False),
    ],
)
def test_scan_clean(text: bytes, clean: bool) -> None:
    """The pre-scan flags every escape that can hide a forbidden character."""
    assert clean == scan_clean(text)


def test_newline_escape_still_refused_in_a_text_line() -> None:
    """A clean payload may hold newlines; text lines still refuse them."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.loads(json.dumps(payload(headline="two\nlines", description="two\nlines")))

    assert [("$.headline", "invalid")] == codes(caught.value)


# ----------------------------------------------------------------- lenient


def test_lenient_reads_human_dates_in_the_default_zone() -> None:
    """Lenient mode parses human dates and gives naive ones the default zone."""
    a = nm.from_dict(
        payload(date_published="October 13, 2024 9:04 PM"), lenient=True, default_tz="Europe/Kyiv"
    )

    assert datetime(2024, 10, 13, 18, 4, tzinfo=timezone.utc) == a.date_published
    assert timedelta(hours=3) == a.date_published.utcoffset()


def test_lenient_keeps_given_offsets() -> None:
    """A lenient date that names its zone keeps it; default_tz fills only gaps."""
    a = nm.from_dict(
        payload(date_published="Mon, 18 Nov 2019 16:07:38 -0600"), lenient=True, default_tz="UTC"
    )

    assert timedelta(hours=-6) == a.date_published.utcoffset()


def test_lenient_without_zone_refuses_naive() -> None:
    """Without default_tz a naive date is still a timezone error, and says how to fix it."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_dict(payload(date_published="October 13, 2024 9:04 PM"), lenient=True)

    assert [("$.date_published", "timezone")] == codes(caught.value)
    assert "default_tz" in caught.value.errors[0].message


@pytest.mark.parametrize("text", ["2024", "October 2024", "not a date", "13"])
def test_lenient_refuses_incomplete_dates(text: str) -> None:
    """Lenient mode never completes a date from today's: it refuses instead."""
    assert [("$.date_published", "invalid")] == load_errors(
        payload(date_published=text), lenient=True, default_tz="UTC"
    )


def test_lenient_quote_date_without_time_is_a_date() -> None:
    """A lenient quote date without a time stays a calendar date."""
    quote = {"text": "Hi", "speaker": {"type": "person", "name": "Z"}, "date": "Oct. 13, 2024"}

    a = nm.from_dict(payload(quotes=[quote]), lenient=True)

    assert date(2024, 10, 13) == a.quotes[0].date


def test_lenient_trims_whitespace() -> None:
    """Lenient mode trims surrounding whitespace from every text."""
    a = nm.from_dict(payload(headline="  Zelensky warns \n", body=[" One. "]), lenient=True)

    assert ("Zelensky warns", ("One.",)) == (a.headline, a.body)


def test_strict_keeps_whitespace() -> None:
    """Strict mode keeps texts exactly as given."""
    assert " Zelensky warns " == nm.from_dict(payload(headline=" Zelensky warns ")).headline


def test_unknown_default_tz() -> None:
    """An unknown zone name is a usage error (ValueError) that names the zone."""
    with pytest.raises(ValueError, match="Mars/Olympus"):
        nm.from_dict(payload(), lenient=True, default_tz="Mars/Olympus")


def test_repeated_authors_are_shared_and_still_checked() -> None:
    """Equal author payloads give one shared instance; a differing one is checked anew."""
    zelensky = {"type": "person", "name": "Volodymyr Zelensky", "job_title": "President"}
    quotes = [
        {"text": "One.", "speaker": dict(zelensky)},
        {"text": "Two.", "speaker": dict(zelensky)},
    ]
    a = nm.from_dict(payload(quotes=quotes))

    assert a.quotes[0].speaker is a.quotes[1].speaker
    assert [("$.quotes[1].speaker.job_title", "invalid")] == load_errors(
        payload(quotes=[quotes[0], {"text": "Two.", "speaker": {**zelensky, "job_title": "A\tB"}}])
    )
    assert [("$.quotes[1].speaker.type", "invalid")] == load_errors(
        payload(quotes=[quotes[0], {"text": "Two.", "speaker": {**zelensky, "type": "robot"}}])
    )


def test_shared_authors_never_hide_a_type_error() -> None:
    """Only all-text author payloads are shared, so 1 == 1.0 == True cannot hide an error."""
    logo = {
        "type": "organization",
        "name": "KI",
        "logo": {"url": "https://a.example/l.png", "width": 1},
    }
    odd = {
        "type": "organization",
        "name": "KI",
        "logo": {"url": "https://a.example/l.png", "width": 1.0},
    }

    assert [("$.authors[1].logo.width", "type")] == load_errors(payload(authors=[logo, odd]))


@pytest.mark.parametrize(
    "url",
    [
        "https://a.example/x\ny",
        "https://a.example/x\ty",
        "https://a.example/x y",
        "https://a.example/x\x7fy",
        "https://a.example:99999999/",
        "https://exa mple/",
    ],
)
def test_url_fast_path_never_accepts_what_the_rule_refuses(url: str) -> None:
    """The loaders' quick URL test gives way to the full rule for anything odd."""
    assert [("$.url", "url")] == load_errors(payload(url=url))
    with pytest.raises(nm.ValidationError):
        nm.loads(json.dumps(payload(url=url)))


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=30))
def test_url_fast_path_agrees_with_the_rule(tail: str) -> None:
    """For any ASCII tail, loading and the URL rule agree on https://host/ + tail."""
    url = "https://a.example/" + tail
    report: list[nm.ErrorDetail] = []
    check_url(url, "$", "url", report)
    text = json.dumps(payload(url=url))
    try:
        nm.loads(text)
        loaded_ok = True
    except nm.ValidationError:
        loaded_ok = False

    assert (report == []) == loaded_ok


def test_lenient_never_reads_an_ambiguous_zone_as_the_default() -> None:
    """A lenient date naming a zone that needs a guess (IST) is refused, not defaulted."""
    assert [("$.date_published", "invalid")] == load_errors(
        payload(date_published="October 13, 2024 9:04 PM IST"), lenient=True, default_tz="UTC"
    )
    a = nm.from_dict(
        payload(date_published="October 13, 2024 9:04 PM EDT"), lenient=True, default_tz="UTC"
    )

    assert timedelta(hours=-4) == a.date_published.utcoffset()


def _garbage_after(load: Any) -> int:
    """How many objects only the cycle collector could free after *load* raised."""
    with pytest.raises(nm.ValidationError):
        load()  # once before: a first lenient load imports python-dateutil
    gc.collect()
    gc.disable()
    try:
        with pytest.raises(nm.ValidationError):
            load()
        return gc.collect()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("changes", "options"),
    [
        ({"date_published": "2024-10-13T21:04:00"}, {}),
        ({"date_published": "not a date"}, {}),
        ({"date_published": "not a date"}, {"lenient": True}),
        ({"date_published": "13.10.2024 21:04"}, {"lenient": True}),
        ({"url": "javascript:alert(1)", "kind": "country", "extra": 1}, {}),
        ({"authors": [{"type": "person", "name": "A", "url": "relative/x"}]}, {}),
        ({"quotes": [{"text": "Q", "speaker": {"type": "robot"}, "date": "2024-13-01"}]}, {}),
        ({"headline": ...}, {}),
    ],
)
def test_a_refused_payload_leaves_no_reference_cycle(
    changes: dict[str, Any], options: dict[str, Any]
) -> None:
    """An error keeps no frame alive: the payload and the half-made article go at once."""
    data = payload(**changes)
    text = json.dumps(data)

    assert _garbage_after(lambda: nm.from_dict(data, **options)) == 0
    assert _garbage_after(lambda: nm.loads(text, **options)) == 0
