"""Tests for newsmodel.strategies: the values are valid and cover the whole model."""

from __future__ import annotations

import enum
import re
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import newsmodel as nm
from helpers import instances
from newsmodel import strategies
from newsmodel._models import paragraph_texts
from newsmodel._values import (
    canonical_language,
    check_datetime,
    check_language,
    check_text,
    check_text_line,
    check_url,
    is_url,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

_CLASSES: list[tuple[Callable[[], st.SearchStrategy[Any]], type | tuple[type, ...]]] = [
    (strategies.images, nm.Image),
    (strategies.organizations, nm.Organization),
    (strategies.persons, nm.Person),
    (strategies.authors, (nm.Person, nm.Organization)),
    (strategies.tags, nm.Tag),
    (strategies.quotes, nm.Quote),
    (strategies.related_stories, nm.RelatedStory),
    (strategies.articles, nm.Article),
]
_MODEL = (nm.Article, nm.Person, nm.Organization, nm.Tag, nm.Quote, nm.RelatedStory, nm.Image)

# No shrinking: the first example Hypothesis tries is the simplest one.
_FIRST = settings(
    phases=[Phase.generate], max_examples=1, database=None, derandomize=True, deadline=None
)


def problems(check: Callable[[object, str, str, list[Any]], None], value: object) -> list[Any]:
    report: list[Any] = []
    check(value, "$", "value", report)
    return report


def simplest(strategy: st.SearchStrategy[Any]) -> Any:
    return find(strategy, lambda _: True, settings=_FIRST)


def sample(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """Draw *count* values, the same ones on every run."""
    drawn: list[Any] = []

    @settings(
        max_examples=count,
        phases=[Phase.generate],
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    collect()
    return drawn


def objects(value: object) -> Iterator[Any]:
    """Every model object in *value*, nested ones included."""
    return instances(value, _MODEL)


def strings(value: object) -> Iterator[tuple[str, str]]:
    """Every (class.field, text) pair in *value*, nested objects included."""
    for obj in objects(value):
        for field in attrs.fields(type(obj)):
            found = getattr(obj, field.name)
            items = found if isinstance(found, tuple) else (found,)
            for item in items:
                if isinstance(item, str) and not isinstance(item, enum.Enum):
                    yield f"{type(obj).__name__}.{field.name}", item


@pytest.fixture(scope="module")
def drawn_articles() -> list[nm.Article]:
    return sample(strategies.articles(), 200)


# ----------------------------------------------------------------- validity


@pytest.mark.parametrize(("make", "cls"), _CLASSES)
@given(data=st.data())
def test_draws_valid_instances_of_the_class(
    make: Callable[[], st.SearchStrategy[Any]], cls: type | tuple[type, ...], data: st.DataObject
) -> None:
    """Each class strategy draws instances of its class that pass the class's checks again."""
    value: Any = data.draw(make())
    checked_again = attrs.evolve(value)

    assert isinstance(value, cls)
    assert value == checked_again


@given(strategies.text_lines())
def test_text_lines_are_valid_text_lines(text: str) -> None:
    """A drawn text line passes the rule, and holds no line break."""
    assert [] == problems(check_text_line, text)
    assert [] == [char for char in "\n\r\u2028\u2029\x85" if char in text]


@given(strategies.texts())
def test_texts_are_valid_texts(text: str) -> None:
    """A drawn text passes the rule."""
    assert [] == problems(check_text, text)
    assert text.strip() != ""


@given(strategies.urls())
def test_urls_are_valid_urls(url: str) -> None:
    """A drawn URL passes the rule."""
    assert [] == problems(check_url, url)
    assert url.lower().startswith(("http://", "https://"))


@given(strategies.language_tags())
def test_language_tags_are_well_formed_and_canonical(tag: str) -> None:
    """A drawn language tag is well formed, and already in canonical case."""
    assert [] == problems(check_language, tag)
    assert tag == canonical_language(tag)


@given(strategies.aware_datetimes())
def test_aware_datetimes_have_whole_minute_offsets(value: datetime) -> None:
    """A drawn datetime has a fixed offset of whole minutes and converts to UTC."""
    offset = value.utcoffset()

    assert [] == problems(check_datetime, value)
    assert offset is not None
    assert timedelta(0) == offset % timedelta(minutes=1)
    assert abs(offset) < timedelta(days=1)
    assert value == value.astimezone(timezone.utc)


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)).flatmap(
        lambda low: st.tuples(
            st.just(low),
            strategies.aware_datetimes(min_value=low, max_value=low + timedelta(days=1)),
        )
    )
)
def test_aware_datetimes_keep_to_their_bounds(bounds_and_value: tuple[datetime, datetime]) -> None:
    """Bounds are local times: the drawn value's local time lies between them."""
    low, value = bounds_and_value

    assert low <= value.replace(tzinfo=None) <= low + timedelta(days=1)


