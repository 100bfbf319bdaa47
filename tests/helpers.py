"""
Helpers the test modules share: the articles they build and draw.

pytest puts this directory on the path (``pythonpath`` in pyproject.toml):
test modules ``from helpers import full_article``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import strategies
from newsmodel._models import paragraph_texts

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "kyiv-independent-2024-10-13.json"
KYIV = timezone(timedelta(hours=3))


def seed() -> nm.Article:
    return nm.loads(SEED.read_bytes())


def as_plain_text(article: nm.Article) -> nm.Article:
    """
    *article* as JSON-LD carries it: its body's plain text (the documented loss).

    articleBody is plain text: each paragraph, heading, list item and quote
    paragraph comes back as a plain paragraph; markup, figures, embeds and
    separators do not.
    """
    return attrs.evolve(article, body=paragraph_texts(article.body))


def full_article(**changes: Any) -> nm.Article:
    """An article with every field of every class set, one related story per relation."""
    zelensky = nm.Person(
        name="Volodymyr Zelensky",
        url="https://www.president.gov.ua/en",
        same_as=["https://www.wikidata.org/wiki/Q3874799"],
        job_title="President of Ukraine",
        affiliation=nm.Organization(
            name="Office of the President",
            url="https://www.president.gov.ua/",
            same_as=["https://www.wikidata.org/wiki/Q4380917"],
            logo=nm.Image(url="https://www.president.gov.ua/logo.png", width=200, height=200),
        ),
        image=nm.Image(url="https://www.president.gov.ua/z.jpg", caption="Portrait"),
    )
    publisher = nm.Organization(
        name="The Kyiv Independent",
        url="https://kyivindependent.com/",
        logo=nm.Image(url="https://kyivindependent.com/logo.png", credit="KI"),
    )
    image = nm.Image(
        url="https://kyivindependent.com/zelensky.jpg",
        caption="President Volodymyr Zelensky delivers nightly address.",
        credit="Presidential Office",
        alt_text="Zelensky at a lectern",
        width=1200,
        height=800,
        license_url="https://creativecommons.org/licenses/by/4.0/",
    )
    related = [
        nm.RelatedStory(
            url=f"https://kyivindependent.com/{relation.value}/",
            headline=f"A {relation.value} story",
            teaser="A teaser.",
            publisher=publisher,
            authors=[nm.Person(name="Martin Fornusek"), nm.Organization(name="Desk")],
            date_published=datetime(2024, 10, 12, 10, 0, tzinfo=KYIV),
            image=nm.Image(url=f"https://kyivindependent.com/{relation.value}.jpg"),
            relation=relation,
        )
        for relation in (nm.Relation.CITED, nm.Relation.RELATED, nm.Relation.BACKGROUND)
    ] + [
        nm.RelatedStory(
            url="https://kyivindependent.com/earlier/",
            headline="Earlier story",
            relation=nm.Relation.FOLLOW_UP,
        ),
        nm.RelatedStory(url="https://kyivindependent.com/see-also/", headline="See also"),
    ]
    values: dict[str, Any] = {
        "url": "https://kyivindependent.com/zelensky-warns/",
        "kind": nm.ArticleKind.ANALYSIS,
        "id": "urn:ki:1234",
        "headline": "Zelensky warns of 'increasing alliance'",
        "alternative_headline": "Russia and North Korea",
        "description": "The standfirst.\nOn two lines.",
        "section": "News Feed",
        "dateline": "KYIV, Ukraine",
        "language": "en-GB",
        "date_published": datetime(2024, 10, 13, 21, 4, tzinfo=KYIV),
        "date_modified": datetime(2024, 10, 14, 9, 0, 30, 123456, tzinfo=timezone.utc),
        "authors": [
            nm.Person(
                name="Abbey Fenbert",
                url="https://kyivindependent.com/author/abbey/",
                same_as=["https://x.com/abbey", "https://www.linkedin.com/in/abbey"],
            ),
            nm.Organization(name="The Kyiv Independent news desk"),
        ],
        "publisher": publisher,
        "tags": [
            nm.Tag(name="News Feed"),
            nm.Tag(name="Victory Plan", slug="victory-plan"),
            nm.Tag(name="War", same_as=["https://www.wikidata.org/wiki/Q198"]),
            nm.Tag(name="Volodymyr Zelensky", kind=nm.TagKind.PERSON, slug="zelensky"),
            nm.Tag(name="NATO", kind=nm.TagKind.ORGANIZATION),
            nm.Tag(
                name="Ukraine",
                kind=nm.TagKind.PLACE,
                same_as=["https://www.wikidata.org/wiki/Q212"],
            ),
            nm.Tag(name="Ramstein", kind=nm.TagKind.EVENT),
        ],
        "images": [image, nm.Image(url="https://kyivindependent.com/second.jpg")],
        "body": [
            'Zelensky spoke of an "increasing alliance" between Russia and North Korea.',
            '"We need more support," he said.',
        ],
        "quotes": [
            nm.Quote(
                text="increasing alliance",
                speaker=zelensky,
                context="evening address",
                date=date(2024, 10, 13),
                source_url="https://www.president.gov.ua/en/news/address",
            ),
            nm.Quote(
                text="We need more support,",
                speaker=zelensky,
                date=datetime(2024, 10, 13, 20, 0, tzinfo=KYIV),
            ),
            nm.Quote(text="Words said elsewhere", speaker=publisher),
        ],
        "related": related,
        "reading_time_minutes": 3,
        "is_accessible_for_free": False,
    }
    values.update(changes)
    return nm.Article(**values)


HOSTILE = [
    "</script>",
    "</SCRIPT >",
    "<!--",
    "-->",
    "<script>",
    "<script",
    "]]>",
    "<![CDATA[",
    '"',
    "'",
    "&",
    "&amp;",
    "&lt;/script&gt;",
    "\\u003c",
    "<\\/script>",
    "<b>bold</b>",
    '<meta itemprop="headline" content="x">',
    "\u00a0",
    "\u200b",
    "\ufeff",
    "é",
    "\U0001f600",
    "\U000e0001",
    "\U0010fffd",
    " ",
]
_LINE_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))
hostile_lines = (
    st.lists(st.sampled_from(HOSTILE) | st.text(_LINE_CHARS, min_size=1, max_size=4), min_size=1)
    .map("".join)
    .filter(lambda text: bool(text.strip()))
)
hostile_texts = st.lists(hostile_lines, min_size=1, max_size=3).map("\n".join)


@st.composite
def hostile_articles(draw: st.DrawFn) -> nm.Article:
    """Articles whose every text field holds markup-breaking text."""

    def line() -> str:
        return draw(hostile_lines)

    def text() -> str:
        return draw(hostile_texts)

    def image(value: nm.Image | None) -> nm.Image | None:
        if value is None:
            return None
        return attrs.evolve(value, caption=text(), credit=line(), alt_text=text())

    def organization(value: nm.Organization) -> nm.Organization:
        return attrs.evolve(value, name=line(), logo=image(value.logo))

    def agent(value: nm.Person | nm.Organization) -> nm.Person | nm.Organization:
        if isinstance(value, nm.Organization):
            return organization(value)
        affiliation = organization(value.affiliation) if value.affiliation is not None else None
        return attrs.evolve(
            value, name=line(), job_title=line(), affiliation=affiliation, image=image(value.image)
        )

    a = draw(strategies.articles())
    tags = [attrs.evolve(tag, name=f"{line()} {index}") for index, tag in enumerate(a.tags)]
    return attrs.evolve(
        a,
        id=line(),
        headline=line(),
        alternative_headline=line(),
        description=text(),
        section=line(),
        dateline=line() if a.kind.is_news else None,
        authors=[agent(author) for author in a.authors],
        publisher=organization(a.publisher) if a.publisher is not None else None,
        tags=tags,
        images=[image(i) for i in a.images],
        body=[text() for _ in a.body] or [text()],
        quotes=[
            attrs.evolve(q, text=text(), speaker=agent(q.speaker), context=text()) for q in a.quotes
        ],
        related=[
            attrs.evolve(
                story,
                headline=line(),
                teaser=text(),
                image=image(story.image),
                authors=[agent(author) for author in story.authors],
            )
            for story in a.related
        ],
    )


def instances(value: Any, kinds: tuple[type, ...] | None = None) -> Iterator[Any]:
    """
    Every attrs instance in *value*, nested ones included, depth first.

    With *kinds*, only instances of those classes are yielded and looked into.
    """
    if attrs.has(type(value)) and (kinds is None or isinstance(value, kinds)):
        yield value
        for field in attrs.fields(type(value)):
            yield from instances(getattr(value, field.name), kinds)
    elif isinstance(value, tuple):
        for item in value:
            yield from instances(item, kinds)
