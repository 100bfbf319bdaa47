"""Tests for schema.org microdata: to_microdata, read back by extruct and an HTML5 parser."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
import html5lib
import pytest
from extruct.w3cmicrodata import MicrodataExtractor
from hypothesis import given, settings
from hypothesis import strategies as st

import newsmodel as nm
from helpers import full_article, hostile_articles, hostile_lines, seed
from newsmodel import _extract, cli, strategies
from newsmodel._body import (
    Block,
    BlockQuote,
    Code,
    Emphasis,
    Heading,
    Link,
    List,
    ListItem,
    Paragraph,
    Preformatted,
    Separator,
    Strong,
    inline_text,
)
from newsmodel._body_html import body_to_html, body_writer
from newsmodel._body_strategies import bodies, body_blocks
from newsmodel._jsonld import article_body, paragraphs, splits_at_blank_lines, to_jsonld
from newsmodel._microdata import _escape, to_microdata
from newsmodel._models import paragraph_texts

if TYPE_CHECKING:
    from pathlib import Path

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
    text = article_body(tuple(body))
    assert (text is None) == (not body)  # no paragraphs, no articleBody
    if text is not None:
        assert body == paragraphs(text)


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


# ------------------------------------------------- quotes in a structured body

_FULL = full_article()
_IMAGE_URLS = [image.url for image in _FULL.images]
# What a structured body's div may hold: body_to_html's elements and
# attributes, and the quote markup of a plain body (spans, meta, link, time).
_BODY_ATTRIBUTES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "figcaption", "pre",
            "hr", "em", "strong", "code", "br", "small",
        ),
        frozenset(),
    ),
    "figure": frozenset(),
    "a": frozenset({"href", "title", "rel"}),
    "blockquote": frozenset({"cite"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "span": frozenset({"class", "itemprop", "itemscope", "itemtype"}),
    "meta": frozenset({"itemprop", "content"}),
    "link": frozenset({"itemprop", "href"}),
    "time": frozenset({"itemprop", "datetime"}),
}  # fmt: skip


def slot_texts(body: tuple[Block, ...]) -> list[str]:
    """The texts where quotes may be marked: each paragraph, heading, list item, quote paragraph."""
    out: list[str] = []

    def walk(block: Block) -> None:
        if isinstance(block, str):
            out.append(block)
        elif isinstance(block, (Paragraph, Heading)):
            out.append(inline_text(block.content))
        elif isinstance(block, List):
            for item in block.items:
                if item.content:
                    out.append(inline_text(item.content))
                if item.sublist is not None:
                    walk(item.sublist)
        elif isinstance(block, BlockQuote):
            for paragraph in block.content:
                walk(paragraph)

    for block in body:
        walk(block)
    return out


def shown_text(element: Any) -> str:
    """The text *element* shows: its texts in order, a <br> as a line break."""
    out = [element.text or ""]
    for child in element:
        out.append("\n" if child.tag == "br" else shown_text(child))
        out.append(child.tail or "")
    return "".join(out)


def body_div(html_text: str) -> Any:
    """The body <div> of a microdata fragment, parsed by html5lib."""
    tree, _ = html5_tree(html_text)
    return next(e for e in tree.iter("div") if e.get("class") == "body")


def read_quotes(html_text: str) -> list[tuple[int, str]]:
    """The quotes (position, text) the project's microdata reader gets from *html_text*."""
    report: list[nm.Finding] = []
    [item] = _extract._microdata(_extract._tree(html_text), None, report)
    assert [] == report
    parts = item.get("hasPart", [])
    parts = parts if isinstance(parts, list) else [parts]
    return sorted((int(part["position"]), part["text"]) for part in parts)


_HOSTILE_TEXT = hostile_lines | st.sampled_from(["<", "&", '"', "</p>", "&amp;", "<em>x", " & "])


def _hostile_content() -> st.SearchStrategy[tuple[Any, ...]]:
    inline = st.one_of(
        _HOSTILE_TEXT,
        st.builds(Emphasis, content=st.tuples(_HOSTILE_TEXT)),
        st.builds(Strong, content=st.tuples(_HOSTILE_TEXT, st.builds(Code, text=hostile_lines))),
        st.builds(Link, url=st.just("https://example.com/a?b&c"), content=st.tuples(_HOSTILE_TEXT)),
    )
    return st.lists(inline, min_size=1, max_size=5).map(tuple)


