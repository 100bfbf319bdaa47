"""Tests for the fallback of `extract` to Open Graph and <meta> tags (tests/data/pages)."""

from __future__ import annotations

import contextlib
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
from newsmodel._page_meta import BUILT_FROM_META, PRECEDENCE

PAGES = Path(__file__).parent / "data" / "pages"
FILES = sorted(PAGES.glob("*.html"))
REGRESSIONS = PAGES / "regressions.json"
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def _page(head: str, lang: str = "en") -> str:
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body><p>Hi</p></body></html>'


def _extract(page: str | bytes, **options: Any) -> tuple[list[nm.Article], list[nm.Finding]]:
    findings: list[nm.Finding] = []
    return nm.extract(page, findings=findings, **options), findings


def _first_tag(page: str, names: tuple[str, ...]) -> str | None:
    """The first tag of *names* (in precedence order) the page carries, read with a regex."""
    found: dict[str, str] = {}
    for tag in _META.findall(page):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag)}
        name = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        if name and attrs.get("content", "").strip():
            found.setdefault(name, attrs["content"])
    if "parsely-page" in found:  # Parse.ly's older form: its keys come after the tags
        parsely: dict[str, Any] = json.loads(html.unescape(found["parsely-page"]))
        for key, name in (("title", "parsely-title"), ("link", "parsely-link")):
            if parsely.get(key):
                found.setdefault(name, html.escape(parsely[key]))
        if parsely.get("pub_date"):
            found.setdefault("parsely-pub-date", parsely["pub_date"])
    return next((found[name] for name in names if name in found), None)


