"""
Hypothesis strategies that draw valid newsmodel objects.

Use them to property-test code that handles articles: a feed builder, a
search indexer, a converter of your own. Every strategy draws *valid* values
across the whole model (text from every Unicode plane, every enum value,
optional fields present and absent, nested authors, affiliations, logos and
images, dates with any whole-minute UTC offset) and builds instances through
the classes' own constructors, so a value that broke a rule would fail loudly
instead of reaching your test.

This module needs Hypothesis, which the ``hypothesis`` extra installs
(``pip install "pynewsmodel[hypothesis]"``); ``import newsmodel`` never imports
it. With newsmodel installed, ``st.from_type(newsmodel.Article)`` (and the same
for every other class) uses these strategies: Hypothesis finds them through
the package's entry point.

Strategies shrink towards the simplest value: absent optional fields, the
default enum member, ``https://example.com``, the text ``"0"``, UTC and
midnight on 2000-01-01, no authors, tags or quotes.
"""

from __future__ import annotations

import functools
import string
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, TypeVar

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - depends on the environment
    from ._distribution import install_hint

    msg = f"newsmodel.strategies needs Hypothesis: {install_hint('hypothesis')}"
    raise ImportError(msg) from error

from ._body import Figure
from ._body_strategies import bodies, body_blocks, inline_content, link_urls, paragraph_of
from ._models import (
    Article,
    ArticleKind,
    Image,
    Organization,
    Person,
    Quote,
    RelatedStory,
    Relation,
    Tag,
    TagKind,
)
from ._rules import field_rules
from ._values import (
    GRANDFATHERED,
    IPRIVATE,
    MAX_INT,
    URL_PARTS,
    host_too_long,
    minus_ranges,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hypothesis.internal.charmap import CategoryName
    from hypothesis.strategies import DrawFn, SearchStrategy

    from ._body import Block

__all__ = [
    "MAX_DATETIME",
    "MIN_DATETIME",
    "articles",
    "authors",
    "aware_datetimes",
    "bodies",
    "body_blocks",
    "images",
    "inline_content",
    "language_tags",
    "link_urls",
    "organizations",
    "persons",
    "quotes",
    "related_stories",
    "tags",
    "text_lines",
    "texts",
    "urls",
]

_T = TypeVar("_T")

#: The earliest local time `aware_datetimes` draws: with any offset (less than a
#: day either way) the instant still falls within years 1 to 9999 UTC.
MIN_DATETIME = datetime(1, 1, 2)
#: The latest local time `aware_datetimes` draws.
MAX_DATETIME = datetime(9999, 12, 30, 23, 59, 59, 999999)

# --------------------------------------------------------------- alphabets
# The rules are in newsmodel._values: a text line may hold no control
# character (C0, DEL, C1: category Cc), no line or paragraph separator
# (U+2028, U+2029: Zl, Zp) and no lone surrogate (Cs); a text may also hold
# "\n". Everything else, in every plane, is allowed, including unassigned
# and private-use code points.
_TEXT_LINE_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def _optional(strategy: SearchStrategy[_T]) -> SearchStrategy[_T | None]:
    # Absent first: that is the simpler value, and where shrinking goes.
    return st.none() | strategy


def _not_blank(value: str) -> bool:
    return value != "" and not value.isspace()


def text_lines(*, max_size: int | None = None) -> SearchStrategy[str]:
    """
    Draw one-line texts: non-blank, no line breaks, no control characters.

    Characters come from every Unicode plane; leading, trailing and inner
    whitespace other than line breaks is allowed. Shrinks towards ``"0"``.

    Args:
        max_size: The most characters a text may have (unbounded by default).

    Returns:
        A strategy for `str` values valid as a ``TextLine`` field.
    """
    return st.text(_TEXT_LINE_CHARS, min_size=1, max_size=max_size).filter(_not_blank)


def texts(*, max_size: int | None = None) -> SearchStrategy[str]:
    """
    Draw texts: like `text_lines`, but they may also hold line breaks (newlines).

    One line, or several joined by newlines (some of them empty or blank,
    at the start, the end or between). Shrinks towards ``"0"``.

    Args:
        max_size: The most characters a text may have (unbounded by default).

    Returns:
        A strategy for `str` values valid as a ``Text`` field (a paragraph,
        a caption, a description).
    """
    lines = st.lists(st.text(_TEXT_LINE_CHARS, max_size=max_size), min_size=2, max_size=5)
    return st.one_of(
        st.text(_TEXT_LINE_CHARS, min_size=1, max_size=max_size),
        lines.map("\n".join),
    ).filter(lambda text: _not_blank(text) and (max_size is None or len(text) <= max_size))


def _dns_names() -> SearchStrategy[str]:
    label = st.text(_LOWER_ALNUM, min_size=1, max_size=12) | st.from_regex(
        r"[a-z0-9][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True
    )
    return st.lists(label, min_size=1, max_size=4).map(".".join)


def _ipv6_hosts() -> SearchStrategy[str]:
    groups = st.lists(st.integers(0, 0xFFFF).map("{:x}".format), min_size=8, max_size=8)
    return st.one_of(
        st.just("[::1]"),
        groups.map(lambda parts: "[" + ":".join(parts) + "]"),
        groups.map(lambda parts: "[" + ":".join(parts[:3]) + "::" + parts[7] + "]"),
    )


@functools.cache
def _url_chars(part: str) -> SearchStrategy[str]:
    # The characters newsmodel._values.URL_PARTS gives the part (shrinking
    # towards "0"): surrogates and private use are left out by category
    # (private use is all the query has beyond the path), short runs of
    # other code points by name, the few long runs by a filter.
    ranges = URL_PARTS[part]
    top = max(high for _, high in ranges)
    categories: tuple[CategoryName, ...] = ("Cs",)
    holes: tuple[tuple[int, int], ...] = ((0xD800, 0xDFFF),)
    if minus_ranges(IPRIVATE, ranges):
        categories, holes = ("Cs", "Co"), (*holes, *IPRIVATE)
    outside = minus_ranges(minus_ranges(((0, top),), ranges), holes)
    short = "".join(
        chr(code) for low, high in outside if high - low < 64 for code in range(low, high + 1)
    )
    long_runs = [(low, high) for low, high in outside if high - low >= 64]

    def kept(char: str) -> bool:
        return not any(low <= ord(char) <= high for low, high in long_runs)

    characters = st.characters(
        max_codepoint=top, exclude_categories=categories, exclude_characters=short
    )
    return characters.filter(kept) if long_runs else characters


@functools.cache
def _url_part(part: str, max_size: int) -> SearchStrategy[str]:
    # Characters of the part and percent-escapes, in either case.
    byte = st.integers(0, 255)
    escape = byte.map("%{:02X}".format) | byte.map("%{:02x}".format)
    return st.lists(_url_chars(part) | escape, max_size=max_size).map("".join)


def _iri_hosts() -> SearchStrategy[str]:
    label = _url_part("label", 8).filter(bool)
    return (
        st.lists(label, min_size=1, max_size=3)
        .map(".".join)
        .filter(lambda host: host_too_long(host) is None)
    )


def urls() -> SearchStrategy[str]:
    """
    Draw absolute ``http`` and ``https`` URLs with a host: IRIs, as the rule has them.

    Hosts are plain DNS names, internationalized names (any characters a
    host label may hold, percent-escapes too) or IPv6 literals; a port, a
    path, a query and a fragment may follow, each drawn from the characters
    the URL rule (`newsmodel._values.URL_PARTS`) gives that part, with
    Unicode and percent-escapes. The scheme's case varies (``HTTPS://`` is as
    valid as ``https://``). Shrinks towards ``https://example.com``.

    Returns:
        A strategy for `str` values valid as a ``URL`` field.
    """
    return _urls()


@functools.cache
def _url_parts() -> tuple[SearchStrategy[str], ...]:
    # Built once: a composite that built them per draw would spend its time there.
    return (
        st.sampled_from(["https", "http", "HTTPS", "Http"]),
        st.one_of(st.just("example.com"), _dns_names(), _iri_hosts(), _ipv6_hosts()),
        st.one_of(st.just(""), st.integers(0, 65535).map(":{}".format)),
        st.one_of(st.just(""), st.just("/"), _url_part("path", 30).map("/{}".format)),
        st.one_of(st.just(""), _url_part("query", 20).map("?{}".format)),
        st.one_of(st.just(""), _url_part("fragment", 10).map("#{}".format)),
    )


@st.composite
def _urls(draw: DrawFn) -> str:
    # A composite, so that the strategy's repr (and the articles') stays short.
    scheme, host, port, path, query, fragment = (draw(part) for part in _url_parts())
    return f"{scheme}://{host}{port}{path}{query}{fragment}"


_COMMON_LANGUAGES = (
    "en",
    "en-GB",
    "en-US",
    "uk",
    "de",
    "fr",
    "es-419",
    "pt-BR",
    "sr-Latn-RS",
    "zh-Hant-TW",
    "ar",
    "ja",
)


def _letters(low: int, high: int) -> SearchStrategy[str]:
    return st.text(string.ascii_lowercase, min_size=low, max_size=high)


def _alnum(low: int, high: int) -> SearchStrategy[str]:
    return st.text(_LOWER_ALNUM, min_size=low, max_size=high)


@st.composite
def _well_formed_tags(draw: DrawFn) -> str:
    # RFC 5646 "langtag", in canonical case: language and extended language
    # subtags lowercase, script titlecase, region uppercase, the rest lowercase.
    parts = [draw(_letters(2, 3))]
    parts += draw(st.lists(_letters(3, 3), max_size=3))
    script = draw(_optional(_letters(4, 4).map(str.title)))
    if script is not None:
        parts.append(script)
    region = draw(
        _optional(_letters(2, 2).map(str.upper) | st.text(string.digits, min_size=3, max_size=3))
    )
    if region is not None:
        parts.append(region)
    variants = _alnum(5, 8) | st.builds("{}{}".format, st.sampled_from(string.digits), _alnum(3, 3))
    parts += draw(st.lists(variants, max_size=2, unique=True))
    singletons = st.sampled_from([c for c in _LOWER_ALNUM if c != "x"])
    extensions = st.tuples(singletons, st.lists(_alnum(2, 8), min_size=1, max_size=2))
    for singleton, subtags in draw(st.lists(extensions, max_size=2, unique_by=lambda e: e[0])):
        parts += [singleton, *subtags]
    private = draw(st.lists(_alnum(1, 8), max_size=2))
    if private:
        parts += ["x", *private]
    return "-".join(parts)


def language_tags() -> SearchStrategy[str]:
    """
    Draw well-formed BCP 47 language tags in canonical case.

    Common tags come first (``en``, ``en-GB``, ``zh-Hant-TW``), then tags built
    from the RFC 5646 grammar (extended language subtags, scripts, regions,
    variants, extensions, private use), private-use-only tags (``x-...``) and
    the grandfathered ones. Shrinks towards ``"en"``.

    Returns:
        A strategy for `str` values valid as an article's ``language``.
    """
    return st.one_of(
        st.sampled_from(_COMMON_LANGUAGES),
        _well_formed_tags().filter(lambda tag: len(tag) <= 80),
        st.lists(_alnum(1, 8), min_size=1, max_size=3).map(lambda parts: "-".join(["x", *parts])),
        st.sampled_from(GRANDFATHERED),
    )


def _offsets() -> SearchStrategy[timezone]:
    # Whole minutes, strictly within a day either way; UTC first.
    minutes = st.integers(-(24 * 60 - 1), 24 * 60 - 1).filter(bool)
    return st.just(timezone.utc) | minutes.map(lambda m: timezone(timedelta(minutes=m)))


def aware_datetimes(
    *, min_value: datetime = MIN_DATETIME, max_value: datetime = MAX_DATETIME
) -> SearchStrategy[datetime]:
    """
    Draw timezone-aware datetimes with a UTC offset of whole minutes.

    Offsets are fixed (`datetime.timezone`), from -23:59 to +23:59; local times
    lie from `MIN_DATETIME` to `MAX_DATETIME`, so that every value can be
    converted to UTC, compared and hashed. Shrinks towards 2000-01-01 00:00 UTC.

    Args:
        min_value: The earliest local time (naive), not before `MIN_DATETIME`.
        max_value: The latest local time (naive), not after `MAX_DATETIME`.

    Returns:
        A strategy for `datetime` values valid as a ``Timestamp`` field.

    Raises:
        InvalidArgument: For bounds outside that range or aware bounds.
    """
    for name, bound in (("min_value", min_value), ("max_value", max_value)):
        if bound.tzinfo is not None or not MIN_DATETIME <= bound <= MAX_DATETIME:
            msg = (
                f"{name}: expected a naive datetime from {MIN_DATETIME} to {MAX_DATETIME}, "
                f"found {bound!r}"
            )
            raise InvalidArgument(msg)
    return st.datetimes(min_value=min_value, max_value=max_value, timezones=_offsets())


@st.composite
def _not_before(draw: DrawFn, earliest: datetime) -> datetime:
    # An aware datetime at or after the instant *earliest*, in any offset.
    # The offset comes first; the local time then shrinks towards the same
    # instant as *earliest* (or 2000-01-01, if that is later).
    zone = draw(_offsets())
    offset = zone.utcoffset(None)
    try:
        low = earliest.astimezone(timezone.utc).replace(tzinfo=None) + offset
    except OverflowError:  # *earliest*, seen from this zone, is outside years 1 to 9999
        if offset > timedelta(0):
            return earliest  # later than any local time: keep the instant
        low = MIN_DATETIME  # earlier than any local time: any will do
    low = max(low, MIN_DATETIME)
    if low > MAX_DATETIME:  # no later local time in this zone: keep the instant
        return earliest
    return draw(st.datetimes(min_value=low, max_value=MAX_DATETIME)).replace(tzinfo=zone)


# Shared building blocks, made once: strategies are lazy, so making them
# here costs nothing until something is drawn.
_TEXT_LINES = text_lines()
_TEXTS = texts()
_URLS = urls()
_SAME_AS = st.lists(_URLS, max_size=3)
_DATETIMES = aware_datetimes()
_SIZES = st.integers(1, MAX_INT)
_MAYBE_TEXT_LINE = _optional(_TEXT_LINES)
_MAYBE_TEXT = _optional(_TEXTS)
_MAYBE_URL = _optional(_URLS)
_MAYBE_SIZE = _optional(_SIZES)
#: The strategy of an optional plain field, by its value rule's name.
_MAYBE_BY_RULE: dict[str, SearchStrategy[object]] = {
    "text_line": _MAYBE_TEXT_LINE,
    "text": _MAYBE_TEXT,
    "url": _MAYBE_URL,
    "positive_int": _MAYBE_SIZE,
}
# A quote's date: a calendar date (any, years 1 to 9999) or an aware datetime.
_QUOTE_DATES: SearchStrategy[date | datetime] = st.one_of(st.dates(), _DATETIMES)


def images(*, urls: SearchStrategy[str] | None = None) -> SearchStrategy[Image]:
    """
    Draw `Image` instances, each optional field present or absent.

    Args:
        urls: Strategy for the image's ``url`` (default: `newsmodel.strategies.urls`).

    Returns:
        A strategy for images; shrinks towards an image with a url only.
    """
    return st.builds(
        Image,
        url=urls if urls is not None else _URLS,
        caption=_MAYBE_TEXT,
        credit=_MAYBE_TEXT_LINE,
        alt_text=_MAYBE_TEXT,
        width=_MAYBE_SIZE,
        height=_MAYBE_SIZE,
        license_url=_MAYBE_URL,
    )


_IMAGES = images()


def organizations(
    *,
    names: SearchStrategy[str] | None = None,
    logos: SearchStrategy[Image] | None = None,
) -> SearchStrategy[Organization]:
    """
    Draw `Organization` instances: a publisher, a desk byline, an agency.

    Args:
        names: Strategy for the name (default: `text_lines`).
        logos: Strategy for the logo, when there is one (default: `images`).

    Returns:
        A strategy for organizations; shrinks towards one with a name only.
    """
    return st.builds(
        Organization,
        name=names if names is not None else _TEXT_LINES,
        url=_MAYBE_URL,
        same_as=_SAME_AS,
        logo=_optional(logos if logos is not None else _IMAGES),
    )


_ORGANIZATIONS = organizations()


def persons(
    *,
    names: SearchStrategy[str] | None = None,
    affiliations: SearchStrategy[Organization] | None = None,
    images: SearchStrategy[Image] | None = None,
) -> SearchStrategy[Person]:
    """
    Draw `Person` instances, with or without an affiliation and a portrait.

    Args:
        names: Strategy for the name (default: `text_lines`).
        affiliations: Strategy for the affiliation, when there is one
            (default: `organizations`).
        images: Strategy for the portrait, when there is one
            (default: `newsmodel.strategies.images`).

    Returns:
        A strategy for persons; shrinks towards one with a name only.
    """
    return st.builds(
        Person,
        name=names if names is not None else _TEXT_LINES,
        url=_MAYBE_URL,
        same_as=_SAME_AS,
        job_title=_MAYBE_TEXT_LINE,
        affiliation=_optional(affiliations if affiliations is not None else _ORGANIZATIONS),
        image=_optional(images if images is not None else _IMAGES),
    )


_PERSONS = persons()


def authors(
    *,
    persons: SearchStrategy[Person] | None = None,
    organizations: SearchStrategy[Organization] | None = None,
) -> SearchStrategy[Person | Organization]:
    """
    Draw authors (bylines, speakers): a `Person` or an `Organization`.

    Args:
        persons: Strategy for the persons (default: `newsmodel.strategies.persons`).
        organizations: Strategy for the organizations
            (default: `newsmodel.strategies.organizations`).

    Returns:
        A strategy for authors; shrinks towards a person.
    """
    return st.one_of(
        persons if persons is not None else _PERSONS,
        organizations if organizations is not None else _ORGANIZATIONS,
    )


_AUTHORS = authors()


def _slugs() -> SearchStrategy[str]:
    # Runs of lowercase letters and digits of any script, joined by hyphens.
    word_chars = st.characters(categories=("L", "N")).filter(lambda c: c == c.lower())
    run = st.text(_LOWER_ALNUM, min_size=1) | st.text(word_chars, min_size=1)
    return st.lists(run, min_size=1, max_size=4).map("-".join)


_SLUGS = _slugs()


def tags(
    *,
    names: SearchStrategy[str] | None = None,
    kinds: SearchStrategy[TagKind] | None = None,
) -> SearchStrategy[Tag]:
    """
    Draw `Tag` instances of every kind, with an explicit slug or a derived one.

    Args:
        names: Strategy for the name (default: `text_lines`).
        kinds: Strategy for the kind (default: every `TagKind`, topic first).

    Returns:
        A strategy for tags; shrinks towards a topic with a derived slug.
    """
    return st.builds(
        Tag,
        name=names if names is not None else _TEXT_LINES,
        kind=kinds if kinds is not None else st.sampled_from(TagKind),
        slug=_optional(_SLUGS),
        same_as=_SAME_AS,
    )


_TAGS = tags()


def quotes(
    *,
    speakers: SearchStrategy[Person | Organization] | None = None,
) -> SearchStrategy[Quote]:
    """
    Draw `Quote` instances; a quote's date is a calendar date or an aware datetime.

    Args:
        speakers: Strategy for the speaker (default: `authors`).

    Returns:
        A strategy for quotes; shrinks towards text and a speaker only.
    """
    return st.builds(
        Quote,
        text=_TEXTS,
        speaker=speakers if speakers is not None else _AUTHORS,
        context=_MAYBE_TEXT,
        date=_optional(_QUOTE_DATES),
        source_url=_MAYBE_URL,
    )


_QUOTES = quotes()


def related_stories(
    *,
    authors: SearchStrategy[Person | Organization] | None = None,
    publishers: SearchStrategy[Organization] | None = None,
) -> SearchStrategy[RelatedStory]:
    """
    Draw `RelatedStory` instances with every `Relation`.

    Args:
        authors: Strategy for each of the story's authors
            (default: `newsmodel.strategies.authors`).
        publishers: Strategy for its publisher, when there is one
            (default: `organizations`).

    Returns:
        A strategy for related stories; shrinks towards a url and a headline.
    """
    return st.builds(
        RelatedStory,
        url=_URLS,
        headline=_TEXT_LINES,
        teaser=_MAYBE_TEXT,
        publisher=_optional(publishers if publishers is not None else _ORGANIZATIONS),
        authors=st.lists(authors if authors is not None else _AUTHORS, max_size=3),
        date_published=_optional(_DATETIMES),
        image=_optional(_IMAGES),
        relation=st.sampled_from(Relation),
    )


_RELATED = related_stories()

# The default kind first: that is where shrinking goes.
_KINDS = st.sampled_from(
    [ArticleKind.NEWS, *(kind for kind in ArticleKind if kind is not ArticleKind.NEWS)]
)
_LANGUAGES = language_tags()


def articles(
    *,
    kinds: SearchStrategy[ArticleKind] | None = None,
    languages: SearchStrategy[str] | None = None,
    authors: SearchStrategy[Person | Organization] | None = None,
    publishers: SearchStrategy[Organization] | None = None,
    tags: SearchStrategy[Tag] | None = None,
    images: SearchStrategy[Image] | None = None,
    quotes: SearchStrategy[Quote] | None = None,
    related: SearchStrategy[RelatedStory] | None = None,
    rich_body: bool = True,
) -> SearchStrategy[Article]:
    """
    Draw valid `Article` instances across the whole model.

    Every kind; a dateline (sometimes) on news kinds only; ``date_modified``
    absent or not before ``date_published``; authors, tags, images, body
    blocks, quotes and related stories, none or several; tag names unique
    ignoring case and related urls unique, as the article's rules require;
    the reading time given or derived; free or paywalled. Quote speakers are
    sometimes the article's own authors, as in real stories.

    The body is, about half the time, plain paragraphs only (`texts`, as a
    scraper's payload has them), else plain paragraphs mixed with blocks of
    every kind (`body_blocks`: paragraphs with links and emphasis, headings,
    nested lists, block quotes, preformatted text, embeds, separators), its
    figures each showing one of the drawn article's ``images``.

    Args:
        kinds: Strategy for the kind (default: every `ArticleKind`, news first).
        languages: Strategy for the language (default: `language_tags`).
        authors: Strategy for each author, and for quote speakers
            (default: `newsmodel.strategies.authors`).
        publishers: Strategy for the publisher, when there is one
            (default: `organizations`).
        tags: Strategy for each tag (default: `newsmodel.strategies.tags`);
            a tag whose name clashes with another's (ignoring case) is drawn again.
        images: Strategy for each image (default: `newsmodel.strategies.images`).
        quotes: Strategy for each quote (default: `newsmodel.strategies.quotes`,
            with speakers from *authors* or the article's own bylines).
        related: Strategy for each related story (default: `related_stories`);
            a story whose url clashes with another's is drawn again.
        rich_body: False draws bodies of plain paragraphs only.

    Pass ``st.nothing()`` for *authors*, *tags*, *images*, *quotes* or *related*
    to draw articles without any, or for *publishers* to draw none.

    Returns:
        A strategy for articles; shrinks towards a news article with a url,
        a headline, a language and a date only.
    """
    # Defaults are filled in when drawing, so that this strategy's repr stays
    # short (the defaults' reprs run to tens of kilobytes).
    return _articles(
        kinds=kinds,
        languages=languages,
        authors=authors,
        publishers=publishers,
        tags=tags,
        images=images,
        quotes=quotes,
        related=related,
        rich_body=rich_body,
    )


@functools.lru_cache(maxsize=256)
def _lists(
    elements: SearchStrategy[_T], max_size: int, unique_by: Callable[[_T], object] | None = None
) -> SearchStrategy[list[_T]]:
    # One list strategy per element strategy, not one per draw. An empty
    # element strategy (`st.nothing()`) makes the list empty.
    if elements.is_empty:
        return st.builds(list)
    return st.lists(elements, max_size=max_size, unique_by=unique_by)


def _casefolded_name(tag: Tag) -> str:
    return tag.name.casefold()


def _story_url(story: RelatedStory) -> str:
    return story.url


# The article's optional plain fields drawn with code of their own: the
# dateline (news kinds only), date_modified (not before date_published), the
# reading time (given or derived, a size).
_DRAWN_BY_HAND = frozenset({"dateline", "date_modified", "reading_time_minutes"})


@functools.cache
def _optional_plain_fields() -> tuple[tuple[str, SearchStrategy[object]], ...]:
    """
    Return (key, strategy) for each optional plain field of `Article` not drawn by hand.

    Read from the field rules, so that a new optional text, URL or number is
    drawn (present and absent) with no edit here.
    """
    return tuple(
        (rule.key, _MAYBE_BY_RULE[rule.rule.name])
        for rule in field_rules(Article)
        if rule.rule is not None
        and rule.default is None
        and not rule.required
        and not rule.sequence
        and rule.key not in _DRAWN_BY_HAND
    )


@st.composite
def _articles(
    draw: DrawFn,
    *,
    kinds: SearchStrategy[ArticleKind] | None,
    languages: SearchStrategy[str] | None,
    authors: SearchStrategy[Person | Organization] | None,
    publishers: SearchStrategy[Organization] | None,
    tags: SearchStrategy[Tag] | None,
    images: SearchStrategy[Image] | None,
    quotes: SearchStrategy[Quote] | None,
    related: SearchStrategy[RelatedStory] | None,
    rich_body: bool,
) -> Article:
    # Related values are drawn next to each other (the kind and the dateline,
    # the two dates, the bylines and the speakers), so that shrinking one
    # part of the article leaves the others as they were.
    url = draw(_URLS)
    kind = draw(kinds if kinds is not None else _KINDS)
    dateline = draw(_MAYBE_TEXT_LINE) if kind.is_news else None
    headline = draw(_TEXT_LINES)
    language = draw(languages if languages is not None else _LANGUAGES)
    date_published = draw(_DATETIMES)
    date_modified = draw(_optional(_not_before(date_published)))
    authors = authors if authors is not None else _AUTHORS
    bylines = draw(_lists(authors, 4))
    if quotes is None:
        if bylines:
            quotes = _quotes(speakers=st.one_of(authors, st.sampled_from(bylines)))
        else:
            quotes = _QUOTES if authors is _AUTHORS else _quotes(speakers=authors)
    drawn_images = draw(_lists(images if images is not None else _IMAGES, 3))
    body: Sequence[Block] = draw(_rich_bodies(drawn_images)) if rich_body else draw(_PLAIN_BODIES)
    return Article(
        url=url,
        kind=kind,
        dateline=dateline,
        headline=headline,
        language=language,
        date_published=date_published,
        date_modified=date_modified,
        authors=bylines,
        quotes=draw(_lists(quotes, 4)),
        **{key: draw(strategy) for key, strategy in _optional_plain_fields()},  # type: ignore[arg-type]
        publisher=draw(_optional(publishers if publishers is not None else _ORGANIZATIONS)),
        tags=draw(_lists(tags if tags is not None else _TAGS, 6, _casefolded_name)),
        images=drawn_images,
        body=body,
        related=draw(_lists(related if related is not None else _RELATED, 3, _story_url)),
        reading_time_minutes=draw(_MAYBE_SIZE),
        is_accessible_for_free=draw(st.sampled_from([True, False])),
    )


_PLAIN_BODIES = st.lists(_TEXTS, max_size=6)
# Blocks of every kind but figures, which must show one of the article's images,
# and paragraphs with markup (links, emphasis) once more: the commonest block.
_BLOCKS = st.one_of(_TEXTS, inline_content().map(paragraph_of), body_blocks(images=st.nothing()))


def _figures(drawn_images: list[Image]) -> SearchStrategy[Figure]:
    return st.sampled_from([image.url for image in drawn_images]).map(_figure)


def _figure(url: str) -> Figure:
    return Figure(image=url)


def _rich_bodies(drawn_images: list[Image]) -> SearchStrategy[list[Block]]:
    # Plain paragraphs first: the simpler body, and where shrinking goes.
    blocks = st.one_of(_BLOCKS, _figures(drawn_images)) if drawn_images else _BLOCKS
    return st.one_of(_PLAIN_BODIES, st.lists(blocks, min_size=1, max_size=6))


_quotes = quotes  # the parameter of the same name hides the function
