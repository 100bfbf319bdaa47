"""The structured body: its classes, wire shape, HTML both ways, CommonMark and derived text."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import newsmodel as nm
from helpers import seed
from newsmodel import Image, ValidationError, cli
from newsmodel._body import (
    MAX_INLINE_DEPTH,
    MAX_LIST_DEPTH,
    BlockQuote,
    Code,
    Embed,
    Emphasis,
    Figure,
    Heading,
    Link,
    List,
    ListItem,
    Paragraph,
    Preformatted,
    Separator,
    Strong,
    body_text,
    body_words,
    check_body,
    dump_body,
    is_link_url,
    list_depth,
    load_body,
)
from newsmodel._body_html import body_from_html, body_to_html
from newsmodel._body_markdown import body_to_markdown
from newsmodel._body_strategies import bodies
from newsmodel._lint import CODES, lint_body
from newsmodel._values import TEXT_BAD

if TYPE_CHECKING:
    from newsmodel._errors import ErrorDetail

DATA = Path(__file__).parent / "data"
XSS_VECTORS: list[str] = json.loads((DATA / "xss-vectors.json").read_text())["vectors"]

RICH = (
    Heading(level=2, content=("What happened",)),
    Paragraph(
        content=(
            "Officials ",
            Link(url="https://example.com/earlier", content=("said",), title="Earlier story"),
            " the ",
            Emphasis(content=("new",)),
            " rules take ",
            Strong(content=("effect",)),
            " now; see ",
            Code(text="rule 7"),
            ".",
        )
    ),
    "A plain paragraph.\nWith a line break.",
    List(
        items=(
            ListItem(content=("First",)),
            ListItem(
                content=("Second",),
                sublist=List(items=(ListItem(content=("nested",)),), ordered=True),
            ),
        )
    ),
    BlockQuote(content=("We will rebuild.",), cite="https://example.com/s", attribution="Mayor"),
    Preformatted(text="  indented\ncode"),
    Figure(image="https://example.com/photo.jpg"),
    Embed(url="https://www.youtube.com/watch?v=abc", provider="YouTube"),
    Separator(),
)
IMAGES = (
    Image(
        url="https://example.com/photo.jpg",
        caption="The square",
        credit="AP",
        alt_text="A crowd in the square",
        width=1200,
        height=800,
    ),
)


def _load(value: object) -> tuple[Any, list[ErrorDetail]]:
    report: list[ErrorDetail] = []
    return load_body(value, "$", "body", report), report


# ------------------------------------------------------------------ model


def test_the_wire_shape_reads_naturally() -> None:
    wire = dump_body(RICH)
    assert wire[0] == {"type": "heading", "level": 2, "content": ["What happened"]}
    assert wire[1]["content"][1] == {
        "type": "link",
        "url": "https://example.com/earlier",
        "title": "Earlier story",
        "content": ["said"],
    }
    assert wire[2] == "A plain paragraph.\nWith a line break."
    assert wire[3] == {
        "type": "list",
        "items": [
            "First",
            {
                "content": ["Second"],
                "sublist": {"type": "list", "ordered": True, "items": ["nested"]},
            },
        ],
    }
    assert wire[-1] == {"type": "separator"}
    assert _load(wire) == (RICH, [])


def test_todays_plain_paragraphs_stay_valid() -> None:
    assert _load(["One.", "Two\nlines."]) == (("One.", "Two\nlines."), [])


@given(bodies())
def test_wire_round_trip(body: tuple[Any, ...]) -> None:
    assert _load(dump_body(body)) == (body, [])


@pytest.mark.parametrize(
    ("make", "path", "code"),
    [
        (lambda: Link(url="javascript:alert(1)", content=("x",)), "$.url", "url"),
        (lambda: Link(url="https://e.com", content=("x",), title="a\nb"), "$.title", "invalid"),
        (
            lambda: Link(
                url="https://e.com",
                content=(Emphasis(content=(Link(url="https://e.com", content=("x",)),)),),
            ),
            "$.content[0].content[0]",
            "nested_link",
        ),
        (lambda: Heading(level=1, content=("x",)), "$.level", "invalid"),
        (lambda: Heading(level=True, content=("x",)), "$.level", "type"),
        (lambda: Paragraph(content=()), "$.content", "empty"),
        (lambda: Paragraph(content=(" ", "\n")), "$.content", "empty"),
        (lambda: Paragraph(content=("",)), "$.content[0]", "empty"),
        (lambda: Paragraph(content="text"), "$.content", "type"),
        (lambda: Paragraph(content=("a\x00",)), "$.content[0]", "invalid"),
        (lambda: Paragraph(content=(1,)), "$.content[0]", "type"),
        (lambda: Code(text="a\nb"), "$.text", "invalid"),
        (lambda: List(items=()), "$.items", "empty"),
        (lambda: List(items=("x",)), "$.items[0]", "type"),
        (lambda: ListItem(content=()), "$.content", "empty"),
        (lambda: BlockQuote(content=(), cite="https://e.com"), "$.content", "empty"),
        (lambda: BlockQuote(content=("q",), cite="ftp://e.com"), "$.cite", "url"),
        (lambda: BlockQuote(content=(Heading(level=2, content=("h",)),)), "$.content[0]", "type"),
        (lambda: Preformatted(text=" "), "$.text", "empty"),
        (lambda: Figure(image="/relative.jpg"), "$.image", "url"),
        (lambda: Embed(url="https://e.com", provider=""), "$.provider", "empty"),
    ],
)
def test_constructors_report_each_problem_at_its_path(make: Any, path: str, code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        make()
    assert [(error.path, error.code) for error in raised.value.errors] == [(path, code)]
    assert all(error.message.startswith("expected") for error in raised.value.errors)


def test_inline_markup_and_lists_nest_to_a_bound() -> None:
    inline: Any = "x"
    for _ in range(MAX_INLINE_DEPTH):
        inline = Emphasis(content=(inline,))
    with pytest.raises(ValidationError, match="too_deep"):
        Emphasis(content=(inline,))
    Paragraph(content=(inline,))  # a block may hold the deepest allowed
    nested = List(items=(ListItem(content=("x",)),))
    for _ in range(MAX_LIST_DEPTH - 1):
        nested = List(items=(ListItem(content=("x",), sublist=nested),))
    assert list_depth(nested) == MAX_LIST_DEPTH
    with pytest.raises(ValidationError, match="too_deep"):
        List(items=(ListItem(content=("x",), sublist=nested),))


_ARTICLE_HEAD = (
    '{"url":"https://e.com/a","headline":"h","language":"en",'
    '"date_published":"2024-01-01T00:00:00Z","body":['
)


def _deep_list(sublists: int) -> str:
    return (
        '{"type":"list","items":[{"sublist":' * sublists
        + '{"type":"list","items":["a"]}'
        + "}]}" * sublists
    )


def _deep_emphasis(depth: int) -> str:
    return (
        '{"type":"paragraph","content":['
        + '{"type":"emphasis","content":[' * depth
        + '"a"'
        + "]}" * depth
        + "]}"
    )


@pytest.mark.parametrize("sublists", [MAX_LIST_DEPTH, 5, 50, 200, 900])
def test_loading_stops_at_a_list_nested_too_deep(sublists: int) -> None:
    # Reported at the first list too deep, below which nothing is read, so
    # no depth exhausts the stack (through loads or from_dict alike).
    deepest = "$.body[0]" + ".items[0].sublist" * MAX_LIST_DEPTH
    block: dict[str, Any] = {"type": "list", "items": ["a"]}
    for _ in range(sublists):
        block = {"type": "list", "items": [{"sublist": block}]}
    with pytest.raises(ValidationError) as raised:
        nm.from_dict({**json.loads(_ARTICLE_HEAD + "]}"), "body": [block]})
    assert [(e.path, e.code) for e in raised.value.errors] == [(deepest, "too_deep")]
    with pytest.raises(ValidationError) as raised:
        nm.loads(_ARTICLE_HEAD + _deep_list(sublists) + "]}")
    if sublists < 250:  # deeper than orjson's limit: refused as JSON
        assert [(e.path, e.code) for e in raised.value.errors] == [(deepest, "too_deep")]


@pytest.mark.parametrize("depth", [MAX_INLINE_DEPTH + 1, 50, 300, 500, 5000])
def test_loading_stops_at_inline_markup_nested_too_deep(depth: int) -> None:
    deepest = "$.body[0]" + ".content[0]" * (MAX_INLINE_DEPTH + 1)
    inline: Any = "a"
    for _ in range(depth):
        inline = {"type": "emphasis", "content": [inline]}
    block = {"type": "paragraph", "content": [inline]}
    with pytest.raises(ValidationError) as raised:
        nm.from_dict({**json.loads(_ARTICLE_HEAD + "]}"), "body": [block]})
    assert [(e.path, e.code) for e in raised.value.errors] == [(deepest, "too_deep")]
    with pytest.raises(ValidationError) as raised:
        nm.loads(_ARTICLE_HEAD + _deep_emphasis(depth) + "]}")
    if depth <= 500:  # deeper than orjson's limit: refused as JSON
        assert [(e.path, e.code) for e in raised.value.errors] == [(deepest, "too_deep")]
    nm.loads(_ARTICLE_HEAD + _deep_emphasis(MAX_INLINE_DEPTH) + "]}")  # the deepest allowed


def test_load_reports_every_problem_at_its_path() -> None:
    value, report = _load(
        [
            "fine",
            {
                "type": "paragraph",
                "content": ["a", {"type": "link", "url": "data:x", "content": [5]}],
            },
            {"type": "heading", "level": 9, "content": ["h"], "colour": "red"},
            {"type": "nope"},
            {"content": []},
            3,
            {"type": "list", "items": [{"content": []}, ["ok"], "ok", 4]},
            {"type": "blockquote", "content": [{"type": "heading", "level": 2, "content": ["x"]}]},
        ]
    )
    assert value is not None
    assert [(error.path, error.code) for error in report] == [
        ("$.body[1].content[1].content[0]", "type"),
        ("$.body[1].content[1].url", "url"),
        ("$.body[2].colour", "unknown_field"),
        ("$.body[2].level", "invalid"),
        ("$.body[3].type", "invalid"),
        ("$.body[4].type", "missing"),
        ("$.body[5]", "type"),
        ("$.body[6].items[0].content", "empty"),
        ("$.body[6].items[3]", "type"),
        ("$.body[7].content[0].type", "invalid"),
    ]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["type", "content", "items", "url", "level", "text", "sublist", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
_TYPES = st.sampled_from(["paragraph", "heading", "list", "link", "emphasis", "code", "blockquote"])


@given(
    st.lists(
        _JSON
        | st.builds(
            lambda kind, rest: {"type": kind, **rest},
            _TYPES,
            st.dictionaries(
                st.sampled_from(["content", "items", "url", "level", "text"]), _JSON, max_size=3
            ),
        ),
        max_size=4,
    )
)
def test_any_json_gives_a_body_or_errors(value: list[Any]) -> None:
    body, report = _load(value)
    if report:
        assert all(error.path.startswith("$.body") for error in report)
    else:
        check: list[ErrorDetail] = []
        check_body(body, "$", "body", check)
        assert check == []


def test_link_urls_are_http_or_mailto() -> None:
    assert is_link_url("https://例え.jp/パス?q=1#f")
    assert is_link_url("mailto:desk@example.com?subject=Tip%20off")
    for bad in (
        "javascript:alert(1)",
        "mailto:a b@c",
        'mailto:"x"@y',
        "data:text/html,x",
        "//e.com",
    ):
        assert not is_link_url(bad)


def test_derived_text() -> None:
    text = body_text(RICH)
    assert text.split("\n\n")[:3] == [
        "What happened",
        "Officials said the new rules take effect now; see rule 7.",
        "A plain paragraph.\nWith a line break.",
    ]
    for shown in ("nested", "Mayor", "indented"):
        assert shown in text
    words = (
        "One front-line U.S. story.",
        Heading(level=2, content=("Two words",)),
        List(items=(ListItem(content=("item ", Code(text="x=1"))),)),
        Figure(image="https://e.com/a.jpg"),
    )
    assert body_words(words) == 4 + 2 + 3


# ------------------------------------------------------------- HTML out


def test_render_html_writes_semantic_html() -> None:
    html = body_to_html(RICH, images=IMAGES)
    link = '<a href="https://example.com/earlier" title="Earlier story" rel="noopener noreferrer">'
    assert f"{link}said</a>" in html
    quote = '<blockquote cite="https://example.com/s"><p>We will rebuild.</p></blockquote>'
    assert f"<figure>{quote}<figcaption>Mayor</figcaption></figure>" in html
    image = '<img src="https://example.com/photo.jpg" alt="A crowd in the square"'
    assert f'{image} width="1200" height="800">' in html
    assert "<p>A plain paragraph.<br>With a line break.</p>" in html
    assert "<ul><li>First</li><li>Second<ol><li>nested</li></ol></li></ul>" in html
    assert (
        body_to_html(RICH, images=IMAGES, rel=("nofollow", "ugc")).count('rel="nofollow ugc"') == 2
    )
    with pytest.raises(ValueError, match="rel tokens"):
        body_to_html(RICH, rel=('x" onclick="alert(1)',))


def test_render_html_escapes_text() -> None:
    html = body_to_html(("<script>alert(1)</script> & co",))
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>\n"


@given(bodies())
def test_html_round_trip(body: tuple[Any, ...]) -> None:
    read = body_from_html(body_to_html(body))
    assert read.blocks == body
    assert {finding.code for finding in read.findings} <= {"added"}


def test_html_round_trip_keeps_images() -> None:
    read = body_from_html(body_to_html(RICH, images=IMAGES), images=IMAGES)
    assert read.blocks == RICH
    assert read.images == IMAGES
    assert read.findings == ()


# -------------------------------------------------------------- HTML in


def _findings(html: str, **options: Any) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in body_from_html(html, **options).findings]


def test_body_from_html_keeps_structure_and_reports_the_rest() -> None:
    read = body_from_html(
        '<div class="story"><h1>Title</h1><p>Hello <b>bold</b> <span style="x">and</span> '
        '<a href="/a" onclick="steal()">a link</a>.</p><script>alert(1)</script>'
        '<p><a href="javascript:alert(1)">bad</a> <img src="https://e.com/x.jpg"></p>'
        '<iframe src="https://www.youtube.com/embed/abc"></iframe></div>',
        base_url="https://example.com/news/story",
    )
    assert read.blocks == (
        Heading(level=2, content=("Title",)),
        Paragraph(
            content=(
                "Hello ",
                Strong(content=("bold",)),
                " and ",
                Link(url="https://example.com/a", content=("a link",)),
                ".",
            )
        ),
        "bad",
        Embed(url="https://www.youtube.com/embed/abc"),
    )
    codes = [(f.path, f.code, f.message) for f in read.findings]
    assert (
        "$[0]",
        "unwrapped",
        "kept the text of a <div>, not the element and its attributes class",
    ) in codes
    assert (
        "$[0]",
        "repaired",
        "read an <h1> as a level 2 heading (the headline is level 1)",
    ) in codes
    assert any(path == "$[1]" and "onclick" in message for path, _, message in codes)
    assert ("$[2]", "dropped", "dropped a <script> and all it holds") in codes
    assert any(path == "$[2]" and "javascript:" in message for path, _, message in codes)
    assert any("image inside text" in message for _, _, message in codes)


def test_body_from_html_reads_whitespace_as_html_shows_it() -> None:
    read = body_from_html("<p>\n   One   <em> two </em>\n three <br>  four  </p>  \n <p>&nbsp;</p>")
    assert read.blocks == (Paragraph(content=("One ", Emphasis(content=("two ",)), "three\nfour")),)
    assert ("$[1]", "dropped") in [(f.path, f.code) for f in read.findings]


def test_body_from_html_reads_figures_into_images() -> None:
    read = body_from_html(
        '<figure><img src="https://e.com/a.jpg" alt="Alt" width="640" height="x">'
        "<figcaption>Caption <small>Credit</small></figcaption></figure>"
    )
    assert read.blocks == (Figure(image="https://e.com/a.jpg"),)
    assert read.images == (
        Image(
            url="https://e.com/a.jpg", alt_text="Alt", caption="Caption", credit="Credit", width=640
        ),
    )


def test_a_figure_completes_the_image_the_article_has_and_says_so() -> None:
    """What a figure says of a known image that the image does not say, the image takes."""
    html = (
        '<figure><img src="https://e.com/a.jpg" alt="Alt" width="640">'
        "<figcaption>Caption <small>Credit</small></figcaption></figure>"
        '<figure><img src="https://e.com/b.jpg" alt="Other" width="x">'
        "<figcaption>Other caption</figcaption></figure>"
    )
    given = (
        Image(url="https://e.com/a.jpg", width=640),
        Image(url="https://e.com/b.jpg", caption="B", alt_text="B alt"),
    )
    read = body_from_html(html, images=given)
    assert read.images == (
        Image(
            url="https://e.com/a.jpg", alt_text="Alt", caption="Caption", credit="Credit", width=640
        ),
        given[1],
    )
    assert [(f.path, f.code, f.message.split(" of ")[0]) for f in read.findings] == [
        ("$[0]", "repaired", "took the caption, credit and alt text"),
        ("$[1]", "dropped", "the width"),
        ("$[1]", "dropped", "dropped the caption"),
        ("$[1]", "dropped", "dropped the alt text"),
    ]
    # The article's own figure HTML reads back with nothing to say.
    again = body_from_html(body_to_html(read.blocks, images=read.images), images=read.images)
    assert again.images == read.images
    assert again.findings == ()


def test_body_from_html_bounds_deep_figures() -> None:
    read = body_from_html("<figure>" * 3000 + "x")
    assert body_text(read.blocks) == "x"
    assert any(f.code == "unwrapped" and "<figure>" in f.message for f in read.findings)
    article = nm.from_jsonld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "url": "https://e.com/a",
            "headline": "h",
            "inLanguage": "en",
            "datePublished": "2024-01-01T00:00:00Z",
            "articleBody": "<figure>" * 1200 + "x",
        }
    )
    assert body_text(article.body) == "x"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            (
                '<figure><p>See <a href="https://x.com/">this report</a> and more important text'
                "</p></figure>"
            ),
            "See this report and more important text",
        ),
        (
            (
                '<figure><img src="https://e.com/a.jpg"><p>Important text</p>'
                '<img src="https://e.com/b.jpg"></figure>'
            ),
            "Important text",
        ),
        (
            (
                "<figure><p>Text</p><figcaption>Caption <small>Credit words</small></figcaption>"
                "</figure>"
            ),
            "Text Caption Credit words",
        ),
        (
            '<figure><a href="https://x.com/">X</a><figcaption>Caption</figcaption></figure>',
            "X Caption",
        ),
    ],
)
def test_body_from_html_unwraps_a_figure_of_more_than_one_block(html: str, text: str) -> None:
    read = body_from_html(html)
    assert _words(body_text(read.blocks)) == _words(text)
    assert ("$[0]", "unwrapped", "kept the text of a <figure>, not the element") in [
        (f.path, f.code, f.message) for f in read.findings
    ]
    if "b.jpg" in html:
        assert [block for block in read.blocks if isinstance(block, Figure)] == [
            Figure(image="https://e.com/a.jpg"),
            Figure(image="https://e.com/b.jpg"),
        ]


def test_body_from_html_reads_a_figure_of_one_block() -> None:
    read = body_from_html(
        '<figure> <picture><source srcset="https://e.com/a.webp"><img src="https://e.com/a.jpg">'
        "</picture> <figcaption>Caption <em>here</em> <small>Credit</small></figcaption></figure>"
        '<figure><a href="https://x.com/p">X</a></figure>'
        "<figure><blockquote><p>Said.</p></blockquote><figcaption>Someone</figcaption></figure>"
    )
    assert read.blocks == (
        Figure(image="https://e.com/a.jpg"),
        Embed(url="https://x.com/p", provider="X"),
        BlockQuote(content=("Said.",), attribution="Someone"),
    )
    assert (read.images[0].caption, read.images[0].credit) == ("Caption here", "Credit")


def test_body_from_html_bounds_deep_nesting() -> None:
    depth = 20_000
    for open_tag, close_tag in (
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<em>", "</em>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
    ):
        read = body_from_html(open_tag * depth + "deep" + close_tag * depth)
        assert "deep" in body_text(read.blocks)
        check: list[ErrorDetail] = []
        check_body(read.blocks, "$", "body", check)
        assert check == []


# Where a text may stand in HTML, with the text read back from the blocks.
_TEXT_PLACES = {
    "paragraph": "<p>a {} b</p>",
    "code": "<p>a <code>x{}y</code> b</p>",
    "heading": "<h2>a {} b</h2>",
    "list item": "<ul><li>a <em>{}</em> b</li></ul>",
    "quote": "<blockquote><p>a {} b</p></blockquote>",
    "pre": "<pre>a {} b</pre>",
    "link": '<p><a href="https://example.com/">a {} b</a></p>',
}
_REFUSED = "\x00\x01\x08\x0b\x1b\x7f\x85\x9f\u2028\u2029\ud800\udfff"


@pytest.mark.parametrize("place", sorted(_TEXT_PLACES))
@given(st.text(alphabet=st.sampled_from("xyz" + _REFUSED), min_size=1, max_size=6))
def test_body_from_html_removes_refused_characters_and_says_so(place: str, text: str) -> None:
    """A character no text may hold is removed and reported; the block around it stays."""
    references = "".join(f"&#{ord(char)};" for char in text)
    read = body_from_html(_TEXT_PLACES[place].format(references))
    kept = body_text(read.blocks)
    assert kept.startswith("a")  # the block was kept, not dropped for the character
    assert kept.endswith("b")
    messages = " ".join(finding.message for finding in read.findings)
    for char in set(text) & set(_REFUSED):
        if char == "\x00" or "\ud800" <= char <= "\udfff" or "\x80" <= char <= "\x9f":
            continue  # HTML itself reads these references as U+FFFD or windows-1252 text
        assert char not in kept
        assert f"U+{ord(char):04X}" in messages
    check: list[ErrorDetail] = []
    check_body(read.blocks, "$", "body", check)
    assert check == []


def test_body_from_html_keeps_a_paragraph_with_a_control_character_in_code() -> None:
    read = body_from_html("<p>Run <code>a&#1;b</code> now.</p>")
    assert read.blocks == (Paragraph(content=("Run ", Code(text="ab"), " now.")),)
    assert [(f.path, f.code) for f in read.findings] == [("$[0]", "repaired")]
    assert "U+0001" in read.findings[0].message


def _nested_html() -> st.SearchStrategy[str]:
    """HTML of lists, quotes, paragraphs and inline markup nested at random; each word a W."""
    word = st.just("W")
    inline = st.recursive(
        word,
        lambda inner: st.one_of(
            st.builds("<em>{}</em>".format, inner),
            st.builds('<a href="https://example.com/">{}</a>'.format, inner),
            st.builds("{} {}".format, inner, inner),
        ),
        max_leaves=4,
    )

    def items(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        item = st.builds("<li>{} {}</li>".format, inline, st.one_of(st.just(""), children))
        return st.lists(item, min_size=1, max_size=3).map("".join)

    return st.recursive(
        inline,
        lambda inner: st.one_of(
            st.builds("<ul>{}</ul>".format, items(inner)),
            st.builds("<ol>{}</ol>".format, items(inner)),
            st.builds("<blockquote><p>{}</p>{}</blockquote>".format, inline, inner),
            st.builds("<ul><li>{}<ul>{}</ul>{}</li></ul>".format, inline, items(inner), inline),
            st.builds(
                lambda depth, text: "<ul><li>W" * depth + f" {text}" + "</li></ul>" * depth,
                st.integers(4, 7),
                inner,
            ),
            st.builds("<p>{}</p>{}".format, inline, inner),
            st.builds(
                lambda depth, text: "<blockquote>" * depth + text + "</blockquote>" * depth,
                st.integers(4, 7),
                st.builds(
                    "<span><p>{}</p><p>{}</p></span><em>{}<div>{}</div></em>".format,
                    inline,
                    inline,
                    inline,
                    inner,
                ),
            ),
        ),
        max_leaves=30,
    )


def _numbered(html: str) -> tuple[str, list[str]]:
    words: list[str] = []

    def number(_: re.Match[str]) -> str:
        words.append(f"w{len(words)}")
        return words[-1]

    return re.sub("W", number, html), words


@given(_nested_html())
def test_body_from_html_keeps_every_word_of_nested_lists_and_quotes(html: str) -> None:
    """However lists and quotes nest, every word is read once, none run into another."""
    numbered, words = _numbered(html)
    read = body_from_html(numbered)
    assert sorted(body_text(read.blocks).split()) == sorted(words)
    check: list[ErrorDetail] = []
    check_body(read.blocks, "$", "body", check)
    assert check == []


def test_body_from_html_keeps_lists_it_cannot_nest_as_lines() -> None:
    """A list too deep, or an item's second list, is kept as lines, its markup kept."""
    link = '<a href="https://example.com/">link</a>'
    deep = f"<ul><li>1<ul><li>2<ul><li>3<ul><li>4<ul><li>five <em>x</em> {link}</li>"
    read = body_from_html(deep + "<li>six</li></ul>after</li></ul></li></ul></li></ul></li></ul>")
    level: Any = read.blocks[0]
    for _ in range(3):
        level = level.items[0].sublist
    (fourth,) = level.items
    assert fourth == ListItem(
        content=(
            "4\nfive ",
            Emphasis(content=("x",)),
            " ",
            Link(url="https://example.com/", content=("link",)),
            "\nsix\nafter",
        )
    )
    assert [f.code for f in read.findings] == ["unwrapped"]
    read = body_from_html("<ul><li>a<ul><li>b</li></ul><ol><li>c</li><li>d</li></ol></li></ul>")
    assert read.blocks == (
        List(
            items=(ListItem(content=("a\nc\nd",), sublist=List(items=(ListItem(content=("b",)),))),)
        ),
    )
    assert "second <ol>" in read.findings[0].message


