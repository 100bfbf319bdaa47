"""
Build an article from a page's Open Graph and ``<meta>`` tags.

The fallback of `newsmodel.extract` for a page with no article markup. The
tags of each vocabulary (Open Graph, Parse.ly, Sailthru, Dublin Core, plain
``<meta name>``) become one schema.org-shaped node, which then goes through
the JSON-LD import's own readers (texts, dates, bylines, URLs, images) and
ends in `newsmodel.from_dict`, like every way in. Every repair and drop is
reported at the tag it came from (``$.meta['og:title']``); where two tags
give different values for one property the first in the precedence order
below is kept and each other value is reported, never dropped silently.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs
import orjson

from . import _import
from . import _wild as w
from ._byline import is_link
from ._errors import ErrorDetail, Finding, ValidationError, describe, join_path

if TYPE_CHECKING:
    from datetime import tzinfo

    from ._models import Article

__all__ = ["BUILT_FROM_META", "PRECEDENCE", "read_page_meta"]

Findings = list[Finding]
#: Where findings about the page's meta tags are reported.
ROOT = "$.meta"
BUILT_FROM_META = "built from the page's meta tags, not from article markup"

#: For each schema.org property, the tags that give it, first wins. Names are
#: compared in lower case (``DC.date`` is ``dc.date``); ``itemprop`` metas
#: outside any item count as tags too.
PRECEDENCE: dict[str, tuple[str, ...]] = {
    "headline": (
        "og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title",
        "dcterms.title", "headline",
    ),
    "datePublished": (
        "article:published_time", "og:article:published_time", "og:published_time",
        "parsely-pub-date", "sailthru.date",
        "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
        "datepublished", "pubdate", "publishdate",
    ),
    "dateModified": (
        "article:modified_time", "og:article:modified_time", "og:updated_time",
        "dcterms.modified", "dc.date.modified", "datemodified",
    ),
    "url": ("og:url", "parsely-link", "twitter:url"),
    "description": (
        "og:description", "description", "twitter:description", "dc.description",
        "dcterms.description",
    ),
    "author": (
        "article:author", "author", "parsely-author", "sailthru.author", "dc.creator",
        "dcterms.creator",
    ),
    "articleSection": ("article:section", "parsely-section"),
    "keywords": ("article:tag", "parsely-tags", "sailthru.tags", "news_keywords", "keywords"),
    "publisher": ("og:site_name",),
    "inLanguage": ("og:locale", "dc.language", "dcterms.language"),
}  # fmt: skip
_SINGLE = ("headline", "datePublished", "dateModified", "url", "description", "articleSection")
_IMAGE_STARTS = ("og:image", "og:image:url")
_OTHER_IMAGES = ("twitter:image", "twitter:image:src", "parsely-image-url", "sailthru.image.full")


class _Tag:
    """One ``<meta>`` tag: its lower-cased name, its content and its path."""

    __slots__ = ("content", "name", "path")

    def __init__(self, name: str, content: str, path: str) -> None:
        self.name, self.content, self.path = name, content, path


def read_tags(tree: Any) -> list[_Tag]:
    """Return the page's ``<meta>`` tags with a name and a content, in page order."""
    found: list[tuple[str, str]] = []
    for meta in tree.iter("meta"):
        name = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if not name or content is None or not content.strip():
            continue
        if meta.get("itemprop") and meta.xpath("ancestor-or-self::*[@itemscope]"):
            continue  # part of a microdata item, read as microdata
        found.append((name.strip().lower(), content))
    counts: dict[str, int] = {}
    for name, _ in found:
        counts[name] = counts.get(name, 0) + 1
    seen: dict[str, int] = {}
    tags = []
    for name, content in found:
        path = join_path(ROOT, name)
        if counts[name] > 1:
            path = join_path(path, seen.get(name, 0))
            seen[name] = seen.get(name, 0) + 1
        tags.append(_Tag(name, content, path))
    return tags


