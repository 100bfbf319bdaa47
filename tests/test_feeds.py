"""Tests for the RSS, Atom and JSON Feed writers and for `from_feed`, read back by feedparser."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import feedparser
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import _body, strategies
from newsmodel._feed_import import feed_date
from newsmodel._feeds import xml_text
from newsmodel._models import paragraph_texts

KYIV = timezone(timedelta(hours=3))
FEED = nm.Feed(
    title="The Kyiv Independent — News",
    link="https://kyivindependent.com/",
    description="The latest news from Ukraine.",
    language="en",
    self_url="https://kyivindependent.com/feed/",
    updated=datetime(2024, 10, 14, 9, 0, tzinfo=KYIV),
)
WRITERS = {"rss": nm.to_rss, "atom": nm.to_atom}
# Feeds carry no quotes and no related stories (the writers never look at
# them): articles without them draw several times faster.
ARTICLES = strategies.articles(quotes=st.nothing(), related=st.nothing())


def article(**changes: Any) -> nm.Article:
    fields: dict[str, Any] = {
        "url": "https://kyivindependent.com/a/",
        "id": "urn:ki:1",
        "headline": "Zelensky warns <allies> & partners ]]> again",
        "description": "Standfirst with <b>markup</b> & an ampersand.",
        "language": "en",
        "date_published": datetime(2024, 10, 13, 21, 4, tzinfo=KYIV),
        "date_modified": datetime(2024, 10, 14, 9, 0, tzinfo=KYIV),
        "authors": [
            nm.Person(name="Abbey Fenbert", url="https://kyivindependent.com/author/abbey/"),
            nm.Organization(name="The Kyiv Independent news desk"),
        ],
        "tags": [nm.Tag(name="War"), nm.Tag(name="NATO", kind=nm.TagKind.ORGANIZATION)],
        "images": [nm.Image(url="https://img.example/lead.jpg", width=1200, height=800)],
        "body": ["First paragraph with <script>alert(1)</script>.", "Line one\nline two."],
    }
    fields.update(changes)
    return nm.Article(**fields)


def normalized(text: str) -> str:
    """Whitespace as a feed reader gives it back: runs to one space, lines trimmed."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def html_normalized(text: str) -> str:
    """
    A paragraph as HTML gives it back: runs of HTML's whitespace to one space,
    none at a line's ends, no line break at its ends; a paragraph of other
    whitespace only (a no-break space) is none.
    """
    lines = (" ".join(re.split("[ \t\n\f\r]+", line)).strip(" ") for line in text.split("\n"))
    paragraph = "\n".join(lines).strip("\n")
    return "" if paragraph.isspace() else paragraph


def one_line(text: str) -> str:
    return " ".join(text.split())


def html_text(value: str) -> str:
    """The text of the HTML the writers make (escaped text, <br> for a line break)."""
    return html.unescape(re.sub(r"<br\s*/?>", "\n", value))


# -------------------------------------------------------------- the Feed class


def test_feed_checks_itself_and_reports_every_problem() -> None:
    with pytest.raises(nm.ValidationError) as caught:
        nm.Feed(title=" ", link="ftp://x", language="english!", updated=datetime(2024, 1, 1))
    assert [(e.path, e.code) for e in caught.value.errors] == [
        ("$.title", "empty"),
        ("$.link", "url"),
        ("$.language", "language"),
        ("$.updated", "timezone"),
    ]


def test_feed_language_is_canonical() -> None:
    assert nm.Feed(title="t", link="https://e.example/", language="EN-gb").language == "en-GB"


# ------------------------------------------------------------------- the writers


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_xml_feeds_are_well_formed_and_escape_everything(name: str) -> None:
    text = WRITERS[name]([article()], FEED)
    root = ET.fromstring(text)  # strict XML 1.0 parser
    assert "<![CDATA[" not in text
    assert "<allies>" not in text
    assert "<script>" not in text
    assert "]]>" not in text
    assert root.tag in {"rss", "{http://www.w3.org/2005/Atom}feed"}