@pytest.mark.parametrize(
    "bounds",
    [
        {"min_value": datetime(1, 1, 1)},
        {"max_value": datetime(9999, 12, 31)},
        {"min_value": datetime(2024, 1, 1, tzinfo=timezone.utc)},
    ],
)
def test_aware_datetimes_refuse_bounds_that_could_not_convert(bounds: dict[str, datetime]) -> None:
    """Bounds outside the convertible range, or aware ones, are an InvalidArgument."""
    with pytest.raises(InvalidArgument, match="expected a naive datetime"):
        strategies.aware_datetimes(**bounds)


@given(strategies.articles())
def test_articles_keep_the_cross_field_rules(article: nm.Article) -> None:
    """Datelines on news kinds only, dates in order, unique tag names and related urls."""
    names = [tag.name.casefold() for tag in article.tags]
    urls = [story.url for story in article.related]

    assert article.dateline is None or article.kind.is_news
    assert article.date_modified is None or article.date_modified >= article.date_published
    assert len(set(names)) == len(names)
    assert len(set(urls)) == len(urls)


#: The ends of time: the latest instant seen from the far west, the earliest from the far east.
_EDGES = [
    strategies.MAX_DATETIME.replace(tzinfo=timezone(-timedelta(minutes=1439))),
    strategies.MIN_DATETIME.replace(tzinfo=timezone(timedelta(minutes=1439))),
    strategies.MAX_DATETIME.replace(tzinfo=timezone.utc),
]


@given(st.sampled_from(_EDGES) | strategies.aware_datetimes(), st.data())
def test_modified_dates_are_never_before_published(
    published: datetime, data: st.DataObject
) -> None:
    """The date drawn for `date_modified` is valid and not before `date_published`, at any time."""
    modified = data.draw(strategies._not_before(published))

    assert [] == problems(check_datetime, modified)
    assert modified >= published


# ---------------------------------------------------------------- shrinking


def test_simplest_article_is_minimal() -> None:
    """The simplest article is a news article with a url, a headline, a language and a date."""
    expected = nm.Article(
        url="https://example.com",
        headline="0",
        language="en",
        date_published=datetime(2000, 1, 1, tzinfo=timezone.utc),
    )

    assert expected == simplest(strategies.articles())


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        (strategies.images(), nm.Image(url="https://example.com")),
        (strategies.persons(), nm.Person(name="0")),
        (strategies.authors(), nm.Person(name="0")),
        (strategies.organizations(), nm.Organization(name="0")),
        (strategies.tags(), nm.Tag(name="0")),
        (strategies.quotes(), nm.Quote(text="0", speaker=nm.Person(name="0"))),
        (
            strategies.related_stories(),
            nm.RelatedStory(url="https://example.com", headline="0"),
        ),
        (strategies.urls(), "https://example.com"),
        (strategies.text_lines(), "0"),
        (strategies.texts(), "0"),
        (strategies.language_tags(), "en"),
        (strategies.aware_datetimes(), datetime(2000, 1, 1, tzinfo=timezone.utc)),
    ],
)
def test_simplest_values(strategy: st.SearchStrategy[Any], expected: object) -> None:
    """Each strategy starts from (and shrinks towards) its simplest value."""
    assert expected == simplest(strategy)


def test_shrinks_to_the_simplest_tag_with_a_property() -> None:
    """A failing tag shrinks to the simplest one that still fails: simple values stay simple."""
    found = find(
        strategies.tags(),
        lambda tag: tag.kind is nm.TagKind.PLACE and tag.explicit_slug is not None,
        settings=settings(database=None, derandomize=True, deadline=None),
    )

    assert nm.Tag(name="0", kind=nm.TagKind.PLACE, slug="0") == found


# ----------------------------------------------------------------- coverage