def test_body_from_html_moves_text_after_an_items_list_and_says_so() -> None:
    read = body_from_html("<ul><li>a<ul><li>b</li></ul>c</li></ul>")
    assert read.blocks == (
        List(items=(ListItem(content=("a\nc",), sublist=List(items=(ListItem(content=("b",)),))),)),
    )
    assert [(f.path, f.code) for f in read.findings] == [("$[0]", "repaired")]


def test_body_from_html_keeps_the_paragraphs_of_a_quote_too_deep() -> None:
    """Paragraphs of a quote nested past the bound stay paragraphs; findings are the quote's."""
    inner = "<blockquote><p>5a</p><p>5b<br>5c</p></blockquote>"
    for _ in range(4):
        inner = f"<blockquote><p>q</p>{inner}</blockquote>"
    read = body_from_html(f"<p>before</p>{inner}<p>after</p>")
    assert read.blocks == (
        "before",
        BlockQuote(content=("q", "q", "q", "q", "5a", "5b", "5c")),
        "after",
    )
    assert {f.path for f in read.findings} == {"$[1]"}


@given(st.text(max_size=12))
def test_body_from_html_reads_any_image_size_or_says_why_not(size: str) -> None:
    """An <img> width is read as pixels, or left out with a finding; never an exception."""
    read = body_from_html(f'<img src="https://example.com/a.jpg" width="{html.escape(size)}">')
    (image,) = read.images
    messages = [f.message for f in read.findings if "width" in f.message]
    # (characters no text may hold go first, reported on their own)
    kept = _without_refused(size)
    if kept != size:
        assert any(f.message.startswith("removed ") for f in read.findings)
    if image.width is None:
        assert kept == "" or messages
    else:
        assert 1 <= image.width <= 2**53 - 1
        assert str(image.width) == kept or messages


