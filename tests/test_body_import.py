"""One HTML-body reader for every importer: JSON-LD ``articleBody``, feed content, ninjs."""

from __future__ import annotations

import contextlib
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import strategies
from newsmodel._body_import import _defused, holds_html, read_html_body, read_html_text
from newsmodel._body_strategies import bodies
from newsmodel._values import iri_to_uri, uri_to_iri

CORPUS = {
    record["id"]: record
    for record in map(
        json.loads,
        (Path(__file__).parent / "data" / "corpus" / "items.jsonl").read_text().splitlines(),
    )
}
PAGE = "https://news.example/2024/10/story"


def node(body: object, **extra: Any) -> dict[str, Any]:
    return {
        "@type": "NewsArticle",
        "headline": "H",
        "url": PAGE,
        "datePublished": "2024-01-01T00:00:00Z",
        "inLanguage": "en",
        "articleBody": body,
        **extra,
    }


def read(body: object, **extra: Any) -> tuple[nm.Article, list[nm.Finding]]:
    findings: list[nm.Finding] = []
    return nm.from_jsonld(node(body, **extra), findings=findings), findings


def messages(findings: list[nm.Finding], path: str = "$.articleBody") -> list[str]:
    return [f"{f.code}: {f.message}" for f in findings if f.path == path]


# ---------------------------------------------------------- holds HTML or not


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<p>One.</p>", True),
        ("Text with a <a href='https://x.example/'>link</a> only.", True),
        ("One.<br>Two.", True),
        ("<script>alert(1)</script>", True),
        ("Before <!-- a comment --> after", True),
        ("<P CLASS=x>Upper case</P>", True),
        ("if x<y and z>w then", False),
        ("x < y and y > z", False),
        ("Fish &amp; chips", False),
        ("<notatag>text</notatag>", False),
        ("One.\n\nTwo.", False),
    ],
)
def test_holds_html_asks_the_parser(text: str, html: bool) -> None:
    assert holds_html(text) is html


def test_a_plain_text_with_a_less_than_sign_stays_plain() -> None:
    article, findings = read("If x<y and z>w, then.\n\nSecond.")
    assert article.body == ("If x<y and z>w, then.", "Second.")
    assert messages(findings) == []


# ------------------------------------------------------ JSON-LD articleBody


def test_article_body_html_keeps_links_and_emphasis() -> None:
    article, findings = read(
        '<p>Read <a href="https://other.example/earlier">the earlier story</a>, '
        "<em>now</em>.</p><p>Second.</p>"
    )
    assert article.body == (
        nm.Paragraph(
            content=(
                "Read ",
                nm.Link(url="https://other.example/earlier", content=("the earlier story",)),
                ", ",
                nm.Emphasis(content=("now",)),
                ".",
            )
        ),
        "Second.",
    )
    assert messages(findings) == ["repaired: read the text as HTML (it holds HTML elements)"]


def test_a_script_in_article_body_is_dropped_and_said() -> None:
    article, findings = read("<p>Text.</p><script>alert(document.cookie)</script><p>More.</p>")
    assert article.body == ("Text.", "More.")
    assert "dropped: dropped a <script> and all it holds (in the body's block 1)" in messages(
        findings
    )
    assert "alert" not in nm.dumps(article)


def test_a_relative_link_resolves_against_the_page() -> None:
    findings: list[nm.Finding] = []
    item = node('<p>See <a href="../earlier">this</a>.</p>')
    del item["url"]
    article = nm.from_jsonld(item, url=PAGE, findings=findings)
    (paragraph,) = article.body
    assert isinstance(paragraph, nm.Paragraph)
    assert paragraph.content[1] == nm.Link(
        url="https://news.example/2024/earlier", content=("this",)
    )
    assert any("read the link '../earlier' as" in m for m in messages(findings))


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;script:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#0000106avascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ],
)
def test_an_entity_encoded_javascript_link_is_refused(href: str) -> None:
    article, findings = read(f'<p>Click <a href="{href}">here</a>.</p>')
    assert article.body == ("Click here.",)
    assert any(m.startswith("dropped: dropped the link") for m in messages(findings))
    assert "script:" not in nm.dumps(article).lower()


