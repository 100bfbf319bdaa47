"""
IPTC ninjs 3.1 (News in JSON) export.

ninjs has no place for quotes, the section, the reading time or the paywall
flag, so `to_ninjs` leaves them out; everything else maps as the table in the docs
(``docs/ninjs.md``) shows. ninjs wants URIs (RFC 3986) where the models hold
IRIs: each goes through `newsmodel._values.iri_to_uri`. The result validates
against the ninjs 3.1 JSON Schema, formats included, which the tests check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._jsonld import article_body
from ._models import (
    Article,
    ArticleKind,
    Image,
    Organization,
    Person,
    Tag,
    TagKind,
    paragraph_texts,
)
from ._values import iri_to_uri

if TYPE_CHECKING:
    from ._models import RelatedStory


__all__ = ["NINJS_SCHEMA", "NOT_CARRIED", "to_ninjs"]

#: The JSON Schema that `to_ninjs` output is valid against.
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"

_TAG_GROUPS = {
    TagKind.TOPIC: "subjects",
    TagKind.PERSON: "people",
    TagKind.ORGANIZATION: "organisations",
    TagKind.PLACE: "places",
    TagKind.EVENT: "events",
}
#: The fields that ninjs does not carry, and why (docs/ninjs.md). Every other
#: field of every class goes out in `to_ninjs` and comes back in
#: `newsmodel.from_ninjs`; the tests check both.
NOT_CARRIED: dict[str, str] = {
    "Person.same_as": "a ninjs entity has one uri: the first of same_as, else the url",
    "Person.job_title": "a ninjs entity has a name and a uri only",
    "Person.affiliation": "a ninjs entity has a name and a uri only",
    "Person.image": "a ninjs entity has a name and a uri only",
    "Organization.same_as": "a ninjs entity has one uri: the first of same_as, else the url",
    "Organization.logo": "a ninjs entity has a name and a uri only",
    "RelatedStory.authors": "an association has a by line, not a list of authors",
    "Article.section": "ninjs 3.1 has no section (its subjects are tags, not the desk)",
    "Article.quotes": "ninjs 3.1 has no quotations",
    "Article.reading_time_minutes": "ninjs 3.1 has no reading time",
    "Article.is_accessible_for_free": "ninjs 3.1 has no paywall flag (rights are per use)",
}

_GENRES = {
    ArticleKind.ARTICLE: "Article",
    ArticleKind.REPORTAGE: "Reportage",
    ArticleKind.ANALYSIS: "Analysis",
    ArticleKind.OPINION: "Opinion",
    ArticleKind.BACKGROUND: "Background",
    ArticleKind.REVIEW: "Review",
    ArticleKind.ASK_PUBLIC: "Ask the public",
    ArticleKind.SATIRE: "Satire",
    ArticleKind.SPONSORED: "Sponsored",
    ArticleKind.LIVE_BLOG: "Live blog",
    ArticleKind.BLOG_POSTING: "Blog post",
}


def _byline(authors: tuple[Person | Organization, ...]) -> str | None:
    names = [author.name for author in authors]
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _entity(name: str, rel: str, url: str | None, same_as: tuple[str, ...]) -> dict[str, Any]:
    entity: dict[str, Any] = {"name": name, "rel": rel}
    # A ninjs uri identifies the thing; an authority page (same_as) does that
    # better than a profile page, which is kept when it is all there is.
    uri = same_as[0] if same_as else url
    if uri is not None:
        entity["uri"] = iri_to_uri(uri)
    return entity


def _source(publisher: Organization) -> dict[str, Any]:
    source = _entity(publisher.name, "publisher", publisher.url, publisher.same_as)
    source["role"] = source.pop("rel")  # infoSources say "role" where others say "rel"
    return source


def _tag_entity(tag: Tag) -> dict[str, Any]:
    entity = _entity(tag.name, "about", None, tag.same_as)
    entity["literal"] = tag.slug
    return entity


def _image(image: Image, index: int) -> dict[str, Any]:
    uri = iri_to_uri(image.url)
    rendition: dict[str, Any] = {"name": "original", "href": uri}
    if image.width is not None:
        rendition["width"] = image.width
    if image.height is not None:
        rendition["height"] = image.height
    association: dict[str, Any] = {
        "name": f"image-{index + 1}",
        "rel": "lead-image" if index == 0 else "image",
        "uri": uri,
        "type": "picture",
        "renditions": [rendition],
    }
    descriptions = []
    if image.caption is not None:
        descriptions.append(
            {"role": "caption", "contentType": "text/plain", "value": image.caption}
        )
    if image.alt_text is not None:
        descriptions.append(
            {"role": "alt-text", "contentType": "text/plain", "value": image.alt_text}
        )
    if descriptions:
        association["descriptions"] = descriptions
    if image.credit is not None:
        association["by"] = image.credit
    if image.license_url is not None:
        association["rightsInfo"] = {"linkedRights": iri_to_uri(image.license_url)}
    return association


def _related(story: RelatedStory, index: int) -> dict[str, Any]:
    association: dict[str, Any] = {
        "name": f"related-{index + 1}",
        "rel": story.relation.value,
        "uri": iri_to_uri(story.url),
        "type": "text",
        "headlines": [{"role": "main", "value": story.headline}],
    }
    if story.teaser is not None:
        association["descriptions"] = [
            {"role": "teaser", "contentType": "text/plain", "value": story.teaser}
        ]
    if story.date_published is not None:
        association["firstCreated"] = story.date_published.isoformat()
    byline = _byline(story.authors)
    if byline is not None:
        association["by"] = byline
    if story.publisher is not None:
        association["infoSources"] = [_source(story.publisher)]
    if story.image is not None:
        association["associations"] = [_image(story.image, 0)]
    return association


def _bodies(a: Article) -> list[dict[str, Any]]:
    # The text (paragraph breaks kept, as articleBody keeps them), and for a
    # structured body its HTML too: two renderings of one main body, as ninjs 3
    # gives body_text and body_html. The text keeps what HTML cannot carry
    # (spaces, line breaks at a paragraph's edges): from_ninjs reads it back.
    text = article_body(paragraph_texts(a.body)) or ""
    counts = {"charCount": len(text), "wordCount": a.word_count}
    bodies = [{"role": "main", "contentType": "text/plain", **counts, "value": text}]
    if any(block.__class__ is not str for block in a.body):
        from ._body_html import body_to_html  # noqa: PLC0415 - only for a structured body

        html = body_to_html(a.body, images=a.images).rstrip("\n")  # as the feeds write it
        bodies.append({"role": "main", "contentType": "text/html", **counts, "value": html})
    return bodies


def to_ninjs(article: Article) -> dict[str, Any]:
    """
    Return *article* as an IPTC ninjs 3.1 document (a dict of JSON values).

    Authors become ``people``/``organisations`` with rel ``author`` and a
    ``by`` line; tags become ``subjects``, ``people``, ``organisations``,
    ``places`` or ``events`` with rel ``about``; images and related stories
    become ``associations``. The body is a ``text/plain`` main body (paragraphs
    joined by a blank line, or each ended by U+2029 when a blank line cannot
    separate them, as in ``articleBody``) and, when it is structured, a ``text/html`` one as
    `newsmodel.body_to_html` writes it. ninjs has nothing for quotes, the section, the
    reading time or the paywall flag: those are left out. URLs become URIs, as
    ninjs asks: what is not ASCII is UTF-8 percent-encoded (RFC 3987 §3.1).
    """
    a = article
    out: dict[str, Any] = {
        "standard": {"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA},
        "uri": iri_to_uri(a.url),
        "type": "text",
        "representationType": "full" if a.body else "partial",
        "firstCreated": a.date_published.isoformat(),
        "versionCreated": (a.date_modified or a.date_published).isoformat(),
        "language": a.language,
        "headlines": [{"role": "main", "value": a.headline}],
    }
    if a.id is not None:
        out["altIds"] = [{"role": "publisher", "value": a.id}]
    if a.alternative_headline is not None:
        out["headlines"].append({"role": "alternative", "value": a.alternative_headline})
    if a.description is not None:
        out["descriptions"] = [
            {"role": "summary", "contentType": "text/plain", "value": a.description}
        ]
    if a.body:
        out["bodies"] = _bodies(a)
    byline = _byline(a.authors)
    if byline is not None:
        out["by"] = byline
    if a.dateline is not None:
        out["located"] = a.dateline
    if a.kind in _GENRES:
        out["genres"] = [{"name": _GENRES[a.kind], "literal": a.kind.value}]
    groups: dict[str, list[dict[str, Any]]] = {}
    for author in a.authors:
        group = "people" if isinstance(author, Person) else "organisations"
        groups.setdefault(group, []).append(
            _entity(author.name, "author", author.url, author.same_as)
        )
    for tag in a.tags:
        groups.setdefault(_TAG_GROUPS[tag.kind], []).append(_tag_entity(tag))
    out.update(groups)
    if a.publisher is not None:
        out["infoSources"] = [_source(a.publisher)]
    associations = [_image(image, index) for index, image in enumerate(a.images)]
    associations += [_related(story, index) for index, story in enumerate(a.related)]
    if associations:
        out["associations"] = associations
    return out
