"""Tests for lint: Google's Article guidance, image licence metadata and newsroom hygiene."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import newsmodel as nm
from helpers import full_article, seed
from newsmodel import strategies
from newsmodel._lint import CODES, HEADLINE_LIMIT, lint
from newsmodel._models import paragraph_texts

ROOT = Path(__file__).resolve().parent.parent


def codes(article: nm.Article) -> list[tuple[str, str]]:
    return [(finding.path, finding.code) for finding in lint(article)]


def clean_article() -> nm.Article:
    """The full article, with what lint asks for: no finding at all."""
    article = full_article()
    authors = [
        attrs.evolve(article.authors[0]),
        nm.Organization(name="The Kyiv Independent news desk", url="https://kyivindependent.com/"),
    ]
    images = [
        attrs.evolve(
            image,
            width=1200,
            height=800,
            credit="AP",
            license_url=("https://creativecommons.org/licenses/by/4.0/"),
        )
        for image in article.images
    ]
    quotes = [
        quote for quote in article.quotes if quote.text in "\n".join(paragraph_texts(article.body))
    ]
    return attrs.evolve(article, authors=authors, images=images, quotes=quotes)


def test_a_complete_article_has_no_findings() -> None:
    """An article with everything lint looks for gets an empty list."""
    assert [] == lint(clean_article())


def test_seed_example_findings() -> None:
    """The seed lacks a description, date_modified, author pages, image size and licence."""
    assert [
        ("$.description", "no_description"),
        ("$.date_modified", "no_date_modified"),
        ("$.authors[0]", "author_without_url"),
        ("$.authors[1]", "author_without_url"),
        ("$.images[0]", "image_size_unknown"),
        ("$.images[0].license_url", "image_without_license"),
    ] == codes(seed())


def test_headline_over_110_characters() -> None:
    """A headline of 111 characters is reported; one of 110 is not."""
    article = clean_article()
    assert [] == codes(attrs.evolve(article, headline="x" * HEADLINE_LIMIT))
    assert [("$.headline", "headline_too_long")] == codes(
        attrs.evolve(article, headline="x" * (HEADLINE_LIMIT + 1))
    )


def test_missing_description_date_authors_and_images() -> None:
    """Each missing recommended value is one finding at its field."""
    article = attrs.evolve(
        clean_article(), description=None, date_modified=None, authors=[], images=[]
    )
    assert [
        ("$.description", "no_description"),
        ("$.date_modified", "no_date_modified"),
        ("$.authors", "no_author"),
        ("$.images", "no_image"),
    ] == codes(article)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Abbey Fenbert", []),
        ("Byron Smith", []),
        ("By Abbey Fenbert", ["author_name_by"]),
        ("by: Abbey Fenbert", ["author_name_by"]),
        ("Posted by Abbey Fenbert", ["author_name_by"]),
        ("Abbey Fenbert, Staff Writer", ["author_name_job_title"]),
        ("Reporter Abbey Fenbert", ["author_name_job_title"]),
        ("Abbey Fenbert and Martin Fornusek", ["author_name_several_people"]),
        ("Abbey Fenbert, Martin Fornusek", ["author_name_several_people"]),
        ("Abbey Fenbert & Martin Fornusek", ["author_name_several_people"]),
        ("Abbey Fenbert; Martin Fornusek", ["author_name_several_people"]),
        ("Abbey Fenbert, Photographer", ["author_name_job_title"]),
        ("Troy L. Smith, Cleveland.com", ["author_name_affiliation"]),
        (
            "By Abbey Fenbert, Reporter, and Martin Fornusek",
            ["author_name_by", "author_name_job_title", "author_name_several_people"],
        ),
    ],
)
def test_author_names_hold_the_name_alone(name: str, expected: list[str]) -> None:
    """'By', a job title or a second person in a person's name are each reported at the name."""
    person = nm.Person(name=name, url="https://kyivindependent.com/author/x/")
    article = attrs.evolve(clean_article(), authors=[person])
    assert [("$.authors[0].name", code) for code in expected] == codes(article)


def test_organization_names_may_hold_and() -> None:
    """An organization's name may hold 'and' or '&', but not a leading 'By'."""
    url = "https://example.com/"
    article = attrs.evolve(
        clean_article(),
        authors=[
            nm.Organization(name="Procter & Gamble and Friends", url=url),
            nm.Organization(name="By The Kyiv Independent", url=url),
        ],
    )
    assert [("$.authors[1].name", "author_name_by")] == codes(article)


def test_author_with_same_as_only_is_enough() -> None:
    """same_as pages identify an author as well as a url does."""
    person = nm.Person(name="Abbey Fenbert", same_as=["https://www.wikidata.org/wiki/Q1"])
    assert [] == codes(attrs.evolve(clean_article(), authors=[person]))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"width": None}, [("$.images[0]", "image_size_unknown")]),
        ({"height": None}, [("$.images[0]", "image_size_unknown")]),
        ({"width": 250, "height": 199}, [("$.images[0]", "image_too_small")]),
        ({"width": 250, "height": 200}, []),
        ({"credit": None}, [("$.images[0].credit", "image_without_credit")]),
        ({"license_url": None}, [("$.images[0].license_url", "image_without_license")]),
    ],
)
def test_images(changes: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    """Size under 50,000 pixels or unknown, and a missing credit or licence, are reported."""
    article = clean_article()
    images = [attrs.evolve(article.images[0], **changes), *article.images[1:]]
    assert expected == codes(attrs.evolve(article, images=images))


def test_quote_not_in_body() -> None:
    """A quote whose exact words the body does not hold is reported at its text."""
    article = full_article()
    assert ("$.quotes[2].text", "quote_not_in_body") in codes(article)
    assert 1 == sum(1 for _, code in codes(article) if code == "quote_not_in_body")


def test_quote_across_paragraphs_is_not_in_body() -> None:
    """Words split over two paragraphs are not one quote in the body."""
    person = nm.Person(name="A", url="https://example.com/a")
    article = attrs.evolve(
        clean_article(),
        body=["He said one", "two."],
        quotes=[nm.Quote(text="one\ntwo", speaker=person)],
    )
    assert [("$.quotes[0].text", "quote_not_in_body")] == codes(article)


@given(strategies.articles())
def test_findings_have_known_codes_and_real_paths(article: nm.Article) -> None:
    """Every finding's code is documented and its path names a value of the article."""
    data = nm.to_dict(article)
    for finding in lint(article):
        assert finding.code in CODES
        assert finding.message
        value: object = data
        for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", finding.path):
            if index:
                assert isinstance(value, list)
                value = value[int(index)]
            elif isinstance(value, dict) and key in data_keys(value):
                value = value.get(key)
            else:
                pytest.fail(f"{finding.path} names no field")


def data_keys(value: dict[str, object]) -> set[str]:
    """Wire keys a path may name: present ones, and the optional ones lint says are missing."""
    return (
        set(value)
        | {"description", "date_modified", "authors", "images", "credit"}
        | {"license_url"}
    )


def test_docs_list_every_code() -> None:
    """docs/lint.md has a section for each code, and no other."""
    text = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    assert sorted(CODES) == sorted(re.findall(r"^### `(\w+)`$", text, re.M))
