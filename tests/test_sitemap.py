"""Tests for Google News sitemaps, read back with an XML parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import strategies

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
NOW = datetime(2024, 10, 14, 12, 0, tzinfo=timezone.utc)
KYIV = timezone(timedelta(hours=3))


def article(index: int, *, hours_ago: float = 1, language: str = "en") -> nm.Article:
    return nm.Article(
        url=f"https://kyivindependent.com/{index}/",
        headline=f"Story {index} <with> & ]]> markup",
        language=language,
        date_published=(NOW - timedelta(hours=hours_ago)).astimezone(KYIV),
    )


def urls(document: str) -> list[ET.Element]:
    root = ET.fromstring(document)
    assert root.tag == f"{SITEMAP}urlset"
    return root.findall(f"{SITEMAP}url")


def test_one_url_per_article_with_the_news_elements() -> None:
    (document,) = nm.to_news_sitemap([article(1)], "The Kyiv Independent", now=NOW)
    (url,) = urls(document)
    assert url.findtext(f"{SITEMAP}loc") == "https://kyivindependent.com/1/"
    news = url.find(f"{NEWS}news")
    assert news is not None
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Kyiv Independent"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication_date") == "2024-10-14T14:00:00+03:00"
    assert news.findtext(f"{NEWS}title") == "Story 1 <with> & ]]> markup"
    assert "<with>" not in document


def test_at_most_1000_urls_a_file_and_the_rest_in_the_next() -> None:
    articles = [article(index) for index in range(2345)]
    documents = nm.to_news_sitemap(articles, "KI", now=NOW)
    assert [len(urls(document)) for document in documents] == [1000, 1000, 345]
    locs = [u.findtext(f"{SITEMAP}loc") for d in documents for u in urls(d)]
    assert locs == [a.url for a in articles]


def test_only_the_last_two_days_unless_told_otherwise() -> None:
    articles = [article(1, hours_ago=47), article(2, hours_ago=49), article(3, hours_ago=500)]
    findings: list[nm.Finding] = []
    (document,) = nm.to_news_sitemap(articles, "KI", now=NOW, findings=findings)
    assert [u.findtext(f"{SITEMAP}loc") for u in urls(document)] == [articles[0].url]
    assert [(f.path, f.code) for f in findings] == [
        ("$.articles[1]", "dropped"),
        ("$.articles[2]", "dropped"),
    ]
    assert "last 2 days" in findings[0].message
    (everything,) = nm.to_news_sitemap(articles, "KI", now=NOW, max_age=None)
    assert len(urls(everything)) == 3


def test_languages_become_iso_639_codes_and_und_is_left_out() -> None:
    articles = [
        article(1, language="en-GB"),
        article(2, language="zh-Hant-TW"),
        article(3, language="zh-CN"),
        article(4, language="fil"),
        article(5, language="und"),
        article(6, language="x-private"),
    ]
    findings: list[nm.Finding] = []
    (document,) = nm.to_news_sitemap(articles, "KI", now=NOW, findings=findings)
    codes = [u.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") for u in urls(document)]
    assert codes == ["en", "zh-tw", "zh-cn", "fil"]
    assert [(f.path, f.code) for f in findings] == [
        ("$.articles[0].language", "repaired"),
        ("$.articles[1].language", "repaired"),
        ("$.articles[2].language", "repaired"),
        ("$.articles[4].language", "dropped"),
        ("$.articles[5].language", "dropped"),
    ]


def test_a_url_listed_twice_is_reported() -> None:
    findings: list[nm.Finding] = []
    (document,) = nm.to_news_sitemap([article(1), article(1)], "KI", now=NOW, findings=findings)
    assert len(urls(document)) == 1
    assert [(f.path, f.code) for f in findings] == [("$.articles[1]", "dropped")]


def test_no_articles_one_empty_document() -> None:
    (document,) = nm.to_news_sitemap([], "KI", now=NOW)
    assert urls(document) == []


def test_bad_arguments_are_validation_errors() -> None:
    with pytest.raises(nm.ValidationError) as caught:
        nm.to_news_sitemap([article(1)], "two\nlines", now=datetime(2024, 1, 1))
    assert [(e.path, e.code) for e in caught.value.errors] == [
        ("$.publication_name", "invalid"),
        ("$.now", "timezone"),
    ]


def test_characters_xml_cannot_hold() -> None:
    bad = nm.Article(
        url="https://e.example/", headline="A \uffff", language="en", date_published=NOW
    )
    with pytest.raises(nm.ValidationError) as caught:
        nm.to_news_sitemap([bad], "KI", now=NOW)
    assert caught.value.errors[0].path == "$.articles[0].headline"
    findings: list[nm.Finding] = []
    (document,) = nm.to_news_sitemap([bad], "KI", now=NOW, findings=findings)
    assert urls(document)[0].findtext(f"{NEWS}news/{NEWS}title") == "A \ufffd"


# A sitemap reads the url, headline, language and date only: the rest is not drawn.
_ARTICLES = strategies.articles(
    authors=st.nothing(),
    publishers=st.nothing(),
    tags=st.nothing(),
    images=st.nothing(),
    quotes=st.nothing(),
    related=st.nothing(),
)


@given(st.lists(_ARTICLES, max_size=4))
def test_drawn_articles_read_back(articles: list[nm.Article]) -> None:
    findings: list[nm.Finding] = []
    documents = nm.to_news_sitemap(articles, "KI", max_age=None, findings=findings)
    written = [u for d in documents for u in urls(d)]
    dropped = {f.path for f in findings if f.code == "dropped"}
    kept = [
        a
        for i, a in enumerate(articles)
        if f"$.articles[{i}]" not in dropped and f"$.articles[{i}].language" not in dropped
    ]
    assert len(written) == len(kept)
    for a, u in zip(kept, written, strict=True):
        assert u.findtext(f"{SITEMAP}loc") == a.url
        date = u.findtext(f"{NEWS}news/{NEWS}publication_date")
        assert date is not None
        assert datetime.fromisoformat(date) == a.date_published
        title = u.findtext(f"{NEWS}news/{NEWS}title")
        assert title == a.headline.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")
