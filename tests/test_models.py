"""Tests for the model classes: construction, immutability, derived values, rules."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

import newsmodel as nm

KYIV = timezone(timedelta(hours=3))
PUBLISHED = datetime(2024, 10, 13, 21, 4, tzinfo=KYIV)


def article(**changes: Any) -> nm.Article:
    fields: dict[str, Any] = {
        "url": "https://kyivindependent.com/a/",
        "headline": "Zelensky warns of 'increasing alliance'",
        "language": "en",
        "date_published": PUBLISHED,
    }
    fields.update(changes)
    return nm.Article(**fields)


def codes(error: nm.ValidationError) -> list[tuple[str, str]]:
    return [(detail.path, detail.code) for detail in error.errors]


def test_minimal_article_has_defaults() -> None:
    """An article needs url, headline, language and date_published; the rest defaults."""
    a = article()

    assert (nm.ArticleKind.NEWS, (), True, None) == (
        a.kind,
        a.authors,
        a.is_accessible_for_free,
        a.reading_time_minutes,
    )


def test_frozen() -> None:
    """Instances cannot be changed in place."""
    a = article()

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.headline = "Changed"  # type: ignore[misc]


def test_hashable_and_equal_by_value() -> None:
    """Equal articles hash alike, so they work in sets and as dict keys."""
    tag = nm.Tag(name="Ukraine", kind=nm.TagKind.PLACE)

    assert 1 == len({article(tags=[tag]), article(tags=(tag,))})


def test_lists_become_tuples() -> None:
    """Sequences given as lists are stored as tuples."""
    a = article(body=["One.", "Two."], tags=[nm.Tag(name="War")])

    assert (tuple, tuple) == (type(a.body), type(a.tags))


def test_language_is_stored_in_canonical_case() -> None:
    """Language tags are normalized to canonical case on construction."""
    assert "en-GB" == article(language="en-gb").language


def test_evolve_makes_a_checked_copy() -> None:
    """attrs.evolve gives a changed copy and runs the same checks."""
    a = article()

    changed = attrs.evolve(a, headline="New headline")
    with pytest.raises(nm.ValidationError) as caught:
        attrs.evolve(a, url="javascript:alert(1)")

    assert ("New headline", a.headline, [("$.url", "url")]) == (
        changed.headline,
        "Zelensky warns of 'increasing alliance'",
        codes(caught.value),
    )


def test_bad_values_are_all_reported() -> None:
    """Constructing with several bad values reports each, at its path, in one raise."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.Article(
            url="kyivindependent.com",
            headline=" ",
            language="english",
            date_published=datetime(2024, 10, 13),
            body=("fine", "bad\x00"),
            reading_time_minutes=0,
        )

    assert [
        ("$.url", "url"),
        ("$.headline", "empty"),
        ("$.language", "language"),
        ("$.date_published", "timezone"),
        ("$.body[1]", "invalid"),
        ("$.reading_time_minutes", "invalid"),
    ] == codes(caught.value)


def test_validation_error_is_a_value_error_and_readable() -> None:
    """ValidationError subclasses ValueError and lists its problems in str()."""
    with pytest.raises(ValueError, match=r"1 problem found:\n  \$\.url: url: expected"):
        article(url="ftp://example.com/")


def test_validation_error_pickles() -> None:
    """A ValidationError survives pickling (e.g. across worker processes)."""
    with pytest.raises(nm.ValidationError) as caught:
        article(url="x")

    copy = pickle.loads(pickle.dumps(caught.value))

    assert caught.value.errors == copy.errors


def test_wrong_nested_types() -> None:
    """A dict where a Person or Organization belongs is a type error at its index."""
    with pytest.raises(nm.ValidationError) as caught:
        article(authors=[nm.Person(name="A"), {"name": "B"}], tags="Ukraine")

    assert [("$.authors[1]", "type"), ("$.tags", "type")] == codes(caught.value)
    assert "expected a Person or an Organization, found a dict with 1 key" == (
        caught.value.errors[0].message
    )


def test_dateline_only_on_news_kinds() -> None:
    """A dateline on a kind that is not a NewsArticle is refused."""
    article(dateline="KYIV, Ukraine", kind=nm.ArticleKind.ANALYSIS)

    with pytest.raises(nm.ValidationError) as caught:
        article(dateline="KYIV, Ukraine", kind=nm.ArticleKind.BLOG_POSTING)

    assert [("$.dateline", "invalid")] == codes(caught.value)


