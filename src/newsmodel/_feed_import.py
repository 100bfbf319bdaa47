"""
Read RSS, Atom and JSON Feed documents into articles.

XML feeds are parsed by feedparser (the ``feeds`` extra); JSON Feed by
orjson. Each item is mapped to the canonical wire format and loaded with the
same checks as `from_dict`. A path in a feed is a JSONPath into feedparser's
result (``$.entries[3].published``: the fourth item's publication date,
whatever the format calls it) or, for JSON Feed, into the document itself
(``$.items[3].date_published``). An item that cannot be an article is left
out, reported at its path; the others are read.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, tzinfo
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

import orjson

from . import _import as imp
from . import _values as v
from . import _wild as w
from ._body_import import read_html_body, read_html_text
from ._decode import HTML_MEDIA_TYPES
from ._errors import ErrorDetail, Finding, ValidationError, describe, join_path

if TYPE_CHECKING:
    from ._models import Article


__all__ = ["from_feed"]

Findings = list[Finding]

_RFC822 = re.compile(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+(\d{2,4})\s+\d")


def from_feed(
    data: str | bytes,
    *,
    default_tz: tzinfo | str | None = None,
    language: str | None = None,
    findings: list[Finding] | None = None,
) -> list[Article]:
    """
    Read the items of an RSS, Atom or JSON Feed document as articles.

    XML feeds (RSS 0.9x to 2.0, RSS 1.0, Atom) are parsed with feedparser,
    which the ``feeds`` extra installs; a JSON Feed (1.0 or 1.1) needs
    nothing more. Each item becomes an `Article`: its link, title, summary,
    HTML content (its structure kept, as `newsmodel.body_from_html` reads
    it; a figure's new image joins the images), dates (their offsets kept: the raw
    text is read, not feedparser's UTC tuple), authors (each one a person:
    a feed does not say person or organization), categories (as topic
    tags), images and language. Every repair and drop is appended to
    *findings* at its path (``$.entries[3].published``; ``$.items[3]...``
    in a JSON Feed). Nothing is invented: an item without a date, a link or
    a title is not an article and is left out, reported; a bad item loses
    only itself.

    Args:
        data: The feed document, as text or bytes.
        default_tz: The zone (a name or a `tzinfo`) for dates given without
            one. Without it an item with such a date is left out, reported.
        language: The language for items when neither they nor the feed
            name one; without it such items say ``und`` (reported).
        findings: A list to append every repair and drop to.

    Raises:
        ValidationError: When *data* is not a feed at all.
        ImportError: For an XML feed, when feedparser is not installed.
    """
    from ._dates import resolve_zone  # noqa: PLC0415 - shared argument handling

    found: Findings = findings if findings is not None else []
    zone = resolve_zone(default_tz)
    entries: list[dict[str, Any] | None]
    if _looks_like_json(data):
        entries, path, feed_language = _json_entries(data, found)
        flavour = "json"
    else:
        parsed, path, feed_language, flavour = _xml_entries(data, found)
        entries = list(parsed)
    articles = []
    for index, entry in enumerate(entries):
        if entry is None:  # reported already
            continue
        item = _Item(entry, f"{path}[{index}]", found, flavour)
        article = item.read(zone, feed_language or language)
        if article is not None:
            articles.append(article)
    return articles


_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>]")
_PAGE_ROOT = re.compile(rb"<html[\s>]", re.I)


def looks_like_feed(data: bytes) -> bool:
    """Whether *data* begins like an RSS, Atom or JSON Feed document (not an HTML page)."""
    head = data[:2048]
    if _looks_like_json(head):
        return b"jsonfeed.org/version" in data[:65536]
    feed, page = _FEED_ROOT.search(head), _PAGE_ROOT.search(head)
    return feed is not None and (page is None or feed.start() < page.start())


def _looks_like_json(data: object) -> bool:
    if not isinstance(data, (str, bytes)):
        return False
    head = data[:64].lstrip()
    if isinstance(head, bytes):
        head = head.lstrip(b"\xef\xbb\xbf").decode("latin-1")
    return head.lstrip("\ufeff").startswith("{")


# ------------------------------------------------------------------ parsing


def _not_a_feed(message: str) -> ValidationError:
    return ValidationError([ErrorDetail("$", "feed", message)])


def _xml_entries(
    data: object, findings: Findings
) -> tuple[list[dict[str, Any]], str, str | None, str]:
    if not isinstance(data, (str, bytes)):
        raise _not_a_feed(f"expected a feed document (text or bytes), found {describe(data)}")
    try:
        import feedparser  # noqa: PLC0415 - an optional dependency, loaded when used
    except ImportError as error:  # pragma: no cover - the tests install it
        from ._distribution import install_hint  # noqa: PLC0415

        msg = f"newsmodel.from_feed needs the feeds extra for RSS and Atom: {install_hint('feeds')}"
        raise ImportError(msg) from error
    # Not sanitized: the HTML is read by `read_html_body`, which reports what it drops.
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({problem})" if problem else ""
        raise _not_a_feed(f"expected an RSS, Atom or JSON Feed document, found none{why}")
    if parsed.get("bozo"):
        findings.append(
            Finding(
                "$",
                "repaired",
                f"read a feed that is not well-formed: {parsed.get('bozo_exception')}",
            )
        )
    language = _language(parsed.feed.get("language"), "$.feed.language", findings)
    flavour = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    entries = [_plain(entry) for entry in parsed.entries]
    raw = data if isinstance(data, str) else data.decode("utf-8", "replace")
    if _MOJIBAKE.search(raw):
        # feedparser's repair changed a Latin-1-only text with a lead and a
        # continuation byte: it lies in such a run of the document.
        runs = "\x00".join(
            run for run in _LATIN_1_RUN.findall(raw) if _MOJIBAKE.search(run) is not None
        )
        for index, entry in enumerate(entries):
            for piece, original in _undo_mojibake_repair(entry, raw, runs):
                findings.append(
                    Finding(
                        f"$.entries[{index}]",
                        "repaired",
                        f"feedparser may have read {original!r} as {piece!r} (it rewrites text "
                        "that looks like UTF-8 read as Latin-1, without saying so); the "
                        f"document holds both, so which of its {piece!r} was changed is unknown",
                    )
                )
    if _C1.search(raw):
        findings.append(
            Finding(
                "$",
                "repaired",
                "the feed holds C1 control characters: read them as Windows-1252 "
                "(U+0080 as '€', U+0093 as '“')",
            )
        )
    return entries, "$.entries", language, flavour


# feedparser "repairs" UTF-8 text that looks read as Latin-1 ('Ã©' → 'é')
# without saying so. It can only have done that where the raw document holds
# a Latin-1 lead byte and a continuation byte as characters.
_MOJIBAKE = re.compile("[\xc2-\xf4][\x80-\xbf]")
_C1 = re.compile("[\x80-\x9f]")
_LATIN_1_RUN = re.compile("[\x00-\xff]+")
_TEXT_PIECE = re.compile("[^<>]+")


def _plain(entry: Any) -> dict[str, Any]:
    # FeedParserDict answers some missing keys with others ("updated" with
    # "published"); a plain dict has only what the item has.
    plain = dict(entry)
    for key in ("content", "authors", "tags", "media_content"):
        if isinstance(plain.get(key), list):
            plain[key] = [dict(item) if isinstance(item, dict) else item for item in plain[key]]
    return plain


def _undo_mojibake_repair(entry: dict[str, Any], raw: str, runs: str) -> list[tuple[str, str]]:
    # Give back the text the document holds where feedparser changed it; return
    # the (piece, original) pairs it could not decide, for a finding each.
    undecided: list[tuple[str, str]] = []

    def undo_piece(match: re.Match[str]) -> str:
        piece = match.group()
        if piece.isascii():
            return piece
        original = piece.encode("utf-8").decode("latin-1")
        found = _count(runs, original)
        # The piece as the document itself holds it, not counting where it is only
        # a part of the original ('¹' in 'Â¹'): if nowhere, feedparser made it.
        genuine = _count(raw, piece) - found * original.count(piece)
        if found and genuine <= 0:
            return original  # every place the text could come from holds the original
        if found and (piece, original) not in undecided:
            undecided.append((piece, original))
        return piece

    def undo(value: object) -> object:
        if not isinstance(value, str) or value.isascii():
            return value
        # Piece by piece between tags: feedparser's sanitizer rewrites the tags.
        return _TEXT_PIECE.sub(undo_piece, value)

    def undo_all(value: object) -> object:
        # Every text of the entry, nested ones too (authors' links, enclosures' URLs):
        # the rewrite is feedparser's, applied to whatever text it read.
        if isinstance(value, dict):
            for key, item in value.items():
                value[key] = undo_all(item)
            return value
        if isinstance(value, list):
            return [undo_all(item) for item in value]
        return undo(value)

    undo_all(entry)
    return undecided


def _count(raw: str, text: str) -> int:
    # The text as it stands in XML: raw, escaped, or escaped twice (HTML in XML).
    escaped = html.escape(text, quote=False)
    twice = html.escape(escaped, quote=False)
    count = raw.count(text)
    if escaped != text:
        count += raw.count(escaped)
    if twice != escaped:
        count += raw.count(twice)
    return count


def _json_entries(
    data: str | bytes, findings: Findings
) -> tuple[list[dict[str, Any] | None], str, str | None]:
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise _not_a_feed(f"expected a JSON Feed document, found invalid JSON: {error}") from None
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise _not_a_feed(
            f"expected a JSON Feed document (a 'version' of https://jsonfeed.org/version/…), "
            f"found {describe(version)}"
        )
    items = document.get("items")
    if not isinstance(items, list):
        raise _not_a_feed(f"expected the feed's items as an array, found {describe(items)}")
    entries: list[dict[str, Any] | None] = []
    for index, item in enumerate(items):
        if isinstance(item, dict):
            entries.append(_json_entry(item))
        else:
            findings.append(
                Finding(
                    f"$.items[{index}]",
                    "dropped",
                    f"expected an item (an object), found {describe(item)}; left it out",
                )
            )
            entries.append(None)
    language = _language(document.get("language"), "$.language", findings)
    return entries, "$.items", language


_JSON_NAMES = {
    "url": "url",
    "id": "id",
    "title": "title",
    "summary": "summary",
    "date_published": "published",
    "date_modified": "updated",
    "language": "language",
}


def _json_entry(item: dict[str, Any]) -> dict[str, Any]:
    # The item in feedparser's shape, so that one mapping reads both; a key
    # remembers its JSON name for the paths.
    entry: dict[str, Any] = {"_names": {}}
    for key, name in _JSON_NAMES.items():
        if key in item:
            entry[name] = item[key]
            entry["_names"][name] = key
    if "url" in item:
        entry["link"] = entry.pop("url")
        entry["_names"]["link"] = "url"
    for key, kind in (("content_html", "text/html"), ("content_text", "text/plain")):
        if isinstance(item.get(key), str) and item[key].strip():
            entry["content"] = [{"type": kind, "value": item[key]}]
            entry["_names"]["content"] = key
            break
    authors = item.get("authors", item.get("author"))  # "author" in JSON Feed 1.0
    if isinstance(authors, dict):
        authors = [authors]
        entry["_single"] = True  # its path has no index
    if isinstance(authors, list):
        entry["authors"] = [
            {"name": a.get("name"), "href": a.get("url")} if isinstance(a, dict) else a
            for a in authors
        ]
        entry["_names"]["authors"] = "authors" if "authors" in item else "author"
    if isinstance(item.get("tags"), list):
        entry["tags"] = [{"term": tag} for tag in item["tags"]]
    if item.get("image") is not None:
        entry["media_content"] = [{"url": item["image"], "medium": "image"}]
        entry["_names"]["media_content"] = "image"
    return entry


def _language(value: object, path: str, findings: Findings) -> str | None:
    return imp._language(value, path, findings) if value is not None else None


# ------------------------------------------------------------------ mapping


class _Item:
    """One feed item on its way to the wire format, with where each value came from."""

    def __init__(self, entry: dict[str, Any], path: str, findings: Findings, flavour: str) -> None:
        self.entry = entry
        self.path, self.findings, self.flavour = path, findings, flavour
        self.names: dict[str, str] = entry.get("_names", {})
        self.wire: dict[str, Any] = {"kind": "article"}
        self.sources: dict[str, str] = {}
        #: Problems with the wire key they belong to, as `_import._load` takes them.
        self.problems: list[tuple[str, ErrorDetail]] = []

    def at(self, name: str) -> str:
        return join_path(self.path, self.names.get(name, name))

    def put(self, key: str, value: Any, source: str) -> None:
        if value is not None and value not in ([], ""):
            self.wire[key] = value
            self.sources[key] = source

    def read(self, default_tz: tzinfo | None, language: str | None) -> Article | None:
        self.identity()
        self.texts()
        self.language(language)
        self.dates(default_tz)
        self.people_and_tags()
        self.images()
        self.body()
        missing = [
            name
            for key, name in (("url", "link"), ("headline", "title"), ("date_published", "date"))
            if key not in self.wire
        ]
        if missing and not self.problems:
            self.drop(f"it has no usable {' or '.join(missing)}, which an article needs")
            return None
        try:
            return imp._load(self)
        except ValidationError as error:
            self.drop("; ".join(str(detail) for detail in error.errors))
            return None

    def drop(self, why: str) -> None:
        self.findings.append(
            Finding(self.path, "dropped", f"left out this item, which is not an article: {why}")
        )

    def identity(self) -> None:
        link = self.entry.get("link")
        if link is not None:
            self.put("url", imp._url(link, self.at("link"), self.findings, None), self.at("link"))
        identifier = self.entry.get("id")
        if isinstance(identifier, str) and identifier.strip():
            if "url" not in self.wire and self.entry.get("guidislink", True):
                url = imp._url(identifier, self.at("id"), [], None)
                if url is not None:
                    self.findings.append(
                        Finding(self.at("id"), "repaired", "took the url from the item's id")
                    )
                    self.put("url", url, self.at("id"))
            if identifier.strip() != self.wire.get("url"):
                where = self.at("id")
                # (the document's own text: its XML or JSON is decoded already)
                found = w.clean_text(identifier, where, self.findings, references=False)
                self.put("id", found, where)

    def texts(self) -> None:
        title = self.entry.get("title")
        if title is not None:
            where = self.at("title")
            # RSS titles are text (feedparser guesses HTML from a "<"); Atom says.
            html_title = self.flavour == "atom" and self.is_html("title_detail")
            self.put("headline", self.text(title, where, html=html_title, one_line=True), where)
        summary = self.entry.get("summary")
        first = (self.entry.get("content") or [{}])[0]
        if summary is not None and not (isinstance(first, dict) and first.get("value") == summary):
            # (feedparser copies the content into a missing summary: not the item's own)
            where = self.at("summary")
            html_summary = self.flavour == "rss" or (
                self.flavour == "atom" and self.is_html("summary_detail")
            )
            self.put(
                "description", self.text(summary, where, html=html_summary, one_line=False), where
            )

    def is_html(self, detail: str) -> bool:
        kind = (self.entry.get(detail) or {}).get("type")
        return kind in HTML_MEDIA_TYPES

    def text(self, value: object, where: str, *, html: bool, one_line: bool) -> str | None:
        if html and isinstance(value, str):
            return read_html_text(value, where, self.findings, one_line=one_line)
        return w.clean_text(value, where, self.findings, one_line=one_line, references=False)

    def content_path(self) -> str:
        if "content" in self.names:
            return self.at("content")
        return join_path(join_path(self.at("content"), 0), "value")

    def body(self) -> None:
        """The body: the content's plain paragraphs, or its HTML's blocks (after the images)."""
        contents = self.entry.get("content")
        if not isinstance(contents, list) or not contents or not isinstance(contents[0], dict):
            return
        first = contents[0]
        value, where = first.get("value"), self.content_path()
        if not isinstance(value, str):
            return
        if first.get("type") == "text/plain":
            paragraphs = [
                w.clean_text(chunk, where, self.findings, one_line=False, references=False)
                for chunk in re.split(r"\n\s*\n", value)
                if chunk.strip()
            ]
            self.put("body", [p for p in paragraphs if p is not None], where)
            return
        # Relative links resolve against the content's xml:base, else the item's link.
        base = first.get("base")
        if not (isinstance(base, str) and v.is_url(base)):
            base = self.wire.get("url")
        known = self.wire.get("images", [])
        blocks, images = read_html_body(value, where, self.findings, images=known, base_url=base)
        self.put("body", blocks, where)
        if images != known:
            self.put("images", images, self.sources.get("images", where))

    def language(self, default: str | None) -> None:
        where = self.at("language")
        found = _language(self.entry.get("language"), where, self.findings)
        if found is None:
            detail = self.entry.get("title_detail") or {}
            found = _language(
                detail.get("language"),
                join_path(self.at("title_detail"), "language"),
                self.findings,
            )
        if found is None and default is not None:
            found = default
        if found is None:
            found = "und"
            self.findings.append(
                Finding(
                    self.path,
                    "repaired",
                    "the feed names no language: wrote 'und' (undetermined, BCP 47)",
                )
            )
        self.put("language", found, where)

    def dates(self, default_tz: tzinfo | None) -> None:
        published, updated = self.entry.get("published"), self.entry.get("updated")
        name = "published"
        if published is None and updated is not None:
            published, updated, name = updated, None, "updated"
            self.findings.append(
                Finding(
                    self.at("updated"),
                    "repaired",
                    "took the publication date from the updated date (the item gives no other)",
                )
            )
        for raw, key, source in (
            (published, "date_published", name),
            (updated, "date_modified", "updated"),
        ):
            if raw is None:
                continue
            where = self.at(source)
            required = key == "date_published"
            parsed = feed_date(raw, where, self.findings, default_tz, required=required)
            if isinstance(parsed, ValueError):  # a DateParseError, to raise
                self.problems.append((key, ErrorDetail(where, parsed.code, parsed.message)))
            elif parsed is not None:
                self.put(key, parsed.isoformat(), where)
        first, last = self.wire.get("date_published"), self.wire.get("date_modified")
        if first and last and datetime.fromisoformat(last) < datetime.fromisoformat(first):
            self.findings.append(
                Finding(
                    self.sources["date_modified"],
                    "dropped",
                    "the updated date is earlier than the published date; left it out",
                )
            )
            del self.wire["date_modified"]

    def people_and_tags(self) -> None:
        authors = self.entry.get("authors")
        if isinstance(authors, list):
            people: list[dict[str, Any]] = []
            for index, author in enumerate(authors):
                where = self.at("authors")
                if not self.entry.get("_single"):
                    where = join_path(where, index)
                person = self.person(author, where)
                if person is None:
                    continue
                if any(other["name"] == person["name"] for other in people):
                    self.findings.append(
                        Finding(where, "dropped", f"left out {person['name']!r}, listed twice")
                    )
                    continue
                self.findings.append(
                    Finding(
                        where,
                        "repaired",
                        f"read the author {person['name']!r} as a person (a feed does not say)",
                    )
                )
                people.append(person)
            self.put("authors", people, self.at("authors"))
        tags = self.entry.get("tags")
        if isinstance(tags, list):
            names: list[dict[str, str]] = []
            for index, tag in enumerate(tags):
                where = join_path(self.at("tags"), index)
                raw = (tag.get("label") or tag.get("term")) if isinstance(tag, dict) else None
                name = w.clean_text(raw, where, self.findings, references=False)
                if name is None:
                    continue
                if any(other["name"].casefold() == name.casefold() for other in names):
                    self.findings.append(
                        Finding(where, "dropped", f"left out the repeated category {name!r}")
                    )
                    continue
                names.append({"name": name})
            self.put("tags", names, self.at("tags"))

    def person(self, author: object, where: str) -> dict[str, Any] | None:
        raw = author.get("name") if isinstance(author, dict) else None
        name = w.clean_text(raw, join_path(where, "name"), self.findings, references=False)
        if name is None:
            return None
        person: dict[str, Any] = {"type": "person", "name": name}
        href = author.get("href") if isinstance(author, dict) else None
        if href is not None:
            url = imp._url(href, join_path(where, "href"), self.findings, None)
            if url is not None:
                person["url"] = url
        return person

    def images(self) -> None:
        media = self.entry.get("media_content")
        if not isinstance(media, list):
            return
        images: list[dict[str, Any]] = []
        for index, item in enumerate(media):
            where = (
                self.at("media_content")
                if "media_content" in self.names
                else join_path(self.at("media_content"), index)
            )
            if not isinstance(item, dict):
                continue
            medium, kind = item.get("medium"), item.get("type") or ""
            if medium != "image" and not kind.startswith("image/"):
                self.findings.append(
                    Finding(
                        where,
                        "dropped",
                        "left out media that is not said to be an image, found "
                        f"{describe(medium or kind or None)}",
                    )
                )
                continue
            url = imp._url(item.get("url"), join_path(where, "url"), self.findings, None)
            if url is None:
                continue
            image: dict[str, Any] = {"url": url}
            for size in ("width", "height"):
                pixels = w.parse_pixels(
                    item.get(size), join_path(where, size), self.findings, attribute=True
                )
                if pixels is not None:
                    image[size] = pixels
            images.append(image)
        self.put("images", images, self.at("media_content"))


def feed_date(
    value: object,
    path: str,
    findings: Findings,
    default_tz: tzinfo | None,
    *,
    required: bool = True,
) -> datetime | v.DateParseError | None:
    """
    Read a feed's date text, keeping its offset.

    RFC 822 (RSS) is read as such, RFC 3339 (Atom, JSON Feed) and what
    publishers write instead by `newsmodel._wild.parse_wild_datetime`, which
    reports its repairs. Returns what that function returns (*required* as
    there: False for a date the article can do without).
    """
    match = _RFC822.match(value) if isinstance(value, str) else None
    if match is not None:
        try:
            parsed = parsedate_to_datetime(match.string.strip())
            if len(match.group(1)) > 2:  # "0050" is the year 50, not 2050
                parsed = parsed.replace(year=int(match.group(1)))
        except (ValueError, TypeError, IndexError, OverflowError):
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            if len(match.group(1)) == 2:
                findings.append(
                    Finding(path, "repaired", f"read the two-digit year as {parsed.year}")
                )
            return parsed
    return w.parse_wild_datetime(value, path, findings, default_tz, required=required)