def _without_refused(text: str) -> str:
    return "".join(c for c in text if c in "\t\r\x0c" or not TEXT_BAD.match(c))


def test_body_from_html_review_cases() -> None:
    """Paths after an empty nested quote; no twice-said findings; no doubled line breaks."""
    read = body_from_html(
        "<p>a</p><blockquote><p>q</p><blockquote></blockquote></blockquote><p>b<font>x</font></p>"
    )
    assert [(f.path, f.code) for f in read.findings] == [("$[1]", "dropped"), ("$[2]", "unwrapped")]
    read = body_from_html(
        '<figure><a href="https://e.com/v" class="x">Y&#1;T</a><figcaption>c&#1;ap</figcaption>'
        "</figure>"
    )
    assert [f.path for f in read.findings if "removed" in f.message] == ["$[0]", "$[1]"]
    assert len([f for f in read.findings if "class" in f.message]) == 1
    for item in (
        "<ul><li>a<ul><li>b</ul><br>c</li></ul>",
        "<ul><li>a<ul><li>b</ul><p>c</p></li></ul>",
        "<ul><li>a<ul><li>b</ul> <br> c</li></ul>",
    ):
        assert body_from_html(item).blocks[0].items[0].content == ("a\nc",)  # type: ignore[union-attr]
    read = body_from_html("<p>a\x00b</p><p>c\udc80d</p>")
    assert read.blocks == ("ab", "cd")
    assert [(f.path, "U+0000, U+DC80" in f.message) for f in read.findings] == [("$", True)]