def read_page_meta(
    tree: Any,
    *,
    url: str | None,
    language: str | None,
    default_tz: tzinfo | None,
    dayfirst: bool | None,
    findings: Findings,
) -> Article | None:
    """
    Return the article a page's meta tags describe, or None (reported) if they describe none.

    *url* is the page's canonical link or address, used when no tag gives the
    url; *language* the ``<html lang>``, which comes before ``og:locale``.
    A page whose tags give no publication date, or no title, gives no
    article. Raises `ValidationError` (at the tags' paths) when the tags
    make an invalid article, as the JSON-LD import does: a publication time
    without a zone and no *default_tz*, say.
    """
    tags = read_tags(tree)
    tags += _parsely_page(tags, findings)
    by_name: dict[str, list[_Tag]] = {}
    for tag in tags:
        by_name.setdefault(tag.name, []).append(tag)
    builder = _Builder(by_name, default_tz, dayfirst, findings)
    for name in _SINGLE:
        builder.single(name)
    if "datePublished" not in builder.node or "headline" not in builder.node:
        missing = "publication date" if "datePublished" not in builder.node else "title"
        findings.append(
            Finding(ROOT, "dropped", f"the page's meta tags give no {missing}: built no article")
        )
        return None
    builder.language(language)
    builder.authors()
    builder.keywords()
    builder.publisher()
    builder.images(tags)
    builder.kind()
    if url is not None and "url" in builder.node and builder.node["url"].strip() != url:
        findings.append(
            Finding(
                builder.sources["$.url"],
                "repaired",
                f"the page's canonical link or address is {url!r}; took this tag's url",
            )
        )
    findings.append(Finding(ROOT, "repaired", BUILT_FROM_META))
    return builder.build(url, language)