def test_rss_item_elements() -> None:
    root = ET.fromstring(nm.to_rss([article()], FEED))
    item = root.find("channel/item")
    assert item is not None
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "content": "http://purl.org/rss/1.0/modules/content/",
        "media": "http://search.yahoo.com/mrss/",
        "dcterms": "http://purl.org/dc/terms/",
    }
    assert item.findtext("pubDate") == "Sun, 13 Oct 2024 21:04:00 +0300"
    assert item.findtext("guid") == "urn:ki:1"
    assert item.find("guid").get("isPermaLink") == "false"  # type: ignore[union-attr]
    assert [e.text for e in item.findall("dc:creator", ns)] == [
        "Abbey Fenbert",
        "The Kyiv Independent news desk",
    ]
    assert [e.text for e in item.findall("category")] == ["War", "NATO"]
    media = item.find("media:content", ns)
    assert media is not None
    assert media.attrib == {
        "url": "https://img.example/lead.jpg",
        "medium": "image",
        "width": "1200",
        "height": "800",
    }
    assert item.findtext("content:encoded", namespaces=ns) == (
        "<p>First paragraph with &lt;script&gt;alert(1)&lt;/script&gt;.</p>\n"
        "<p>Line one<br>line two.</p>"
    )
    assert item.findtext("dcterms:modified", namespaces=ns) == "2024-10-14T09:00:00+03:00"
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("language") == "en"
    assert channel.findtext("lastBuildDate") == "Mon, 14 Oct 2024 09:00:00 +0300"


def test_rss_guid_is_the_url_without_an_id() -> None:
    item = ET.fromstring(nm.to_rss([article(id=None)], FEED)).find("channel/item")
    assert item is not None
    guid = item.find("guid")
    assert guid is not None
    assert (guid.text, guid.get("isPermaLink")) == ("https://kyivindependent.com/a/", "true")


def test_atom_entry_elements() -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(nm.to_atom([article(language="uk")], FEED))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext(f"{atom}id") == "https://kyivindependent.com/feed/"
    assert root.findtext(f"{atom}updated") == "2024-10-14T09:00:00+03:00"
    assert root.find(f"{atom}author") is None  # every entry has its own
    entry = root.find(f"{atom}entry")
    assert entry is not None
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    assert entry.findtext(f"{atom}id") == "https://kyivindependent.com/a/"
    assert entry.findtext(f"{atom}published") == "2024-10-13T21:04:00+03:00"
    assert entry.findtext(f"{atom}updated") == "2024-10-14T09:00:00+03:00"
    authors = entry.findall(f"{atom}author")
    assert [a.findtext(f"{atom}name") for a in authors] == [
        "Abbey Fenbert",
        "The Kyiv Independent news desk",
    ]
    assert authors[0].findtext(f"{atom}uri") == "https://kyivindependent.com/author/abbey/"


def test_atom_feed_without_authors_names_itself_as_author() -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(nm.to_atom([article(authors=[])], FEED))
    author = root.find(f"{atom}author")
    assert author is not None
    assert author.findtext(f"{atom}name") == FEED.title


def test_atom_updated_defaults_to_the_latest_entry() -> None:
    feed = nm.Feed(title="t", link="https://e.example/")
    later = article(url="https://e.example/b", date_modified=None, date_published=FEED.updated)
    root = ET.fromstring(nm.to_atom([article(date_modified=None), later], feed))
    assert root.findtext("{http://www.w3.org/2005/Atom}updated") == "2024-10-14T09:00:00+03:00"


def test_atom_without_articles_or_updated_is_an_error() -> None:
    with pytest.raises(nm.ValidationError) as caught:
        nm.to_atom([], nm.Feed(title="t", link="https://e.example/"))
    assert [(e.path, e.code) for e in caught.value.errors] == [("$.feed.updated", "missing")]


def test_json_feed_items() -> None:
    document = orjson.loads(nm.to_json_feed([article()], FEED))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == FEED.self_url
    assert document["language"] == "en"
    item = document["items"][0]
    assert item["id"] == "urn:ki:1"
    assert item["date_published"] == "2024-10-13T21:04:00+03:00"
    assert item["authors"] == [
        {"name": "Abbey Fenbert", "url": "https://kyivindependent.com/author/abbey/"},
        {"name": "The Kyiv Independent news desk"},
    ]
    assert item["tags"] == ["War", "NATO"]
    assert item["image"] == "https://img.example/lead.jpg"
    assert item["language"] == "en"


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_characters_xml_cannot_hold_are_refused_without_findings(name: str) -> None:
    bad = article(headline="Broken \ufffe headline", tags=[nm.Tag(name="x\uffff")])
    with pytest.raises(nm.ValidationError) as caught:
        WRITERS[name]([bad], FEED)
    assert [(e.path, e.code) for e in caught.value.errors] == [
        ("$.articles[0].headline", "invalid"),
        ("$.articles[0].tags[0].name", "invalid"),
    ]
    assert "U+FFFE" in caught.value.errors[0].message


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_characters_xml_cannot_hold_are_replaced_and_reported(name: str) -> None:
    bad = article(headline="Broken \ufffe headline")
    findings: list[nm.Finding] = []
    text = WRITERS[name]([bad], FEED, findings=findings)
    assert ET.fromstring(text) is not None
    assert "Broken \ufffd headline" in text
    assert [(f.path, f.code) for f in findings] == [("$.articles[0].headline", "repaired")]


