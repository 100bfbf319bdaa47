"""
Tests for the worked example, examples/kyiv-independent-2024-10-13.json.

Every expected value is read from the vendored seed text
(tests/data/seed/kyiv-independent-2024-10-13.txt), not copied from the JSON,
so the example cannot drift from the story it encodes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import attrs
import pytest

import newsmodel as nm
from newsmodel._models import paragraph_texts

TESTS = Path(__file__).resolve().parent
EXAMPLE = TESTS.parent / "examples" / "kyiv-independent-2024-10-13.json"
SEED = TESTS / "data" / "seed" / "kyiv-independent-2024-10-13.txt"

#: The page shows local time in Kyiv.
KYIV = ZoneInfo("Europe/Kyiv")

#: The editorial choice of kind for each tag name on the seed's tag line
#: (the test checks that these are exactly the seed's tags).
TAG_KINDS = {
    "News Feed": nm.TagKind.TOPIC,
    "Volodymyr Zelensky": nm.TagKind.PERSON,
    "Ukraine": nm.TagKind.PLACE,
    "Russia": nm.TagKind.PLACE,
    "North Korea": nm.TagKind.PLACE,
    "Victory Plan": nm.TagKind.TOPIC,
}

_BYLINE = re.compile(
    r"by (?P<names>.+?) (?P<when>[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2} [AP]M)"
    r" (?P<minutes>\d+) min read"
)
_CAPTION = re.compile(r"(?P<caption>.+) \((?P<credit>[^()]+)\)")
_DOUBLE_QUOTED = re.compile(r'"([^"]+)"')
_SINGLE_QUOTED = re.compile(r"(?<!\w)'([^']+)'(?!\w)")
_MONTH_DAY = re.compile(r"\bOct\. (\d{1,2})\b")


@dataclass(frozen=True)
class Seed:
    """The parts of the scraped seed page."""

    tag_line: tuple[str, ...]
    headline: str
    byline_names: str
    published: str
    minutes: int
    caption: str
    credit: str
    body: tuple[str, ...]
    related_headline: str
    related_teaser: str
    masthead: str
    authors: tuple[str, ...]


@dataclass(frozen=True)
class SeedQuote:
    """A quoted span in the seed: its words, the text it is in, and where."""

    text: str
    unit: int  # 0 is the headline, n >= 1 is body paragraph n - 1
    start: int
    end: int


def parse_seed(text: str) -> Seed:
    """Split the scraped page into its parts; fail loudly if its layout is not the expected."""
    lines = text.splitlines()
    assert "" == lines[2], "expected a blank line after the headline"
    byline = _BYLINE.fullmatch(lines[3])
    caption = _CAPTION.fullmatch(lines[4])
    assert byline is not None, f"expected a byline on line 4, found {lines[3]!r}"
    assert caption is not None, f"expected 'caption (credit)' on line 5, found {lines[4]!r}"
    *paragraphs, footer = "\n".join(lines[5:]).split("\n\n")
    assert all("\n" not in paragraph for paragraph in paragraphs)
    related_headline, related_teaser, masthead, authors_line = footer.split("\n")
    assert authors_line.startswith("Authors: ")
    return Seed(
        tag_line=tuple(lines[0].split(", ")),
        headline=lines[1],
        byline_names=byline["names"],
        published=byline["when"],
        minutes=int(byline["minutes"]),
        caption=caption["caption"],
        credit=caption["credit"],
        body=tuple(paragraphs),
        related_headline=related_headline,
        related_teaser=related_teaser,
        masthead=masthead,
        authors=tuple(authors_line.removeprefix("Authors: ").split(", ")),
    )


def quote_words(span: str) -> str:
    """
    Return a quoted span's words as a Quote holds them.

    The comma before an attribution ("...," he said) is the sentence's, not the
    speaker's; so is the full stop after a fragment ("fake news.").
    """
    words = span.removesuffix(",")
    if words[:1].islower():
        words = words.removesuffix(".")
    return words


def seed_units(seed: Seed) -> tuple[str, ...]:
    """Return the headline and the body paragraphs, in reading order."""
    return (seed.headline, *seed.body)


def seed_quotes(seed: Seed) -> list[SeedQuote]:
    """Return every direct quote in the seed: single-quoted in the headline, double in the body."""
    found: list[SeedQuote] = []
    for unit, text in enumerate(seed_units(seed)):
        pattern = _SINGLE_QUOTED if unit == 0 else _DOUBLE_QUOTED
        found += [
            SeedQuote(quote_words(match[1]), unit, match.start(), match.end())
            for match in pattern.finditer(text)
        ]
    return found


def attributed_surname(seed: Seed, quote: SeedQuote, surnames: set[str]) -> str:
    """
    Return whom the seed attributes *quote* to, among *surnames*.

    The speaker named in the quote's own paragraph (outside quotation marks),
    nearest to the quote; else, for a quote-only or "he said" paragraph, the
    speaker last named before it.
    """
    units = seed_units(seed)
    text = units[quote.unit]
    outside = _DOUBLE_QUOTED.sub(lambda match: " " * len(match[0]), text)
    named = [
        (min(abs(match.start() - quote.start), abs(match.start() - quote.end)), match[0])
        for surname in surnames
        for match in re.finditer(rf"\b{re.escape(surname)}\b", outside)
    ]
    if named:
        return min(named)[1]
    for earlier in reversed(units[: quote.unit]):
        outside = _DOUBLE_QUOTED.sub(lambda match: " " * len(match[0]), earlier)
        last = [
            (match.start(), match[0])
            for surname in surnames
            for match in re.finditer(rf"\b{re.escape(surname)}\b", outside)
        ]
        if last:
            return max(last)[1]
    pytest.fail(f"no speaker named before the quote {quote.text!r}")


def quote_day(seed: Seed, words: str, year: int) -> date:
    """Return the date the seed gives for *words*: the last "Oct. N" up to their first use."""
    body = "\n".join(seed.body)
    position = body.index(words)
    days = [int(match[1]) for match in _MONTH_DAY.finditer(body, 0, position)]
    assert days, f"expected a date mentioned before {words!r}"
    return date(year, 10, days[-1])


def ghost_slug(headline: str) -> str:
    """Return the slug the publisher's CMS makes from a headline (apostrophes dropped)."""
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", headline.lower())).strip("-")


