"""Tests for `to_meta_tags`: Open Graph and Twitter/X tags, read back by extruct and html5lib."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import extruct
import html5lib
from hypothesis import given

import newsmodel as nm
from newsmodel import cli, strategies
from newsmodel._meta_tags import open_graph_locale
from newsmodel._wild import split_keywords

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

ARTICLE = nm.Article(
    url="https://news.example/a?x=1&y=2",
    headline='Rates "rise" <again>',
    description="The bank moved.\nMarkets fell.",
    language="en-GB",
    date_published=datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc),
    authors=[nm.Person(name="Jane Doe"), nm.Organization(name="Wire & Co")],
    publisher=nm.Organization(name="The Example"),
    section="Business",
    tags=[nm.Tag(name="Rates"), nm.Tag(name="Banks, central")],
    images=[nm.Image(url="https://news.example/a.jpg", width=1200, height=630, alt_text="A chart")],
    is_accessible_for_free=False,
)


def _page(tags: str) -> str:
    return f"<!doctype html><html><head>{tags}</head><body></body></html>"


def _expected_open_graph(article: nm.Article) -> list[tuple[str, str]]:
    """What the model holds, as the Open Graph properties extruct reads back, in order."""
    a = article
    props = [("og:type", "article"), ("og:title", a.headline), ("og:url", a.url)]
    if a.description is not None:
        props.append(("og:description", a.description))
    locale = open_graph_locale(a.language)
    if locale is not None:
        props.append(("og:locale", locale))
    if a.publisher is not None:
        props.append(("og:site_name", a.publisher.name))
    for image in a.images:
        props.append(("og:image", image.url))
        if image.width is not None:
            props.append(("og:image:width", str(image.width)))
        if image.height is not None:
            props.append(("og:image:height", str(image.height)))
        if image.alt_text is not None:
            props.append(("og:image:alt", image.alt_text))
    props.append(("article:published_time", a.date_published.isoformat()))
    if a.date_modified is not None:
        props.append(("article:modified_time", a.date_modified.isoformat()))
    props += [("article:author", author.name) for author in a.authors]
    if a.section is not None:
        props.append(("article:section", a.section))
    props += [("article:tag", tag.name) for tag in a.tags]
    return props


def _open_graph(tags: str) -> list[tuple[str, str]]:
    found = extruct.extract(_page(tags), syntaxes=["opengraph"], uniform=False)
    return [tuple(pair) for item in found["opengraph"] for pair in item["properties"]]


def test_the_tags_of_an_article() -> None:
    """Every tag a publisher needs, escaped, the paywall's robots tag included."""
    tags = nm.to_meta_tags(ARTICLE)

    assert '<link rel="canonical" href="https://news.example/a?x=1&amp;y=2">' in tags
    assert '<meta property="og:title" content="Rates &quot;rise&quot; &lt;again&gt;">' in tags
    assert '<meta name="robots" content="noarchive">' in tags
    assert '<meta name="twitter:card" content="summary_large_image">' in tags
    assert '<meta property="og:locale" content="en_GB">' in tags
    assert '<meta property="article:author" content="Wire &amp; Co">' in tags
    assert _open_graph(tags) == _expected_open_graph(ARTICLE)


def test_free_article_without_image() -> None:
    """No robots tag for a free article; a summary card without an image."""
    article = nm.Article(
        url="https://news.example/b",
        headline="H",
        language="und",
        date_published=datetime(2024, 5, 1, tzinfo=timezone.utc),
    )
    tags = nm.to_meta_tags(article)

    assert "robots" not in tags
    assert "og:locale" not in tags
    assert "og:image" not in tags
    assert '<meta name="twitter:card" content="summary">' in tags


def _elements(document: Any) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    head = document.find("{http://www.w3.org/1999/xhtml}head")
    return [
        (element.tag.split("}", 1)[1], tuple(sorted(element.attrib.items())))
        for element in head.iter()
        if element is not head
    ]


@given(strategies.articles())
def test_no_text_escapes_the_markup(article: nm.Article) -> None:
    """html5lib reads exactly one element a line, with exactly the attributes written."""
    tags = nm.to_meta_tags(article)
    document = html5lib.parse(_page(tags))
    elements = _elements(document)

    assert len(elements) == len(tags.splitlines())
    for tag, attributes in elements:
        keys = tuple(key for key, _ in attributes)
        assert (tag, keys) in {
            ("link", ("href", "rel")),
            ("meta", ("content", "property")),
            ("meta", ("content", "name")),
        }
    values = {value for _, attributes in elements for _, value in attributes}
    assert article.headline in values
    assert article.url in values
    assert all(author.name in values for author in article.authors)


@given(strategies.articles())
def test_extruct_reads_back_what_the_model_holds(article: nm.Article) -> None:
    """extruct's Open Graph reader gets back exactly the model's values."""
    assert _open_graph(nm.to_meta_tags(article)) == _expected_open_graph(article)


@given(strategies.articles())
def test_extract_reads_the_tags_back(article: nm.Article) -> None:
    """
    The page-meta fallback of `extract` reads back the url, texts and instants.

    The fallback reads texts as the JSON-LD import does: runs of whitespace
    collapse (a repair it reports), so texts compare with theirs collapsed.
    """
    findings: list[nm.Finding] = []
    (found,) = nm.extract(_page(nm.to_meta_tags(article)), findings=findings)

    assert (found.url, found.headline) == (article.url, _spaced(article.headline))
    assert found.date_published == article.date_published
    assert found.date_modified == article.date_modified
    assert found.section == (article.section and _spaced(article.section))
    assert [tag.name for tag in found.tags] == _tags_read_back(article)
    assert found.language == article.language


def _tags_read_back(article: nm.Article) -> list[str]:
    """The tag names the fallback reads: a lone ``article:tag`` is split at its commas."""
    names = [_spaced(tag.name) for tag in article.tags]
    if len(names) == 1:
        return split_keywords(names[0], "$", [])
    return names


def _spaced(text: str) -> str:
    return " ".join(text.split())


def test_cli_convert_to_meta(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`newsmodel convert --to meta` prints what to_meta_tags writes, one block an article."""
    source = tmp_path / "two.jsonl"
    other = nm.Article(
        url="https://news.example/b",
        headline="B",
        language="en",
        date_published=datetime(2024, 5, 2, tzinfo=timezone.utc),
    )
    source.write_text(nm.dumps(ARTICLE) + "\n" + nm.dumps(other) + "\n")

    status = cli.main(["convert", str(source), "--to", "meta"])
    out, _ = capsys.readouterr()

    assert (status, out) == (0, nm.to_meta_tags(ARTICLE) + "\n" + nm.to_meta_tags(other))