# ---------------------------------------------- read back by feedparser, drawn


def _feedparser_entries(text: str) -> list[Any]:
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return list(parsed.entries)


def _instant(text: str) -> datetime:
    found = feed_date(text, "$", [], None)
    assert isinstance(found, datetime)
    return found


@given(st.lists(ARTICLES, max_size=3))
def test_rss_reads_back_with_feedparser(articles: list[nm.Article]) -> None:
    entries = _feedparser_entries(nm.to_rss(articles, FEED, findings=[]))
    assert len(entries) == len(articles)
    for a, entry in zip(articles, entries, strict=True):
        _compare_common(a, entry)
        # RFC 822 carries whole seconds.
        assert _instant(entry["published"]) == a.date_published.replace(microsecond=0)
        if a.description is not None:
            assert same([html_text(entry["summary"]).strip()], [a.description.strip()])


@given(st.lists(ARTICLES, max_size=3))
def test_atom_reads_back_with_feedparser(articles: list[nm.Article]) -> None:
    entries = _feedparser_entries(nm.to_atom(articles, FEED, findings=[]))
    assert len(entries) == len(articles)
    for a, entry in zip(articles, entries, strict=True):
        _compare_common(a, entry)
        assert _instant(entry["published"]) == a.date_published
        assert _instant(entry["updated"]) == (a.date_modified or a.date_published)
        if a.description is not None:
            assert same([entry["summary"]], [a.description.strip()])
        for author, person in zip(a.authors, entry.get("authors", []), strict=True):
            assert person.get("href") == author.url