_HOSTILE_BLOCKS = st.one_of(
    _hostile_content().map(lambda content: Paragraph(content=content)),
    _hostile_content().map(lambda content: Heading(level=3, content=content)),
    _hostile_content().map(lambda content: List(items=(ListItem(content=content),))),
    _hostile_content().map(
        lambda content: BlockQuote(content=(Paragraph(content=content),), attribution="A")
    ),
)


@st.composite
def articles_quoting_their_body(draw: st.DrawFn) -> nm.Article:
    """Structured bodies whose quotes are cut from their own texts, across markup, overlapping."""
    blocks = st.one_of(body_blocks(images=st.sampled_from(_IMAGE_URLS)), _HOSTILE_BLOCKS)
    body = draw(st.lists(blocks, min_size=1, max_size=5).map(tuple))
    if all(block.__class__ is str for block in body):
        body = (*body, Separator())  # structured
    texts = slot_texts(body)
    words: list[str] = []
    for _ in range(draw(st.integers(0, 5)) if texts else 0):
        text = draw(st.sampled_from(texts))
        start = draw(st.integers(0, len(text) - 1))
        part = text[start : draw(st.integers(start + 1, len(text)))]
        if part.strip():
            words.append(part)
    if len(texts) > 1 and draw(st.booleans()):  # across two blocks: shown on its own
        words.append(texts[0][-3:] + "\n\n" + texts[1][:3])
    words.extend(draw(st.lists(_HOSTILE_TEXT, max_size=1)))
    speaker = nm.Person(name="Speaker", url="https://example.com/speaker")
    quotes = [nm.Quote(text=text, speaker=speaker) for text in words]
    return attrs.evolve(_FULL, body=body, quotes=quotes)


def check_body_quotes(article: nm.Article, html_text: str) -> None:
    """Assert that every quote of a structured body is marked where its words stand, or apart."""
    texts = slot_texts(article.body)
    quotes = [quote.text for quote in article.quotes]
    # Read back, by extruct and by the project's reader: every quote, exactly, in order.
    check_markup(article, html_text)
    assert list(enumerate(quotes, 1)) == read_quotes(html_text)
    div = body_div(html_text)
    # The marking leaves the text the body shows as body_to_html shows it.
    plain, _ = html5_tree(body_to_html(article.body, images=article.images))
    assert "\n" + shown_text(plain) == shown_text(div)
    # Each quote marked in the body shows its words, exactly.
    for span in div.iter("span"):
        if span.get("class") == "quote":
            position = next(e for e in span if e.get("itemprop") == "position").get("content")
            assert quotes[int(position) - 1] == shown_text(span[0])
    # A quote is shown on its own exactly when its words stand in no block.
    tree, _ = html5_tree(html_text)
    apart = [
        int(next(e for e in quote.iter("meta") if e.get("itemprop") == "position").get("content"))
        for quote in tree.iter("blockquote")
        if quote.get("class") == "quote"
    ]
    assert [n for n, text in enumerate(quotes, 1) if not any(text in t for t in texts)] == sorted(
        apart
    )
    # No element or attribute but those body_to_html and the quote markup use.
    for element in div.iter():
        if element is not div:
            assert element.tag in _BODY_ATTRIBUTES, element.tag
            assert set(element.attrib) <= _BODY_ATTRIBUTES[element.tag], element.tag
            assert element.get("class") in (None, "quote")


@given(articles_quoting_their_body())
def test_quotes_are_marked_where_they_stand_in_a_structured_body(article: nm.Article) -> None:
    """Drawn structured bodies, quotes cut from their texts: each marked in place, exactly."""
    check_body_quotes(article, to_microdata(article))


def _quoting(body: tuple[Block, ...], *words: str) -> nm.Article:
    speaker = nm.Person(name="S")
    return attrs.evolve(
        _FULL, body=body, quotes=[nm.Quote(text=text, speaker=speaker) for text in words]
    )