def test_body_from_html_image_sizes() -> None:
    read = body_from_html(
        '<img src="https://e.com/a.jpg" width="640" height="480px">'
        '<img src="https://e.com/b.jpg" width="\u00b2" height="100%">'
        '<img src="https://e.com/c.jpg" width="\u0661\u0662">'
    )
    assert [(i.width, i.height) for i in read.images] == [(640, 480), (None, None), (12, None)]
    assert [(f.path, f.code) for f in read.findings if "<img>" in f.message] == [
        ("$[0]", "repaired"),
        ("$[1]", "dropped"),
        ("$[1]", "dropped"),
        ("$[2]", "repaired"),
    ]


# The HTML a body renders to may hold these elements and attributes only.
_ALLOWED = {
    "p": set(), "h2": set(), "h3": set(), "h4": set(), "h5": set(), "h6": set(),
    "ul": set(), "ol": set(), "li": set(), "pre": set(), "hr": set(), "br": set(),
    "em": set(), "strong": set(), "code": set(), "small": set(), "figcaption": set(),
    "figure": set(), "blockquote": {"cite"}, "a": {"href", "title", "rel"},
    "img": {"src", "alt", "width", "height"},
}  # fmt: skip
_URL_ATTRIBUTES = {"href", "cite", "src"}