def feedparser_repair(text: str) -> str:
    """What feedparser makes of a Latin-1-only text that is valid UTF-8 as bytes."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def same(got: list[str], want: list[str]) -> bool:
    # feedparser silently "repairs" text that looks like mis-decoded UTF-8
    # ('LÖ£' becomes 'L֣'); from_feed undoes that, feedparser alone does not.
    return len(got) == len(want) and all(
        g in {w, feedparser_repair(w)} for g, w in zip(got, want, strict=True)
    )


def written_blocks(a: nm.Article) -> list[Any]:
    """The blocks of the body's HTML as written, and as feedparser's rewrite (`same`) makes it."""
    written = nm.body_to_html(a.body, images=a.images)
    return [_body.dump_body(nm.body_from_html(h, images=a.images).blocks)
            for h in (written, feedparser_repair(written))]  # fmt: skip


def feedparser_html_blocks(value: str, a: nm.Article) -> Any:
    return _body.dump_body(nm.body_from_html(value, images=a.images).blocks)


def _compare_common(a: nm.Article, entry: Any) -> None:
    assert same([entry["title"]], [a.headline.strip()])
    assert entry["link"] == a.url
    names = [p["name"] for p in entry.get("authors", [])]
    assert same(names, [x.name.strip() for x in a.authors])
    # (RSS categories are element text, which feedparser trims; Atom's are attributes)
    terms = [t["term"].strip() for t in entry.get("tags", [])]
    assert same(terms, [t.name.strip() for t in a.tags])
    assert [m["url"] for m in entry.get("media_content", [])] == [i.url for i in a.images]
    if a.body and all(block.__class__ is str for block in a.body):
        content = entry["content"][0]["value"]
        paragraphs = re.findall(r"<p>(.*?)</p>", content, re.S)
        # (feedparser's HTML sanitizer trims each paragraph's ends)
        assert same(
            [html_text(p).strip() for p in paragraphs], [p.strip() for p in paragraph_texts(a.body)]
        )
    elif a.body:
        # A structured body: the HTML feedparser gives back (sanitized, as a
        # reader shows it) holds the structure the feed's HTML holds.
        assert feedparser_html_blocks(entry["content"][0]["value"], a) in written_blocks(a)
    else:
        assert "content" not in entry


# ------------------------------------------- structured bodies, by example

LEAD = nm.Image(
    url="https://img.example/lead.jpg",
    alt_text='Troops "at" the <front> & ]]> beyond',
    caption="Caption ]]> <b>not bold</b>",
    credit="Photo: A & B",
    width=1200,
)
# Every block kind, and hostile text (a CDATA end, markup, ampersands, quotes)
# in every text and attribute a structured body writes.
STRUCTURED = (
    _body.Heading(level=2, content=("Code ", _body.Code(text="a ]]> b && <c>"), " in a heading")),
    _body.Paragraph(
        content=(
            "See ",
            _body.Link(
                url="https://e.example/?a=1&b=2",
                title='Title "quoted" ]]> & <tag>',
                content=(_body.Emphasis(content=("the ]]> report",)),),
            ),
            " and\n",
            _body.Strong(content=("<script>alert(1)</script>",)),
        )
    ),
    _body.List(
        ordered=True,
        items=(
            _body.ListItem(
                content=("one ]]>",),
                sublist=_body.List(ordered=False, items=(_body.ListItem(content=("two",)),)),
            ),
        ),
    ),
    _body.BlockQuote(
        content=("Quoted ]]> words.",), cite="https://e.example/q", attribution="Jo & Co ]]>"
    ),
    _body.Preformatted(text="\n  keep   spaces ]]>\n<pre> & </pre>\n"),
    _body.Figure(image=LEAD.url),
    _body.Embed(url="https://video.example/v/1", provider="Video ]]> & Co"),
    _body.Separator(),
    "A plain paragraph ]]> last.",
)


def structured_article() -> nm.Article:
    return article(images=[LEAD], body=STRUCTURED)


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_a_structured_body_reads_back_with_feedparser(name: str) -> None:
    """feedparser's sanitized HTML (a heading holding code, too) holds the body the feed holds."""
    a = structured_article()
    text = WRITERS[name]([a], FEED)
    assert "]]>" not in text
    assert "<![CDATA[" not in text
    (entry,) = _feedparser_entries(text)
    content = entry["content"][0]["value"]
    assert nm.body_from_html(content, images=a.images).blocks == STRUCTURED


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_from_feed_gives_back_a_structured_body_exactly(fmt: str) -> None:
    a = structured_article()
    text = nm.to_json_feed([a], FEED) if fmt == "json" else WRITERS[fmt]([a], FEED)
    findings: list[nm.Finding] = []
    (back,) = nm.from_feed(text, findings=findings)
    assert back.body == STRUCTURED
    # The feed lists the image (media:content, JSON Feed's image) by its address
    # (and size); the figure gives it back its caption, credit and alt text, reported.
    assert back.images == a.images
    about_body = [f for f in findings if f.path.endswith(("content_html", "value"))]
    assert [f.code for f in about_body] == ["repaired"]
    assert about_body[0].message.startswith("took the caption, credit")


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_characters_xml_cannot_hold_in_a_structured_body(name: str) -> None:
    body = (_body.Paragraph(content=(_body.Code(text="a\ufffeb"), " c\uffff")),)
    with pytest.raises(nm.ValidationError) as caught:
        WRITERS[name]([article(body=body)], FEED)
    assert [(e.path, e.code) for e in caught.value.errors] == [("$.articles[0].body", "invalid")]
    assert "U+FFFE" in caught.value.errors[0].message
    findings: list[nm.Finding] = []
    text = WRITERS[name]([article(body=body)], FEED, findings=findings)
    assert [(f.path, f.code) for f in findings] == [("$.articles[0].body", "repaired")]
    (back,) = nm.from_feed(text, findings=[])
    assert back.body == (_body.Paragraph(content=(_body.Code(text="a\ufffdb"), " c\ufffd")),)


def deepest_body() -> tuple[_body.Block, ...]:
    """Lists and inline markup nested as deep as the model allows."""
    items = _body.List(ordered=False, items=(_body.ListItem(content=("deepest",)),))
    for level in range(_body.MAX_LIST_DEPTH - 1, 0, -1):
        item = _body.ListItem(content=(f"level {level}",), sublist=items)
        items = _body.List(ordered=level % 2 == 1, items=(item,))
    inline: tuple[_body.Inline, ...] = ("x",)
    for level in range(_body.MAX_INLINE_DEPTH):
        markup = _body.Emphasis if level % 2 else _body.Strong
        inline = (markup(content=inline),)
    return (items, _body.Paragraph(content=("a ", *inline)))


@pytest.mark.parametrize("name", ["rss", "atom"])
def test_the_deepest_body_reads_back(name: str) -> None:
    body = deepest_body()
    text = WRITERS[name]([article(body=body)], FEED)
    (entry,) = _feedparser_entries(text)
    assert nm.body_from_html(entry["content"][0]["value"]).blocks == body
    (back,) = nm.from_feed(text, findings=[])
    assert back.body == body


# Any character, surrogates and controls too: what the writers' one text check sees.
_ANY_CHARACTER = st.characters(categories=None, exclude_categories=())


