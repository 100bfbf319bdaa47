"""Tests for schema.org microdata: to_microdata, read back by extruct and an HTML5 parser."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import attrs
import html5lib
import pytest
from extruct.w3cmicrodata import MicrodataExtractor
from hypothesis import given, settings
from hypothesis import strategies as st

import newsmodel as nm
from helpers import full_article, hostile_articles, seed
from newsmodel import strategies
from newsmodel._jsonld import article_body, paragraphs, splits_at_blank_lines, to_jsonld
from newsmodel._microdata import _escape, to_microdata
from newsmodel._models import paragraph_texts

SCHEMA = "https://schema.org/"


def has_noncharacter(text: str) -> bool:
    """Unicode noncharacters: HTML calls each a parse error (raw or referenced) but keeps it."""
    return any(0xFDD0 <= ord(c) <= 0xFDEF or ord(c) & 0xFFFE == 0xFFFE for c in text)


def extract(html: str) -> list[dict[str, Any]]:
    """Return the top-level items extruct reads from *html* (spec-like, strict form)."""
    items: list[dict[str, Any]] = MicrodataExtractor(strict=True).extract(html)
    return items


def from_microdata(item: Any) -> Any:
    """Normalize an extruct item to the JSON-LD shape: short types, @id, arrays of values."""
    if not isinstance(item, dict):
        return item
    out: dict[str, Any] = {"@type": [name.removeprefix(SCHEMA) for name in item["type"]]}
    if "id" in item:
        out["@id"] = item["id"]
    for key, values in item.get("properties", {}).items():
        out[key] = [from_microdata(value) for value in values]
    return _in_position_order(out)


def from_jsonld(value: Any) -> Any:
    """Normalize JSON-LD the same way: every value an array, numbers and booleans as text."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "@context":
                continue
            if key == "@type":
                out[key] = [item] if isinstance(item, str) else list(item)
            elif key == "@id":
                out[key] = item
            else:
                items = item if isinstance(item, list) else [item]
                out[key] = [from_jsonld(x) for x in items]
        return _in_position_order(out)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return value


def _in_position_order(node: dict[str, Any]) -> dict[str, Any]:
    # Microdata lists quotes in the body's order; both forms carry each
    # quote's position, which is the order of the article's quotes.
    if "hasPart" in node:
        node["hasPart"] = sorted(node["hasPart"], key=lambda part: int(part["position"][0]))
    return node


def html5_tree(html: str) -> tuple[Any, list[Any]]:
    """Parse *html* as a fragment with html5lib: the tree and the parse errors."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    return parser.parseFragment(html), parser.errors


def check_markup(article: nm.Article, html: str) -> None:
    """Assert what every article's microdata must satisfy."""
    items = extract(html)
    assert 1 == len(items)
    assert from_jsonld(to_jsonld(article)) == from_microdata(items[0])
    tree, errors = html5_tree(html)
    expected_errors = ["invalid-codepoint"] if has_noncharacter(html) else []
    assert expected_errors == sorted({error[1] for error in errors})
    # Every "<" in the output opens or closes our own markup: the parser made
    # exactly one element for each start tag we wrote, and none from any text.
    assert len(re.findall(r"<[a-z]", html)) == sum(1 for _ in tree.iter()) - 1
    assert [] == [element for element in tree.iter() if element.tag == "script"]


# ----------------------------------------------------------- the same graph


def test_seed_microdata_says_what_the_jsonld_says() -> None:
    """extruct reads the seed's microdata back as the JSON-LD graph; html5lib finds no error."""
    article = seed()
    check_markup(article, to_microdata(article))


def test_full_article_microdata_says_what_the_jsonld_says() -> None:
    """Every field of every class: the two forms agree."""
    article = full_article()
    check_markup(article, to_microdata(article))


@given(strategies.articles())
def test_every_article_microdata_says_what_the_jsonld_says(article: nm.Article) -> None:
    """Over the whole model, microdata read by extruct equals the JSON-LD graph."""
    check_markup(article, to_microdata(article))