class _Builder:
    """The schema.org node the tags make, and which tag each of its values came from."""

    def __init__(
        self,
        by_name: dict[str, list[_Tag]],
        default_tz: tzinfo | None,
        dayfirst: bool | None,  # noqa: FBT001 - the import's tri-state, passed on
        findings: Findings,
    ) -> None:
        self.by_name, self.default_tz, self.dayfirst = by_name, default_tz, dayfirst
        self.findings = findings
        self.node: dict[str, Any] = {"@type": "Article"}
        self.sources: dict[str, str] = {"$": ROOT}
        self.alts: dict[str, _Tag] = {}

    def candidates(self, prop: str) -> list[_Tag]:
        return [tag for name in PRECEDENCE[prop] for tag in self.by_name.get(name, ())]

    def single(self, prop: str) -> None:
        found = self.candidates(prop)
        if not found:
            return
        chosen = found[0]
        self.node[prop] = chosen.content
        self.sources[join_path("$", prop)] = chosen.path
        kept = self.same_key(prop, chosen.content)
        reported: set[object] = {kept}
        for other in found[1:]:
            key = self.same_key(prop, other.content)
            if key in reported:
                continue
            reported.add(key)
            self.findings.append(
                Finding(
                    other.path,
                    "dropped",
                    f"the page's tags disagree: {other.name} says "
                    f"{describe(other.content.strip())}, {chosen.name} says "
                    f"{describe(chosen.content.strip())}; kept {chosen.name}'s",
                )
            )

    def same_key(self, prop: str, content: str) -> object:
        """What two tags must share to say the same thing: the instant, the text, the url."""
        scratch: Findings = []
        if prop in ("datePublished", "dateModified"):
            parsed = w.parse_wild_datetime(
                content, ROOT, scratch, self.default_tz, dayfirst=self.dayfirst
            )
            if isinstance(parsed, datetime) and parsed.tzinfo is not None:
                return parsed.timestamp()
            return content.strip()
        if prop == "url":
            return content.strip()
        text = w.clean_text(content, ROOT, scratch)
        return text.casefold() if text else content

    def language(self, html_lang: str | None) -> None:
        found = self.candidates("inLanguage")
        if html_lang is not None:
            if found and _primary(found[0].content) != _primary(html_lang):
                self.findings.append(
                    Finding(
                        found[0].path,
                        "dropped",
                        f"the page's tags disagree: <html lang> says {describe(html_lang)}, "
                        f"{found[0].name} says {describe(found[0].content.strip())}; "
                        "kept <html lang>",
                    )
                )
            return  # the mapping takes the <html lang> as its default
        if found:
            self.node["inLanguage"] = found[0].content
            self.sources["$.inLanguage"] = found[0].path

    def authors(self) -> None:
        chosen: str | None = None
        names: list[str] = []
        for name in PRECEDENCE["author"]:
            for tag in self.by_name.get(name, ()):
                if is_link(tag.content):
                    # Open Graph's article:author is a profile page, not a name.
                    self.findings.append(
                        Finding(
                            tag.path,
                            "dropped",
                            f"expected an author's name, found only the URL "
                            f"{tag.content.strip()!r}; left it out",
                        )
                    )
                    continue
                if chosen is None or chosen == name:
                    chosen = name
                    self.sources[join_path("$.author", len(names))] = tag.path
                    names.append(tag.content)
                elif tag.content.strip().casefold() not in {n.strip().casefold() for n in names}:
                    self.findings.append(
                        Finding(
                            tag.path,
                            "dropped",
                            f"the page's tags disagree: {name} says "
                            f"{describe(tag.content.strip())}; kept the authors {chosen} gives",
                        )
                    )
        if names:
            self.node["author"] = names

    def keywords(self) -> None:
        for name in PRECEDENCE["keywords"]:
            tags = self.by_name.get(name)
            if not tags:
                continue
            if len(tags) == 1:
                # A lone tag is split at its commas, as many pages list all their
                # tags in one article:tag (split_keywords reports it).
                self.node["keywords"] = tags[0].content
                self.sources["$.keywords"] = tags[0].path
            else:
                self.node["keywords"] = [tag.content for tag in tags]
                for index, tag in enumerate(tags):
                    self.sources[join_path("$.keywords", index)] = tag.path
            kept = {_fold(part) for tag in tags for part in tag.content.split(",")}
            for other in PRECEDENCE["keywords"][PRECEDENCE["keywords"].index(name) + 1 :]:
                for tag in self.by_name.get(other, ()):
                    if {_fold(part) for part in tag.content.split(",")} <= kept:
                        continue  # nothing the kept tags do not say
                    self.findings.append(
                        Finding(
                            tag.path,
                            "dropped",
                            f"left out {describe(tag.content.strip())}: the tags come from {name}",
                        )
                    )
            return

    def publisher(self) -> None:
        found = self.candidates("publisher")
        if found:
            self.node["publisher"] = {"@type": "Organization", "name": found[0].content}
            self.sources["$.publisher"] = found[0].path

    def images(self, tags: list[_Tag]) -> None:
        images: list[dict[str, Any]] = []
        where: list[dict[str, str]] = []
        alts: list[tuple[int, _Tag]] = []
        for tag in tags:
            field = _image_field(tag.name)
            if field is None:
                continue
            if field == "url" and (not images or "url" in images[-1]):
                if tag.name == "og:image:secure_url" and images:
                    continue  # the https address of the image before it
                images.append({})
                where.append({})
            if not images:
                continue  # a width before any image: nothing to give it to
            if field == "alt":
                alts.append((len(images) - 1, tag))
            elif field not in images[-1]:
                images[-1][field] = tag.content
                where[-1][field] = tag.path
        if not images:
            for name in _OTHER_IMAGES:
                for tag in self.by_name.get(name, ()):
                    images.append({"url": tag.content})
                    where.append({"url": tag.path})
                if images:
                    break
        for index, tag in alts:
            if "url" in images[index]:
                self.alts.setdefault(images[index]["url"].strip(), tag)
        kept = [
            (image, paths) for image, paths in zip(images, where, strict=True) if "url" in image
        ]
        if not kept:
            return
        self.node["image"] = [image for image, _ in kept]
        for index, (_, paths) in enumerate(kept):
            item = join_path("$.image", index)
            self.sources[item] = paths["url"]
            for field, path in paths.items():
                self.sources[join_path(item, "contentUrl" if field == "url" else field)] = path

    def kind(self) -> None:
        found = self.by_name.get("og:type")
        if found and found[0].content.strip().lower() != "article":
            self.findings.append(
                Finding(
                    found[0].path,
                    "repaired",
                    f"the page calls itself {found[0].content.strip()!r}, not an article; "
                    "built an article from its dated tags",
                )
            )

    def build(self, url: str | None, language: str | None) -> Article:
        # The JSON-LD import reads the node: one reader, one home.
        graph = _import._Graph(self.node)
        result = _import._read_node(
            self.node, "$", graph, url, language, self.default_tz, dayfirst=self.dayfirst
        )
        self.findings.extend(
            Finding(self.repath(f.path), f.code, f.message) for f in result.findings
        )
        if result.article is None:
            raise ValidationError(
                [ErrorDetail(self.repath(e.path), e.code, e.message) for e in result.errors]
            )
        return self.with_alt_texts(result.article)

    def with_alt_texts(self, article: Article) -> Article:
        """Give each image its ``og:image:alt``, which schema.org JSON-LD has no place for."""
        images = []
        for image in article.images:
            alt = self.alts.get(image.url)
            text = w.clean_text(alt.content, alt.path, self.findings) if alt else None
            images.append(attrs.evolve(image, alt_text=text) if text else image)
        if images == list(article.images):
            return article
        return attrs.evolve(article, images=images)

    def repath(self, path: str) -> str:
        """The tag a path in the node stands for: ``$.headline`` → ``$.meta['og:title']``."""
        key = path
        while key not in self.sources:
            # Up one step: "$.image[0].width" → "$.image[0]" → "$.image" → "$".
            cut = max(key.rfind("."), key.rfind("["))
            if cut <= 0:
                return ROOT
            key = key[:cut]
        if key == "$":
            return ROOT + path[1:]
        return self.sources[key]


