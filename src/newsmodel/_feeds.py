"""
RSS 2.0, Atom 1.0 and JSON Feed 1.1 writers.

The XML is built with `xml.etree.ElementTree`, which escapes every text and
attribute, so no article text can open a tag or end a section; namespaces are
declared once, on the root. XML 1.0 cannot carry some characters the model
allows (U+FFFE, U+FFFF): `xml_text` refuses them, or replaces them with
U+FFFD and reports a `Finding` when the caller passes a findings list.
What each format carries is tabled in ``docs/feeds.md``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any

import orjson

from ._errors import ErrorDetail, Finding, ValidationError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from ._body import Block
    from ._feed import Feed
    from ._models import Article, Image, Organization, Person


__all__ = ["to_atom", "to_json_feed", "to_rss", "xml_text"]

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
MEDIA = "http://search.yahoo.com/mrss/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED = "https://jsonfeed.org/version/1.1"

for _prefix, _uri in (
    ("atom", ATOM),
    ("content", CONTENT),
    ("dc", DC),
    ("dcterms", DCTERMS),
    ("media", MEDIA),
):
    ET.register_namespace(_prefix, _uri)

# XML 1.0's Char production: what a document can hold at all.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Findings = list[Finding]


class XmlTexts:
    """The texts of one XML document: checked by `xml_text`, problems raised at the end."""

    def __init__(self, findings: Findings | None) -> None:
        self.findings = findings
        self.errors: list[ErrorDetail] = []

    def text(self, value: str, path: str) -> str:
        return xml_text(value, path, self.findings, self.errors)

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def xml_text(value: str, path: str, findings: Findings | None, errors: list[ErrorDetail]) -> str:
    """
    Return *value* as XML 1.0 can hold it.

    A character outside XML's ``Char`` production is an error appended to
    *errors* when *findings* is None; otherwise it is replaced by U+FFFD and
    the replacement reported in *findings*.
    """
    found = _NOT_XML.search(value)
    if found is None:
        return value
    code = f"U+{ord(found.group()):04X}"
    if findings is None:
        errors.append(
            ErrorDetail(
                path,
                "invalid",
                f"expected text XML 1.0 can hold, found {code} at character {found.start()} "
                "(pass findings=[] to replace it with U+FFFD)",
            )
        )
        return value
    findings.append(
        Finding(path, "repaired", f"replaced {code}, which XML 1.0 cannot hold, with U+FFFD")
    )
    return _NOT_XML.sub("\ufffd", value)


def body_html(body: tuple[Block, ...], images: tuple[Image, ...] = ()) -> str:
    """
    Return the body as HTML, as `newsmodel.body_to_html` writes it (figures show *images*).

    A plain paragraph is a ``<p>`` of its escaped text, a line break in it a
    ``<br>``, so that a reader that treats the HTML as HTML gets it back;
    blocks are joined by a line break. (`to_ninjs` writes the same HTML.)
    """
    from ._body_html import body_to_html  # noqa: PLC0415

    return body_to_html(body, images=images).rstrip("\n")


def text_html(text: str) -> str:
    """Return *text* as HTML: escaped, each line break a ``<br>``."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def rfc822(value: datetime) -> str:
    """Return *value* in RFC 822 (as RFC 2822 writes it), with its own offset."""
    return format_datetime(value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _media(parent: ET.Element, image: Image, path: str, out: XmlTexts) -> None:
    media = _sub(parent, f"{{{MEDIA}}}content", url=out.text(image.url, f"{path}.url"))
    media.set("medium", "image")
    if image.width is not None:
        media.set("width", str(image.width))
    if image.height is not None:
        media.set("height", str(image.height))
    # No media:description for the caption: feedparser, the reader most
    # tools use, takes it for the item's summary when the item has none.
    if image.credit is not None:
        _sub(media, f"{{{MEDIA}}}credit", out.text(image.credit, f"{path}.credit"))


def _xml(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


# ---------------------------------------------------------------------- RSS


def to_rss(
    articles: Iterable[Article], feed: Feed, *, findings: list[Finding] | None = None
) -> str:
    """
    Return *articles* as an RSS 2.0 document (XML text).

    Each article is an ``item``: ``title``, ``link``, ``guid`` (the article's
    id, not a permalink, when it has one; else its url), ``description`` (the
    standfirst, as escaped HTML), ``content:encoded`` (the body as HTML paragraphs),
    ``dc:creator`` per author, ``category`` per tag, ``media:content`` per
    image, ``pubDate`` in RFC 822 with the article's own offset,
    ``dcterms:modified`` and ``dc:language``. RSS has no place for quotes,
    related stories, the dateline, the section or the paywall flag, nor for
    the parts of a date below a second (see ``docs/feeds.md``).

    Args:
        articles: The articles, in the order to list them.
        feed: The channel's title, link, description, language and links.
        findings: When given, a character XML 1.0 cannot hold (U+FFFE,
            U+FFFF) is replaced by U+FFFD and reported here, at
            ``$.articles[i].field`` or ``$.feed.field``.

    Raises:
        ValidationError: Without *findings*, for such a character, at its path.
    """
    out = XmlTexts(findings)
    rss = ET.Element("rss", version="2.0")
    channel = _sub(rss, "channel")
    _sub(channel, "title", out.text(feed.title, "$.feed.title"))
    _sub(channel, "link", feed.link)
    description = feed.description if feed.description is not None else ""
    _sub(channel, "description", out.text(description, "$.feed.description"))
    if feed.language is not None:
        _sub(channel, "language", feed.language)
    if feed.updated is not None:
        _sub(channel, "lastBuildDate", rfc822(feed.updated))
    if feed.self_url is not None:
        _sub(channel, f"{{{ATOM}}}link", href=feed.self_url, rel="self", type="application/rss+xml")
    for index, article in enumerate(articles):
        _rss_item(channel, article, f"$.articles[{index}]", out)
    out.done()
    return _xml(rss)


def _rss_item(channel: ET.Element, a: Article, path: str, out: XmlTexts) -> None:
    item = _sub(channel, "item")
    _sub(item, "title", out.text(a.headline, f"{path}.headline"))
    _sub(item, "link", a.url)
    if a.id is not None:
        _sub(item, "guid", out.text(a.id, f"{path}.id"), isPermaLink="false")
    else:
        _sub(item, "guid", a.url, isPermaLink="true")
    if a.description is not None:
        # RSS descriptions are HTML (the spec allows "entity-encoded HTML"):
        # escaped, a "<" in the text stays text for every reader.
        description = text_html(a.description)
        _sub(item, "description", out.text(description, f"{path}.description"))
    if a.body:
        _sub(item, f"{{{CONTENT}}}encoded", out.text(body_html(a.body, a.images), f"{path}.body"))
    for index, author in enumerate(a.authors):
        _sub(item, f"{{{DC}}}creator", out.text(author.name, f"{path}.authors[{index}].name"))
    for index, tag in enumerate(a.tags):
        _sub(item, "category", out.text(tag.name, f"{path}.tags[{index}].name"))
    for index, image in enumerate(a.images):
        _media(item, image, f"{path}.images[{index}]", out)
    _sub(item, "pubDate", rfc822(a.date_published))
    if a.date_modified is not None:
        _sub(item, f"{{{DCTERMS}}}modified", a.date_modified.isoformat())
    _sub(item, f"{{{DC}}}language", a.language)


# --------------------------------------------------------------------- Atom


def to_atom(
    articles: Iterable[Article], feed: Feed, *, findings: list[Finding] | None = None
) -> str:
    """
    Return *articles* as an Atom 1.0 feed (XML text).

    Each article is an ``entry`` with ``xml:lang``: ``id`` (its url),
    ``title``, ``link``, ``published``, ``updated`` (``date_modified``, else
    ``date_published``), ``author`` per author (``name``, ``uri``),
    ``summary`` (the standfirst), ``content`` (the body as HTML),
    ``category`` per tag and ``media:content`` per image. Atom requires an
    author on every entry: when an article has none, the feed names itself
    (its title and link) as the feed's author, which entries inherit. The
    feed's ``id`` is its ``self_url`` or else its ``link``; its ``updated``
    is the `Feed`'s ``updated``, or else the latest date among the entries.

    Args:
        articles: The articles, in the order to list them.
        feed: The feed's title, link, description, language and links.
        findings: As for `to_rss`.

    Raises:
        ValidationError: Without *findings*, for a character XML 1.0 cannot
            hold; and for a feed without articles and without ``updated``
            (Atom requires the date).
    """
    articles = list(articles)
    out = XmlTexts(findings)
    root = ET.Element(f"{{{ATOM}}}feed")
    if feed.language is not None:
        root.set(XML_LANG, feed.language)
    _sub(root, f"{{{ATOM}}}id", feed.self_url or feed.link)
    _sub(root, f"{{{ATOM}}}title", out.text(feed.title, "$.feed.title"), type="text")
    if feed.description is not None:
        subtitle = out.text(feed.description, "$.feed.description")
        _sub(root, f"{{{ATOM}}}subtitle", subtitle, type="text")
    updated = _feed_updated(articles, feed)
    if updated is None:
        out.errors.append(
            ErrorDetail(
                "$.feed.updated",
                "missing",
                "expected the feed's updated date, as Atom requires one, found none "
                "(and no articles to take it from)",
            )
        )
    else:
        _sub(root, f"{{{ATOM}}}updated", updated.isoformat())
    _sub(root, f"{{{ATOM}}}link", href=feed.link, rel="alternate")
    if feed.self_url is not None:
        _sub(root, f"{{{ATOM}}}link", href=feed.self_url, rel="self")
    if any(not article.authors for article in articles):
        author = _sub(root, f"{{{ATOM}}}author")
        _sub(author, f"{{{ATOM}}}name", out.text(feed.title, "$.feed.title"))
        _sub(author, f"{{{ATOM}}}uri", feed.link)
    for index, article in enumerate(articles):
        _atom_entry(root, article, f"$.articles[{index}]", out)
    out.done()
    return _xml(root)


def _feed_updated(articles: list[Article], feed: Feed) -> datetime | None:
    if feed.updated is not None:
        return feed.updated
    dates = [a.date_modified or a.date_published for a in articles]
    return max(dates) if dates else None


def _atom_entry(root: ET.Element, a: Article, path: str, out: XmlTexts) -> None:
    entry = _sub(root, f"{{{ATOM}}}entry")
    entry.set(XML_LANG, a.language)
    _sub(entry, f"{{{ATOM}}}id", a.url)
    _sub(entry, f"{{{ATOM}}}title", out.text(a.headline, f"{path}.headline"), type="text")
    _sub(entry, f"{{{ATOM}}}link", href=a.url, rel="alternate")
    _sub(entry, f"{{{ATOM}}}published", a.date_published.isoformat())
    _sub(entry, f"{{{ATOM}}}updated", (a.date_modified or a.date_published).isoformat())
    for index, person in enumerate(a.authors):
        author = _sub(entry, f"{{{ATOM}}}author")
        _sub(author, f"{{{ATOM}}}name", out.text(person.name, f"{path}.authors[{index}].name"))
        if person.url is not None:
            _sub(author, f"{{{ATOM}}}uri", person.url)
    if a.description is not None:
        summary = out.text(a.description, f"{path}.description")
        _sub(entry, f"{{{ATOM}}}summary", summary, type="text")
    if a.body:
        _sub(
            entry,
            f"{{{ATOM}}}content",
            out.text(body_html(a.body, a.images), f"{path}.body"),
            type="html",
        )
    for index, tag in enumerate(a.tags):
        name = out.text(tag.name, f"{path}.tags[{index}].name")
        _sub(entry, f"{{{ATOM}}}category", term=name)
    for index, image in enumerate(a.images):
        _media(entry, image, f"{path}.images[{index}]", out)


# ---------------------------------------------------------------- JSON Feed


def to_json_feed(articles: Iterable[Article], feed: Feed) -> str:
    """
    Return *articles* as a JSON Feed 1.1 document (JSON text).

    Each article is an item: ``id`` (the article's id, else its url),
    ``url``, ``title``, ``summary`` (the standfirst), ``content_html`` (the
    body as HTML paragraphs), ``image`` (the lead image), ``date_published``
    and ``date_modified`` in RFC 3339 with the article's own offset,
    ``authors`` (``name``, ``url``), ``tags`` (the tag names) and
    ``language``. JSON can hold every character, so nothing is replaced.
    """
    document: dict[str, Any] = {"version": JSON_FEED, "title": feed.title}
    document["home_page_url"] = feed.link
    if feed.self_url is not None:
        document["feed_url"] = feed.self_url
    if feed.description is not None:
        document["description"] = feed.description
    if feed.language is not None:
        document["language"] = feed.language
    document["items"] = [_json_item(article) for article in articles]
    return orjson.dumps(document).decode()


def _json_item(a: Article) -> dict[str, Any]:
    item: dict[str, Any] = {"id": a.id if a.id is not None else a.url, "url": a.url}
    item["title"] = a.headline
    if a.description is not None:
        item["summary"] = a.description
    item["content_html"] = body_html(a.body, a.images)
    if a.images:
        item["image"] = a.images[0].url
    item["date_published"] = a.date_published.isoformat()
    if a.date_modified is not None:
        item["date_modified"] = a.date_modified.isoformat()
    if a.authors:
        item["authors"] = [_json_author(author) for author in a.authors]
    if a.tags:
        item["tags"] = [tag.name for tag in a.tags]
    item["language"] = a.language
    return item


def _json_author(author: Person | Organization) -> dict[str, str]:
    out = {"name": author.name}
    if author.url is not None:
        out["url"] = author.url
    return out
