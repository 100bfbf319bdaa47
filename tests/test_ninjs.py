"""Tests for the IPTC ninjs 3.1 export."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from rfc3986_validator import validate_rfc3986

import newsmodel as nm
from newsmodel import strategies

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ninjs" / "ninjs-schema_3.1.json").read_text()
)


def _checker() -> jsonschema.FormatChecker:
    """Return jsonschema's format checker, with 'uri' checked by rfc3986-validator."""
    checker = copy.deepcopy(jsonschema.Draft202012Validator.FORMAT_CHECKER)

    def is_uri(instance: object) -> bool:
        return not isinstance(instance, str) or validate_rfc3986(instance, rule="URI") is not None

    checker.checks("uri")(is_uri)
    return checker


FORMATS = _checker()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS)
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
    """Whatever the article, its ninjs is valid against the 3.1 schema, its formats checked."""
    assert [] == errors(nm.to_ninjs(article))


def test_the_schema_check_includes_formats() -> None:
    """The validator checks 'uri' and 'date-time': an IRI where ninjs says uri is an error."""
    assert not FORMATS.conforms("https://ru.wikipedia.org/wiki/Киев", "uri")
    assert FORMATS.conforms("https://ru.wikipedia.org/wiki/%D0%9A", "uri")
    document = nm.to_ninjs(full_article())
    document["uri"] = "https://ru.wikipedia.org/wiki/Киев"
    assert ["$.uri: 'https://ru.wikipedia.org/wiki/Киев' is not a 'uri'"] == errors(document)


def test_iris_become_uris() -> None:
    """Every ninjs uri is the URL with what is not ASCII UTF-8 percent-encoded (RFC 3987 §3.1)."""
    kyiv = "https://uk.wikipedia.org/wiki/Київ"
    kyiv_uri = "https://uk.wikipedia.org/wiki/%D0%9A%D0%B8%D1%97%D0%B2"
    host = "https://новини.укр/"
    host_uri = "https://%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8.%D1%83%D0%BA%D1%80/"
    article = nm.Article(
        url=kyiv,
        headline="H",
        language="uk",
        date_published=datetime(2024, 1, 1, tzinfo=timezone.utc),
        authors=[nm.Person(name="A", url=host)],
        publisher=nm.Organization(name="P", same_as=[kyiv]),
        tags=[nm.Tag(name="Київ", kind=nm.TagKind.PLACE, same_as=[kyiv])],
        images=[nm.Image(url=host + "фото.jpg", license_url=host + "ліцензія")],
        related=[nm.RelatedStory(url=host + "новина", headline="B")],
    )
    document = nm.to_ninjs(article)

    assert [] == errors(document)
    assert kyiv_uri == document["uri"]
    assert host_uri == document["people"][0]["uri"]
    assert kyiv_uri == document["infoSources"][0]["uri"]
    assert kyiv_uri == document["places"][0]["uri"]
    image, related = document["associations"]
    assert host_uri + "%D1%84%D0%BE%D1%82%D0%BE.jpg" == image["uri"]
    assert image["uri"] == image["renditions"][0]["href"]
    assert (
        host_uri + "%D0%BB%D1%96%D1%86%D0%B5%D0%BD%D0%B7%D1%96%D1%8F"
        == (image["rightsInfo"]["linkedRights"])
    )
    assert host_uri + "%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B0" == related["uri"]