def test_a_figure_adds_its_image_reported() -> None:
    article, findings = read(
        '<p>Text.</p><figure><img src="/lead.jpg" alt="The scene"><figcaption>Caption'
        "</figcaption></figure>",
        image="https://news.example/known.jpg",
    )
    assert article.body == ("Text.", nm.Figure(image="https://news.example/lead.jpg"))
    assert [image.url for image in article.images] == [
        "https://news.example/known.jpg",
        "https://news.example/lead.jpg",
    ]
    assert article.images[1].alt_text == "The scene"
    assert article.images[1].caption == "Caption"
    assert any(m.startswith("added: added the image") for m in messages(findings))


def test_a_figure_of_a_known_image_points_at_it() -> None:
    article, _ = read(
        '<figure><img src="https://news.example/known.jpg"></figure>',
        image="https://news.example/known.jpg",
    )
    assert article.body == (nm.Figure(image="https://news.example/known.jpg"),)
    assert len(article.images) == 1


def test_a_figure_completes_a_known_image_in_every_importer() -> None:
    """A known image's caption, credit and alt text, said only by its figure, are kept."""
    figure = (
        '<p>x</p><figure><img src="https://news.example/known.jpg" alt="The scene">'
        "<figcaption>Caption <small>Credit</small></figcaption></figure>"
    )
    expected = nm.Image(
        url="https://news.example/known.jpg",
        alt_text="The scene",
        caption="Caption",
        credit="Credit",
    )
    article, findings = read(figure, image="https://news.example/known.jpg")
    assert article.images == (expected,)
    assert messages(findings)[-1].startswith("repaired: took the caption, credit and alt text")
    feed = (
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>'
        f"<link>{PAGE}</link><description>D</description><item><title>H</title>"
        f"<link>{PAGE}</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>"
        '<media:content url="https://news.example/known.jpg" medium="image"/>'
        f"<content:encoded><![CDATA[{figure}]]></content:encoded></item></channel></rss>"
    )
    (from_feed,) = nm.from_feed(feed, findings=[], language="en")
    assert from_feed.images == (expected,)


def test_a_list_of_texts_reads_each_at_its_path() -> None:
    article, findings = read(["Plain one.", "<p>With <strong>markup</strong>.</p><style>x</style>"])
    assert article.body == (
        "Plain one.",
        nm.Paragraph(content=("With ", nm.Strong(content=("markup",)), ".")),
    )
    assert any("<style>" in m for m in messages(findings, "$.articleBody[1]"))


def test_control_characters_in_html_are_removed_and_said() -> None:
    article, findings = read("<p>One\x01 two\x7f.</p>")
    assert article.body == ("One two.",)
    assert any("removed 2 characters" in m for m in messages(findings))


@pytest.mark.parametrize(
    "record_id",
    [
        "readability-aclu",  # headings, emphasis, links, a quote
        "aeb-2c46804d9db4a85e",  # links with target
        "trafilatura-eval-biobiochile.cl-gremios",  # audio, divs with styles, comments
        "trafilatura-eval-outdoor-magazin.com-vanlife",  # lists, <b>
    ],
)
def test_publishers_html_article_bodies_keep_their_structure(record_id: str) -> None:
    record = CORPUS[record_id]
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(
        record["item"], url=record["page_url"], default_tz=timezone.utc, findings=findings
    )
    assert any(not isinstance(block, str) for block in article.body)
    for block in article.body:
        for piece in _texts(block):
            assert "<p>" not in piece, piece
            assert "</a>" not in piece, piece
    assert any(f.path == "$.articleBody" for f in findings)


def _texts(block: Any) -> list[str]:
    from newsmodel._body import block_texts

    return list(block_texts(block))


def test_the_corpus_link_sample_keeps_its_links() -> None:
    record = CORPUS["readability-aclu"]
    article = nm.from_jsonld(
        record["item"], url=record["page_url"], default_tz=timezone.utc, findings=[]
    )
    links = [
        item
        for block in article.body
        if isinstance(block, nm.Paragraph)
        for item in block.content
        if isinstance(item, nm.Link)
    ]
    assert links
    assert all(link.url.startswith(("http://", "https://", "mailto:")) for link in links)


