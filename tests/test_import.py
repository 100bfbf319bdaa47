"""Tests for importing real publishers' JSON-LD and microdata items (the corpus)."""

from __future__ import annotations

import html
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel._import import read_jsonld

DATA = Path(__file__).parent / "data" / "corpus"
ITEMS = [json.loads(line) for line in (DATA / "items.jsonl").read_text().splitlines()]
REGRESSIONS = DATA / "regressions.json"


def _import(item: dict[str, Any], **options: Any) -> tuple[nm.Article | None, list[str]]:
    findings: list[nm.Finding] = []
    try:
        return read_jsonld(item, findings=findings, **options), []
    except nm.ValidationError as error:
        return None, sorted({f"{e.code} {e.path}" for e in error.errors})


def _result(item: dict[str, Any]) -> dict[str, Any]:
    article, errors = _import(item, default_tz=timezone.utc)
    if article is None:
        return {"errors": errors}
    return {
        "url": article.url,
        "headline": article.headline,
        "date_published": article.date_published.isoformat(),
        "authors": [author.name for author in article.authors],
        "language": article.language,
    }


def test_no_item_raises_anything_but_validation_error() -> None:
    """Every corpus item imports or fails with ValidationError, with or without a zone."""
    failures = 0
    for record in ITEMS:
        for options in (
            {},
            {"default_tz": timezone.utc},
            {"language": "en", "url": record["page_url"]},
        ):
            failures += _import(record["item"], **options)[0] is None

    assert 0 < failures < 3 * len(ITEMS)


def _carries_essentials(item: dict[str, Any]) -> bool:
    page = item.get("mainEntityOfPage")
    page_url = page.get("@id") or page.get("id") if isinstance(page, dict) else page
    return bool(
        item.get("headline") and item.get("datePublished") and (item.get("url") or page_url)
    )


def test_import_share() -> None:
    """At least 95 % of items with a headline, a date and a url import (zone defaulted to UTC)."""
    eligible = [record for record in ITEMS if _carries_essentials(record["item"])]
    imported = [r for r in eligible if _import(r["item"], default_tz=timezone.utc)[0] is not None]

    share = len(imported) / len(eligible)
    print(f"imported {len(imported)} of {len(eligible)} eligible items ({share:.1%})")
    assert share >= 0.95


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def test_imported_values_say_what_the_markup_says() -> None:
    """Headline, instant and url of every import equal the markup's (after entity decoding)."""
    for record in ITEMS:
        item = record["item"]
        article, _ = _import(item, default_tz=timezone.utc)
        if article is None:
            continue
        headline = item.get("headline")
        if isinstance(headline, str):
            assert _plain(headline) == article.headline, record["id"]
        published = item.get("datePublished")
        if isinstance(published, str) and re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", published.strip()
        ):
            instant = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
            assert instant == article.date_published, record["id"]
        url = item.get("url")
        if isinstance(url, str) and url.startswith("http") and " " not in url.strip():
            assert url.strip() == article.url, record["id"]


# Names the byline repairs would change: separators, prefixes, conjunctions,
# odd whitespace.
NOT_PLAIN = re.compile(
    r"[,&|]|^(?:by|von|par|por|di|door|av|przez|text|текст|редактор)\b|\bby\b"
    r"|\b(?:and|und|et|y|e|i|og|och|и)\b|[^\S ]| {2}|^\s|\s$",
    re.I,
)


def test_plain_author_names_are_kept_exactly() -> None:
    """A single Person author with a plain name comes out with that very name."""
    checked = 0
    for record in ITEMS:
        author = record["item"].get("author")
        if isinstance(author, list) and len(author) == 1:
            author = author[0]
        if not (isinstance(author, dict) and author.get("@type") == "Person"):
            continue
        name = author.get("name")
        if not isinstance(name, str) or not name or NOT_PLAIN.search(name):
            continue
        article, _ = _import(record["item"], default_tz=timezone.utc)
        if article is None:
            continue
        checked += 1
        assert [html.unescape(name)] == [a.name for a in article.authors], record["id"]
    assert checked > 200


def test_regressions() -> None:
    """Each item imports as it did when the regression table was last written."""
    results = {record["id"]: _result(record["item"]) for record in ITEMS}
    if os.environ.get("NEWSMODEL_REGENERATE"):
        REGRESSIONS.write_text(
            json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )
    expected = json.loads(REGRESSIONS.read_text())

    changed = sorted(key for key in results if results[key] != expected.get(key))
    assert [] == changed, f"{len(changed)} items import differently; first: {changed[:5]}"


