"""Tests for the IPTC ninjs 3.1 export."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import newsmodel as nm
from newsmodel import strategies

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ninjs" / "ninjs-schema_3.1.json").read_text()
)
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
KYIV = timezone(timedelta(hours=3))


def full_article() -> nm.Article:
    zelensky = nm.Person(
        name="Volodymyr Zelensky",
        job_title="President of Ukraine",
        same_as=["https://www.wikidata.org/wiki/Q3874799"],
    )
    publisher = nm.Organization(name="The Kyiv Independent", url="https://kyivindependent.com/")
    return nm.Article(
        url="https://kyivindependent.com/a/",
        kind=nm.ArticleKind.ANALYSIS,
        id="urn:ki:1",
        headline="Zelensky warns",
        alternative_headline="Alliance",
        description="Standfirst.",
        section="News Feed",
        dateline="KYIV, Ukraine",
        language="en",
        date_published=datetime(2024, 10, 13, 21, 4, tzinfo=KYIV),
        date_modified=datetime(2024, 10, 14, 9, 0, tzinfo=KYIV),
        authors=[
            nm.Person(name="Abbey Fenbert", url="https://kyivindependent.com/author/abbey/"),
            nm.Organization(name="The Kyiv Independent news desk"),
        ],
        publisher=publisher,
        tags=[
            nm.Tag(name="Volodymyr Zelensky", kind=nm.TagKind.PERSON),
            nm.Tag(
                name="Ukraine",
                kind=nm.TagKind.PLACE,
                same_as=["https://www.wikidata.org/wiki/Q212"],
            ),
            nm.Tag(name="NATO", kind=nm.TagKind.ORGANIZATION),
            nm.Tag(name="Victory Plan", kind=nm.TagKind.EVENT),
            nm.Tag(name="War"),
        ],
        images=[
            nm.Image(
                url="https://img.example/lead.jpg",
                caption="Zelensky delivers an address.",
                credit="Presidential Office",
                alt_text="A man at a lectern",
                width=1200,
                height=800,
                license_url="https://img.example/license",
            )
        ],
        body=["First paragraph, five words.", "Second."],
        quotes=[nm.Quote(text="First paragraph", speaker=zelensky)],
        related=[
            nm.RelatedStory(
                url="https://kyivindependent.com/b/",
                headline="Depot ablaze",
                teaser="The General Staff said...",
                publisher=publisher,
                authors=[zelensky],
                date_published=datetime(2024, 10, 12, tzinfo=KYIV),
                image=nm.Image(url="https://img.example/b.jpg"),
                relation=nm.Relation.BACKGROUND,
            )
        ],
    )


def errors(document: dict[str, Any]) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in VALIDATOR.iter_errors(document)]


def test_full_article_is_valid_ninjs() -> None:
    """Every field that ninjs can carry comes out, valid against the 3.1 schema."""
    document = nm.to_ninjs(full_article())

    assert [] == errors(document)


def test_mapping() -> None:
    """Headline, byline, entities, images and related stories land where ninjs wants them."""
    document = nm.to_ninjs(full_article())

    assert {
        "uri": "https://kyivindependent.com/a/",
        "by": "Abbey Fenbert and The Kyiv Independent news desk",
        "headlines": [
            {"role": "main", "value": "Zelensky warns"},
            {"role": "alternative", "value": "Alliance"},
        ],
        "people": [
            {
                "name": "Abbey Fenbert",
                "rel": "author",
                "uri": "https://kyivindependent.com/author/abbey/",
            },
            {"name": "Volodymyr Zelensky", "rel": "about", "literal": "volodymyr-zelensky"},
        ],
        "places": [
            {
                "name": "Ukraine",
                "rel": "about",
                "uri": "https://www.wikidata.org/wiki/Q212",
                "literal": "ukraine",
            }
        ],
        "located": "KYIV, Ukraine",
        "genres": [{"name": "Analysis", "literal": "analysis"}],
        "firstCreated": "2024-10-13T21:04:00+03:00",
        "versionCreated": "2024-10-14T09:00:00+03:00",
        "bodies[0].wordCount": 5,
        "associations": ["image-1", "related-1"],
    } == {
        "uri": document["uri"],
        "by": document["by"],
        "headlines": document["headlines"],
        "people": document["people"],
        "places": document["places"],
        "located": document["located"],
        "genres": document["genres"],
        "firstCreated": document["firstCreated"],
        "versionCreated": document["versionCreated"],
        "bodies[0].wordCount": document["bodies"][0]["wordCount"],
        "associations": [association["name"] for association in document["associations"]],
    }


def test_minimal_article() -> None:
    """An article with only its required fields is a small, valid ninjs document."""
    article = nm.Article(
        url="https://a.example/x",
        headline="X",
        language="uk",
        date_published=datetime(2024, 1, 1, tzinfo=timezone.utc),
    )
    document = nm.to_ninjs(article)

    assert ([], "partial", "X") == (
        errors(document),
        document["representationType"],
        document["headlines"][0]["value"],
    )


@pytest.mark.parametrize("count", [1, 2, 3])
def test_byline_joins_names(count: int) -> None:
    """The by line joins author names the way a byline reads."""
    names = ["A", "B", "C"][:count]
    article = nm.Article(
        url="https://a.example/x",
        headline="X",
        language="en",
        date_published=datetime(2024, 1, 1, tzinfo=timezone.utc),
        authors=[nm.Person(name=name) for name in names],
    )

    assert {1: "A", 2: "A and B", 3: "A, B and C"}[count] == nm.to_ninjs(article)["by"]


@settings(max_examples=50)
@given(strategies.articles())
def test_every_article_gives_valid_ninjs(article: nm.Article) -> None:
    """Whatever the article, its ninjs is valid against the 3.1 schema."""
    assert [] == errors(nm.to_ninjs(article))