@settings(max_examples=60)
@given(hostile_articles())
def test_nothing_escapes_the_markup(article: nm.Article) -> None:
    """Hostile text in every field comes back unchanged, and makes no element."""
    check_markup(article, to_microdata(article))


# ------------------------------------------------------------------ the HTML


def test_seed_markup_is_semantic_html() -> None:
    """An article item with h1, byline items, time elements, a figure, paragraphs, tags."""
    html = to_microdata(seed())
    tree, _ = html5_tree(html)
    root = tree[0]
    assert "article" == root.tag
    assert f"{SCHEMA}NewsArticle" == root.get("itemtype")
    assert "en" == root.get("lang")
    headline = next(tree.iter("h1"))
    assert ("headline", seed().headline) == (headline.get("itemprop"), headline.text)
    byline = [e for e in tree.iter("span") if e.get("itemprop") == "author"]
    assert [f"{SCHEMA}Person", f"{SCHEMA}Organization"] == [e.get("itemtype") for e in byline]
    times = [(e.get("itemprop"), e.get("datetime")) for e in tree.iter("time")]
    assert ("datePublished", "2024-10-13T21:04:00+03:00") == times[0]
    figure = next(tree.iter("figure"))
    assert ("image", "lead-image") == (figure.get("itemprop"), figure.get("class"))
    assert [seed().images[0].url] == [img.get("src") for img in figure.iter("img")]
    assert ["caption", "creditText"] == [
        e.get("itemprop") for e in figure.iter() if e is not figure and e.get("class")
    ]
    body = next(e for e in tree.iter("div") if e.get("class") == "body")
    assert 12 == len(list(body.iter("p")))
    tags = next(e for e in tree.iter("ul") if e.get("class") == "tags")
    assert [tag.name for tag in seed().tags] == [
        e.text for e in tags.iter("span") if e.get("itemprop") == "keywords"
    ]


def test_kinds_are_space_separated_itemtypes() -> None:
    """A NewsArticle subtype is an itemtype list with NewsArticle first."""
    html = to_microdata(full_article(kind=nm.ArticleKind.OPINION))
    assert html.startswith(
        f'<article itemscope itemtype="{SCHEMA}NewsArticle {SCHEMA}OpinionNewsArticle"'
    )
    assert [f"{SCHEMA}NewsArticle", f"{SCHEMA}OpinionNewsArticle"] == extract(html)[0]["type"]


def test_authors_with_a_url_are_linked() -> None:
    """Each byline is its own item; the name is a link where the author has a url."""
    html = to_microdata(full_article())
    assert (
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<a itemprop="url" href="https://kyivindependent.com/author/abbey/">'
        '<span itemprop="name">Abbey Fenbert</span></a>'
    ) in html
    assert (
        '<span itemprop="author" itemscope itemtype="https://schema.org/Organization">'
        '<span itemprop="name">The Kyiv Independent news desk</span></span>'
    ) in html


def test_quotes_are_marked_where_their_words_stand() -> None:
    """In the seed, seven quotes are marked in the body's text and one, inside another, as data."""
    tree, _ = html5_tree(to_microdata(seed()))
    body = next(e for e in tree.iter("div") if e.get("class") == "body")
    marked = [e for e in body.iter("span") if e.get("itemprop") == "hasPart"]
    assert 8 == len(marked)
    shown = [e for e in marked if e.get("class") == "quote"]
    assert [quote.text for quote in seed().quotes[1:]] == [
        next(s for s in e.iter("span") if s.get("itemprop") == "text").text for e in shown
    ]
    assert [] == list(tree.iter("blockquote"))


def test_quotes_not_in_the_body_are_blockquotes() -> None:
    """A quote whose words the body does not hold is a blockquote with its speaker shown."""
    article = full_article()
    tree, _ = html5_tree(to_microdata(article))
    blockquotes = list(tree.iter("blockquote"))
    assert 1 == len(blockquotes)
    assert ["Words said elsewhere"] == [p.text for p in blockquotes[0].iter("p")]
    assert "hasPart" == blockquotes[0].get("itemprop")