@pytest.mark.parametrize(
    ("document", "headline"),
    [
        (
            {
                "@context": "https://schema.org",
                "@graph": [
                    {
                        "@type": "WebPage",
                        "@id": "https://a.example/x#page",
                        "url": "https://a.example/x",
                    },
                    {"@type": "Person", "@id": "https://a.example/#jane", "name": "Jane Doe"},
                    {
                        "@type": "NewsArticle",
                        "headline": "From a graph",
                        "mainEntityOfPage": {"@id": "https://a.example/x#page"},
                        "author": {"@id": "https://a.example/#jane"},
                        "datePublished": "2024-01-01T00:00:00Z",
                    },
                ],
            },
            "From a graph",
        ),
        (
            [
                {"@context": "http://schema.org", "@type": "BreadcrumbList"},
                {
                    "@context": "http://schema.org/",
                    "@type": ["Article", "NewsArticle"],
                    "headline": "In an array",
                    "url": "https://a.example/y",
                    "author": "By Jane Doe and John Roe",
                    "datePublished": "2024-01-01 10:00:00+0200",
                },
            ],
            "In an array",
        ),
    ],
)
def test_documents(document: object, headline: str) -> None:
    """Graphs with @id references and arrays of nodes give up their article."""
    findings: list[nm.Finding] = []
    article = read_jsonld(document, findings=findings)

    assert headline == article.headline
    assert all(isinstance(author, nm.Person) for author in article.authors)


def test_graph_references_and_findings() -> None:
    """References are followed, and every repair is a finding at its path."""
    document = {
        "@graph": [
            {"@type": "Person", "@id": "#jane", "name": "By Jane Doe"},
            {
                "@type": "NewsArticle",
                "headline": "Tom &amp; Jerry ",
                "url": "https://a.example/z",
                "author": [{"@id": "#jane"}],
                "datePublished": "2024-01-01T00:00:00",
                "keywords": "war, peace",
                "isAccessibleForFree": "False",
            },
        ]
    }
    findings: list[nm.Finding] = []
    article = read_jsonld(document, findings=findings, default_tz=timezone.utc, language="en")

    assert ("Tom & Jerry", ["Jane Doe"], ("war", "peace"), False) == (
        article.headline,
        [a.name for a in article.authors],
        tuple(t.name for t in article.tags),
        article.is_accessible_for_free,
    )
    assert {
        ("$['@graph'][1].headline", "repaired"),
        ("$['@graph'][1].author[0].name", "repaired"),
        ("$['@graph'][1].datePublished", "repaired"),
        ("$['@graph'][1].keywords", "repaired"),
        ("$['@graph'][1].isAccessibleForFree", "repaired"),
    } <= {(f.path, f.code) for f in findings}


def test_missing_headline_is_a_validation_error_at_the_source() -> None:
    """Without a headline the import fails, naming the property it lacks."""
    with pytest.raises(nm.ValidationError) as caught:
        read_jsonld(
            {
                "@type": "NewsArticle",
                "url": "https://a.example/",
                "datePublished": "2024-01-01T00:00:00Z",
            },
            findings=[],
        )

    assert [("$.headline", "missing")] == [(e.path, e.code) for e in caught.value.errors]


def test_zone_less_date_without_default_is_refused() -> None:
    """A date without a zone and no default_tz is an error that says how to fix it."""
    with pytest.raises(nm.ValidationError) as caught:
        read_jsonld(
            {
                "@type": "NewsArticle",
                "headline": "X",
                "url": "https://a.example/",
                "datePublished": "2024-01-01 10:00",
            },
            findings=[],
        )

    assert [("$.datePublished", "timezone")] == [(e.path, e.code) for e in caught.value.errors]
    assert "default_tz" in caught.value.errors[0].message


@pytest.mark.parametrize("data", [b"not json", "[1, 2", 42, None, "", "<!-- {} -->", "[]", "{}"])
def test_garbage(data: object) -> None:
    """Anything that is not an article document is a ValidationError."""
    with pytest.raises(nm.ValidationError):
        read_jsonld(data, findings=[])


_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["@type", "@id", "@graph", "headline", "author", "name", "url", "datePublished",
                 "image", "publisher", "keywords", "mainEntityOfPage", "inLanguage", "about",
                 "articleBody", "isAccessibleForFree", "logo", "sameAs", "timeRequired", "x"]
            ),
            children,
            max_size=6,
        ),
    ),
    max_leaves=25,
)  # fmt: skip


@given(_json, st.sampled_from(["NewsArticle", "Article", ["Person"], None]))
def test_any_document_imports_or_fails_cleanly(document: object, kind: object) -> None:
    """Any JSON at all, with or without an article type, gives an Article or ValidationError."""
    if isinstance(document, dict) and kind is not None:
        document = {**document, "@type": kind}
    try:
        read_jsonld(document, findings=[], default_tz=timezone.utc)
    except nm.ValidationError as error:
        assert error.errors  # noqa: PT017 - either outcome is right; its shape is checked