def _assert_safe(html: str) -> None:
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=True)
    for element in tree.iter():
        if element is tree:
            continue
        namespace, _, tag = element.tag.rpartition("}")
        assert namespace == "{http://www.w3.org/1999/xhtml", element.tag
        assert tag in _ALLOWED, tag
        for name, value in element.attrib.items():
            assert name in _ALLOWED[tag], (tag, name)
            if name in _URL_ATTRIBUTES:
                assert value.lower().startswith(("https://", "http://", "mailto:")), value
                assert is_link_url(value), value


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_filter_evasion_vectors_render_only_the_allowlist(vector: str) -> None:
    read = body_from_html(vector)
    html = body_to_html(read.blocks, images=read.images)
    _assert_safe(html)
    _assert_safe(body_markdown_html(read.blocks, read.images))
    # Every script, event handler or script URL the parser builds is reported
    # (what the parser itself discards, a tag cut off by the end of the text,
    # never reaches the reader; a text that shows "<script>" is a text).
    parsed = html5lib.parseFragment(vector, treebuilder="etree", namespaceHTMLElements=False)
    dangerous = any(
        str(element.tag).rpartition("}")[2] in ("script", "style", "iframe", "object", "embed")
        or any(
            str(name).rpartition("}")[2].startswith("on") or "script:" in value.lower()
            for name, value in element.attrib.items()
        )
        for element in parsed.iter()
    )
    if dangerous:
        assert read.findings, vector


