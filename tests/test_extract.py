"""Tests for finding the articles a web page marks up (JSON-LD and microdata)."""

from __future__ import annotations

import json
from datetime import timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm

ITEMS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "corpus" / "items.jsonl").read_text().splitlines()
]

MICRODATA = """
<article itemscope itemtype="https://schema.org/NewsArticle" itemid="https://a.example/story">
  <h1 itemprop="headline">Zelensky warns</h1>
  <p>By <span itemprop="author" itemscope itemtype="https://schema.org/Person">
    <a itemprop="url" href="/staff/abbey"><span itemprop="name">Abbey Fenbert</span></a></span></p>
  <time itemprop="datePublished" datetime="2024-10-13T21:04:00+03:00">October 13</time>
</article>
"""


def page(*, head: str = "", body: str = "", lang: str = "en") -> str:
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


def jsonld(data: object) -> str:
    text = json.dumps(data).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'


def test_microdata_with_page_defaults() -> None:
    """Microdata is read; the page's lang fills the language, base_url resolves links."""
    [article] = nm.extract(page(body=MICRODATA, lang="en-gb"), base_url="https://a.example/")

    assert (
        "https://a.example/story",
        "Zelensky warns",
        "en-GB",
        [("Abbey Fenbert", "https://a.example/staff/abbey")],
    ) == (
        article.url,
        article.headline,
        article.language,
        [(a.name, a.url) for a in article.authors],
    )


def test_canonical_link_gives_the_url() -> None:
    """Without a url in the markup, <link rel=canonical> gives it."""
    node = {"@type": "NewsArticle", "headline": "H", "datePublished": "2024-01-01T00:00:00Z"}
    html = page(head='<link rel="Canonical" href="/x">' + jsonld(node))

    [article] = nm.extract(html, base_url="https://a.example/dir/")

    assert "https://a.example/x" == article.url


def test_same_article_in_both_syntaxes_is_one() -> None:
    """An article marked up in JSON-LD and in microdata counts once."""
    node = {
        "@type": "NewsArticle",
        "headline": "Zelensky warns",
        "url": "https://a.example/story",
        "datePublished": "2024-10-13T21:04:00+03:00",
    }
    findings: list[nm.Finding] = []

    articles = nm.extract(page(head=jsonld(node), body=MICRODATA), findings=findings)

    assert ["https://a.example/story"] == [a.url for a in articles]
    assert any(f.code == "dropped" and "twice" in f.message for f in findings)


def test_a_broken_block_loses_only_itself() -> None:
    """A JSON-LD block that is not JSON is reported; the others are read."""
    good = {
        "@type": "NewsArticle",
        "headline": "H",
        "url": "https://a.example/",
        "datePublished": "2024-01-01",
    }
    findings: list[nm.Finding] = []
    html = page(head='<script type="application/ld+json">{oops</script>' + jsonld(good))

    articles = nm.extract(html, default_tz="UTC", findings=findings)

    assert ["H"] == [a.headline for a in articles]
    assert ("$['json-ld'][0]", "dropped") in [(f.path, f.code) for f in findings]


def test_no_markup_no_articles() -> None:
    """A page without article markup gives nothing: no guessing from its text."""
    other = {"@type": "BreadcrumbList", "itemListElement": []}

    assert [] == nm.extract(page(head=jsonld(other), body="<h1>Headline</h1><p>Text</p>"))


def test_invalid_article_is_a_validation_error_with_page_paths() -> None:
    """An article that cannot be valid is reported at its place in the page."""
    node = {
        "@type": "NewsArticle",
        "url": "https://a.example/",
        "datePublished": "2024-01-01T00:00:00Z",
    }

    with pytest.raises(nm.ValidationError) as caught:
        nm.extract(page(head=jsonld(node)))

    assert [("$['json-ld'][0].headline", "missing")] == [
        (e.path, e.code) for e in caught.value.errors
    ]


def test_hostile_text_is_read_back_exactly() -> None:
    """Text with markup characters, safely embedded, comes back unchanged."""
    hostile = '</script><!-- <script>alert(1)</script> & "quotes" ]]>'
    node = {
        "@type": "NewsArticle",
        "headline": hostile,
        "url": "https://a.example/",
        "datePublished": "2024-01-01T00:00:00Z",
    }

    [article] = nm.extract(page(head=jsonld(node)))

    assert hostile == article.headline


@pytest.mark.parametrize("record", ITEMS[::15], ids=lambda record: record["id"])
def test_corpus_items_as_pages(record: dict[str, object]) -> None:
    """A corpus item embedded in a page extracts as the item imports alone."""
    item = record["item"]
    try:
        alone = nm.from_jsonld(item, default_tz=timezone.utc)
    except nm.ValidationError:
        alone = None
    html = page(head=jsonld(item), lang="und")

    try:
        articles = nm.extract(html, default_tz=timezone.utc)
    except nm.ValidationError:
        articles = []

    assert ([alone] if alone is not None else []) == articles


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<!--",
        '<?xml version="1.0" encoding="utf-8"?><html></html>',
        b"\xff\xfe<",
        "\x00",
    ],
)
def test_pages_with_nothing_in_them(html: str | bytes) -> None:
    """Blank, broken or odd pages give no articles."""
    assert [] == nm.extract(html)


@given(st.text(max_size=200) | st.binary(max_size=200))
def test_any_input(html: str | bytes) -> None:
    """Any text or bytes gives a list of articles or a ValidationError, never a crash."""
    try:
        nm.extract(html)
    except nm.ValidationError as error:
        assert error.errors  # noqa: PT017 - either outcome is right; its shape is checked