_SPEAKER = (
    '<span itemprop="creator" itemscope itemtype="https://schema.org/Person">'
    '<meta itemprop="name" content="S"></span>'
)
_QUOTATION_ITEM = 'itemprop="hasPart" itemscope itemtype="https://schema.org/Quotation"'


def test_a_quote_across_emphasis_wraps_the_emphasis_split_at_its_edges() -> None:
    """The quote starts inside an <em>: the <em> becomes two, the quote's text is a meta."""
    body = (Paragraph(content=("He said ", Emphasis(content=("we will rebuild",)), " it.")),)
    article = _quoting(body, "said we will")
    html_text = to_microdata(article)
    assert (
        f'<p>He <span class="quote" {_QUOTATION_ITEM}><span>said <em>we will</em></span>'
        f'<meta itemprop="text" content="said we will"><meta itemprop="position" content="1">'
        f"{_SPEAKER}</span><em> rebuild</em> it.</p>"
    ) in html_text
    check_body_quotes(article, html_text)


def test_a_quote_in_plain_words_is_marked_as_in_a_plain_body() -> None:
    """Words without markup in them: marked as in a plain body, character for character."""
    words = 'Plain & "simple"'
    structured = to_microdata(
        _quoting((Paragraph(content=(Strong(content=("x",)), f" {words}")),), words)
    )
    plain = to_microdata(_quoting((f"x {words}",), words))
    quote = re.search(r'<span class="quote".*?</span></span>', plain)
    assert quote is not None
    assert quote.group() in structured
    assert '<span itemprop="text">Plain &amp; &quot;simple&quot;</span>' in structured


def test_quotes_in_headings_list_items_links_and_block_quotes() -> None:
    """Every block with inline content marks the quotes whose words it holds."""
    link = Link(url="https://example.com/x", content=("in a link",))
    body = (
        Heading(level=2, content=("A heading",)),
        List(
            items=(
                ListItem(
                    content=("one item",), sublist=List(items=(ListItem(content=("deep item",)),))
                ),
            )
        ),
        BlockQuote(content=("quoted words",), attribution="Someone"),
        Paragraph(content=("see ", link)),
    )
    article = _quoting(body, "heading", "deep", "quoted", "a link")
    html_text = to_microdata(article)
    check_body_quotes(article, html_text)
    assert '<h2>A <span class="quote"' in html_text
    assert (
        f'<a href="https://example.com/x" rel="noopener noreferrer">in </a>'
        f'<span class="quote" {_QUOTATION_ITEM}><span>'
        f'<a href="https://example.com/x" rel="noopener noreferrer">a link</a></span>'
    ) in html_text
    assert [] == [e for e in html5_tree(html_text)[0].iter("blockquote") if e.get("class")]


def test_quotes_across_blocks_or_in_preformatted_text_are_shown_on_their_own() -> None:
    """A quote whose words no one block's inline content holds is a blockquote, as before."""
    body = (
        Paragraph(content=("First ", Emphasis(content=("one",)))),
        "Second",
        Preformatted(text="code here"),
        BlockQuote(content=("said",), attribution="Who said"),
    )
    article = _quoting(body, "one\n\nSecond", "code", "Who said")
    html_text = to_microdata(article)
    check_body_quotes(article, html_text)
    tree, _ = html5_tree(html_text)
    apart = [b for b in tree.iter("blockquote") if b.get("class") == "quote"]
    # Longest first, as in a plain body.
    assert ["one\n\nSecond", "Who said", "code"] == [shown_text(b.find("p")) for b in apart]


def test_a_structured_body_no_quote_stands_in_is_body_to_html_itself() -> None:
    """Quotes whose words are in no block: the body is body_to_html's, the quotes after it."""
    body = (Heading(level=2, content=("Title",)), Paragraph(content=(Emphasis(content=("x",)),)))
    article = _quoting(body, "said", "said it all")
    html_text = to_microdata(article)
    check_body_quotes(article, html_text)
    assert f'<div class="body">\n{body_to_html(body, images=_FULL.images)}</div>' in html_text
    tree, _ = html5_tree(html_text)
    apart = [b for b in tree.iter("blockquote") if b.get("class") == "quote"]
    assert ["said it all", "said"] == [shown_text(b.find("p")) for b in apart]