@given(st.text(_ANY_CHARACTER, max_size=40))
def test_xml_text_lets_through_only_what_xml_holds(value: str) -> None:
    errors: list[nm.ErrorDetail] = []
    kept = xml_text(value, "$.x", None, errors)
    findings: list[nm.Finding] = []
    repaired = xml_text(value, "$.x", findings, [])
    element = ET.Element("x")
    element.text = repaired
    # (a carriage return is XML's line break: the parser reads it as "\n")
    assert ET.fromstring(ET.tostring(element)).text == (
        re.sub("\r\n?", "\n", repaired) if repaired else None
    )
    if errors:
        assert len(findings) == 1
        assert len(repaired) == len(value)
    else:
        assert (kept, repaired, findings) == (value, value, [])


def test_json_feed_reads_back_as_json() -> None:
    a = article()
    (item,) = orjson.loads(nm.to_json_feed([a], FEED))["items"]
    assert item["title"] == a.headline
    assert datetime.fromisoformat(item["date_published"]) == a.date_published
    assert item["summary"] == a.description
    assert item["content_html"] == (
        "<p>First paragraph with &lt;script&gt;alert(1)&lt;/script&gt;.</p>\n"
        "<p>Line one<br>line two.</p>"
    )


# ------------------------------------------------------------------ from_feed


def expected_from_feed(a: nm.Article, fmt: str) -> dict[str, Any]:
    """What a feed in *fmt* carries of *a*, as from_feed gives it back."""
    out: dict[str, Any] = {
        "url": a.url,
        "kind": "article",
        "headline": one_line(a.headline),
        "language": a.language,
        "date_published": (
            a.date_published.replace(microsecond=0) if fmt == "rss" else a.date_published
        ).isoformat(),
    }
    modified = a.date_modified or (a.date_published if fmt == "atom" else None)
    if modified is not None:
        out["date_modified"] = modified.isoformat()
    if a.id is not None and fmt != "atom" and one_line(a.id) != a.url:
        out["id"] = one_line(a.id)
    if a.description is not None:
        out["description"] = normalized(a.description)
    authors: list[dict[str, Any]] = []
    for author in a.authors:
        person: dict[str, Any] = {"type": "person", "name": one_line(author.name)}
        if author.url is not None and fmt != "rss":
            person["url"] = author.url
        if all(other["name"] != person["name"] for other in authors):
            authors.append(person)
    tags: list[dict[str, Any]] = []
    for tag in a.tags:
        name = one_line(tag.name)
        if all(other["name"].casefold() != name.casefold() for other in tags):
            tags.append({"name": name})
    images: list[dict[str, Any]] = [
        {
            key: value
            for key, value in (("url", i.url), ("width", i.width), ("height", i.height))
            if value is not None
        }
        for i in a.images
    ]
    if fmt == "json":
        images = [{"url": a.images[0].url}] if a.images else []
    body: list[Any] = []
    if all(block.__class__ is str for block in a.body):
        body = [p for p in (html_normalized(p) for p in a.body) if p]  # type: ignore[arg-type]
    else:
        # A structured body comes back as body_from_html reads what the feed holds:
        # a figure completes the image the feed lists, or adds one it does not.
        read = nm.body_from_html(
            nm.body_to_html(a.body, images=a.images),
            images=[nm.Image(**image) for image in images],
        )
        body = _body.dump_body(read.blocks)
        images = [
            {key: value for key, value in attrs.asdict(image).items() if value is not None}
            for image in read.images
        ]
    lists = {"authors": authors, "tags": tags, "images": images, "body": body}
    out.update({key: value for key, value in lists.items() if value})
    # Not carried: quotes, related stories, kind, section, dateline, publisher,
    # alternative headline, reading time, the paywall flag (the default stands).
    return out


INTS = st.integers(-(2**63), 2**63 - 1)  # what JSON (orjson) can write


@given(articles=st.lists(ARTICLES, max_size=2, unique_by=lambda a: a.url))
def test_from_feed_gives_back_what_the_format_carries(articles: list[nm.Article]) -> None:
    # One draw, three formats: drawing articles is most of this test's time.
    for fmt in ("rss", "atom", "json"):
        if fmt == "json":
            text = nm.to_json_feed(articles, FEED)
        else:
            text = WRITERS[fmt](articles, FEED, findings=[])
        findings: list[nm.Finding] = []
        back = nm.from_feed(text, findings=findings)
        if fmt != "json" and any(_UNDECIDED in f.message for f in findings):
            # feedparser rewrote text that looks mis-decoded and the document also
            # holds the rewritten form: from_feed says so (tested below), and cannot
            # say which field was changed.
            continue
        assert [nm.to_dict(b) for b in back] == [expected_from_feed(a, fmt) for a in articles]
        # Each author's person-ness is a finding, never a silent guess.
        people = sum(
            f.message.startswith("read the author") for f in findings if f.code == "repaired"
        )
        assert people == sum(len(b.authors) for b in back)