def test_quote_words_that_look_like_character_references() -> None:
    """Quotes are found in the escaped body, but never inside a reference escaping wrote."""
    body = ['Tom & Jerry said "hi" <b>']
    quotes = ["amp; Jerry", "quot;hi", "lt;b", "& Jerry", '"hi"']
    article = full_article(
        body=body, quotes=[nm.Quote(text=q, speaker=nm.Person(name="T")) for q in quotes]
    )
    html_text = to_microdata(article)
    check_markup(article, html_text)
    tree, _ = html5_tree(html_text)
    shown = [e.text for e in tree.iter("span") if e.get("itemprop") == "text"]
    assert ["& Jerry", '"hi"'] == shown
    blockquotes = [p.text for b in tree.iter("blockquote") for p in b.iter("p")]
    assert ["amp; Jerry", "lt;b", "quot;hi"] == sorted(blockquotes)


# Text made of the characters of HTML's escapes, quotes cut out of it or made of them too.
_ESCAPE_LETTERS = st.text(st.sampled_from("ab &<>\"';lt#x27quompg\n"), min_size=1, max_size=12)


@st.composite
def articles_with_escape_letters(draw: st.DrawFn) -> nm.Article:
    """Articles whose body and quotes are made of the letters of character references."""
    body = draw(st.lists(_ESCAPE_LETTERS.filter(str.strip), min_size=1, max_size=4))
    words = draw(st.lists(_ESCAPE_LETTERS.filter(str.strip), max_size=3))
    for _ in range(draw(st.integers(0, 3))):
        paragraph = draw(st.sampled_from(body))
        start = draw(st.integers(0, len(paragraph) - 1))
        part = paragraph[start : draw(st.integers(start + 1, len(paragraph)))]
        if part.strip():
            words.append(part)
    speaker = nm.Person(name="Speaker")
    return full_article(body=body, quotes=[nm.Quote(text=w, speaker=speaker) for w in words])


@given(articles_with_escape_letters())
def test_quotes_are_placed_in_escaped_text_as_in_the_raw_text(article: nm.Article) -> None:
    """A quote is a blockquote exactly when its raw words are in no paragraph."""
    html_text = to_microdata(article)
    check_markup(article, html_text)
    tree, _ = html5_tree(html_text)
    shown = sorted(p.text for b in tree.iter("blockquote") for p in b.iter("p"))
    expected = sorted(
        q.text
        for q in article.quotes
        if not any(q.text in p for p in paragraph_texts(article.body))
    )
    assert expected == shown


@given(st.text(st.sampled_from("&<>\"'ab\u00e9\U0001f600")))
def test_escape_is_html_escape(text: str) -> None:
    """The quick escape writes exactly what html.escape writes."""
    assert html.escape(text) == _escape(text)


@given(st.lists(st.text(st.sampled_from("a\n "), min_size=1, max_size=5), max_size=4))
def test_blank_line_joins_split_back_as_predicted(body: list[str]) -> None:
    """splits_at_blank_lines says if a blank-line join splits back; articleBody reads back."""
    joined = "\n\n".join(body)
    assert splits_at_blank_lines(tuple(body)) == (joined.split("\n\n") == body)
    if body:
        assert body == paragraphs(article_body(tuple(body)))


def test_body_reads_as_the_div_when_no_markup_is_inside() -> None:
    """Plain paragraphs without quotes: the body div itself is articleBody, not a meta."""
    article = full_article(quotes=[], body=["One.", "Two, three."])
    html = to_microdata(article)
    assert (
        '<div class="body" itemprop="articleBody"><p>One.</p>\n\n<p>Two, three.</p></div>' in html
    )
    assert ["One.\n\nTwo, three."] == extract(html)[0]["properties"]["articleBody"]


def test_texts_a_reader_would_change_are_in_meta() -> None:
    """A text with a line break or double space is shown, and given exactly in a meta."""
    html = to_microdata(full_article(headline="Two  spaces", section="ok"))
    assert '<h1>Two  spaces</h1><meta itemprop="headline" content="Two  spaces">' in html
    assert '<p class="section" itemprop="articleSection">ok</p>' in html