def test_date_order() -> None:
    """date_modified may not be earlier than date_published (compared as instants)."""
    article(date_modified=datetime(2024, 10, 13, 18, 4, tzinfo=timezone.utc))

    with pytest.raises(nm.ValidationError) as caught:
        article(date_modified=datetime(2024, 10, 13, 18, 3, tzinfo=timezone.utc))

    assert [("$.date_modified", "date_order")] == codes(caught.value)


def test_duplicate_tags_ignore_case() -> None:
    """Tag names must be unique ignoring case; the message points at the first one."""
    with pytest.raises(nm.ValidationError) as caught:
        article(tags=[nm.Tag(name="Ukraine"), nm.Tag(name="War"), nm.Tag(name="UKRAINE")])

    assert [("$.tags[2].name", "duplicate")] == codes(caught.value)
    assert "first at $.tags[0]" in caught.value.errors[0].message


def test_duplicate_related_urls() -> None:
    """Related stories must have distinct urls."""
    story = nm.RelatedStory(url="https://a.example/x", headline="X")

    with pytest.raises(nm.ValidationError) as caught:
        article(related=[story, attrs.evolve(story, headline="Y")])

    assert [("$.related[1].url", "duplicate")] == codes(caught.value)


def test_word_count_and_reading_time() -> None:
    """Words are counted in the body; reading time derives at WORDS_PER_MINUTE."""
    body = ["word " * 150, "Ukraine's front-line U.S. troops — 2024"]
    a = article(body=body)

    assert (150 + 5, 1) == (a.word_count, a.reading_time_minutes)
    assert 2 == article(body=["w " * (nm.WORDS_PER_MINUTE + 1)]).reading_time_minutes


def test_explicit_reading_time_wins() -> None:
    """An explicit reading time is kept and reported as explicit."""
    a = article(body=["short"], reading_time_minutes=7)

    assert (7, 7) == (a.reading_time_minutes, a.explicit_reading_time_minutes)
    assert article(body=["short"]).explicit_reading_time_minutes is None


def test_tag_slug_derived_or_explicit() -> None:
    """A tag's slug is derived from its name unless one is given."""
    derived = nm.Tag(name="North Korea")
    explicit = nm.Tag(name="North Korea", slug="dprk")

    assert ("north-korea", None, "dprk", "dprk") == (
        derived.slug,
        derived.explicit_slug,
        explicit.slug,
        explicit.explicit_slug,
    )


def test_bad_slug() -> None:
    """An explicit slug must be lowercase letters and digits joined by hyphens."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.Tag(name="North Korea", slug="North Korea")

    assert [("$.slug", "invalid")] == codes(caught.value)


def test_quote_date_may_be_a_date_or_aware_datetime() -> None:
    """A quote's date is a calendar date or an aware datetime, never a naive one."""
    speaker = nm.Person(name="Volodymyr Zelensky")
    nm.Quote(text="We see.", speaker=speaker, date=date(2024, 10, 13))
    nm.Quote(text="We see.", speaker=speaker, date=PUBLISHED)

    with pytest.raises(nm.ValidationError) as caught:
        nm.Quote(text="We see.", speaker=speaker, date=datetime(2024, 10, 13))

    assert [("$.date", "timezone")] == codes(caught.value)


def test_enum_fields_take_members_or_values() -> None:
    """Enum fields take a member or its value; anything else says which values exist."""
    assert (nm.TagKind.PLACE, nm.ArticleKind.OPINION, nm.Relation.CITED) == (
        nm.Tag(name="Kyiv", kind="place").kind,
        article(kind="opinion").kind,
        nm.RelatedStory(url="https://a.example/", headline="A", relation="cited").relation,
    )
    with pytest.raises(nm.ValidationError) as caught:
        nm.Tag(name="Kyiv", kind="planet")

    assert [("$.kind", "invalid")] == codes(caught.value)
    assert "'topic', 'person', 'organization', 'place', 'event'" in caught.value.errors[0].message


def test_image_dimensions() -> None:
    """Width and height are positive integers."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.Image(url="https://a.example/i.jpg", width=0, height=True)

    assert [("$.width", "invalid"), ("$.height", "type")] == codes(caught.value)


def test_lead_image() -> None:
    """The lead image is the first image."""
    first = nm.Image(url="https://a.example/1.jpg")

    assert (first, None) == (
        article(images=[first, nm.Image(url="https://a.example/2.jpg")]).lead_image,
        article().lead_image,
    )


@pytest.mark.parametrize("kind", list(nm.ArticleKind))
def test_is_news(kind: nm.ArticleKind) -> None:
    """The NewsArticle family is exactly the seven news kinds."""
    news = {"news", "reportage", "analysis", "opinion", "background", "review", "ask_public"}

    assert (kind.value in news) == kind.is_news