_UNDECIDED = "feedparser may have read"


@pytest.mark.parametrize("writer", [nm.to_rss, nm.to_atom])
def test_what_feedparser_may_have_rewritten_is_reported(writer: Any) -> None:
    """An author 'Â¹' beside a paragraph '¹': feedparser's silent rewrite is not silent here."""
    published = datetime(2000, 1, 1, tzinfo=timezone.utc)
    source = nm.Article(
        url="https://example.com/a",
        headline="H",
        language="en",
        date_published=published,
        authors=[nm.Person(name="Â¹")],
        body=["¹"],
    )
    findings: list[nm.Finding] = []
    (back,) = nm.from_feed(writer([source], FEED, findings=[]), findings=findings)
    assert back.body == ("¹",)
    assert [("$.entries[0]", "repaired")] == [
        (f.path, f.code) for f in findings if _UNDECIDED in f.message
    ]
    assert "'Â¹' as '¹'" in next(f.message for f in findings if _UNDECIDED in f.message)


def test_what_feedparser_rewrites_in_a_link_is_given_back() -> None:
    """feedparser's rewrite ('Â¡' → '¡') reaches every text, links too: all are given back."""
    source = nm.Article(
        url="https://example.com",
        headline="0",
        language="en",
        date_published=datetime(2000, 1, 1, tzinfo=timezone.utc),
        authors=[nm.Organization(name="0", url="https://example.com#Â¡")],
    )
    findings: list[nm.Finding] = []
    # Atom carries an author's link (RSS does not)
    (back,) = nm.from_feed(nm.to_atom([source], FEED, findings=[]), findings=findings)
    assert [author.url for author in back.authors] == ["https://example.com#Â¡"]
    assert not any(_UNDECIDED in f.message for f in findings)


@pytest.mark.parametrize("writer", [nm.to_rss, nm.to_atom], ids=["rss", "atom"])
def test_a_text_the_document_holds_is_never_undone(writer: Any) -> None:
    """A paragraph 'í' beside a link holding 'Ã\xad' (its mojibake) stays 'í'."""
    source = nm.Article(
        url="https://example.com",
        headline="0",
        language="en",
        date_published=datetime(2000, 1, 1, tzinfo=timezone.utc),
        authors=[nm.Person(name="0"), nm.Organization(name="0", url="https://example.com#Ã\xad")],
        body=["í"],
    )
    (back,) = nm.from_feed(writer([source], FEED, findings=[]), findings=[])
    assert back.body == ("í",)


def test_from_feed_example_rss_keeps_offsets_and_reports_what_it_reads() -> None:
    findings: list[nm.Finding] = []
    (back,) = nm.from_feed(nm.to_rss([article()], FEED), findings=findings)
    assert back.date_published == datetime(2024, 10, 13, 21, 4, tzinfo=KYIV)
    assert back.date_published.utcoffset() == timedelta(hours=3)
    assert back.headline == article().headline
    assert back.description == article().description
    assert back.body == article().body
    assert back.id == "urn:ki:1"
    assert [(f.path, f.code) for f in findings] == [
        ("$.entries[0].authors[0]", "repaired"),
        ("$.entries[0].authors[1]", "repaired"),
    ]


RSS_ITEMS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>t</title><link>https://e.example/</link>
<description>d</description><language>de</language>
<item><title>Good</title><link>https://e.example/1</link>
  <pubDate>Sun, 13 Oct 2024 21:04:00 +0530</pubDate></item>
<item><title>No date</title><link>https://e.example/2</link></item>
<item><title>No zone</title><link>https://e.example/3</link>
  <pubDate>Sun, 13 Oct 2024 21:04:00</pubDate></item>
<item><link>https://e.example/4</link><pubDate>Sun, 13 Oct 2024 21:04:00 GMT</pubDate></item>
<item><title>Relative</title><link>/5</link><pubDate>Sun, 13 Oct 2024 21:04:00 GMT</pubDate></item>
<item><title>Dated by dc:date</title><link>https://e.example/6</link>
  <dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2024-10-13T21:04:00+02:00</dc:date></item>