def test_without_the_body() -> None:
    """include_body=False leaves out the body; quotes become data-only items."""
    article = full_article()
    html = to_microdata(article, include_body=False)
    properties = extract(html)[0]["properties"]
    assert "articleBody" not in properties
    assert ["1", "2", "3"] == [part["properties"]["position"][0] for part in properties["hasPart"]]
    tree, errors = html5_tree(html)
    assert [] == errors
    assert [] == [e for e in tree.iter("div") if e.get("class") == "body"]
    assert [] == list(tree.iter("blockquote"))
    full = from_jsonld(to_jsonld(article))
    del full["articleBody"]
    assert full == from_microdata(extract(html)[0])


def test_dates_are_time_elements() -> None:
    """Every date is a <time> with a datetime attribute, a quote's day as a plain date."""
    html = to_microdata(full_article())
    assert '<time itemprop="datePublished" datetime="2024-10-13T21:04:00+03:00">' in html
    assert '<time itemprop="dateModified" datetime="2024-10-14T09:00:30.123456+00:00">' in html
    assert '<time itemprop="dateCreated" datetime="2024-10-13"></time>' in html
    assert isinstance(full_article().quotes[0].date, date)


def test_related_link_sits_in_the_webpage_item() -> None:
    """Generic related teasers are inside the WebPage item; the others are the article's."""
    properties = extract(to_microdata(full_article()))[0]["properties"]
    page = properties["mainEntityOfPage"][0]
    assert ["https://kyivindependent.com/related/", "https://kyivindependent.com/see-also/"] == [
        story["id"] for story in page["properties"]["relatedLink"]
    ]
    assert "relatedLink" not in properties
    assert ["https://kyivindependent.com/cited/"] == [s["id"] for s in properties["citation"]]


def test_urls_are_escaped_in_attributes() -> None:
    """A URL with an ampersand and apostrophes stays one attribute value, unchanged."""
    # (`"`, `<` and `>` are no longer URL characters: the URL rule refuses them.)
    url = "https://example.com/a?b=c&amp;d='e'&f=(g)"
    article = attrs.evolve(full_article(), url=url)
    html = to_microdata(article)
    tree, errors = html5_tree(html)
    assert [] == errors
    assert url == tree[0][0].get("href")
    assert url == extract(html)[0]["properties"]["url"][0]


@pytest.mark.parametrize("text", ["\ufdd0", "a\uffffb", "\U0010fffe"])
def test_noncharacters_come_back_with_only_their_own_parse_error(text: str) -> None:
    """HTML calls a noncharacter a parse error but keeps it; the value comes back unchanged."""
    article = full_article(headline=text + " x")
    html = to_microdata(article)
    check_markup(article, html)
    assert [text + " x"] == extract(html)[0]["properties"]["headline"]


@pytest.mark.parametrize(
    ("language", "rtl"),
    [
        ("ar", True),
        ("ar-EG", True),
        ("he", True),
        ("fa-IR", True),
        ("ur", True),
        ("ps", True),
        ("sd", True),
        ("yi", True),
        ("dv", True),
        ("ckb", True),
        ("ug", True),
        ("az-Arab", True),
        ("pa-Arab-PK", True),
        ("ku-Arab", True),
        ("ku-Latn", False),
        ("ku", False),
        ("ar-Latn", False),
        ("az", False),
        ("en", False),
        ("und", False),
        ("x-private", False),
        ("i-klingon", False),
        ("", False),
    ],
)
def test_right_to_left_by_language_and_script(language: str, rtl: bool) -> None:
    """The script subtag decides when present, else the language subtag."""
    from newsmodel._values import right_to_left

    assert rtl == right_to_left(language)


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", ' dir="rtl"'), ("en", ""), ("az-Arab", ' dir="rtl"')]
)
def test_the_article_root_carries_the_direction(language: str, expected: str) -> None:
    """A right-to-left article's <article> says dir="rtl"; a left-to-right one says nothing."""
    article = attrs.evolve(seed(), language=language)

    root = to_microdata(article).split("\n", 1)[0]

    assert root.endswith(f'lang="{language}"{expected}>')
