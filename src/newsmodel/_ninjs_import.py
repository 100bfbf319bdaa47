"""
IPTC ninjs (News in JSON) import: 3.x, and the 1.x/2.x names where they differ.

`from_ninjs` reads what `to_ninjs` writes back into the same article (what
ninjs cannot carry aside: see ``docs/ninjs.md``), and a wire agency's ninjs
with a finding, at its path, for each property the model has no place for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from . import _import as imp
from . import _values as v
from . import _wild as w
from ._body_html import figure_differs, figure_took
from ._body_import import read_html_body
from ._canonical import from_dict
from ._errors import ErrorDetail, Finding, ValidationError, describe, join_path
from ._jsonld import article_body, paragraphs
from ._models import ArticleKind, Relation, body_plain_text, paragraph_texts
from ._ninjs import _GENRES, _TAG_GROUPS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._models import Article


__all__ = ["from_ninjs"]

Findings = list[Finding]

_PLACEHOLDERS = {
    "url": "https://placeholder.invalid/",
    "headline": "placeholder",
    "date_published": "2000-01-01T00:00:00+00:00",
}
_KINDS_BY_GENRE = {name.casefold(): kind.value for kind, name in _GENRES.items()}
_KIND_VALUES = {kind.value for kind in ArticleKind}
_RELATIONS = {relation.value for relation in Relation}
_GROUP_KINDS = {group: kind.value for kind, group in _TAG_GROUPS.items()}
# Read, or knowingly left alone (they describe the document, not the story).
_READ = frozenset(
    {
        "uri", "altIds", "headlines", "headline", "descriptions", "description_text",
        "description_html", "bodies", "body_text", "body_html", "language", "firstCreated",
        "versionCreated", "by", "byline", "located", "genres", "people", "organisations",
        "subjects", "places", "events", "infoSources", "associations", "standard",
        "type", "representationType", "version", "profile",
    }
)  # fmt: skip


def from_ninjs(
    document: object,
    *,
    url: str | None = None,
    findings: list[Finding] | None = None,
) -> Article:
    """
    Make an `Article` from an IPTC ninjs document (3.x; 1.x and 2.x names too).

    ``uri`` is the url (when it is a web address; else pass *url*, and the
    uri becomes the article's id), ``headlines`` the headline and the
    alternative headline, ``descriptions`` the standfirst, ``bodies`` the
    body (the main HTML body, its structure kept as `newsmodel.body_from_html`
    reads it, else the plain text split at blank lines),
    ``firstCreated``/``versionCreated`` the dates, ``people`` and
    ``organisations`` with rel ``author`` the bylines (``by`` when there are
    none), the other entities the tags, ``infoSources`` the publisher,
    ``genres`` the kind, ``located`` the dateline, and picture and text
    ``associations`` the images and related stories. A property the model
    has no place for (``urgency``, ``pubStatus``, ``copyrightNotice``,
    ``renditions`` ...) is left out and reported at its path.

    Args:
        document: The ninjs document: a dict, or JSON text (str or bytes).
        url: The article's url when the ninjs ``uri`` is not a web address.
        findings: A list to append every repair and drop to.

    Raises:
        ValidationError: When the document cannot make a valid `Article`:
            every problem, at its path in the document.
    """
    found: Findings = findings if findings is not None else []
    if isinstance(document, (str, bytes, bytearray)):
        try:
            document = orjson.loads(document)
        except orjson.JSONDecodeError as error:
            msg = f"expected a ninjs document, found invalid JSON: {error}"
            raise ValidationError([ErrorDetail("$", "json", msg)]) from None
    if not isinstance(document, dict):
        msg = f"expected a ninjs document (an object), found {describe(document)}"
        raise ValidationError([ErrorDetail("$", "type", msg)])
    reader = _Reader(document, found)
    reader.identity(url)
    reader.texts()
    reader.dates_and_kind()
    reader.people()
    reader.tags()
    reader.associations()
    reader.body()
    for key in document:
        if key not in _READ:
            found.append(
                Finding(
                    join_path("$", key),
                    "dropped",
                    f"the article model has no place for ninjs {key!r}; left it out",
                )
            )
    return reader.load()


# Where a required field comes from, for an error when the document has none.
_REQUIRED = {
    "url": ("$.uri", "a web address in 'uri' (or pass url=)"),
    "headline": ("$.headlines", "a main headline"),
    "date_published": ("$.firstCreated", "the date first created"),
}


class _Reader:
    def load(self) -> Article:
        problems = list(self.problems)
        known = {problem.path for problem in problems}
        for key, (path, what) in _REQUIRED.items():
            if key not in self.wire and path not in known:
                problems.append(ErrorDetail(path, "missing", f"expected {what}, found none"))
        if problems:
            # The other fields are checked too, so that every problem is told at once.
            try:
                from_dict({**_PLACEHOLDERS, **self.wire})
            except ValidationError as error:
                # (a date order against a placeholder date is no problem of the document's)
                placeholder = "date_published" not in self.wire
                problems += [
                    self.at_source(e)
                    for e in error.errors
                    if not (placeholder and e.code == "date_order")
                ]
            raise ValidationError(problems)
        try:
            return from_dict(self.wire)
        except ValidationError as error:
            raise ValidationError([self.at_source(e) for e in error.errors]) from None

    def at_source(self, detail: ErrorDetail) -> ErrorDetail:
        # An error in the mapped payload is reported where its value came from.
        key = detail.path[2:].split(".", 1)[0].split("[", 1)[0]
        source = self.sources.get(key)
        if source is None:
            return detail
        rest = detail.path[len(f"$.{key}") :]
        return ErrorDetail(source + rest, detail.code, detail.message)

    def __init__(self, document: dict[str, Any], findings: Findings) -> None:
        self.doc, self.findings = document, findings
        self.wire: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.problems: list[ErrorDetail] = []

    def put(self, key: str, value: Any, source: str) -> None:
        if value is not None and value not in ([], ""):
            self.wire[key] = value
            self.sources[key] = source

    def note(self, path: str, code: str, message: str) -> None:
        self.findings.append(Finding(path, code, message))

    def items(self, key: str) -> list[tuple[dict[str, Any], str]]:
        """The objects in the array *key*, with their paths; anything else is reported."""
        value = self.doc.get(key)
        return _objects(value, join_path("$", key), self.findings)

    def identity(self, url: str | None) -> None:
        uri = self.doc.get("uri")
        web = _web_url(uri)
        if web is not None:
            self.put("url", web, "$.uri")
        elif url is not None:
            self.put("url", url, "$.uri")
            self.note("$.uri", "repaired", f"took the url {url!r} given with the document")
        for item, path in self.items("altIds"):
            if item.get("role") == "publisher" and "id" not in self.wire:
                self.put("id", self.text(item.get("value"), join_path(path, "value")), path)
            else:
                self.note(path, "dropped", f"kept only the publisher's id; left out {item!r}")
        if "id" not in self.wire and isinstance(uri, str) and web is None and uri.strip():
            self.note("$.uri", "repaired", "the uri is not a web address: kept it as the id")
            self.put("id", self.text(uri, "$.uri"), "$.uri")

    def texts(self) -> None:
        for item, path in self.items("headlines"):
            role = item.get("role", "main")
            key = {"main": "headline", "alternative": "alternative_headline"}.get(role)
            if key is None or key in self.wire:
                self.note(path, "dropped", f"left out the headline with role {role!r}")
                continue
            self.put(key, self.text(item.get("value"), join_path(path, "value")), path)
        if "headline" not in self.wire and self.doc.get("headline") is not None:
            self.put("headline", self.text(self.doc["headline"], "$.headline"), "$.headline")
        for item, path in self.items("descriptions"):
            role = item.get("role", "summary")
            if role not in {"summary", "abstract", "teaser"} or "description" in self.wire:
                self.note(path, "dropped", f"left out the description with role {role!r}")
                continue
            where = join_path(path, "value")
            self.put("description", self.text(item.get("value"), where, one_line=False), where)
        if "description" not in self.wire and self.doc.get("description_text") is not None:
            text = self.text(self.doc["description_text"], "$.description_text", one_line=False)
            self.put("description", text, "$.description_text")
        located = self.doc.get("located")
        if located is not None:
            self.put("dateline", self.text(located, "$.located"), "$.located")
        language = self.doc.get("language")
        if language is not None:
            found = imp._language(language, "$.language", self.findings)
            self.put("language", found, "$.language")
        else:
            self.note("$", "repaired", "the document names no language: wrote 'und'")
            self.put("language", "und", "$")

    def text(self, value: object, path: str, *, one_line: bool = True) -> str | None:
        # A valid text is kept exactly; only one the model would refuse is cleaned.
        report: list[ErrorDetail] = []
        (v.check_text_line if one_line else v.check_text)(value, path, "", report)
        if not report:
            return value  # type: ignore[return-value]
        return w.clean_text(value, path, self.findings, one_line=one_line, references=False)

    def body(self) -> None:
        """
        The body (after the images, which its figures show).

        The first main body in HTML, else the first main body; a main body
        in plain text that says what the one read says, in other markup, is
        the same body (``to_ninjs`` writes both); any other body is reported.
        Beside HTML, the plain text gives the exact text of each plain
        paragraph whose HTML lost only whitespace (`read_html_body`'s *texts*).
        """
        bodies = self.items("bodies")
        candidates = [
            (item.get("value"), join_path(path, "value"), _is_html(item.get("contentType")))
            for item, path in bodies
            if item.get("role", "main") == "main"
        ]
        others = [path for item, path in bodies if item.get("role", "main") != "main"]
        old = [key for key in ("body_html", "body_text") if self.doc.get(key) is not None]
        if bodies:
            others += [join_path("$", key) for key in old]  # (3.x bodies come first)
        else:
            candidates = [(self.doc[key], join_path("$", key), key == "body_html") for key in old]
        if not candidates:
            for path in others:
                self.note(path, "dropped", "kept the main body only; left this one out")
            return
        chosen = next((c for c in candidates if c[2]), candidates[0])
        value, where, html = chosen
        plain = next((c[0] for c in candidates if not c[2] and isinstance(c[0], str)), None)
        exact = paragraphs(plain) if html and plain else None
        blocks = self.paragraphs(value, where, html=html, texts=exact)
        self.put("body", blocks, where)
        texts = _texts(blocks)
        said = set() if texts is None else {body_plain_text(texts), article_body(texts) or ""}
        for other in candidates:
            if other is chosen:
                continue
            # (to_ninjs writes the text of the body it writes as HTML: the same body)
            same = not other[2] and other[0] in said
            if not same:
                self.note(
                    other[1].removesuffix(".value"),
                    "dropped",
                    "kept one main body (the HTML one when there is one); left this one out",
                )
        for path in others:
            self.note(path, "dropped", "kept the main body only; left this one out")

    def paragraphs(
        self, value: object, path: str, *, html: bool, texts: Sequence[str] | None = None
    ) -> list[Any]:
        found = self.findings
        if not isinstance(value, str):
            found.append(
                Finding(path, "dropped", f"expected the body as text, found {describe(value)}")
            )
            return []
        if html:
            images = self.wire.get("images", [])
            read: Findings = []
            blocks, after = read_html_body(
                value, path, read, images=images, base_url=self.wire.get("url"), texts=texts
            )
            blocks, after = _same_images(blocks, after, len(images), read)
            found.extend(read)
            if after != images:
                self.put("images", after, self.sources.get("images", path))
            return blocks
        # to_ninjs writes the paragraphs as articleBody does; read them back as written.
        chunks = paragraphs(value)
        kept = [chunk for chunk in chunks if chunk.strip()]
        if len(kept) != len(chunks):
            found.append(Finding(path, "repaired", "left out blank paragraphs"))
        out = []
        for chunk in kept:
            report: list[ErrorDetail] = []
            v.check_text(chunk, path, "", report)
            text = chunk if not report else self.text(chunk, path, one_line=False)
            if text is not None:
                out.append(text)
        return out

    def dates_and_kind(self) -> None:
        first, version = self.doc.get("firstCreated"), self.doc.get("versionCreated")
        for raw, key, where in (
            (first, "date_published", "$.firstCreated"),
            (version if version != first else None, "date_modified", "$.versionCreated"),
        ):
            if raw is None:
                continue
            required = key == "date_published"
            parsed = w.parse_wild_datetime(raw, where, self.findings, None, required=required)
            if isinstance(parsed, ValueError):  # a DateParseError, to raise
                self.problems.append(ErrorDetail(where, parsed.code, parsed.message))
            elif parsed is not None:
                self.put(key, parsed.isoformat(), where)
        for index, (item, path) in enumerate(self.items("genres")):
            kind = _genre_kind(item)
            if kind is None or index > 0:
                self.note(path, "dropped", f"left out the genre {item.get('name')!r}")
                continue
            self.put("kind", kind, path)
        kind = ArticleKind(self.wire.get("kind", "news"))
        if "dateline" in self.wire and not kind.is_news:
            self.note(self.sources["dateline"], "dropped", "a dateline on a non-news kind")
            del self.wire["dateline"]

    def people(self) -> None:
        authors: list[dict[str, Any]] = []
        for group, kind in (("people", "person"), ("organisations", "organization")):
            for item, path in self.items(group):
                if item.get("rel") == "author":
                    author = self.entity(item, path, kind)
                    if author is not None:
                        authors.append(author)
        if authors:
            self.put("authors", authors, "$.people")
        else:
            byline = self.doc.get("by", self.doc.get("byline"))
            if byline is not None:
                where = "$.by" if "by" in self.doc else "$.byline"
                people = imp._people_from_byline(byline, where, self.findings, {})
                self.put("authors", people, where)
        for item, path in self.items("infoSources"):
            if item.get("role") == "publisher" and "publisher" not in self.wire:
                self.put("publisher", self.entity(item, path, "organization"), path)
            else:
                self.note(path, "dropped", f"left out the info source {item.get('name')!r}")

    def entity(self, item: dict[str, Any], path: str, kind: str) -> dict[str, Any] | None:
        name = self.text(item.get("name"), join_path(path, "name"))
        if name is None:
            return None
        out: dict[str, Any] = {"type": kind, "name": name}
        uri = _web_url(item.get("uri"))
        if uri is not None:
            out["url"] = uri
        elif item.get("uri") is not None:
            self.note(join_path(path, "uri"), "dropped", "the uri is not a web address")
        return out

    def tags(self) -> None:
        tags: list[dict[str, Any]] = []
        for group in ("subjects", "people", "organisations", "places", "events"):
            for item, path in self.items(group):
                if item.get("rel") == "author":
                    continue  # read as an author
                name = self.text(item.get("name"), join_path(path, "name"))
                if name is None:
                    continue
                if any(other["name"].casefold() == name.casefold() for other in tags):
                    self.note(path, "dropped", f"left out the repeated tag {name!r}")
                    continue
                tag: dict[str, Any] = {"name": name, "kind": _GROUP_KINDS[group]}
                literal = item.get("literal")
                if isinstance(literal, str) and literal != v.slugify(name):
                    report: list[ErrorDetail] = []
                    v.check_slug(literal, path, "literal", report)
                    if report:
                        self.note(join_path(path, "literal"), "dropped", "not a slug")
                    else:
                        tag["slug"] = literal
                uri = _web_url(item.get("uri"))
                if uri is not None:
                    tag["same_as"] = [uri]
                tags.append(tag)
        self.put("tags", tags, "$.subjects")

    def associations(self) -> None:
        images, related = [], []
        for item, path in self.items("associations"):
            kind = item.get("type")
            if kind == "picture":
                image = self.image(item, path)
                if image is not None:
                    images.append(image)
            elif kind == "text" and item.get("rel") in _RELATIONS:
                story = self.related(item, path)
                if story is not None:
                    related.append(story)
            else:
                self.note(path, "dropped", f"left out the association of type {kind!r}")
        self.put("images", images, "$.associations")
        self.put("related", related, "$.associations")

    def image(self, item: dict[str, Any], path: str) -> dict[str, Any] | None:
        renditions = _objects(item.get("renditions"), join_path(path, "renditions"), self.findings)
        first = renditions[0][0] if renditions else {}
        url = _web_url(item.get("uri")) or _web_url(first.get("href"))
        if url is None:
            self.note(path, "dropped", "a picture without a web address; left it out")
            return None
        image: dict[str, Any] = {"url": url}
        for _, where in renditions[1:]:
            self.note(where, "dropped", "kept the first rendition's size; left this one out")
        if item.get("headlines") is not None:
            self.note(join_path(path, "headlines"), "dropped", "an image has no headline")
        for size in ("width", "height"):
            pixels = first.get(size)
            if type(pixels) is int and 0 < pixels <= v.MAX_INT:
                image[size] = pixels
            elif pixels is not None:
                where = join_path(renditions[0][1], size)
                self.note(where, "dropped", f"expected a size in pixels, found {describe(pixels)}")
        for description, where in _objects(
            item.get("descriptions"), join_path(path, "descriptions"), self.findings
        ):
            field = {"caption": "caption", "alt-text": "alt_text"}.get(description.get("role", ""))
            if field is None:
                self.note(where, "dropped", "an image has a caption and an alt text only")
            else:
                value = self.text(
                    description.get("value"), join_path(where, "value"), one_line=False
                )
                if value is not None:
                    image[field] = value
        if item.get("by") is not None:
            image["credit"] = self.text(item["by"], join_path(path, "by"))
        rights = item.get("rightsInfo")
        if isinstance(rights, dict):
            image["license_url"] = _web_url(rights.get("linkedRights"))
            if image["license_url"] is None and rights.get("linkedRights") is not None:
                where = join_path(join_path(path, "rightsInfo"), "linkedRights")
                self.note(where, "dropped", "the linked rights are not a web address")
        return {key: value for key, value in image.items() if value is not None}

    def related(self, item: dict[str, Any], path: str) -> dict[str, Any] | None:
        url = _web_url(item.get("uri"))
        headlines = _objects(item.get("headlines"), join_path(path, "headlines"), self.findings)
        headline = headlines[0][0].get("value") if headlines else None
        if url is None or headline is None:
            self.note(path, "dropped", "a related story needs a web address and a headline")
            return None
        story: dict[str, Any] = {
            "url": url,
            "headline": self.text(headline, join_path(path, "headlines[0].value")),
            "relation": item["rel"],
        }
        for description, where in _objects(
            item.get("descriptions"), join_path(path, "descriptions"), self.findings
        ):
            if description.get("role") == "teaser" and "teaser" not in story:
                value = description.get("value")
                story["teaser"] = self.text(value, join_path(where, "value"), one_line=False)
            else:
                self.note(where, "dropped", "a related story has one teaser only")
        if item.get("firstCreated") is not None:
            where = join_path(path, "firstCreated")
            parsed = w.parse_wild_datetime(
                item["firstCreated"], where, self.findings, None, required=False
            )
            if isinstance(parsed, ValueError):  # no zone: the story can do without its date
                self.note(where, "dropped", f"{parsed.message}; left it out")
            elif parsed is not None:
                story["date_published"] = parsed.isoformat()
        if item.get("by") is not None:
            self.note(
                join_path(path, "by"),
                "dropped",
                "a related story's byline is one text, not its authors; left it out",
            )
        sources = _objects(item.get("infoSources"), join_path(path, "infoSources"), self.findings)
        if sources:
            story["publisher"] = self.entity(sources[0][0], sources[0][1], "organization")
        inner = _objects(item.get("associations"), join_path(path, "associations"), self.findings)
        if inner:
            story["image"] = self.image(inner[0][0], inner[0][1])
        return {key: value for key, value in story.items() if value is not None}


def _objects(value: object, path: str, findings: Findings) -> list[tuple[dict[str, Any], str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        findings.append(Finding(path, "dropped", f"expected an array, found {describe(value)}"))
        return []
    out = []
    for index, item in enumerate(value):
        where = join_path(path, index)
        if isinstance(item, dict):
            out.append((item, where))
        else:
            findings.append(
                Finding(where, "dropped", f"expected an object, found {describe(item)}")
            )
    return out


def _web_url(value: object) -> str | None:
    """A ninjs ``uri``/``href`` that is a web address, as the IRI it spells (RFC 3987 §3.2)."""
    if not isinstance(value, str) or not v.is_url(value):
        return None
    return v.uri_to_iri(value)


def _genre_kind(item: dict[str, Any]) -> str | None:
    literal = item.get("literal")
    if isinstance(literal, str) and literal in _KIND_VALUES:
        return literal
    name = item.get("name")
    if isinstance(name, str):
        return _KINDS_BY_GENRE.get(name.casefold())
    return None


def _is_html(content_type: object) -> bool:
    return isinstance(content_type, str) and "html" in content_type.lower()


def _texts(blocks: list[Any]) -> tuple[str, ...] | None:
    """The plain texts of wire body blocks (`paragraph_texts`), or None when they do not load."""
    if all(block.__class__ is str for block in blocks):
        return tuple(blocks)
    from ._body import INVALID, load_body  # noqa: PLC0415

    loaded = load_body(blocks, "$", "body", [])
    if loaded is INVALID:
        return None
    return paragraph_texts(loaded)


def _same_images(
    blocks: list[Any], after: list[dict[str, Any]], count: int, read: Findings
) -> tuple[list[Any], list[dict[str, Any]]]:
    """
    Point a figure at the association it shows, however the HTML spells its IRI.

    *after* is the article's images after reading the HTML (`read_html_body`):
    the *count* associations' images, then those the figures added. An
    association's uri comes back as the IRI it spells (`_web_url`); the HTML
    holds the IRI as written (``%C8%86`` where the uri gave ``Ȇ``): the same
    address, not an image to add. What its figure says that the association
    does not (caption, credit, alt text, size), the association takes, as
    `body_from_html` does for an image of the same spelling.
    """

    def spelled(url: str) -> str:
        return v.uri_to_iri(v.iri_to_uri(url))

    images = [dict(image) for image in after[:count]]
    added = after[count:]
    by_iri = {spelled(image["url"]): index for index, image in enumerate(images)}
    same = {
        image["url"]: by_iri[spelled(image["url"])]
        for image in added
        if spelled(image["url"]) in by_iri
    }
    if not same:
        return blocks, after
    for image in added:
        index = same.get(image["url"])
        if index is None:
            continue
        said = f"added the image {describe(image['url'])} "
        where = next(f.path for f in read if f.code == "added" and f.message.startswith(said))
        read[:] = [f for f in read if not (f.code == "added" and f.message.startswith(said))]
        _take_from_figure(images[index], image, where, read)
    blocks = [
        {**block, "image": images[same[block["image"]]]["url"]}
        if isinstance(block, dict) and block.get("type") == "figure" and block["image"] in same
        else block
        for block in blocks
    ]
    return blocks, [*images, *(image for image in added if image["url"] not in same)]


def _take_from_figure(
    image: dict[str, Any], figure: dict[str, Any], where: str, found: Findings
) -> None:
    # What the figure says of its image (`_body_html._Reader.complete`).
    taken = []
    for key, value in figure.items():
        if key == "url" or value is None:
            continue
        if image.get(key) is None:
            image[key] = value
            taken.append(key)
        elif image[key] != value:
            found.append(Finding(where, "dropped", figure_differs(key, image["url"])))
    if taken:
        found.append(Finding(where, "repaired", figure_took(taken, image["url"])))