# ------------------------------------------------------- hostile and huge


@pytest.mark.parametrize(
    "body",
    [
        "<div>" * 20_000 + "deep" + "</div>" * 20_000,
        "<em>" * 20_000 + "deep",
        "<ul><li>" * 5_000 + "deep",
        "<blockquote>" * 5_000 + "deep",
        '<p><a href="https://x.example/">x</a></p>' * 20_000,
        "<table><tr><td>" * 3_000,
        "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ],
    ids=["divs", "ems", "lists", "quotes", "many-links", "tables", "svg", "math"],
)
def test_huge_and_deep_html_bodies_read_or_fail_cleanly(body: str) -> None:
    try:
        article, _ = read(body)
    except nm.ValidationError:
        return
    assert "onerror" not in nm.dumps(article)


_TAGS = st.sampled_from(
    ["p", "a", "em", "b", "div", "ul", "li", "ol", "blockquote", "figure", "img", "script",
     "h1", "h2", "pre", "code", "br", "span", "svg", "table", "td", "iframe", "hr"]
)  # fmt: skip
_ATTRS = st.sampled_from(
    ["", ' href="/x"', ' href="javascript:alert(1)"', ' src="https://i.example/a.jpg"',
     ' onclick="x()"', ' href="&#106;avascript:1"', " cite=//x", ' alt="A"']
)  # fmt: skip
_PIECES = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", _TAGS, _ATTRS),
    st.builds(lambda t: f"</{t}>", _TAGS),
    st.text(max_size=12),
    st.sampled_from(["&amp;", "&#0;", "&lt;", "\x00", "\r\n", "&nbsp;", "<!--", "-->", "<"]),
)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_html_article_body_gives_an_article_or_a_validation_error(body: str) -> None:
    try:
        article, findings = read(body)
    except nm.ValidationError:
        return
    assert nm.loads(nm.dumps(article)) == article
    assert all(f.path.startswith("$.articleBody") or f.path == "$" for f in findings)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_read_html_body_gives_loadable_blocks(value: str) -> None:
    findings: list[nm.Finding] = []
    blocks, added = read_html_body(value, "$.x", findings, base_url=PAGE)
    wire = {
        "url": PAGE,
        "headline": "H",
        "language": "en",
        "date_published": "2024-01-01T00:00:00Z",
        "body": blocks,
        "images": added,
    }
    nm.from_dict(wire)  # raises if the reader made anything the model refuses
    assert all(f.path == "$.x" for f in findings)


# -------------------------------------------------------------- the fallback


def _without_selectolax() -> Any:
    """Make ``import selectolax`` fail, as without the html extra."""
    return mock.patch.dict(sys.modules, {"selectolax": None, "selectolax.lexbor": None})