_TAGS = [
    "p",
    "a",
    "em",
    "b",
    "script",
    "style",
    "svg",
    "math",
    "img",
    "iframe",
    "ul",
    "li",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "td",
    "div",
    "span",
    "code",
    "br",
    "h1",
    "h3",
    "noscript",
    "template",
    "xmp",
    "textarea",
    "title",
    "select",
    "option",
    "object",
    "embed",
]
_ATTRS = [
    "href",
    "src",
    "cite",
    "onerror",
    "onclick",
    "style",
    "title",
    "alt",
    "xlink:href",
    "srcdoc",
    "formaction",
]
_VALUES = [
    "javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "https://example.com/x",
    "mailto:a@b.c",
    "data:text/html,<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "/relative",
    "x",
    "&lt;script&gt;",
]
_HTML_TOKENS = st.one_of(
    st.builds(
        lambda tag, attrs: f"<{tag}{attrs}>",
        st.sampled_from(_TAGS),
        st.lists(
            st.builds(
                lambda name, value: f' {name}="{value}"',
                st.sampled_from(_ATTRS),
                st.sampled_from(_VALUES),
            ),
            max_size=2,
        ).map("".join),
    ),
    st.sampled_from(_TAGS).map(lambda tag: f"</{tag}>"),
    st.text(max_size=10),
    st.sampled_from(
        [
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<",
            ">",
            "&",
            "&#0;",
            "\x00",
            "\r\n",
            "<svg><p>",
            "<?xml x>",
            "<t:set to=1>",
            "</svg>",
            "<math><mi>",
        ]
    ),
)


@given(st.lists(_HTML_TOKENS, max_size=25).map("".join))
def test_hostile_html_gives_valid_blocks_and_safe_html(html: str) -> None:
    read = body_from_html(html)
    check: list[ErrorDetail] = []
    check_body(read.blocks, "$", "body", check)
    assert check == []
    assert _load(dump_body(read.blocks)) == (read.blocks, [])
    _assert_safe(body_to_html(read.blocks, images=read.images))


# --------------------------------------------------------------- Markdown

_MARKDOWN = MarkdownIt("commonmark")
# markdown-it percent-encodes and punycodes link targets by default; the
# targets are compared as written.
_MARKDOWN.normalizeLink = lambda url: url  # type: ignore[method-assign]
_MARKDOWN.normalizeLinkText = lambda link: link  # type: ignore[method-assign]


def body_markdown_html(body: tuple[Any, ...], images: tuple[Image, ...] = ()) -> str:
    html: str = _MARKDOWN.render(body_to_markdown(body, images=images))
    return html


def test_body_markdown_reads_as_markdown() -> None:
    text = body_to_markdown(RICH, images=IMAGES)
    link = '[said](<https://example.com/earlier> "Earlier story")'
    assert text.startswith(
        f"## What happened\n\nOfficials {link} the *new* rules take **effect** now; "
        "see `rule 7`.\n\n"
    )
    assert "* First\n* Second\n  1. nested\n" in text
    assert "```\n  indented\ncode\n```" in text


def test_a_list_item_of_a_sublist_only_starts_it_on_its_own_line() -> None:
    """An empty item cannot interrupt a paragraph in CommonMark: ``* * nested``."""
    inner = List(items=(ListItem(content=(Code(text="x"),)),))
    body = (
        List(items=(ListItem(content=("a",), sublist=List(items=(ListItem(sublist=inner),))),)),
    )

    assert "* a\n  * * `x`\n" == body_to_markdown(body)
    assert body == body_from_html(body_markdown_html(body)).blocks


@given(bodies())
def test_markdown_round_trip_through_markdown_it(body: tuple[Any, ...]) -> None:
    assert body_from_html(body_markdown_html(body)).blocks == body


# ------------------------------------------------------------------- lint