def _said(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


# ------------------------------------------------------------ the real pages


def test_no_page_raises_anything_but_validation_error() -> None:
    """Every page gives articles or a ValidationError, with or without a zone."""
    for path in FILES:
        for options in ({}, {"default_tz": timezone.utc}):
            with contextlib.suppress(nm.ValidationError):
                _extract(path.read_bytes(), **options)


def _outcome(path: Path) -> tuple[nm.Article | None, list[nm.Finding]]:
    try:
        articles, findings = _extract(path.read_bytes())
    except nm.ValidationError:
        return None, []
    return (articles[0] if articles else None), findings


def test_recovery_on_pages_whose_time_tag_has_a_zone() -> None:
    """At least 90 % of pages with a zoned time tag give an article equal to what the tags say."""
    zoned = exact = 0
    for path in FILES:
        page = path.read_text()
        published = _first_tag(page, PRECEDENCE["datePublished"])
        try:
            instant = datetime.fromisoformat((published or "").strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if instant.tzinfo is None:
            continue
        zoned += 1
        article, findings = _outcome(path)
        if article is None:
            continue
        title = _first_tag(page, PRECEDENCE["headline"])
        url = _first_tag(page, PRECEDENCE["url"])
        assert any(f.message == BUILT_FROM_META for f in findings), path.name
        exact += (
            title is not None
            and article.headline == _said(title)
            and article.date_published == instant
            and (url is None or article.url == url.strip())
        )
    assert zoned >= 40
    assert exact / zoned >= 0.9, f"{exact} of {zoned} exact"


def _result(path: Path) -> dict[str, Any]:
    try:
        articles, _ = _extract(path.read_bytes(), default_tz=timezone.utc)
    except nm.ValidationError as error:
        return {"errors": sorted({f"{e.code} {e.path}" for e in error.errors})}
    if not articles:
        return {"articles": 0}
    article = articles[0]
    return {
        "url": article.url,
        "headline": article.headline,
        "date_published": article.date_published.isoformat(),
        "authors": [author.name for author in article.authors],
        "language": article.language,
        "tags": [tag.name for tag in article.tags],
        "images": [image.url for image in article.images],
    }


def test_regressions() -> None:
    """Each page extracts as it did when the regression table was last written."""
    results = {path.name: _result(path) for path in FILES}
    if os.environ.get("NEWSMODEL_REGENERATE"):
        REGRESSIONS.write_text(
            json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )
    expected = json.loads(REGRESSIONS.read_text())
    changed = sorted(key for key in results if results[key] != expected.get(key))
    assert [] == changed, f"{len(changed)} pages extract differently; first: {changed[:5]}"
    recovered = sum("headline" in result for result in results.values())
    assert recovered >= 55, recovered


# ------------------------------------------------------------ the vocabularies

OG = (
    '<meta property="og:type" content="article">'
    '<meta property="og:title" content="Rates rise &amp; markets fall">'
    '<meta property="og:url" content="https://news.example/rates">'
    '<meta property="og:description" content="The bank moved.">'
    '<meta property="og:site_name" content="The Example">'
    '<meta property="article:published_time" content="2024-05-01T09:30:00+02:00">'
    '<meta property="article:modified_time" content="2024-05-01T11:00:00+02:00">'
    '<meta property="article:author" content="https://facebook.example/jane">'
    '<meta name="author" content="By Jane Doe and John Roe">'
    '<meta property="article:section" content="Business">'
    '<meta property="article:tag" content="Rates"><meta property="article:tag" content="Banks">'
    '<meta property="og:image" content="https://news.example/a.jpg">'
    '<meta property="og:image:width" content="1200">'
    '<meta property="og:image:height" content="630">'
    '<meta property="og:image:alt" content="A trader at a screen">'
)


def test_open_graph_page() -> None:
    """Open Graph tags give the article, said to be built from them, every repair reported."""
    (article,), findings = _extract(_page(OG))

    assert article.headline == "Rates rise & markets fall"
    assert article.url == "https://news.example/rates"
    assert article.date_published == datetime.fromisoformat("2024-05-01T09:30:00+02:00")
    assert article.date_modified == datetime.fromisoformat("2024-05-01T11:00:00+02:00")
    assert [a.name for a in article.authors] == ["Jane Doe", "John Roe"]
    assert article.publisher is not None
    assert article.publisher.name == "The Example"
    assert article.section == "Business"
    assert [t.name for t in article.tags] == ["Rates", "Banks"]
    assert article.description == "The bank moved."
    assert article.language == "en"
    image = article.images[0]
    assert (image.url, image.width, image.height, image.alt_text) == (
        "https://news.example/a.jpg", 1200, 630, "A trader at a screen"
    )  # fmt: skip
    assert nm.Finding("$.meta", "repaired", BUILT_FROM_META) in findings
    assert any(
        f.path == "$.meta['article:author']" and f.code == "dropped" for f in findings
    )  # a profile URL is not a name
    assert any(f.path == "$.meta['og:image:width']" and "pixels" in f.message for f in findings)


@pytest.mark.parametrize(
    ("head", "headline", "when"),
    [
        (
            (
                '<meta name="parsely-title" content="From Parse.ly">'
                '<meta name="parsely-link" content="https://p.example/a">'
                '<meta name="parsely-pub-date" content="2024-01-02T03:04:05Z">'
                '<meta name="parsely-author" content="Ann Lee">'
                '<meta name="parsely-tags" content="one,two">'
            ),
            "From Parse.ly",
            "2024-01-02T03:04:05+00:00",
        ),
        (
            (
                '<meta name="sailthru.title" content="From Sailthru">'
                '<meta name="sailthru.date" content="2024-01-02T03:04:05-05:00">'
                '<meta name="sailthru.author" content="Ann Lee">'
                '<meta name="sailthru.tags" content="one, two">'
            ),
            "From Sailthru",
            "2024-01-02T03:04:05-05:00",
        ),
        (
            (
                '<meta name="DC.title" content="From Dublin Core">'
                '<meta name="DC.date" content="2024-01-02T03:04:05+01:00">'
                '<meta name="DC.creator" content="Ann Lee">'
            ),
            "From Dublin Core",
            "2024-01-02T03:04:05+01:00",
        ),
        (
            (
                '<meta name="dcterms.title" content="From DC terms">'
                '<meta name="dcterms.created" content="2024-01-02T03:04:05+01:00">'
            ),
            "From DC terms",
            "2024-01-02T03:04:05+01:00",
        ),
    ],
)
def test_other_vocabularies(head: str, headline: str, when: str) -> None:
    """Parse.ly, Sailthru and Dublin Core tags each make an article."""
    link = '<link rel="canonical" href="https://p.example/a">'
    (article,), _ = _extract(_page(head + link))

    assert (article.headline, article.date_published) == (headline, datetime.fromisoformat(when))
    assert article.url == "https://p.example/a"


def test_disagreeing_times_are_reported() -> None:
    """Two vocabularies with different times: the first kept, the other reported."""
    head = OG + '<meta name="parsely-pub-date" content="2024-05-02T09:30:00Z">'
    (article,), findings = _extract(_page(head))

    assert article.date_published == datetime.fromisoformat("2024-05-01T09:30:00+02:00")
    (finding,) = [f for f in findings if f.path == "$.meta['parsely-pub-date']"]
    assert finding.code == "dropped"
    assert "disagree" in finding.message


def test_equal_times_in_two_forms_are_not_a_disagreement() -> None:
    """The same instant written in two zones is one value, not a conflict."""
    head = OG + '<meta name="parsely-pub-date" content="2024-05-01T07:30:00Z">'
    _, findings = _extract(_page(head))

    assert not [f for f in findings if f.path == "$.meta['parsely-pub-date']"]


def test_disagreeing_titles_are_reported() -> None:
    """A different title from another vocabulary is reported, not silently dropped."""
    head = OG + '<meta name="sailthru.title" content="Another title">'
    (article,), findings = _extract(_page(head))

    assert article.headline == "Rates rise & markets fall"
    assert any(f.path == "$.meta['sailthru.title']" and "disagree" in f.message for f in findings)


def test_no_date_no_article() -> None:
    """Tags without a publication date make no article, and say so."""
    articles, findings = _extract(_page('<meta property="og:title" content="A home page">'))

    assert articles == []
    assert findings[-1].path == "$.meta"
    assert "no publication date" in findings[-1].message


def test_zone_less_time_follows_the_import_rules() -> None:
    """A time without a zone is an error at its tag, unless default_tz is given."""
    head = (
        '<meta property="og:title" content="T">'
        '<meta property="og:url" content="https://t.example/">'
        '<meta property="article:published_time" content="2024-05-01T09:30:00">'
    )
    with pytest.raises(nm.ValidationError) as caught:
        _extract(_page(head))
    assert caught.value.errors[0].path == "$.meta['article:published_time']"
    assert caught.value.errors[0].code == "timezone"

    (article,), findings = _extract(_page(head), default_tz="Europe/Berlin")
    assert article.date_published.isoformat() == "2024-05-01T09:30:00+02:00"
    assert any(f.path == "$.meta['article:published_time']" for f in findings)


def test_markup_comes_first() -> None:
    """A page with a JSON-LD article never falls back to its meta tags."""
    script = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "LD",'
        ' "url": "https://ld.example/", "datePublished": "2024-01-01T00:00:00Z"}</script>'
    )
    (article,), findings = _extract(_page(OG + script))

    assert article.headline == "LD"
    assert all(f.message != BUILT_FROM_META for f in findings)


_NAMES = st.sampled_from(sorted({name for names in PRECEDENCE.values() for name in names}))
_CONTENT = st.text(max_size=40) | st.sampled_from(
    ["2024-05-01T09:30:00+02:00", "https://x.example/a", "01/02/2024", "", "  ", "&amp;<b>"]
)


@given(st.lists(st.tuples(_NAMES, _CONTENT), max_size=12))
def test_any_tags_give_an_article_or_a_validation_error(tags: list[tuple[str, str]]) -> None:
    """Whatever the tags say, the result is articles or a ValidationError, never a crash."""
    head = "".join(
        f'<meta name="{name}" content="{html.escape(content, quote=True)}">'
        for name, content in tags
    )
    try:
        articles, findings = _extract(_page(head), default_tz="UTC")
    except nm.ValidationError as error:
        paths = [e.path for e in error.errors]
    else:
        paths = []
        for article in articles:
            assert nm.Finding("$.meta", "repaired", BUILT_FROM_META) in findings
            assert nm.from_dict(nm.to_dict(article)) == article
    assert all(path.startswith("$.meta") for path in paths)


def test_parsely_page_json() -> None:
    """Parse.ly's older parsely-page JSON counts as its tags, reported at its keys."""
    data = {
        "title": "From the JSON",
        "link": "https://p.example/j",
        "pub_date": "2024-01-02T03:04:05Z",
        "authors": ["Ann Lee", 7],
        "tags": ["one", "two"],
    }
    head = f"<meta name=\"parsely-page\" content='{html.escape(json.dumps(data))}'>"
    (article,), findings = _extract(_page(head))

    assert (article.headline, article.url) == ("From the JSON", "https://p.example/j")
    assert [a.name for a in article.authors] == ["Ann Lee"]
    assert [t.name for t in article.tags] == ["one", "two"]
    assert any(f.path == "$.meta['parsely-page'].authors[1]" for f in findings)

    articles, findings = _extract(_page('<meta name="parsely-page" content="{not json">'))
    assert articles == []
    assert findings[0].path == "$.meta['parsely-page']"
    assert "invalid JSON" in findings[0].message


def test_a_lone_article_tag_is_split_at_its_commas() -> None:
    """Pages that list every tag in one article:tag get them one by one, reported."""
    head = OG.replace(
        '<meta property="article:tag" content="Rates"><meta property="article:tag" '
        'content="Banks">',
        '<meta property="article:tag" content="Rates, Banks">',
    )
    (article,), findings = _extract(_page(head))

    assert [t.name for t in article.tags] == ["Rates", "Banks"]
    assert any(f.path == "$.meta['article:tag']" and "split" in f.message for f in findings)


def test_hostile_pages() -> None:
    """Many, huge and disagreeing tags: articles or a ValidationError, each drop reported."""
    many_titles = "".join(f'<meta property="og:title" content="Title {i}">' for i in range(3000))
    images = "".join(
        f'<meta property="og:image" content="https://i.example/{i}.jpg">'
        f'<meta property="og:image:width" content="{i + 1}">'
        for i in range(3000)
    )
    huge = "x" * 1_000_000
    date = '<meta property="article:published_time" content="2024-01-01T00:00:00Z">'
    url = '<meta property="og:url" content="https://h.example/">'
    (article,), findings = _extract(_page(many_titles + images + date + url))
    assert article.headline == "Title 0"
    assert len(article.images) == 3000
    assert sum("disagree" in f.message for f in findings) == 2999

    injected = '"><script>alert(1)</script><meta name="x'
    (article,), _ = _extract(
        _page(f'<meta property="og:title" content="{html.escape(injected)}">' + date + url)
    )
    assert article.headline == injected

    (article,), _ = _extract(_page(f'<meta property="og:title" content="{huge}">' + date + url))
    assert article.headline == huge


def test_tags_of_a_lower_vocabulary() -> None:
    """Keywords that only repeat the kept tags are not reported; others are."""
    same = OG + '<meta name="news_keywords" content="rates, BANKS">'
    _, findings = _extract(_page(same))
    assert not [f for f in findings if f.path == "$.meta.news_keywords"]

    other = OG + '<meta name="keywords" content="rates, bonds">'
    _, findings = _extract(_page(other))
    (finding,) = [f for f in findings if f.path == "$.meta.keywords"]
    assert "article:tag" in finding.message