@pytest.fixture
def no_selectolax(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import selectolax`` fail, as without the html extra."""
    monkeypatch.setitem(sys.modules, "selectolax", None)
    monkeypatch.setitem(sys.modules, "selectolax.lexbor", None)


@pytest.mark.usefixtures("no_selectolax")
def test_without_selectolax_html_becomes_plain_paragraphs_and_says_how_to_keep_it() -> None:
    article, findings = read(
        '<p>Read <a href="https://x.example/">this</a>.</p><script>x()</script>'
        "<h2>Head</h2><p>One<br>two &amp; three.</p>"
    )
    assert article.body == ("Read this.", "Head", "One\ntwo & three.")
    found = messages(findings)
    assert any(
        "left out its markup (<a>, <h2>)" in m and "pip install" in m and "[html]" in m
        for m in found
    ), found
    assert "dropped: dropped <script> and all they hold" in found


@pytest.mark.usefixtures("no_selectolax")
def test_without_selectolax_ninjs_and_json_feeds_read_plain_paragraphs() -> None:
    findings: list[nm.Finding] = []
    article = nm.from_ninjs(
        {**_NINJS, "body_html": "<p>One <em>two</em>.</p><p>Three.</p>"}, findings=findings
    )
    assert article.body == ("One two.", "Three.")
    assert any("pip install" in f.message for f in findings if f.path == "$.body_html")
    feed = _json_feed({"content_html": "<p>A <a href='/x'>b</a>.</p>"})
    (item,) = nm.from_feed(feed, findings=findings)
    assert item.body == ("A b.",)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_without_selectolax_any_html_gives_an_article_or_a_validation_error(body: str) -> None:
    with _without_selectolax(), contextlib.suppress(nm.ValidationError):
        read(body)


def test_read_html_text_joins_the_texts_and_reports_the_markup() -> None:
    findings: list[nm.Finding] = []
    text = read_html_text("<p>A <b>bold</b> start.</p><p>End.</p>", "$.s", findings, one_line=True)
    assert text == "A bold start. End."
    assert [f.code for f in findings] == ["repaired", "dropped"]


# --------------------------------------------------------------------- feeds

_FEED = nm.Feed(title="T", link="https://news.example/", language="en")


def _json_feed(item: dict[str, Any]) -> bytes:
    return orjson.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "T",
            "items": [
                {
                    "id": "1",
                    "url": PAGE,
                    "title": "H",
                    "date_published": "2024-01-01T00:00:00Z",
                    **item,
                }
            ],
        }
    )


def test_feed_content_keeps_links_and_reports_the_script() -> None:
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<link>https://news.example/</link><description>d</description><language>en</language>
<item><title>H</title><link>{PAGE}</link><pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate>
<description>Summary</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[
<p>See <a href="/other">the other story</a>.</p><script>alert(1)</script>]]></content:encoded>
</item></channel></rss>"""
    findings: list[nm.Finding] = []
    (article,) = nm.from_feed(rss, findings=findings)
    assert article.body == (
        nm.Paragraph(
            content=(
                "See ",
                nm.Link(url="https://news.example/other", content=("the other story",)),
                ".",
            )
        ),
    )
    where = "$.entries[0].content[0].value"
    assert "dropped: dropped a <script> and all it holds (in the body's block 1)" in messages(
        findings, where
    )


def test_json_feed_content_html_figure_adds_an_image() -> None:
    findings: list[nm.Finding] = []
    (article,) = nm.from_feed(
        _json_feed({"content_html": '<p>x</p><figure><img src="/a.jpg"></figure>'}),
        findings=findings,
    )
    assert article.body == ("x", nm.Figure(image="https://news.example/a.jpg"))
    assert [image.url for image in article.images] == ["https://news.example/a.jpg"]


def test_feed_body_html_is_body_to_html_byte_for_byte() -> None:
    rich = _rich_article()
    (item,) = orjson.loads(nm.to_json_feed([rich], _FEED))["items"]
    assert item["content_html"] == nm.body_to_html(rich.body, images=rich.images).rstrip("\n")
    assert 'alt="The scene"' in item["content_html"]


@pytest.mark.parametrize("writer", [nm.to_rss, nm.to_atom, nm.to_json_feed])
def test_a_structured_body_comes_back_from_every_feed(writer: Any) -> None:
    rich = _rich_article()
    findings: list[nm.Finding] = []
    (back,) = nm.from_feed(writer([rich], _FEED), findings=findings)
    assert back.body == rich.body


# --------------------------------------------------------------------- ninjs

_NINJS: dict[str, Any] = {
    "uri": PAGE,
    "headlines": [{"role": "main", "value": "H"}],
    "firstCreated": "2024-01-01T00:00:00Z",
    "language": "en",
}


def _rich_article() -> nm.Article:
    return nm.Article(
        url=PAGE,
        headline="H",
        language="en",
        date_published=datetime(2024, 1, 1, tzinfo=timezone.utc),
        images=[nm.Image(url="https://news.example/lead.jpg", alt_text="The scene")],
        body=[
            nm.Paragraph(
                content=("See ", nm.Link(url="https://x.example/", content=("this",)), ".")
            ),
            nm.Heading(level=2, content=("Next",)),
            nm.List(items=[nm.ListItem(content=("one",)), nm.ListItem(content=("two",))]),
            nm.Figure(image="https://news.example/lead.jpg"),
            "Plain.",
        ],
    )


def test_ninjs_carries_a_structured_body_as_html_and_text() -> None:
    rich = _rich_article()
    text, html = nm.to_ninjs(rich)["bodies"]
    assert text["contentType"] == "text/plain"
    assert text["value"] == "See this.\n\nNext\n\none\n\ntwo\n\nPlain."
    assert html["contentType"] == "text/html"
    assert html["role"] == "main"
    assert html["value"] == nm.body_to_html(rich.body, images=rich.images).rstrip("\n")
    assert (html["charCount"], html["wordCount"]) == (text["charCount"], text["wordCount"])


def test_ninjs_of_plain_paragraphs_is_as_before() -> None:
    plain = attrs.evolve(_rich_article(), body=["One.", "Two."])
    assert nm.to_ninjs(plain)["bodies"] == [
        {
            "role": "main",
            "contentType": "text/plain",
            "charCount": 10,
            "wordCount": 2,
            "value": "One.\n\nTwo.",
        }
    ]


def test_ninjs_structured_body_round_trips_without_findings() -> None:
    rich = _rich_article()
    findings: list[nm.Finding] = []
    assert nm.from_ninjs(nm.to_ninjs(rich), findings=findings) == rich
    assert [f for f in findings if f.path.startswith("$.bodies")] == []


def test_ninjs_prefers_the_html_body_and_reports_a_different_text_one() -> None:
    findings: list[nm.Finding] = []
    article = nm.from_ninjs(
        {
            **_NINJS,
            "bodies": [
                {"role": "main", "contentType": "text/plain", "value": "Another text."},
                {"role": "main", "contentType": "text/html", "value": "<p><em>Em</em>.</p>"},
            ],
        },
        findings=findings,
    )
    assert article.body == (nm.Paragraph(content=(nm.Emphasis(content=("Em",)), ".")),)
    assert [(f.path, f.code) for f in findings if f.path.startswith("$.bodies")] == [
        ("$.bodies[0]", "dropped")
    ]


def test_ninjs_2_body_html_beats_body_text() -> None:
    findings: list[nm.Finding] = []
    article = nm.from_ninjs(
        {**_NINJS, "body_text": "Link.", "body_html": '<p><a href="/l">Link</a>.</p>'},
        findings=findings,
    )
    assert article.body == (
        nm.Paragraph(content=(nm.Link(url="https://news.example/l", content=("Link",)), ".")),
    )
    # the text says what the HTML says: the same body, nothing lost
    assert [f.path for f in findings if f.path == "$.body_text"] == []


@st.composite
def _rich_articles(draw: st.DrawFn) -> nm.Article:
    article = draw(strategies.articles(quotes=st.nothing(), related=st.nothing()))
    urls = [image.url for image in article.images]
    body = draw(bodies(images=st.sampled_from(urls) if urls else st.nothing(), max_size=4))
    return attrs.evolve(article, body=body)


@given(_rich_articles())
def test_ninjs_round_trip_gives_back_a_drawn_structured_body(article: nm.Article) -> None:
    findings: list[nm.Finding] = []
    back = nm.from_ninjs(nm.to_ninjs(article), findings=findings)
    # a figure shows the association's image, whose uri comes back as the IRI it spells
    assert back.body == tuple(
        nm.Figure(image=uri_to_iri(iri_to_uri(block.image)))
        if isinstance(block, nm.Figure)
        else block
        for block in article.body
    )
    assert [image.url for image in back.images] == [
        uri_to_iri(iri_to_uri(image.url)) for image in article.images
    ]
    assert [f for f in findings if f.path.startswith("$.bodies")] == []


@given(st.text(st.sampled_from("<>a &/p"), max_size=60))
def test_defused_only_escapes_a_lt_that_opens_no_tag(text: str) -> None:
    out = _defused(text)
    assert out.replace("&lt;", "<") == text.replace("&lt;", "<")
    for index, char in enumerate(out):
        if char == "<":
            rest = out[index + 1 :]
            assert ">" in rest
            assert "<" not in rest[: rest.index(">")]