@pytest.fixture(scope="module")
def seed() -> Seed:
    """The vendored seed story, parsed."""
    return parse_seed(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article() -> nm.Article:
    """The shipped example, loaded strictly."""
    return nm.loads(EXAMPLE.read_bytes())


def test_example_is_canonical() -> None:
    """The file is exactly what dumps(loads(file), indent=2) writes, plus a final newline."""
    text = EXAMPLE.read_text(encoding="utf-8")

    assert nm.dumps(nm.loads(text), indent=2) + "\n" == text


def test_headline_section_and_kind(seed: Seed, article: nm.Article) -> None:
    """The headline is the seed's; the section opens the tag line; the kind is news, in English."""
    assert (seed.headline, seed.tag_line[0], nm.ArticleKind.NEWS, "en") == (
        article.headline,
        article.section,
        article.kind,
        article.language,
    )


def test_date_published_is_the_bylines_kyiv_time(seed: Seed, article: nm.Article) -> None:
    """date_published is the byline's time in Kyiv, with Kyiv's offset on that day."""
    local = datetime.strptime(seed.published, "%B %d, %Y %I:%M %p").replace(tzinfo=KYIV)

    assert (local, local.utcoffset()) == (
        article.date_published,
        article.date_published.utcoffset(),
    )


def test_bylines_are_a_person_and_an_organization(seed: Seed, article: nm.Article) -> None:
    """The authors are the "Authors:" line's names: a person, then the publisher's news desk."""
    publisher = seed.masthead.removesuffix(seed.authors[-1])
    kinds = [nm.Organization if name.startswith(publisher) else nm.Person for name in seed.authors]

    assert " and ".join(seed.authors) == seed.byline_names
    assert [nm.Person, nm.Organization] == kinds
    assert list(zip(seed.authors, kinds, strict=True)) == [
        (author.name, type(author)) for author in article.authors
    ]


def test_publisher_is_the_masthead(seed: Seed, article: nm.Article) -> None:
    """The publisher is the masthead's organization, at the root of the article's site."""
    site = urlsplit(article.url)

    assert article.publisher is not None
    assert (seed.masthead.removesuffix(seed.authors[-1]), f"{site.scheme}://{site.netloc}/") == (
        article.publisher.name,
        article.publisher.url,
    )


def test_url_is_reconstructed_from_the_headline(seed: Seed, article: nm.Article) -> None:
    """The article url is the publisher's address pattern: site root, headline slug, slash."""
    assert article.publisher is not None
    assert f"{article.publisher.url}{ghost_slug(seed.headline)}/" == article.url


def test_all_six_tags_with_their_kinds(seed: Seed, article: nm.Article) -> None:
    """The tags are the seed's tag line, all six in order, each with its kind."""
    assert 6 == len(seed.tag_line)
    assert sorted(seed.tag_line) == sorted(TAG_KINDS)
    assert [(name, TAG_KINDS[name]) for name in seed.tag_line] == [
        (tag.name, tag.kind) for tag in article.tags
    ]


def test_tag_same_as_are_wikidata_items(article: nm.Article) -> None:
    """Every tag's same_as is one Wikidata item page; topics have none."""
    for tag in article.tags:
        pattern = r"https://www\.wikidata\.org/wiki/Q[1-9]\d*"
        expected = 0 if tag.kind is nm.TagKind.TOPIC else 1
        assert (expected, True) == (
            len(tag.same_as),
            all(re.fullmatch(pattern, url) for url in tag.same_as),
        )


def test_lead_image_caption_and_credit(seed: Seed, article: nm.Article) -> None:
    """The lead image has the seed's caption and credit, on the publisher's host."""
    image = article.lead_image

    assert image is not None
    assert article.publisher is not None
    assert (seed.caption, seed.credit, urlsplit(article.publisher.url).hostname) == (
        image.caption,
        image.credit,
        urlsplit(image.url).hostname,
    )


def test_body_paragraphs_are_the_seeds(seed: Seed, article: nm.Article) -> None:
    """The body is every paragraph of the seed, verbatim and in order."""
    assert seed.body == article.body


def test_every_direct_quote_is_in_the_example(seed: Seed, article: nm.Article) -> None:
    """Each quoted span of the seed, in reading order, is one Quote of the example."""
    found = [quote.text for quote in seed_quotes(seed)]

    assert 8 == len(found)
    assert found == [quote.text for quote in article.quotes]


def test_quotes_are_attributed_as_in_the_seed(seed: Seed, article: nm.Article) -> None:
    """Each quote's speaker is the person the seed attributes it to."""
    surnames = {quote.speaker.name.split()[-1] for quote in article.quotes}

    expected = [attributed_surname(seed, quote, surnames) for quote in seed_quotes(seed)]

    assert expected == [quote.speaker.name.split()[-1] for quote in article.quotes]
    assert 7 == expected.count("Zelensky")


def test_speakers_are_named_and_titled_as_in_the_seed(seed: Seed, article: nm.Article) -> None:
    """Each speaker is a person the seed names in full, with the title it puts before the name."""
    text = "\n".join(seed_units(seed))
    for quote in article.quotes:
        speaker = quote.speaker
        assert isinstance(speaker, nm.Person)
        titles = re.findall(rf"(\w+) {re.escape(speaker.name)}\b", text)
        assert titles, f"expected {speaker.name!r} in the seed after a title"
        assert speaker.job_title is not None
        assert [True] * len(titles) == [title in speaker.job_title for title in titles]


def test_quotes_have_context_and_the_seeds_date(seed: Seed, article: nm.Article) -> None:
    """Each quote has a context made of the seed's words, naming the date the seed gives."""
    words = set(re.findall(r"\w+", SEED.read_text(encoding="utf-8").lower()))
    year = article.date_published.year
    for quote in article.quotes:
        day = quote_day(seed, quote.text, year)
        assert quote.context is not None
        assert (day, set()) == (quote.date, set(re.findall(r"\w+", quote.context.lower())) - words)
        assert f"Oct. {day.day}, {day.year}" in quote.context


def test_every_quote_occurs_in_the_body(article: nm.Article) -> None:
    """Each quote's text occurs verbatim in a body paragraph."""
    missing = [
        quote.text
        for quote in article.quotes
        if not any(quote.text in paragraph for paragraph in paragraph_texts(article.body))
    ]

    assert [] == missing


def test_reading_time_is_the_pages_and_agrees_with_the_body(
    seed: Seed, article: nm.Article
) -> None:
    """The reading time is the page's "2 min read", and the body's word count agrees."""
    derived = attrs.evolve(article, reading_time_minutes=None)
    words = sum(len(paragraph.split()) for paragraph in seed.body)

    assert (2, 2, 2, 2) == (
        seed.minutes,
        article.explicit_reading_time_minutes,
        derived.reading_time_minutes,
        math.ceil(words / nm.WORDS_PER_MINUTE),
    )


def test_related_story_and_teaser(seed: Seed, article: nm.Article) -> None:
    """The related story is the seed's teaser block, with a url made like the article's."""
    assert article.publisher is not None
    story = nm.RelatedStory(
        url=f"{article.publisher.url}{ghost_slug(seed.related_headline)}/",
        headline=seed.related_headline,
        teaser=seed.related_teaser,
        relation=nm.Relation.RELATED,
    )

    assert (story,) == article.related