<item><title>  Messy   &amp;amp; title </title><link>https://e.example/7</link>
  <description>&lt;p&gt;Para &lt;a href="https://x.example/"&gt;link&lt;/a&gt;&lt;/p&gt;</description>
  <pubDate>Sun, 13 Oct 24 21:04:00 GMT</pubDate></item>
</channel></rss>"""


def test_from_feed_a_bad_item_loses_only_itself() -> None:
    findings: list[nm.Finding] = []
    back = nm.from_feed(RSS_ITEMS, findings=findings)
    assert [a.url for a in back] == [
        "https://e.example/1",
        "https://e.example/6",
        "https://e.example/7",
    ]
    assert back[0].date_published.utcoffset() == timedelta(hours=5, minutes=30)
    assert back[0].language == "de"  # the channel's language
    dropped = {f.path: f.message for f in findings if f.code == "dropped"}
    assert "no usable date" in dropped["$.entries[1]"]
    assert "timezone" in dropped["$.entries[2]"]
    assert "no usable title" in dropped["$.entries[3]"]
    assert "no usable link" in dropped["$.entries[4]"]
    assert "$.entries[4].link" in dropped
    repaired = [(f.path, f.message) for f in findings if f.code == "repaired"]
    assert (
        "$.entries[5].updated",
        "took the publication date from the updated date (the item gives no other)",
    ) in repaired
    assert back[2].headline == "Messy &amp; title"
    assert back[2].description == "Para link"
    assert ("$.entries[6].published", "read the two-digit year as 2024") in repaired
    assert "$.entries[6].summary" in dropped  # the link's markup


def test_from_feed_default_tz_reads_dates_without_a_zone() -> None:
    findings: list[nm.Finding] = []
    back = nm.from_feed(RSS_ITEMS, default_tz="Europe/Berlin", findings=findings)
    assert "https://e.example/3" in [a.url for a in back]
    (third,) = [a for a in back if a.url == "https://e.example/3"]
    assert third.date_published.utcoffset() == timedelta(hours=2)
    assert any(f.path == "$.entries[2].published" and "default zone" in f.message for f in findings)


def test_from_feed_without_a_language_says_und() -> None:
    text = RSS_ITEMS.replace("<language>de</language>", "")
    findings: list[nm.Finding] = []
    back = nm.from_feed(text, findings=findings)
    assert back[0].language == "und"
    assert any(f.path == "$.entries[0]" and "'und'" in f.message for f in findings)
    assert nm.from_feed(text, language="fr")[0].language == "fr"


def test_from_feed_json_feed_paths() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1",
        "title": "t",
        "items": [
            {"id": "1", "url": "https://e.example/1", "title": "A",
             "date_published": "2024-10-13T21:04:00+03:00",
             "author": {"name": "Jo Smith"}, "content_text": "One.\n\nTwo."},
            {"id": "2", "url": "https://e.example/2", "title": "B"},
            "not an item",
        ],
    }  # fmt: skip
    findings: list[nm.Finding] = []
    (back,) = nm.from_feed(orjson.dumps(document), findings=findings)
    assert back.body == ("One.", "Two.")
    assert back.id == "1"
    assert [a.name for a in back.authors] == ["Jo Smith"]
    assert [(f.path, f.code) for f in findings if "'und'" not in f.message] == [
        ("$.items[2]", "dropped"),
        ("$.items[0].author", "repaired"),
        ("$.items[1]", "dropped"),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a feed",
        b"<html><body><p>a page</p></body></html>",
        b"{}",
        b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}',
        b"[1, 2]",
        b"{" * 100_000,
    ],
)
def test_from_feed_refuses_what_is_not_a_feed(data: bytes) -> None:
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_feed(data)
    assert caught.value.errors[0].path == "$"


def test_from_feed_does_not_expand_external_or_recursive_entities(tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
        "<link>https://e.example/1</link><pubDate>Sun, 13 Oct 2024 21:04:00 GMT</pubDate>"
        "</item></channel></rss>"
    )
    findings: list[nm.Finding] = []
    for back in nm.from_feed(xxe, findings=findings):
        assert "TOP SECRET" not in back.headline
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefg", "bcdefgh", strict=True)
        )
        + ']><rss version="2.0"><channel><title>t</title><item><title>&h;</title>'
        "<link>https://e.example/1</link><pubDate>Sun, 13 Oct 2024 21:04:00 GMT</pubDate>"
        "</item></channel></rss>"
    )
    try:
        read = nm.from_feed(laughs)
    except nm.ValidationError:
        return
    assert all(len(a.headline) < 1_000_000 for a in read)


@given(st.binary(max_size=300) | st.text(max_size=300))
def test_from_feed_any_input_gives_articles_or_a_validation_error(data: bytes | str) -> None:
    try:
        back = nm.from_feed(data)
    except nm.ValidationError:
        return
    assert all(isinstance(a, nm.Article) for a in back)


@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "title": st.one_of(st.text(), INTS, st.none(), st.lists(st.text())),
                "url": st.one_of(strategies.urls(), st.text(), st.none()),
                "id": st.one_of(st.text(), INTS),
                "date_published": st.one_of(st.text(), st.just("2024-10-13T21:04:00Z")),
                "date_modified": st.text(),
                "authors": st.one_of(
                    st.lists(st.one_of(st.fixed_dictionaries({"name": st.text()}), st.text())),
                    st.text(),
                ),
                "tags": st.lists(st.one_of(st.text(), INTS)),
                "image": st.one_of(st.text(), INTS),
                "content_html": st.text(),
                "content_text": st.text(),
                "summary": st.one_of(st.text(), INTS),
                "language": st.one_of(st.text(), INTS),
            },
        ),
        max_size=3,
    )
)
def test_from_feed_hostile_json_items_never_raise_anything_else(items: list[Any]) -> None:
    document = {"version": "https://jsonfeed.org/version/1.1", "items": items}
    findings: list[nm.Finding] = []
    back = nm.from_feed(orjson.dumps(document), findings=findings)
    assert len(back) + sum(
        f.code == "dropped"
        and f.path.count("[") == 1
        and f.path.startswith("$.items[")
        and "." not in f.path[2:]
        for f in findings
    ) >= len(items)


# ---------------------------------------------------------------- the CLI


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from newsmodel import cli

    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def export(tmp_path: Any) -> Any:
    path = tmp_path / "export.jsonl"
    now = datetime.now(timezone.utc)
    recent = [article(url=f"https://e.example/{i}", date_published=now, date_modified=None)
              for i in range(3)]  # fmt: skip
    path.write_text("".join(nm.dumps(a) + "\n" for a in [*recent, article()]))
    return path


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_cli_convert_to_a_feed(capsys: pytest.CaptureFixture[str], export: Any, fmt: str) -> None:
    status, out, err = _cli(
        capsys, "convert", str(export), "--to", fmt, "--title", "News", "--link", FEED.link
    )
    assert (status, err) == (0, "")
    back = nm.from_feed(out)
    assert [a.url for a in back] == [f"https://e.example/{i}" for i in range(3)] + [article().url]


def test_cli_convert_to_a_feed_needs_a_title(
    capsys: pytest.CaptureFixture[str], export: Any
) -> None:
    status, _, err = _cli(capsys, "convert", str(export), "--to", "rss")
    assert status == 2
    assert "--title and --link" in err


def test_cli_convert_to_a_sitemap_reports_what_it_leaves_out(
    capsys: pytest.CaptureFixture[str], export: Any
) -> None:
    status, out, err = _cli(
        capsys, "convert", str(export), "--to", "sitemap", "--publication", "KI"
    )
    assert status == 0
    assert len(ET.fromstring(out)) == 3  # the old article is left out, and said so
    assert "$.articles[3]: note: dropped" in err
    status, out, _ = _cli(
        capsys, "convert", str(export), "--to", "sitemap", "--publication", "KI",
        "--max-age-days", "0",
    )  # fmt: skip
    assert len(ET.fromstring(out)) == 4


def test_cli_extract_reads_a_feed(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(nm.to_atom([article()], FEED))
    status, out, err = _cli(capsys, "extract", str(path))
    assert status == 0
    assert nm.loads(out.splitlines()[0]).url == article().url
    assert "read the author" in err  # the findings are notes


def test_looks_like_feed() -> None:
    from newsmodel._feed_import import looks_like_feed

    assert looks_like_feed(nm.to_rss([article()], FEED).encode())
    assert looks_like_feed(nm.to_atom([article()], FEED).encode())
    assert looks_like_feed(nm.to_json_feed([article()], FEED).encode())
    assert not looks_like_feed(b"<!doctype html><html><body><feed></feed></body></html>")
    assert not looks_like_feed(b'{"url": "https://e.example/"}')


@pytest.mark.parametrize("writer", [nm.to_rss, nm.to_json_feed], ids=["rss", "json"])
def test_an_id_that_looks_like_a_character_reference_is_kept(writer: Any) -> None:
    """An id '&gt' is the document's text (the XML or JSON is decoded already), not '>'."""
    source = article(id="&gt")
    text = writer([source], FEED)
    (back,) = nm.from_feed(text, findings=[])
    assert back.id == "&gt"
