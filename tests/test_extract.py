"""Tests for finding the articles a web page marks up (JSON-LD and microdata)."""

from __future__ import annotations

import inspect
import json
import sys
import threading
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


def nested_items(depth: int) -> str:
    return '<div itemscope itemprop="part">' * depth + "</div>" * depth


def extract_in_thread(html: str) -> list[nm.Article]:
    """Extract in a thread, so that a reader that blocks fails the test instead of hanging it."""
    result: list[list[nm.Article]] = []
    reader = threading.Thread(target=lambda: result.append(nm.extract(html)), daemon=True)
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), "extract blocked"
    return result[0]


def test_deep_microdata_is_refused_and_later_pages_still_read() -> None:
    """Items nested past the bound are refused with a finding; the next page is read promptly."""
    findings: list[nm.Finding] = []
    node = {"@type": "NewsArticle", "headline": "H", "url": "https://a.example/j"}
    hostile = page(head=jsonld({**node, "datePublished": "2024-01-01T00:00:00Z"}))
    hostile = hostile.replace("<body>", "<body>" + nested_items(300))

    [article] = nm.extract(hostile, findings=findings)

    assert "H" == article.headline  # the JSON-LD part of the page still counts
    assert [
        (
            "$.microdata",
            "dropped",
            (
                "did not read the page's microdata: its items nest more than 64 deep "
                "(itemscope in itemscope)"
            ),
        )
    ] == [(f.path, f.code, f.message) for f in findings if f.path == "$.microdata"]
    assert ["Zelensky warns"] == [a.headline for a in extract_in_thread(page(body=MICRODATA))]


@pytest.mark.parametrize("extra", [0, 1])
def test_items_up_to_the_bound_are_read(extra: int) -> None:
    """Items nested 64 deep are read as usual; one more level and the microdata is refused."""
    depth = nm_max_depth() + extra  # the article's item is the first level
    body = MICRODATA.replace("</article>", nested_items(depth - 1) + "</article>")
    findings: list[nm.Finding] = []

    articles = nm.extract(page(body=body), findings=findings)

    assert ([] if extra else ["Zelensky warns"]) == [a.headline for a in articles]
    assert bool(extra) == any(f.path == "$.microdata" for f in findings)


def nm_max_depth() -> int:
    from newsmodel._extract import MAX_ITEM_DEPTH

    return MAX_ITEM_DEPTH


def test_a_failing_microdata_reader_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the microdata reader raises becomes a finding; the JSON-LD still counts."""
    import extruct

    def broken(*args: object, **kwargs: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(extruct, "extract", broken)
    findings: list[nm.Finding] = []
    node = {"@type": "NewsArticle", "headline": "H", "url": "https://a.example/"}
    html = page(head=jsonld({**node, "datePublished": "2024-01-01T00:00:00Z"}), body=MICRODATA)

    assert ["H"] == [a.headline for a in nm.extract(html, findings=findings)]
    assert [
        (
            "$.microdata: dropped: did not read the page's microdata: the microdata reader "
            "(extruct) failed: RecursionError: maximum recursion depth exceeded"
        )
    ] == [str(f) for f in findings if f.path == "$.microdata"]


@pytest.mark.parametrize(
    "href",
    [
        "http://[::1",
        "http://[1.2.3.4]/",
        "https://[oops]/x",
        # Parsed by urllib, but no absolute http(s) URL: the URL rule decides.
        "javascript:alert(1)",
        "ftp://a.example/x",
        "mailto:x@a.example",
        "https://a.example:99999/",
        "https://{",
    ],
)
@pytest.mark.parametrize("base_url", [None, "https://a.example/"])
def test_a_canonical_link_that_is_no_url_is_dropped(href: str, base_url: str | None) -> None:
    """A canonical link that is no absolute http(s) URL is dropped with a finding."""
    node = {"@type": "NewsArticle", "headline": "H", "datePublished": "2024-01-01T00:00:00Z"}
    html = page(head=f'<link rel="canonical" href="{href}">' + jsonld(node))
    findings: list[nm.Finding] = []

    try:
        articles = nm.extract(html, base_url=base_url, findings=findings)
    except nm.ValidationError as error:  # no url left at all: the article cannot be valid
        assert base_url is None
        assert ["$['json-ld'][0].url"] == [e.path for e in error.errors]  # noqa: PT017
    else:
        assert [base_url] == [a.url for a in articles]
        assert any(f.path == "$" and "<link rel=canonical>" in f.message for f in findings)


@pytest.mark.parametrize(
    ("href", "url"),
    [
        ("https://a.example/a b", "https://a.example/a%20b"),
        ("https://a.example/%zz", "https://a.example/%25zz"),
    ],
)
def test_a_canonical_link_is_percent_encoded_as_markup_urls_are(href: str, url: str) -> None:
    node = {"@type": "NewsArticle", "headline": "H", "datePublished": "2024-01-01T00:00:00Z"}
    html = page(head=f'<link rel="canonical" href="{href}">' + jsonld(node))
    findings: list[nm.Finding] = []

    assert [url] == [a.url for a in nm.extract(html, findings=findings)]
    assert any(f.path == "$" and f.code == "repaired" for f in findings)


@pytest.mark.parametrize(
    "base_url", ["http://[::1", "https://[1.2.3.4]/", "/relative", "ftp://a.example/", ""]
)
def test_a_bad_base_url_is_the_callers_mistake(base_url: str) -> None:
    """base_url must be an absolute http(s) URL: otherwise a ValueError naming it."""
    with pytest.raises(ValueError, match=r"^base_url: expected an absolute http or https URL"):
        nm.extract(page(body=MICRODATA), base_url=base_url)


def test_a_reader_that_failed_inside_does_not_block_later_pages() -> None:
    """
    extruct failing deep inside (a RecursionError) leaves no lock behind.

    A low recursion limit makes extruct fail where it fails on a hostile page:
    inside its shared XPath evaluators, which then stay locked unless renewed.
    """
    from newsmodel._extract import _renew_microdata_reader

    items = page(body=nested_items(60))
    failures = 0
    try:
        for extra in range(40, 300, 3):
            findings: list[nm.Finding] = []
            limit = sys.getrecursionlimit()
            sys.setrecursionlimit(len(inspect.stack(0)) + extra)
            try:
                nm.extract(items, findings=findings)
            except RecursionError:  # outside the reader: not what this test is about
                pass
            finally:
                sys.setrecursionlimit(limit)
            if not findings:
                continue
            failures += 1
            articles = extract_in_thread(page(body=MICRODATA))
            assert ["Zelensky warns"] == [a.headline for a in articles], findings[0].message
    finally:
        _renew_microdata_reader()  # a failure here must not block the rest of the suite
    assert failures  # the reader did fail inside, and was renewed each time