#: The keys of Parse.ly's older ``parsely-page`` JSON, and the tag each stands for.
_PARSELY_PAGE = {
    "title": "parsely-title",
    "link": "parsely-link",
    "pub_date": "parsely-pub-date",
    "author": "parsely-author",
    "authors": "parsely-author",
    "section": "parsely-section",
    "tags": "parsely-tags",
    "image_url": "parsely-image-url",
}


def _parsely_page(tags: list[_Tag], findings: Findings) -> list[_Tag]:
    """Return the tags a ``parsely-page`` JSON object stands for, after the page's own."""
    found: list[_Tag] = []
    for tag in tags:
        if tag.name != "parsely-page":
            continue
        try:
            value = orjson.loads(tag.content)
        except orjson.JSONDecodeError as error:
            findings.append(
                Finding(tag.path, "dropped", f"expected a JSON object, found invalid JSON: {error}")
            )
            continue
        if not isinstance(value, dict):
            findings.append(
                Finding(tag.path, "dropped", f"expected a JSON object, found {describe(value)}")
            )
            continue
        for key, name in _PARSELY_PAGE.items():
            if key not in value:
                continue
            where = join_path(tag.path, key)
            items = value[key] if isinstance(value[key], list) else [value[key]]
            for index, item in enumerate(items):
                path = join_path(where, index) if isinstance(value[key], list) else where
                if isinstance(item, str) and item.strip():
                    found.append(_Tag(name, item, path))
                elif item not in (None, ""):
                    findings.append(
                        Finding(path, "dropped", f"expected text, found {describe(item)}")
                    )
    return found


def _image_field(name: str) -> str | None:
    if name in _IMAGE_STARTS:
        return "url"
    if name == "og:image:secure_url":
        return "url"  # read when no og:image came before it
    if name in ("og:image:width", "og:image:height", "og:image:alt"):
        return name.rsplit(":", 1)[1]
    return None


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _primary(tag: str) -> str:
    return tag.strip().replace("_", "-").split("-", 1)[0].casefold()