def test_lint_body() -> None:
    body = (
        Heading(level=3, content=("Skipped a level",)),
        Paragraph(content=(Link(url="http://example.com/a", content=("→",)),)),
        List(
            items=(
                ListItem(
                    content=("x",),
                    sublist=List(
                        items=(
                            ListItem(
                                content=(Link(url="https://example.com/ok", content=("fine",)),)
                            ),
                        )
                    ),
                ),
            )
        ),
        Figure(image="https://example.com/no-alt.jpg"),
        Figure(image="https://example.com/photo.jpg"),
        Heading(level=4, content=("Fine",)),
    )
    findings = lint_body(
        body, (*IMAGES, Image(url="https://example.com/no-alt.jpg")), "https://e.com/"
    )
    assert [(f.path, f.code) for f in findings] == [
        ("$.body[0].level", "heading_level_skipped"),
        ("$.body[1].content[0].content", "link_without_text"),
        ("$.body[1].content[0].url", "insecure_link"),
        ("$.body[3].image", "figure_without_alt"),
    ]
    assert {f.code for f in findings} <= set(CODES)
    assert lint_body(RICH, IMAGES, "https://e.com/") == []


def test_lint_paths_of_links_in_list_items_are_the_loaders_paths() -> None:
    """A link in a list item is reported where the wire holds it, bare item or not."""

    def payload(url: str) -> dict[str, Any]:
        link = {"type": "link", "url": url, "content": ["x"]}
        sublist = {"type": "list", "items": [["a", link]]}
        items = [["a", link], {"content": ["b", link], "sublist": sublist}]
        return {
            "url": "https://example.com/a",
            "headline": "H",
            "language": "en",
            "date_published": "2024-10-13T21:04:00+03:00",
            "body": [{"type": "list", "items": items}],
        }

    article = nm.from_dict(payload("http://example.com/"))
    linted = sorted(f.path for f in nm.lint(article) if f.code == "insecure_link")
    with pytest.raises(nm.ValidationError) as refused:
        nm.from_dict(payload("javascript:x"))
    loaded = sorted(error.path for error in refused.value.errors)
    assert linted == loaded
    assert linted == [
        "$.body[0].items[0][1].url",
        "$.body[0].items[1].content[1].url",
        "$.body[0].items[1].sublist.items[0][1].url",
    ]