def test_overlapping_quotes_in_a_structured_body() -> None:
    """The longer quote is marked; one whose words stand only inside it is data just before it."""
    body = (Paragraph(content=("a ", Link(url="https://example.com/", content=("bc de",)), " f")),)
    article = _quoting(body, "bc", "a bc", "de f", "c d")
    html_text = to_microdata(article)
    check_body_quotes(article, html_text)
    div = body_div(html_text)
    marked = [e for e in div.iter("span") if e.get("itemprop") == "hasPart"]
    # "bc" and "c d" stand only inside (or across) "a bc": data just before it.
    assert [("1", None), ("4", None), ("2", "quote"), ("3", "quote")] == [
        (next(m for m in e if m.get("itemprop") == "position").get("content"), e.get("class"))
        for e in marked
    ]


@pytest.mark.parametrize(
    "words", ["x </p><p>y", 'say "&amp;"', "<script>alert(1)</script>", "a < b & c"]
)
def test_hostile_quote_words_stay_text_in_a_structured_body(words: str) -> None:
    """A quote's <, &, " and </p> are text where it stands, split across markup or not."""
    half = len(words) // 2
    body = (Paragraph(content=("On ", Emphasis(content=(words[:half],)), words[half:], ".")),)
    article = _quoting(body, words, words[half:])
    html_text = to_microdata(article)
    check_body_quotes(article, html_text)
    assert [] == list(html5_tree(html_text)[0].iter("script"))


def test_the_article_body_meta_stays_the_plain_text() -> None:
    """Quotes marked or not, articleBody is the blocks' plain text, as JSON-LD gives it."""
    body = (
        Heading(level=2, content=("Title",)),
        Paragraph(content=("He ", Emphasis(content=("said",)))),
    )
    for article in (_quoting(body), _quoting(body, "He said")):
        html_text = to_microdata(article)
        assert '<meta itemprop="articleBody" content="Title\n\nHe said">' in html_text
        assert [to_jsonld(article)["articleBody"]] == extract(html_text)[0]["properties"][
            "articleBody"
        ]


@pytest.mark.parametrize(
    "body",
    [
        (Separator(),),
        (nm.Figure(image=_IMAGE_URLS[0]), nm.Embed(url="https://example.com/v", provider="V")),
    ],
)
def test_a_body_without_text_has_no_article_body_in_microdata(body: tuple[Block, ...]) -> None:
    """Figures, embeds and separators only: no articleBody, as in JSON-LD; quotes stand apart."""
    for words in ([], ["said"]):
        article = _quoting(body, *words)
        html_text = to_microdata(article)
        check_markup(article, html_text)
        assert "articleBody" not in html_text
        assert f'<div class="body">\n{body_to_html(body, images=_FULL.images)}</div>' in html_text
        assert list(enumerate(words, 1)) == read_quotes(html_text)


@given(bodies(images=st.sampled_from(_IMAGE_URLS)))
def test_the_writer_calls_its_mark_once_per_inline_content_in_order(
    body: tuple[Block, ...],
) -> None:
    """A mark that writes as the writer does gives body_to_html's HTML; it sees every content."""
    writer = body_writer(_FULL.images)
    seen: list[str] = []

    def mark(content: tuple[Any, ...]) -> str:
        seen.append(inline_text(content))
        return writer.inline(content)

    writer.mark = mark
    assert body_to_html(body, images=_FULL.images) == writer.body(body)
    assert slot_texts(body) == seen


def test_a_preview_page_marks_a_quote_of_a_structured_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newsmodel convert --to page: the page's microdata marks the quote where it stands."""
    body = (Paragraph(content=("He said ", Emphasis(content=("we will rebuild",)), " it.")),)
    source = tmp_path / "article.json"
    source.write_text(nm.dumps(_quoting(body, "said we will")))
    assert 0 == cli.main(["convert", str(source), "--to", "page"])
    page = capsys.readouterr().out
    assert f'<p>He <span class="quote" {_QUOTATION_ITEM}><span>said <em>we will</em></span>' in page
    assert [(1, "said we will")] == read_quotes(page)