_NONE = st.nothing()
#: Articles without nested objects: cheap to draw when only the top level matters.
_BARE_ARTICLES = strategies.articles(
    authors=_NONE, publishers=_NONE, tags=_NONE, images=_NONE, quotes=_NONE, related=_NONE
)
_BARE_ARTICLES_WITH_IMAGES = strategies.articles(
    authors=_NONE, publishers=_NONE, tags=_NONE, quotes=_NONE, related=_NONE
)
# Generate until a value is found, without shrinking it.
_REACH = settings(
    phases=[Phase.generate],
    max_examples=1000,
    database=None,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.parametrize(
    ("strategy", "attribute", "member"),
    [
        *((_BARE_ARTICLES, "kind", member) for member in nm.ArticleKind),
        *((strategies.tags(), "kind", member) for member in nm.TagKind),
        *((strategies.related_stories(), "relation", member) for member in nm.Relation),
    ],
    ids=str,
)
def test_every_enum_value_is_drawn(
    strategy: st.SearchStrategy[Any], attribute: str, member: enum.Enum
) -> None:
    """Every member of each enum is drawn: articles of every kind, tags, relations."""
    found = find(strategy, lambda value: getattr(value, attribute) is member, settings=_REACH)

    assert member is getattr(found, attribute)


@given(_BARE_ARTICLES)
def test_nothing_leaves_lists_empty(article: nm.Article) -> None:
    """`st.nothing()` for a list's elements draws articles without any."""
    assert ((), None, (), (), (), ()) == (
        article.authors,
        article.publisher,
        article.tags,
        article.images,
        article.quotes,
        article.related,
    )


def test_every_optional_field_is_drawn_present_and_absent(
    drawn_articles: list[nm.Article],
) -> None:
    """Every field with a default, of every class, is drawn both with and without a value."""
    seen: set[tuple[str, str, bool]] = set()
    for obj in objects(tuple(drawn_articles)):
        for field in attrs.fields(type(obj)):
            if field.default is not attrs.NOTHING:
                value = getattr(obj, field.name)
                seen.add((type(obj).__name__, field.name, value != field.default))
    expected = {
        (cls.__name__, field.name, present)
        for cls in _MODEL
        for field in attrs.fields(cls)
        if field.default is not attrs.NOTHING
        for present in (True, False)
    }

    assert set() == expected - seen


@pytest.mark.parametrize(
    ("label", "where"),
    [
        ("authors", lambda a: list(a.authors)),
        ("speakers", lambda a: [quote.speaker for quote in a.quotes]),
        ("related authors", lambda a: [p for s in a.related for p in s.authors]),
    ],
)
def test_both_kinds_of_author_are_drawn(
    drawn_articles: list[nm.Article], label: str, where: Callable[[nm.Article], list[Any]]
) -> None:
    """Persons and organizations both occur as bylines, speakers and related-story authors."""
    seen = {type(author) for article in drawn_articles for author in where(article)}

    assert {nm.Person, nm.Organization} == seen, label


def test_nested_objects_are_drawn(drawn_articles: list[nm.Article]) -> None:
    """Affiliations, logos and portraits occur, and a logo inside an affiliation."""
    people = [obj for obj in objects(tuple(drawn_articles)) if isinstance(obj, nm.Person)]

    assert any(p.affiliation is not None and p.affiliation.logo is not None for p in people)
    assert any(p.image is not None for p in people)


def test_speakers_are_sometimes_the_articles_own_authors(
    drawn_articles: list[nm.Article],
) -> None:
    """Some quotes are by one of the article's bylines, as in real stories."""
    assert any(quote.speaker in a.authors for a in drawn_articles for quote in a.quotes)


def test_texts_come_from_every_plane(drawn_articles: list[nm.Article]) -> None:
    """Texts hold characters beyond the Basic Multilingual Plane, and paragraphs hold newlines."""
    texts = [text for article in drawn_articles for _, text in strings(article)]

    assert any(ord(char) > 0xFFFF for text in texts for char in text)
    assert any(
        "\n" in paragraph
        for article in drawn_articles
        for paragraph in paragraph_texts(article.body)
    )
    assert any(not char.isascii() for text in texts for char in text)


def test_dates_cover_a_wide_range_of_years_and_offsets(drawn_articles: list[nm.Article]) -> None:
    """Dates range over centuries, with offsets east and west of UTC, and modified dates."""
    dates = [a.date_published for a in drawn_articles]
    offsets = {value.utcoffset() for value in dates}

    assert min(value.year for value in dates) < 1900
    assert max(value.year for value in dates) > 2100
    assert any(offset is not None and offset < timedelta(0) for offset in offsets)
    assert any(offset is not None and offset > timedelta(0) for offset in offsets)
    assert any(a.date_modified is not None for a in drawn_articles)


def test_quote_dates_are_dates_and_datetimes(drawn_articles: list[nm.Article]) -> None:
    """A quote's date is sometimes a calendar date and sometimes an aware datetime."""
    kinds = {type(quote.date) for article in drawn_articles for quote in article.quotes}

    assert {type(None), date, datetime} == kinds


def test_slugs_and_reading_times_are_explicit_and_derived(
    drawn_articles: list[nm.Article],
) -> None:
    """Tags have explicit and derived slugs; articles explicit and derived reading times."""
    tags = [tag for article in drawn_articles for tag in article.tags]
    derived = [a for a in drawn_articles if a.explicit_reading_time_minutes is None and a.body]

    assert any(tag.explicit_slug is not None for tag in tags)
    assert any(tag.explicit_slug is None for tag in tags)
    assert any(not tag.slug.isascii() for tag in tags if tag.explicit_slug is not None)
    assert any(a.reading_time_minutes is not None for a in derived)
    assert all((a.reading_time_minutes is None) == (a.word_count == 0) for a in derived)


def test_datelines_occur_on_news_kinds(drawn_articles: list[nm.Article]) -> None:
    """Some news articles have a dateline (and no other kind has one)."""
    kinds = {a.kind for a in drawn_articles if a.dateline is not None}

    assert kinds
    assert all(kind.is_news for kind in kinds)


@pytest.mark.parametrize(
    ("label", "pattern"),
    [
        ("plain host", r"https?://[a-z0-9.-]+\Z"),
        ("IPv6 host", r"(?i)https?://\["),
        ("upper-case scheme", r"HTTPS?://|Http"),
        ("port", r"(?i)https?://[^/?#]+:[0-9]+"),
        ("non-ASCII host", r"(?i)https?://[^/?#]*[^\x00-\x7f]"),
        ("path", r"(?i)https?://[^/?#]+/."),
        ("query", r"(?i)https?://[^/?#]+\?"),
    ],
)
def test_urls_take_many_forms(drawn_articles: list[nm.Article], label: str, pattern: str) -> None:
    """URLs have plain and international hosts, IPv6 literals, ports, paths and queries."""
    urls = [text for a in drawn_articles for name, text in strings(a) if name.endswith("url")]

    assert all(is_url(url) for url in urls)
    assert any(re.match(pattern, url) for url in urls), label


@pytest.mark.parametrize(
    ("label", "pattern"),
    [
        ("script", r"[a-z]{2,3}(-[a-z]{3})*-[A-Z][a-z]{3}\b"),
        ("region", r"[a-z]{2,3}(-[a-z]{3})*(-[A-Z][a-z]{3})?-([A-Z]{2}|[0-9]{3})\b"),
        ("extension", r".*-[0-9a-wyz]-[a-z0-9]{2,8}"),
        ("private use", r"(.*-)?x-"),
        ("grandfathered", r"i-|.*-oed\Z|sgn-"),
    ],
)
def test_language_tags_take_every_form(
    drawn_articles: list[nm.Article], label: str, pattern: str
) -> None:
    """Language tags have scripts, regions, extensions, private use, or are grandfathered."""
    assert any(re.match(pattern, a.language) for a in drawn_articles), label


# --------------------------------------------------------------------- body

_BODY_CLASSES = (
    nm.Paragraph,
    nm.Heading,
    nm.List,
    nm.ListItem,
    nm.BlockQuote,
    nm.Preformatted,
    nm.Figure,
    nm.Embed,
    nm.Separator,
    nm.Emphasis,
    nm.Strong,
    nm.Code,
    nm.Link,
)


def body_objects(value: object) -> Iterator[Any]:
    """Every block, list item and inline in *value* (a body), nested ones included."""
    return instances(value, _BODY_CLASSES)


def is_plain(body: tuple[nm.Block, ...]) -> bool:
    return all(isinstance(block, str) for block in body)


def body_features(body: tuple[nm.Block, ...]) -> set[tuple[str, str, object]]:
    """What *body* shows of the body model: classes, optional fields set and not, link schemes."""
    found: set[tuple[str, str, object]] = set()
    for obj in body_objects(body):
        name = type(obj).__name__
        found.add((name, "", True))
        for field in attrs.fields(type(obj)):
            if field.default is not attrs.NOTHING:
                found.add((name, field.name, getattr(obj, field.name) != field.default))
        if isinstance(obj, nm.Link):
            found.add((name, "url", obj.url.partition(":")[0].lower()))
    return found


_BODY_FEATURES = {
    *((cls.__name__, "", True) for cls in _BODY_CLASSES),
    *(
        (cls.__name__, field.name, present)
        for cls in _BODY_CLASSES
        for field in attrs.fields(cls)
        if field.default is not attrs.NOTHING
        for present in (True, False)
    ),
    *(("Link", "url", scheme) for scheme in ("http", "https", "mailto")),
}


def test_articles_draw_every_block_and_inline() -> None:
    """Bodies hold every kind of block and inline, each optional field set and not."""
    seen: set[tuple[str, str, object]] = set()

    def all_seen(article: nm.Article) -> bool:
        seen.update(body_features(article.body))
        return _BODY_FEATURES <= seen

    find(_BARE_ARTICLES_WITH_IMAGES, all_seen, settings=_REACH)


def test_plain_and_structured_bodies_are_both_common(drawn_articles: list[nm.Article]) -> None:
    """A fifth of the articles or more have plain paragraphs only, and as many structured ones."""
    bodies = [article.body for article in drawn_articles if article.body]
    plain = [body for body in bodies if is_plain(body)]
    mixed = [
        body for body in bodies if not is_plain(body) and any(isinstance(b, str) for b in body)
    ]

    assert len(plain) >= len(drawn_articles) // 5
    assert len(bodies) - len(plain) >= len(drawn_articles) // 5
    assert mixed  # plain paragraphs between structured blocks


def test_figures_show_one_of_the_articles_images(drawn_articles: list[nm.Article]) -> None:
    """Figures are drawn, each with the url of one of its article's images."""
    shown = [
        (block.image, {image.url for image in article.images})
        for article in drawn_articles
        for block in article.body
        if isinstance(block, nm.Figure)
    ]

    assert shown
    assert all(url in urls for url, urls in shown)


@given(strategies.articles(rich_body=False))
def test_rich_body_false_draws_plain_paragraphs_only(article: nm.Article) -> None:
    """``rich_body=False`` draws the bodies of plain paragraphs that scrapers produce."""
    assert is_plain(article.body)


@given(strategies.articles(images=st.nothing()))
def test_articles_without_images_have_no_figures(article: nm.Article) -> None:
    """With no images to show, no figure is drawn (and the article is valid)."""
    assert not any(isinstance(block, nm.Figure) for block in article.body)


# -------------------------------------------------------------- parameters


@given(
    strategies.articles(
        kinds=st.just(nm.ArticleKind.OPINION),
        authors=strategies.organizations(),
        languages=st.just("uk"),
    )
)
def test_article_sub_strategies_are_used(article: nm.Article) -> None:
    """Given strategies replace the defaults, for bylines and quote speakers alike."""
    assert nm.ArticleKind.OPINION == article.kind
    assert "uk" == article.language
    assert all(isinstance(author, nm.Organization) for author in article.authors)
    assert all(isinstance(quote.speaker, nm.Organization) for quote in article.quotes)


@given(
    strategies.persons(
        names=st.just("Abbey Fenbert"),
        affiliations=strategies.organizations(names=st.just("The Kyiv Independent")),
    )
)
def test_person_sub_strategies_are_used(person: nm.Person) -> None:
    """Names and affiliations come from the given strategies."""
    assert "Abbey Fenbert" == person.name
    assert person.affiliation is None or "The Kyiv Independent" == person.affiliation.name


# ------------------------------------------------------------- registration


@pytest.mark.parametrize("cls", _MODEL)
@given(data=st.data())
def test_from_type_uses_the_strategies(cls: type, data: st.DataObject) -> None:
    """With newsmodel installed, `st.from_type` draws valid instances of every class."""
    value = data.draw(st.from_type(cls))

    assert isinstance(value, cls)


def test_from_type_draws_both_kinds_of_author() -> None:
    """`st.from_type(nm.Author)` draws persons and organizations."""
    seen = {type(author) for author in sample(st.from_type(cast("Any", nm.Author)), 50)}

    assert {nm.Person, nm.Organization} == seen


def test_setup_hook_registers_every_class() -> None:
    """The entry point's hook registers a strategy for every class of the model."""
    from importlib.metadata import entry_points

    from newsmodel._hypothesis import _hypothesis_setup_hook

    [entry] = [e for e in entry_points(group="hypothesis") if e.value.startswith("newsmodel")]
    assert "newsmodel._hypothesis:_hypothesis_setup_hook" == entry.value
    _hypothesis_setup_hook()
    drawn = [simplest(st.from_type(cls)) for cls in _MODEL]

    assert list(_MODEL) == [type(value) for value in drawn]