def test_cli_convert_to_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`newsmodel convert --to markdown` prints the headline and the body as CommonMark."""
    article = nm.from_dict(
        {
            "url": "https://example.com/a",
            "headline": "Kyiv *metro* runs",
            "language": "en",
            "date_published": "2024-10-13T21:04:00+03:00",
            "body": ["First.", "1. Second"],
        }
    )
    source = tmp_path / "a.json"
    source.write_text(nm.dumps(article))
    status = cli.main(["convert", str(source), "--to", "markdown"])
    out, _ = capsys.readouterr()
    assert (status, out) == (0, "# Kyiv \\*metro\\* runs\n\nFirst.\n\n1\\. Second\n")


# ------------------------------------------------------------ JSON Schema


def _body_validator() -> Any:
    import jsonschema

    from newsmodel._schema import body_schema_defs, build_schema

    defs = {**build_schema()["$defs"], **body_schema_defs()}
    schema = {"$defs": defs, "type": "array", "items": {"$ref": "#/$defs/Block"}}
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


_VALIDATOR = _body_validator()


@given(bodies())
def test_json_schema_accepts_every_body(body: tuple[Any, ...]) -> None:
    assert list(_VALIDATOR.iter_errors(dump_body(body))) == []


@pytest.mark.parametrize(
    "wire",
    [
        [{"type": "heading", "level": 1, "content": ["x"]}],
        [{"type": "paragraph", "content": []}],
        [{"type": "paragraph", "content": ["x"], "colour": "red"}],
        [
            {
                "type": "paragraph",
                "content": [{"type": "link", "url": "javascript:x", "content": ["x"]}],
            }
        ],
        [{"type": "list", "items": []}],
        [{"type": "figure", "image": "/a.jpg"}],
        [{"type": "nope"}],
        [" "],
        [{"type": "paragraph", "content": [""]}],
    ],
)
def test_json_schema_refuses_what_the_loader_refuses(wire: list[Any]) -> None:
    assert _load(wire)[1]
    assert list(_VALIDATOR.iter_errors(wire))


# ------------------------------------------------------------ text ranges


@given(st.data())
def test_mark_range_cuts_the_text_exactly(data: st.DataObject) -> None:
    from newsmodel._body import inline_text, mark_range
    from newsmodel._body_strategies import inline_content

    content = data.draw(inline_content(depth=2))
    text = inline_text(content)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    before, inside, after = mark_range(content, start, end)
    assert (inline_text(before), inline_text(inside), inline_text(after)) == (
        text[:start],
        text[start:end],
        text[end:],
    )


# Inline content with spaces and line breaks where HTML's whitespace form has
# none: at the edges of markup, of code, alone between two pieces of markup.
_SPACEY_TEXT = st.text(st.sampled_from("a \n\u00a0"), min_size=1, max_size=4)
_SPACEY_CODE = st.text(st.sampled_from("b \u00a0"), min_size=1, max_size=4).filter(
    lambda text: not text.isspace()
)


def _spacey_content(depth: int, *, in_link: bool = False) -> st.SearchStrategy[tuple[Any, ...]]:
    inline: st.SearchStrategy[Any] = _SPACEY_TEXT | st.builds(Code, text=_SPACEY_CODE)
    if depth > 0:
        inner = st.deferred(lambda: _spacey_content(depth - 1, in_link=in_link))
        inline |= st.builds(Emphasis, content=inner) | st.builds(Strong, content=inner)
        if not in_link:
            inline |= st.builds(
                Link,
                url=st.just("https://example.com/"),
                content=st.deferred(lambda: _spacey_content(depth - 1, in_link=True)),
            )
    content = st.lists(inline, min_size=1, max_size=4).map(tuple)
    # Markup may not be blank: a blank text alone is a text, not markup.
    return content.filter(lambda items: any(item.__class__ is not str for item in items))


def _reloaded(content: tuple[Any, ...]) -> tuple[Any, list[Any]]:
    # The content read back from the wire: every object checked by its class.
    report: list[Any] = []
    [paragraph] = load_body(dump_body((Paragraph(content=("x", *content)),)), "$", "body", report)
    return paragraph.content[1:], report


@given(st.data())
def test_mark_range_parts_are_valid_content(data: st.DataObject) -> None:
    """The parts are built unchecked: each passes every check, and equals itself read back."""
    from newsmodel._body import inline_text, mark_range
    from newsmodel._body_strategies import inline_content

    content = data.draw(_spacey_content(3) | inline_content(depth=3))
    text = inline_text(content)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for part in mark_range(content, start, end):
        assert (part, []) == _reloaded(part)


def test_a_part_of_markup_that_is_only_spaces_is_a_text() -> None:
    """Markup may not be blank: a part of it with only spaces or line breaks is a text."""
    from newsmodel._body import mark_range

    link = Link(url="https://example.com/", content=(" d",))
    content = (Emphasis(content=("a \n", Code(text="b  c"))), link)
    assert (
        (Emphasis(content=("a",)),),
        (" \n",),
        (Emphasis(content=(Code(text="b  c"),)), link),
    ) == (mark_range(content, 1, 3))
    assert (
        (Emphasis(content=("a \n", Code(text="b"))),),
        (Emphasis(content=(Code(text="  c"),)), " "),
        (Link(url="https://example.com/", content=("d",)),),
    ) == mark_range(content, 4, 8)


def test_mark_range_splits_markup_at_the_edges() -> None:
    from newsmodel._body import mark_range

    content = ("He said ", Emphasis(content=("we will ", Strong(content=("rebuild",)))), " it.")
    before, inside, after = mark_range(content, 8, 23)
    assert before == ("He said ",)
    assert inside == (Emphasis(content=("we will ", Strong(content=("rebuild",)))),)
    assert after == (" it.",)
    before, inside, after = mark_range(content, 11, 19)
    assert inside == (Emphasis(content=("will ", Strong(content=("reb",)))),)
    assert before == ("He said ", Emphasis(content=("we ",)))
    assert after == (Emphasis(content=(Strong(content=("uild",)),)), " it.")


# ----------------------------------------------------------- in an article

_ARTICLE: dict[str, Any] = {
    "url": "https://example.com/news/1",
    "headline": "Kyiv metro extends night service",
    "language": "en",
    "date_published": "2024-10-13T21:04:00+03:00",
    "images": [{"url": "https://example.com/photo.jpg", "alt_text": "The square"}],
}


def test_an_article_holds_a_structured_body() -> None:
    wire = {**_ARTICLE, "body": dump_body(RICH)}
    article = nm.from_dict(wire)
    assert article.body == RICH
    assert nm.loads(nm.dumps(article)) == article
    assert nm.to_dict(article)["body"] == wire["body"]
    assert article.word_count == body_words(RICH)
    assert nm.to_jsonld(article)["articleBody"] == body_text(RICH)
    assert "<h2>What happened</h2>" in nm.to_microdata(article)
    assert not [f for f in nm.lint(article) if f.path.startswith("$.body")]


def test_an_articles_body_reports_at_its_path() -> None:
    wire = {
        **_ARTICLE,
        "body": ["ok", {"type": "figure", "image": "https://example.com/other.jpg"}],
    }
    with pytest.raises(ValidationError) as raised:
        nm.from_dict(wire)
    assert [(e.path, e.code) for e in raised.value.errors] == [("$.body[1].image", "invalid")]
    body: list[Any] = ["ok", {"type": "heading", "level": 1, "content": ["x"]}, 5]
    wire = {**_ARTICLE, "body": body}
    with pytest.raises(ValidationError) as raised:
        nm.from_dict(wire)
    assert [(e.path, e.code) for e in raised.value.errors] == [
        ("$.body[1].level", "invalid"),
        ("$.body[2]", "type"),
    ]
    with pytest.raises(ValidationError) as raised:
        attrs.evolve(nm.from_dict(_ARTICLE), body=("x", 5))
    assert [(e.path, e.code) for e in raised.value.errors] == [("$.body[1]", "type")]


def test_the_json_schema_takes_a_structured_body() -> None:
    import jsonschema

    wire = {**_ARTICLE, "body": dump_body(RICH)}
    assert list(jsonschema.Draft202012Validator(nm.json_schema()).iter_errors(wire)) == []


def test_arrow_keeps_a_structured_body() -> None:
    pytest.importorskip("pyarrow")
    from newsmodel import arrow

    article = nm.from_dict({**_ARTICLE, "body": dump_body(RICH)})
    plain = nm.from_dict({**_ARTICLE, "body": ['{"type": "separator"}', "Plain."]})
    assert arrow.from_arrow(arrow.to_arrow([article, plain])) == [article, plain]


def test_lenient_loading_keeps_a_structured_body_as_written() -> None:
    """Lenient loading trims plain paragraphs only: the spaces of inline texts are content."""
    body = [
        "  A plain paragraph.  ",
        {"type": "paragraph", "content": ["What ", {"type": "emphasis", "content": ["now"]}, "?"]},
        {"type": "preformatted", "text": "  indented\n    more"},
    ]
    data = {**nm.to_dict(seed()), "body": body}

    article = nm.from_dict(data, lenient=True)

    assert ["A plain paragraph.", body[1], body[2]] == nm.to_dict(article)["body"]


def test_the_repr_of_the_deepest_body_evaluates_back() -> None:
    """A body nested as deep as the rules allow has a repr that gives it back."""
    inline: Any = nm.Code(text="x")
    for _ in range(MAX_INLINE_DEPTH - 1):
        inline = nm.Emphasis(content=(inline,))
    listing = nm.List(items=(nm.ListItem(content=("a", inline)),))
    for _ in range(MAX_LIST_DEPTH - 1):
        listing = nm.List(items=(nm.ListItem(content=("a",), sublist=listing),))
    article = attrs.evolve(seed(), body=(listing,))

    names = {name: getattr(nm, name) for name in nm.__all__}

    assert article == eval(repr(article), {**names, "datetime": dt})
