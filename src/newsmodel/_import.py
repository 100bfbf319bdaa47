"""
Import articles from schema.org JSON-LD as real publishers write it.

`read_articles` reads every article node of a document (a node, an array
of nodes, an ``@graph`` with ``@id`` references, an ``ItemList``), maps its
properties to the canonical wire format, and loads that with the same checks
as `from_dict`; `read_jsonld` (behind `newsmodel.from_jsonld`) returns the
primary one and reports the others.
Every repair and every drop is reported as a `Finding` at its path in the
input; nothing the markup does not carry is invented. When the result cannot
be a valid article, `ValidationError` says what is missing, at the input's
paths where the problem is the input's.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol
from urllib.parse import urljoin

import orjson

from . import _jsonld
from . import _values as v
from . import _wild as w
from ._byline import is_link, split_byline, suffix_field
from ._canonical import from_dict
from ._dates import date_order_problem
from ._errors import ErrorDetail, Finding, ValidationError, describe, join_path
from ._models import ArticleKind
from ._schemaorg import KIND_TYPES, MAPPING, TYPE_TAG_KINDS, Plain, plain_properties

if TYPE_CHECKING:
    from ._models import Article


__all__ = ["NOT_IMPORTED", "NodeResult", "from_jsonld", "read_articles", "read_jsonld"]

Findings = list[Finding]
_MAX_NODES = 10_000
_MAX_DEPTH = 32

#: schema.org types of the Article family, and the kind each maps to: each
#: type the writers emit (`KIND_TYPES`, its most specific type), and the
#: other Article types publishers use, which are read as a plain article.
ARTICLE_TYPES: dict[str, str] = {
    **{types[-1]: kind.value for kind, types in KIND_TYPES.items()},
    **dict.fromkeys(
        (
            "Report",
            "ScholarlyArticle",
            "TechArticle",
            "SocialMediaPosting",
            "DiscussionForumPosting",
        ),
        ArticleKind.ARTICLE.value,
    ),
}
# When a node has several types, the most specific kind wins: a subtype of
# NewsArticle (or another Article type) before NewsArticle, and that before Article.
_GENERAL_KINDS = (ArticleKind.NEWS, ArticleKind.ARTICLE)
_KIND_ORDER = [kind.value for kind in ArticleKind if kind not in _GENERAL_KINDS] + [
    kind.value for kind in _GENERAL_KINDS
]
#: The article's fields that the import of publishers' markup does not read,
#: and why. Our own JSON-LD (`newsmodel._jsonld.is_own_jsonld`) is read
#: exactly, these included; the tests check that the import reads every
#: other field of every class.
NOT_IMPORTED: dict[str, str] = {
    "Article.quotes": (
        "publishers' hasPart holds any part of a work, not quotes in order: reported as unmapped"
    ),
    "Article.related": (
        "publishers' citation, isBasedOn and mentions name any thing, not related "
        "stories: reported as unmapped"
    ),
}
# The article's texts that are read alike (cleaned, one line or several),
# from the table: every plain text of the article but those read by hand
# (the headline falls back to the name; an identifier may be a number).
_TEXTS_BY_HAND = frozenset({"headline", "id"})
_TEXTS = tuple(
    (value.property, value.key, value.one_line)
    for value in plain_properties("Article")
    if value.rule in ("text", "text_line") and value.key not in _TEXTS_BY_HAND
)
_ORGANIZATION_TYPES = frozenset(
    {
        "organization", "newsmediaorganization", "corporation", "ngo", "governmentorganization",
        "educationalorganization", "localbusiness", "onlinebusiness", "mediaorganization",
    }
)  # fmt: skip
_SCHEMA_PREFIX = re.compile(r"^https?://schema\.org/", re.I)
# Nine digits a part at most: a longer number is no reading time (and int()
# refuses more than 4,300 digits).
_DURATION = re.compile(r"^P(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})S)?)$", re.I)


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type", node.get("type"))
    names = value if isinstance(value, list) else [value]
    return [_SCHEMA_PREFIX.sub("", name) for name in names if isinstance(name, str)]


def _kind(node: dict[str, Any]) -> str | None:
    kinds = [ARTICLE_TYPES[name] for name in _types(node) if name in ARTICLE_TYPES]
    if not kinds:
        return None
    return min(kinds, key=_KIND_ORDER.index)


# ------------------------------------------------------------------ parsing


def _parse(data: object) -> Any:
    if isinstance(data, (dict, list)):
        return data
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data).decode("utf-8", "replace")
    if not isinstance(data, str):
        raise ValidationError(
            [
                ErrorDetail(
                    "$",
                    "type",
                    f"expected JSON-LD (a dict, list, str or bytes), found {describe(data)}",
                )
            ]
        )
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        first = str(error)
    # What pages really embed: a comment or CDATA wrapper, raw control
    # characters in strings, a trailing semicolon.
    text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)", "", data)
    text = re.sub(r"(?:-->|//\s*\]\]>|\]\]>)\s*$", "", text).strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        raise ValidationError(
            [ErrorDetail("$", "json", f"expected a JSON-LD document, found invalid JSON: {first}")]
        ) from None


# -------------------------------------------------------------- the graph


class _Graph:
    """The nodes of a document, by ``@id``, and where each one stands."""

    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        self.nodes: list[tuple[dict[str, Any], str]] = []
        #: The article nodes that are not inside another article node, in
        #: document order: the articles the document holds.
        self.articles: list[tuple[dict[str, Any], str]] = []
        #: Whether the document holds more (or deeper) nodes than are read.
        self.truncated = False
        self._collect(document, "$", 0, inside_article=False)

    def _collect(self, value: Any, path: str, depth: int, *, inside_article: bool) -> None:
        if depth > _MAX_DEPTH or len(self.nodes) >= _MAX_NODES:
            self.truncated = self.truncated or isinstance(value, (dict, list))
            return
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    self._collect(
                        item, f"{path}[{index}]", depth + 1, inside_article=inside_article
                    )
        elif isinstance(value, dict):
            self.nodes.append((value, path))
            if not inside_article and _kind(value) is not None:
                self.articles.append((value, path))
                inside_article = True
            node_id = value.get("@id")
            if isinstance(node_id, str) and len(value) > 1 and node_id not in self.by_id:
                self.by_id[node_id] = value
            for key, item in value.items():
                if isinstance(item, (dict, list)) and isinstance(key, str):
                    self._collect(
                        item, join_path(path, key), depth + 1, inside_article=inside_article
                    )

    def resolve(self, value: Any) -> Any:
        """Return the node a bare ``{"@id": …}`` reference names, else *value*."""
        if isinstance(value, dict) and len(value) == 1 and "@id" in value:
            found = self.by_id.get(value["@id"]) if isinstance(value["@id"], str) else None
            if found is not None:
                return found
        return value

    def ranked(self) -> list[tuple[dict[str, Any], str]]:
        """Return the article nodes, the primary one first: the richest of the most news-like."""

        def rank(order: int) -> tuple[int, int, int]:
            node = self.articles[order][0]
            # NewsArticle family first, then richest, then first in the document.
            return (1 if _kind(node) == "article" else 0, -len(node), order)

        if len(self.articles) < 2:
            return list(self.articles)
        first = min(range(len(self.articles)), key=rank)
        return [self.articles[first], *self.articles[:first], *self.articles[first + 1 :]]


# ------------------------------------------------------------------ mapping


def _get(node: dict[Any, Any], name: str, path: str, findings: Findings) -> Any:
    # Microdata with a misspelt itemprop ("datepublished") is read, and reported.
    if name in node:
        return node[name]
    lower = name.lower()
    for key, value in node.items():
        if isinstance(key, str) and key.lower() == lower:
            findings.append(
                Finding(join_path(path, key), "repaired", f"read the property {key!r} as {name!r}")
            )
            return value
    return None


def _first_of(node: dict[Any, Any], names: tuple[str, ...], path: str, findings: Findings) -> Any:
    """
    Return the value of the first of *names* that *node* gives (not empty).

    Each later one of *names* with another value is reported as dropped at its
    path: the model has one place for what they all say.
    """
    chosen: tuple[str, Any] | None = None
    for name in names:
        value = node.get(name)
        if value is None or value in ("", [], {}):
            continue
        if chosen is None:
            chosen = (name, value)
        elif not _same_value(value, chosen[1]):
            findings.append(
                Finding(
                    join_path(path, name),
                    "dropped",
                    f"expected one of {', '.join(names)}, found {describe(value)} besides the "
                    f"{chosen[0]} read; left it out",
                )
            )
    return None if chosen is None else chosen[1]


def _same_value(first: Any, second: Any) -> bool:
    try:
        return bool(first == second)
    except RecursionError:  # two equally deep values: not worth more
        return False


def _url(value: Any, path: str, findings: Findings, base: str | None) -> str | None:
    if isinstance(value, dict):
        # A WebPage node; microdata read by extruct writes its itemid as "id".
        value = _first_of(value, ("@id", "id", "url"), path, findings)
    if isinstance(value, list) and value:
        if any(not _same_value(item, value[0]) for item in value[1:]):
            findings.append(
                Finding(path, "repaired", f"took the first of {len(value)} different URLs")
            )
        value = value[0]
    if not isinstance(value, str) or not value.strip():
        if value is not None:
            findings.append(
                Finding(path, "dropped", f"expected a URL, found {describe(value)}; left it out")
            )
        return None
    text = value.strip()
    if v.is_url(text):
        if text != value:
            findings.append(Finding(path, "repaired", "trimmed the URL"))
        return text
    resolved = ""
    if base is not None and not re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I):
        try:
            joined = urljoin(base, text)
        except ValueError:  # "Invalid IPv6 URL": a host in brackets that is none
            joined = text
        resolved = f"resolved the relative URL {text!r} against {base!r}"
        if v.is_url(joined):
            findings.append(Finding(path, "repaired", resolved))
            return joined
        text = joined
    encoded = v.encode_unsafe(text)
    if encoded != text and v.is_url(encoded):
        encoding = (
            f"percent-encoded what a URL may not hold in {describe(text)}, as a browser "
            f"does: {describe(encoded)}"
        )
        findings.append(
            Finding(path, "repaired", f"{resolved} and {encoding}" if resolved else encoding)
        )
        return encoded
    why = v.url_problem(text)
    findings.append(
        Finding(
            path,
            "dropped",
            f"expected an absolute http(s) URL, found {describe(value)}"
            + (f" ({why})" if why else "")
            + "; left it out",
        )
    )
    return None


def _urls(value: Any, path: str, findings: Findings) -> list[str]:
    items = value if isinstance(value, list) else [value]
    urls: dict[str, None] = {}  # a dict keeps the order, and finds a repeat at once
    for index, item in enumerate(items):
        url = _url(item, f"{path}[{index}]" if isinstance(value, list) else path, findings, None)
        if url is not None:
            urls[url] = None
    return list(urls)


# The plain values of each nested node that its reader below reads with code
# of its own; `_read_rest` reads every other plain value of the table.
_BY_HAND: dict[str, frozenset[str]] = {
    "Image": frozenset({"url", "caption", "creditText", "width", "height", "license"}),
    "Person": frozenset({"name", "url", "sameAs", "jobTitle"}),
    "Organization": frozenset({"name", "url", "sameAs"}),
    "Tag": frozenset({"name", "sameAs"}),
}
_REST: dict[str, tuple[Plain, ...]] = {
    node: tuple(value for value in plain_properties(node) if value.property not in by_hand)
    for node, by_hand in _BY_HAND.items()
}


def _read_value(value: Plain, raw: Any, where: str, findings: Findings) -> Any:
    """Read one plain value of publishers' markup by its rule; None, reported, if it cannot be."""
    if value.sequence:
        if value.rule == "url":
            return _urls(raw, where, findings)
        one = value._replace(sequence=False)
        if not isinstance(raw, list):  # one value where an array belongs: read as one
            found = _read_value(one, raw, where, findings)
            return None if found is None else [found]
        values = [
            _read_value(one, item, join_path(where, index), findings)
            for index, item in enumerate(raw)
        ]
        return [item for item in values if item is not None]
    if value.rule in ("text", "text_line"):
        return w.clean_text(raw, where, findings, one_line=value.one_line)
    if value.rule == "url":
        return _url(raw, where, findings, None)
    report: list[ErrorDetail] = []
    value.check(raw, where, "", report)
    if report:
        findings.append(Finding(where, "dropped", f"{report[0].message}; left it out"))
        return None
    return raw


def _read_rest(
    node: str, item: dict[str, Any], out: dict[str, Any], path: str, findings: Findings
) -> None:
    """Read into *out* the plain values of the *node* node *item* that its reader leaves."""
    for value in _REST[node]:
        raw = item.get(value.property)
        if raw is None:
            continue
        found = _read_value(value, raw, join_path(path, value.property), findings)
        if found is not None and found not in ("", []):
            out[value.key] = found


def _image(value: Any, path: str, findings: Findings, graph: _Graph) -> dict[str, Any] | None:
    value = graph.resolve(value)
    if isinstance(value, str):
        url = _url(value, path, findings, None)
        return None if url is None else {"url": url}
    if not isinstance(value, dict):
        if value is not None:
            findings.append(
                Finding(path, "dropped", f"expected an image, found {describe(value)}; left it out")
            )
        return None
    url_value = _first_of(value, ("contentUrl", "url"), path, findings)
    url = _url(
        url_value,
        join_path(path, "contentUrl" if value.get("contentUrl") else "url"),
        findings,
        None,
    )
    if url is None:
        if url_value is None:
            findings.append(
                Finding(path, "dropped", "expected an image with a url or contentUrl; left it out")
            )
        return None
    image: dict[str, Any] = {"url": url}
    caption = value.get("caption")
    if isinstance(caption, dict):
        caption = _first_of(caption, ("text", "name"), join_path(path, "caption"), findings)
        if caption is None:
            _drop_empty_entity(join_path(path, "caption"), "caption", findings)
    text = (
        w.clean_text(caption, join_path(path, "caption"), findings, one_line=False)
        if caption
        else None
    )
    if text:
        image["caption"] = text
    credit = value.get("creditText")
    if credit is None:
        holder = graph.resolve(
            value.get("creator") or value.get("copyrightHolder") or value.get("author")
        )
        credit = holder.get("name") if isinstance(holder, dict) else holder
    text = w.clean_text(credit, join_path(path, "creditText"), findings) if credit else None
    if text:
        image["credit"] = text
    for name in ("width", "height"):
        size = w.parse_pixels(value.get(name), join_path(path, name), findings)
        if size is not None:
            image[name] = size
    license_url = (
        _url(value.get("license"), join_path(path, "license"), findings, None)
        if value.get("license")
        else None
    )
    if license_url:
        image["license_url"] = license_url
    _read_rest("Image", value, image, path, findings)
    return image


def _organization(
    value: Any, path: str, findings: Findings, graph: _Graph
) -> dict[str, Any] | None:
    value = graph.resolve(value)
    if isinstance(value, list):
        if not value:
            return None
        if len(value) > 1:
            findings.append(
                Finding(path, "dropped", f"kept the first of {len(value)} organizations")
            )
        value = graph.resolve(value[0])
        path = f"{path}[0]"
    if isinstance(value, str):
        name = w.clean_text(value, path, findings)
        return None if name is None else {"type": "organization", "name": name}
    if not isinstance(value, dict):
        if value is not None:
            findings.append(
                Finding(
                    path,
                    "dropped",
                    f"expected an organization, found {describe(value)}; left it out",
                )
            )
        return None
    name = w.clean_text(
        _first_of(value, ("name", "legalName"), path, findings), join_path(path, "name"), findings
    )
    if name is None:
        return None
    org: dict[str, Any] = {"type": "organization", "name": name}
    url = (
        _url(value.get("url"), join_path(path, "url"), findings, None) if value.get("url") else None
    )
    if url:
        org["url"] = url
    if value.get("sameAs"):
        same_as = _urls(value["sameAs"], join_path(path, "sameAs"), findings)
        if same_as:
            org["same_as"] = same_as
    if value.get("logo"):
        logo = _image(value["logo"], join_path(path, "logo"), findings, graph)
        if logo:
            org["logo"] = logo
    _read_rest("Organization", value, org, path, findings)
    return org


def _authors(value: Any, path: str, findings: Findings, graph: _Graph) -> list[dict[str, Any]]:
    value = graph.resolve(value)
    items = value if isinstance(value, list) else [value]
    authors: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        item_path = f"{path}[{index}]" if isinstance(value, list) else path
        authors.extend(_author(graph.resolve(item), item_path, findings, graph))
    unique: list[dict[str, Any]] = []
    seen: set[bytes] = set()
    for author in authors:
        # The author's canonical JSON: a set makes this linear in the authors.
        key = orjson.dumps(author, option=orjson.OPT_SORT_KEYS)
        if key not in seen:
            seen.add(key)
            unique.append(author)
        else:
            findings.append(Finding(path, "dropped", f"left out {author['name']!r}, listed twice"))
    return unique


def _author(value: Any, path: str, findings: Findings, graph: _Graph) -> list[dict[str, Any]]:
    if value is None or value in ("", []):
        return []
    if isinstance(value, str):
        if is_link(value):
            findings.append(
                Finding(
                    path,
                    "dropped",
                    f"expected an author's name, found only the URL {value!r}; left it out",
                )
            )
            return []
        return _people_from_byline(value, path, findings, {})
    if not isinstance(value, dict):
        findings.append(
            Finding(path, "dropped", f"expected an author, found {describe(value)}; left it out")
        )
        return []
    types = [name.lower() for name in _types(value)]
    if any(name in _ORGANIZATION_TYPES for name in types) and "person" not in types:
        org = _organization(value, path, findings, graph)
        return [] if org is None else [org]
    if not types:
        findings.append(Finding(path, "repaired", "read an author without @type as a person"))
    elif types[0] != "person":
        if "person" in types:
            pass
        elif types[0] not in _ORGANIZATION_TYPES:
            findings.append(
                Finding(path, "repaired", f"read the author of type {types[0]!r} as a person")
            )
    if any(name != "Person" and name.lower() == "person" for name in _types(value)):
        findings.append(Finding(path, "repaired", "read the type 'person' as 'Person'"))
    extra: dict[str, Any] = {}
    url = (
        _url(value.get("url"), join_path(path, "url"), findings, None) if value.get("url") else None
    )
    if url:
        extra["url"] = url
    if value.get("sameAs"):
        same_as = _urls(value["sameAs"], join_path(path, "sameAs"), findings)
        if same_as:
            extra["same_as"] = same_as
    job_title = _job_title(value.get("jobTitle"), join_path(path, "jobTitle"), findings)
    if job_title:
        extra["job_title"] = job_title
    affiliation = _first_of(value, ("affiliation", "worksFor"), path, findings)
    if affiliation:
        org = _organization(affiliation, join_path(path, "affiliation"), findings, graph)
        if org:
            extra["affiliation"] = org
    if value.get("image"):
        image = _image(value["image"], join_path(path, "image"), findings, graph)
        if image:
            extra["image"] = image
    _read_rest("Person", value, extra, path, findings)
    name = value.get("name")
    if not isinstance(name, str):
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) and isinstance(family, str):
            name = f"{given} {family}"
    if not isinstance(name, str) or not name.strip():
        findings.append(Finding(path, "dropped", "expected an author with a name; left it out"))
        return []
    return _people_from_byline(name, join_path(path, "name"), findings, extra)


def _job_title(job: Any, path: str, findings: Findings) -> str | None:
    if isinstance(job, dict):
        job = job.get("name")
        if job is None:
            _drop_empty_entity(path, "job title", findings)
    return w.clean_text(job, path, findings) if job else None


def _people_from_byline(
    text: str, path: str, findings: Findings, extra: dict[str, Any]
) -> list[dict[str, Any]]:
    cleaned = w.clean_text(text, path, findings)
    if cleaned is None:
        return []
    people = split_byline(cleaned, path, findings)
    result = []
    if len(people) > 1 and extra:
        findings.append(
            Finding(
                path.removesuffix(".name"),
                "dropped",
                f"the byline names {len(people)} people, so the author's "
                f"{', '.join(sorted(extra))} fit none of them; left out",
            )
        )
    for name, suffix in people:
        person: dict[str, Any] = {"type": "person", "name": name}
        if len(people) == 1:
            person.update(extra)
        if suffix and "job_title" not in person and "affiliation" not in person:
            if suffix_field(suffix) == "job_title":
                person["job_title"] = suffix
            else:
                person["affiliation"] = {"type": "organization", "name": suffix}
        result.append(person)
    return result


def _drop_empty_entity(path: str, what: str, findings: Findings) -> None:
    findings.append(
        Finding(path, "dropped", f"expected a {what} with a text or name, found none; left it out")
    )


def _body(
    value: Any,
    path: str,
    findings: Findings,
    images: list[dict[str, Any]],
    base_url: str | None,
    *,
    html: bool = True,
) -> tuple[list[Any], list[dict[str, Any]]]:
    """
    Read ``articleBody``: its blocks, and the article's images after its figures.

    The images are *images*, completed by what figures say of them, then
    those the figures add (`newsmodel._body_import.read_html_body`).

    A text that holds HTML (`newsmodel._body_import.holds_html`) is read as
    HTML, its structure kept (`newsmodel._body_import.read_html_body`); a
    plain text is cut into paragraphs at blank lines (at line breaks when it
    has no blank line). A list gives each of its texts in turn. With *html*
    False (a microdata value: text the page's parser read), no text is HTML
    (nor are its character references decoded again: `_read_node` reads a
    microdata item within `newsmodel._wild.parsed_text`).
    """
    texts: list[tuple[str, str]] = []
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                texts.append((item, join_path(path, index)))
            else:
                findings.append(
                    Finding(
                        join_path(path, index),
                        "dropped",
                        f"expected a paragraph of text, found {describe(item)}; left it out",
                    )
                )
    elif isinstance(value, str):
        texts.append((value, path))
    elif value is not None:
        findings.append(
            Finding(
                path,
                "dropped",
                f"expected the article body as text, found {describe(value)}; left it out",
            )
        )
    from ._body_import import holds_html, read_html_body  # noqa: PLC0415

    is_html = [html and holds_html(text) for text, _ in texts]
    if not any(is_html):
        plain = "\n\n".join(text for text, _ in texts)
        return _plain_paragraphs(plain, path, findings), images
    blocks: list[Any] = []
    for (text, where), holds in zip(texts, is_html, strict=True):
        if not holds:
            blocks += _plain_paragraphs(text, where, findings)
            continue
        findings.append(
            Finding(where, "repaired", "read the text as HTML (it holds HTML elements)")
        )
        read, images = read_html_body(text, where, findings, images=images, base_url=base_url)
        blocks += read
    return blocks, images


def _plain_paragraphs(text: str, path: str, findings: Findings) -> list[str]:
    chunks = (
        re.split(r"\n\s*\n", text)
        if "\n\n" in text.replace("\r\n", "\n") or "\n" not in text
        else text.split("\n")
    )
    paragraphs = []
    repairs: dict[Finding, None] = {}  # one finding per kind of repair, not one per paragraph
    for chunk in chunks:
        found: Findings = []
        paragraph = w.clean_text(chunk, path, found, one_line=True, layout=False)
        repairs.update(dict.fromkeys(found))
        if paragraph:
            paragraphs.append(paragraph)
    findings.extend(repairs)
    return paragraphs


def _minutes(value: Any, path: str, findings: Findings) -> int | None:
    if value is None:
        return None
    match = _DURATION.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        findings.append(
            Finding(
                path,
                "dropped",
                f"expected an ISO 8601 duration, found {describe(value)}; left it out",
            )
        )
        return None
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    total = hours * 60 + minutes + (1 if seconds >= 30 else 0)
    return total if total >= 1 else None


def _tags(
    node: dict[str, Any], path: str, findings: Findings, graph: _Graph
) -> list[dict[str, Any]]:
    tags: list[dict[str, Any]] = []
    by_name: dict[str, dict[str, Any]] = {}
    about = node.get("about")
    items = about if isinstance(about, list) else [] if about is None else [about]
    entities = [graph.resolve(raw) for raw in items]
    keywords = _get(node, "keywords", path, findings)
    if isinstance(keywords, str) and keywords.strip().casefold() in _entity_names(entities):
        keywords = [keywords]  # the page names it as one entity: no list to split
    if keywords is not None:
        for keyword in w.split_keywords(keywords, join_path(path, "keywords"), findings):
            if keyword.casefold() not in by_name:
                by_name[keyword.casefold()] = {"name": keyword}
                tags.append(by_name[keyword.casefold()])
    for index, item in enumerate(entities):
        where = join_path(path, "about")
        where = join_path(where, index) if isinstance(about, list) else where
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            findings.append(
                Finding(
                    where,
                    "dropped",
                    f"expected an entity with a name, found {describe(item)}; left it out",
                )
            )
            continue
        name = w.clean_text(item["name"], join_path(join_path(path, "about"), index), findings)
        if name is None:
            continue
        tag: dict[str, Any] = {"name": name}
        kind = _TAG_KINDS.get((_types(item) or [""])[0])
        if kind:
            tag["kind"] = kind
        same_as = (
            _urls(item.get("sameAs"), join_path(path, "about"), findings)
            if item.get("sameAs")
            else []
        )
        if same_as:
            tag["same_as"] = same_as
        _read_rest("Tag", item, tag, where, findings)
        known = by_name.get(name.casefold())
        if known is None:
            by_name[name.casefold()] = tag
            tags.append(tag)
        elif not _merge_tag(known, tag):
            findings.append(
                Finding(
                    where,
                    "dropped",
                    f"expected one entity named {name!r}, found a second one that differs "
                    f"from the tag already read ({_tag_text(known)}); left it out",
                )
            )
    return tags


def _entity_names(entities: list[Any]) -> set[str]:
    return {
        item["name"].strip().casefold()
        for item in entities
        if isinstance(item, dict) and isinstance(item.get("name"), str)
    }


def _merge_tag(known: dict[str, Any], tag: dict[str, Any]) -> bool:
    """Give *known* (a keyword, or an entity of that name) what *tag* adds; False if they clash."""
    if "kind" in tag and known.get("kind", tag["kind"]) != tag["kind"]:
        return False
    if "same_as" in tag and known.get("same_as", tag["same_as"]) != tag["same_as"]:
        return False
    known.update((key, value) for key, value in tag.items() if key != "name")
    return True


def _tag_text(tag: dict[str, Any]) -> str:
    return ", ".join(f"{key} {value!r}" for key, value in tag.items())


# The about node types read as a tag kind: those the writers emit (a
# DefinedTerm is a topic, the default) and their subtypes publishers use.
_TAG_KINDS = {
    **{name: kind.value for name, kind in TYPE_TAG_KINDS.items() if kind.value != "topic"},
    "NewsMediaOrganization": "organization",
    "Country": "place",
    "City": "place",
    "AdministrativeArea": "place",
}


def _language(value: Any, path: str, findings: Findings) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if value is None:
        return None
    if not isinstance(value, str):
        findings.append(
            Finding(
                path,
                "dropped",
                f"expected a BCP 47 language tag, found {describe(value)}; left it out",
            )
        )
        return None
    tag = value.strip().replace("_", "-")
    canonical = v.canonical_language(tag)
    if canonical is None:
        findings.append(
            Finding(
                path,
                "dropped",
                f"expected a BCP 47 language tag, found {describe(value)}; left it out",
            )
        )
        return None
    if canonical != value:
        findings.append(
            Finding(path, "repaired", f"wrote the language tag {value!r} as {canonical!r}")
        )
    return canonical


def from_jsonld(
    data: object,
    *,
    url: str | None = None,
    language: str | None = None,
    default_tz: tzinfo | str | None = None,
    dayfirst: bool | None = None,
    findings: list[Finding] | None = None,
) -> Article:
    """
    Make an `Article` from schema.org JSON-LD, as real publishers write it.

    *data* may be a dict, a list of nodes, or JSON text (str or bytes); an
    ``@graph`` document with ``@id`` references works too. The article node
    is found among the others (the NewsArticle family first), references are
    followed, and what is safe to repair is repaired: HTML entities and stray
    whitespace in texts, "By " and job titles in author names, several names
    in one, comma-separated keywords, "False" strings, dates in the many
    formats pages use. A value that cannot be mapped is dropped; only a
    required value (url, headline, language, datePublished) can stop the
    import. Every repair and drop is appended to *findings*, at its path in
    *data*, and so is each property of the article node the model has no
    place for (``unmapped``) and each other article node of the document
    (``other_article``: this returns one; `newsmodel.extract` reads every
    one). Nothing is invented: a value the markup does not carry stays absent.

    Args:
        data: The JSON-LD document.
        url: The article's url when the markup gives none (e.g. the page's
            address); relative URLs in the markup resolve against it.
        language: The language when the markup names none; without either,
            the language is ``und`` (BCP 47's "undetermined"), reported.
        default_tz: The zone (an IANA name or a `tzinfo`) for dates given
            without one. Without it such a date is an error, not a guess.
        dayfirst: The order of day and month in all-numeric dates: True
            for ``02.01.2024`` as 2 January, False for 1 February. Without
            it a date that reads both ways is an error (``datePublished``)
            or dropped, reported (``dateModified``).
        findings: A list to append every repair and drop to.

    Raises:
        ValidationError: When there is no article node, or it cannot make a
            valid `Article` (no headline, say): every problem, at its path.
        ValueError: For a *default_tz* that is neither a zone name the time
            zone database holds nor a `tzinfo`.
        TypeError: For a *dayfirst* that is not True, False or None.
    """
    from ._dates import resolve_dayfirst, resolve_zone  # noqa: PLC0415 - shared

    return read_jsonld(
        data,
        url=url,
        language=language,
        default_tz=resolve_zone(default_tz),
        dayfirst=resolve_dayfirst(dayfirst),
        findings=findings if findings is not None else [],
    )


def read_jsonld(
    data: object,
    *,
    url: str | None = None,
    language: str | None = None,
    default_tz: tzinfo | None = None,
    dayfirst: bool | None = None,
    findings: Findings,
) -> Article:
    """
    Map the primary article in JSON-LD *data* to an `Article`; see `newsmodel.from_jsonld`.

    Every other article node of the document is reported as an
    ``other_article`` finding at its path.
    """
    document = _parse(data)
    own = _own_article(document)
    if own is not None:
        return own
    graph = _Graph(document)
    nodes = graph.ranked()
    if not nodes:
        raise ValidationError(
            [
                ErrorDetail(
                    "$",
                    "missing",
                    "expected a node of an Article type (NewsArticle, Article, BlogPosting, …), "
                    f"found {len(graph.nodes)} node(s) of other types",
                )
            ]
        )
    result = _read_node(
        nodes[0][0], nodes[0][1], graph, url, language, default_tz, dayfirst=dayfirst
    )
    findings.extend(result.findings)
    findings.extend(
        Finding(
            path,
            OTHER_ARTICLE,
            f"from_jsonld returns one article, the one at {nodes[0][1]}; "
            "this article node was not read (newsmodel.extract reads every one)",
        )
        for _, path in nodes[1:]
    )
    _note_truncated(graph, findings)
    if result.article is None:
        raise ValidationError(result.errors)
    return result.article


#: The finding code for an article node `from_jsonld` did not read (it returns one).
OTHER_ARTICLE = "other_article"
#: The finding code for a property of an article node the model has no place for.
UNMAPPED = "unmapped"


class NodeResult(NamedTuple):
    """What became of one article node: the article, or the problems that stopped it."""

    #: The node's JSONPath in the document.
    path: str
    #: The article, or None when the node makes no valid article.
    article: Article | None
    #: Why there is no article (empty when there is one).
    errors: list[ErrorDetail]
    #: Every repair and drop made while reading the node.
    findings: list[Finding]


def read_articles(
    data: object,
    *,
    url: str | None = None,
    language: str | None = None,
    default_tz: tzinfo | None = None,
    dayfirst: bool | None = None,
    microdata: bool = False,
) -> list[NodeResult]:
    """
    Read every article node of JSON-LD *data*: one `NodeResult` per node.

    The article nodes are the nodes of an Article type that are not inside
    another article node: the document itself, the items of an array or an
    ``@graph``, the items of an ``ItemList``, the ``mainEntity`` of a WebPage.
    The primary node (the one `read_jsonld` returns) comes first, then the
    others in document order. A document without article nodes gives [].
    *microdata* says that *data* is a page's microdata item (as extruct gives
    it): its ``articleBody`` is text the page's HTML parser has read, never
    HTML to read again.

    Raises:
        ValidationError: When *data* is not a JSON-LD document at all.
    """
    document = _parse(data)
    own = _own_article(document)
    if own is not None:
        return [NodeResult("$", own, [], [])]
    graph = _Graph(document)
    results = [
        _read_node(
            node, path, graph, url, language, default_tz, dayfirst=dayfirst, microdata=microdata
        )
        for node, path in graph.ranked()
    ]
    if results:
        _note_truncated(graph, results[0].findings)
    return results


def read_as_markup(article: Article, *, microdata: bool = False) -> Article | None:
    """
    Return *article* as this import reads it from any publisher's markup.

    `to_jsonld` of the article, read not as our own output (exactly) but as
    markup is read: texts cleaned, what the mapping has no place for left
    out. What microdata of the same article gives is this, not the article,
    read with *microdata* True (its ``articleBody`` is text, not HTML).
    """
    document = _jsonld.to_jsonld(article)
    graph = _Graph(document)
    node = _read_node(document, "$", graph, None, None, None, dayfirst=None, microdata=microdata)
    return node.article


def _own_article(document: Any) -> Article | None:
    # What to_jsonld writes reads back exactly, quotes and related stories
    # included; anything not quite that form is read as any publisher's markup.
    if not _jsonld.is_own_jsonld(document):
        return None
    try:
        return _jsonld.read_own_jsonld(document)
    except (ValidationError, RecursionError):
        return None


def _note_truncated(graph: _Graph, findings: Findings) -> None:
    if graph.truncated:
        findings.append(
            Finding(
                "$",
                "dropped",
                f"read the first {_MAX_NODES:,} nodes, {_MAX_DEPTH} levels deep; "
                "left out the rest of the document",
            )
        )


def _read_node(
    node: dict[str, Any],
    path: str,
    graph: _Graph,
    url: str | None,
    language: str | None,
    default_tz: tzinfo | None,
    *,
    dayfirst: bool | None,
    microdata: bool = False,
) -> NodeResult:
    # A microdata item's texts are what the page's parser read (`_wild.parsed_text`).
    with w.parsed_text(parsed=microdata):
        findings: Findings = []
        mapping = _Mapping(node, path, graph, findings)
        mapping.html_body = not microdata
        mapping.identity(url)
        mapping.texts()
        mapping.language(language)
        mapping.dates(default_tz, dayfirst=dayfirst)
        mapping.people()
        mapping.media()
        mapping.unmapped()
        try:
            article = _load(mapping)
        except ValidationError as error:
            return NodeResult(path, None, error.errors, findings)
        return NodeResult(path, article, [], findings)


class _Mapping:
    """One article node on its way to the wire format, with where each value came from."""

    def __init__(self, node: dict[str, Any], path: str, graph: _Graph, findings: Findings) -> None:
        self.node, self.path, self.graph, self.findings = node, path, graph, findings
        self.wire: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        #: Values that could not be read: (wire key, problem). A problem of
        #: a required value stops the import; of an optional one, drops it.
        self.problems: list[tuple[str, ErrorDetail]] = []
        self.kind = _kind(node)
        self.headline_from_name = False
        self.authors_from_creator = False
        self.page_url: str | None = None  # the address of the page the node is on
        self.html_body = True  # False: articleBody is text a parser read (microdata)

    def at(self, name: str) -> str:
        return join_path(self.path, name)

    def get(self, name: str) -> Any:
        return _get(self.node, name, self.path, self.findings)

    def put(self, key: str, value: Any, source: str) -> None:
        if value is not None and value not in ([], ""):
            self.wire[key] = value
            self.sources[key] = source

    def note(self, where: str, code: str, message: str) -> None:
        self.findings.append(Finding(where, code, message))

    def identity(self, url: str | None) -> None:
        self.page_url = url
        if self.kind != "news":
            self.put("kind", self.kind, self.at("@type"))
        # The url: the node's own, else the page it is the main entity of, else
        # its @id when that is a URL, else the caller's.
        for name in ("url", "mainEntityOfPage", "@id", "id"):
            raw = self.graph.resolve(self.node.get(name))
            found = None if raw is None else _url(raw, self.at(name), self.findings, url)
            if found:
                self.put("url", found, self.at(name))
                break
        self.other_page(url)
        if "url" not in self.wire and url is not None:
            self.note(self.path, "repaired", f"took the url {url!r} given with the markup")
            self.put("url", url, self.path)
        identifier = self.node.get("identifier")
        where = self.at("identifier")
        # An integer of more than 64 bits identifies nothing (and str() of one
        # of 4,300 digits raises).
        if isinstance(identifier, str) or (
            isinstance(identifier, int)
            and not isinstance(identifier, bool)
            and identifier.bit_length() <= 64
        ):
            self.put("id", w.clean_text(str(identifier), where, self.findings), where)
        elif identifier is not None:
            self.note(
                where,
                "dropped",
                f"expected an identifier (text or a whole number), found {describe(identifier)}; "
                "left it out",
            )

    def other_page(self, base: str | None) -> None:
        """Report a ``mainEntityOfPage`` that names another page than the url read."""
        if self.sources.get("url") != self.at("url"):
            return
        raw = self.graph.resolve(self.node.get("mainEntityOfPage"))
        if raw is None or isinstance(raw, bool):
            return  # true: "this page", which the url says
        where = self.at("mainEntityOfPage")
        page = _url(raw, where, [], base)
        if page is not None and page != self.wire["url"]:
            self.note(
                where,
                "dropped",
                f"expected the page of the url {self.wire['url']!r}, found {page!r}; left it out",
            )

    def texts(self) -> None:
        headline, source = self.get("headline"), "headline"
        if headline is None and self.node.get("name") is not None:
            headline, source = self.node["name"], "name"
            self.note(self.at("name"), "repaired", "took the headline from the name")
            self.headline_from_name = True
        if headline is not None:
            where = self.at(source)
            self.put("headline", w.clean_text(headline, where, self.findings), where)
        for name, key, one_line in _TEXTS:
            raw = self.get(name)
            if raw is None:
                continue
            where = self.at(name)
            self.put(key, w.clean_text(raw, where, self.findings, one_line=one_line), where)
        if "dateline" in self.wire and not ArticleKind(self.kind or "news").is_news:
            self.note(
                self.at("dateline"),
                "dropped",
                "schema.org has dateline on news kinds only; left it out",
            )
            del self.wire["dateline"]

    def language(self, default: str | None) -> None:
        where = self.at("inLanguage")
        found = _language(self.get("inLanguage"), where, self.findings)
        if found is None and default is not None:
            found = default
            self.note(self.path, "repaired", f"took the language {default!r} given with the markup")
        if found is None:
            found = "und"
            self.note(
                self.path,
                "repaired",
                "the markup names no language: wrote 'und' (undetermined, BCP 47)",
            )
        self.put("language", found, where)

    def dates(self, default_tz: tzinfo | None, *, dayfirst: bool | None = None) -> None:
        for name, key in (("datePublished", "date_published"), ("dateModified", "date_modified")):
            raw = self.get(name)
            if raw is None:
                continue
            where = self.at(name)
            parsed = w.parse_wild_datetime(
                raw,
                where,
                self.findings,
                default_tz,
                dayfirst=dayfirst,
                required=key == "date_published",
            )
            if isinstance(parsed, ValueError):  # a DateParseError, to raise
                self.problems.append((key, ErrorDetail(where, parsed.code, parsed.message)))
            elif parsed is not None:
                self.put(key, parsed.isoformat(), where)
        published, modified = self.wire.get("date_published"), self.wire.get("date_modified")
        if published and modified:
            # The model's rule (newsmodel._dates.date_order_problem): a
            # modified date that breaks it is dropped, not the article.
            problem = date_order_problem(
                datetime.fromisoformat(published), datetime.fromisoformat(modified)
            )
            if problem is not None:
                self.note(self.sources["date_modified"], "dropped", f"{problem}; left it out")
                del self.wire["date_modified"]

    def people(self) -> None:
        authors = self.get("author")
        if authors is None and self.node.get("creator") is not None:
            authors = self.node["creator"]
            self.note(self.at("creator"), "repaired", "took the authors from creator")
            self.authors_from_creator = True
        if authors is not None:
            where = self.at("author")
            self.put("authors", _authors(authors, where, self.findings, self.graph), where)
        publisher = self.node.get("publisher")
        if publisher is not None:
            where = self.at("publisher")
            self.put("publisher", _organization(publisher, where, self.findings, self.graph), where)

    def media(self) -> None:
        self.put(
            "tags", _tags(self.node, self.path, self.findings, self.graph), self.at("keywords")
        )
        value = self.graph.resolve(self.node.get("image"))
        if value is not None:
            items = value if isinstance(value, list) else [value]
            images: list[dict[str, Any]] = []
            seen: set[str] = set()
            for index, item in enumerate(items):
                where = (
                    f"{self.at('image')}[{index}]" if isinstance(value, list) else self.at("image")
                )
                image = _image(item, where, self.findings, self.graph)
                if image is None:
                    continue
                if image["url"] in seen:
                    self.note(
                        where, "dropped", f"left out the image {image['url']!r}, listed twice"
                    )
                    continue
                seen.add(image["url"])
                images.append(image)
            self.put("images", images, self.at("image"))
        body = self.get("articleBody")
        if body is not None:
            where = self.at("articleBody")
            known = self.wire.get("images", [])
            base = self.page_url or self.wire.get("url")
            blocks, images = _body(body, where, self.findings, known, base, html=self.html_body)
            self.put("body", blocks, where)
            if images != known:
                self.put("images", images, self.sources.get("images", where))
        where = self.at("timeRequired")
        self.put(
            "reading_time_minutes",
            _minutes(self.node.get("timeRequired"), where, self.findings),
            where,
        )
        free = self.node.get("isAccessibleForFree")
        if free is not None:
            where = self.at("isAccessibleForFree")
            self.put("is_accessible_for_free", w.parse_boolean(free, where, self.findings), where)

    def unmapped(self) -> None:
        """Report each property of the node that the article does not carry."""
        items: Any = self.node.items()  # a dict given in Python may have other keys
        for key, value in items:
            if not isinstance(key, str) or key[:1] == "@" or key in _KEYWORDS:
                continue
            if key.lower() in _MAPPED:
                continue
            if self.carries(key, value):
                continue
            self.note(
                self.at(key),
                UNMAPPED,
                f"the property {key!r} has no place in the article model; left it out",
            )

    def carries(self, key: str, value: Any) -> bool:
        """Whether the value of *key*, an alternative to a mapped property, is carried."""
        if key == "name":
            if self.headline_from_name:
                return True
            return w.clean_text(value, self.path, []) == self.wire.get("headline")
        if key == "creator":
            if self.authors_from_creator:
                return True
            try:
                return bool(value == self.node.get("author"))
            except RecursionError:  # two equally deep values: not worth more
                return False
        if key == "thumbnailUrl":
            urls = {image["url"] for image in self.wire.get("images", [])}
            items = value if isinstance(value, list) else [value]
            return all(isinstance(item, str) and item.strip() in urls for item in items)
        return False


# JSON-LD keywords, and the keys extruct gives microdata's itemtype and itemid.
_KEYWORDS = frozenset({"type", "id"})
# The properties the mapping reads (compared ignoring case, as `_get` reads
# them): the article's properties in the table, but those of the fields it
# does not import.
_MAPPED = frozenset(
    row.property.lower()
    for row in MAPPING
    if row.node == "Article"
    and row.property[0] != "@"
    and row.field.partition(" ")[0] not in NOT_IMPORTED
)


_WIRE_NAMES = {
    "url": "url",
    "headline": "headline",
    "language": "inLanguage",
    "date_published": "datePublished",
}


def _required(classes: tuple[type, ...]) -> frozenset[str]:
    from ._rules import field_rules  # noqa: PLC0415 - only the import pays

    return frozenset(rule.key for cls in classes for rule in field_rules(cls) if rule.required)


@functools.cache
def _required_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The article's required wire keys, and those of every nested object (and "type")."""
    from ._models import Article, Image, Organization, Person, Quote, RelatedStory, Tag  # noqa: PLC0415

    nested = (Person, Organization, Image, Tag, Quote, RelatedStory)
    return _required((Article,)), _required(nested) | {"type"}


# Drops of optional parts before an import gives up: each round drops at least one.
_MAX_ROUNDS = 20
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]")


class Mapped(Protocol):
    """A node mapped to the wire format, with where each value came from (`_load` reads it)."""

    wire: dict[str, Any]
    sources: dict[str, str]
    problems: list[tuple[str, ErrorDetail]]
    findings: Findings
    path: str


def _load(mapping: Mapped) -> Article:
    """
    Load the mapped payload; an optional value that cannot be loaded is dropped, reported.

    Only a required value (url, headline, language, date_published) can stop
    the import. Each problem of an optional value drops the smallest optional
    part that holds it (a field of an author, an image, the date modified)
    with a ``dropped`` finding, and the rest loads again.
    """
    required, _ = _required_keys()
    wire, findings = mapping.wire, mapping.findings
    fatal = []
    for key, problem in mapping.problems:
        if key in required:
            fatal.append(problem)
        else:
            findings.append(Finding(problem.path, "dropped", f"{problem.message}; left it out"))
    # Where each item of a wire list came from, as items are dropped.
    positions = {
        key: list(range(len(value))) for key, value in wire.items() if isinstance(value, list)
    }
    errors: list[ErrorDetail] = []
    for _ in range(_MAX_ROUNDS):
        try:
            article = from_dict(wire)
        except ValidationError as error:
            details = error.errors
        else:
            if not fatal:
                return article
            errors = []
            break
        located = [
            (detail, _at_source(detail, mapping.sources, mapping.path, positions))
            for detail in details
        ]
        if fatal or any(_key(detail) in required or _key(detail) is None for detail in details):
            errors = [moved for _, moved in located]
            break
        errors = [moved for _, moved in located]
        findings.extend(Finding(e.path, "dropped", f"{e.message}; left it out") for e in errors)
        _drop_parts([detail for detail, _ in located], wire, positions)
    # (Past _MAX_ROUNDS, the last round's problems, already reported as drops, stop it.)
    known = {(e.path, e.code) for e in errors}
    for problem in fatal:
        errors = [e for e in errors if not (e.code == "missing" and e.path == problem.path)]
        if (problem.path, problem.code) not in known:
            errors.insert(0, problem)
    raise ValidationError(errors)


def _key(detail: ErrorDetail) -> str | None:
    match = _STEP.match(detail.path, 1)
    return match.group(1) if match and detail.path.startswith("$") else None


def _drop_parts(
    details: list[ErrorDetail], wire: dict[str, Any], positions: dict[str, list[int]]
) -> None:
    """Drop the smallest optional part of *wire* that holds each problem."""
    _, nested_required = _required_keys()
    fields: set[tuple[str, int | None, str]] = set()
    items: set[tuple[str, int]] = set()
    keys: set[str] = set()
    for detail in details:
        steps = [(m.group(1), m.group(2)) for m in _STEP.finditer(detail.path)]
        key = steps[0][0]
        assert key is not None  # _key checked it
        value = wire.get(key)
        rest = steps[1:]
        index = int(rest[0][1]) if rest and rest[0][1] is not None else None
        if index is not None and isinstance(value, list):
            rest = rest[1:]
        else:
            index = None
        field = rest[0][0] if rest else None
        if field is not None and field not in nested_required and detail.code != "missing":
            fields.add((key, index, field))
        elif index is not None:
            items.add((key, index))
        else:
            keys.add(key)
    for key, index, field in fields:
        holder = wire.get(key)
        if index is not None and isinstance(holder, list):
            holder = holder[index]
        if isinstance(holder, dict):
            holder.pop(field, None)
    for key, index in sorted(items, reverse=True):
        if key in keys:
            continue
        del wire[key][index]
        del positions[key][index]
    for key in keys:
        wire.pop(key, None)


def _at_source(
    detail: ErrorDetail, sources: dict[str, str], path: str, positions: dict[str, list[int]]
) -> ErrorDetail:
    # An error in the mapped payload is reported where its value came from.
    parts = detail.path.split(".", 2)
    key = parts[1].split("[", 1)[0] if len(parts) > 1 else ""
    if detail.code == "missing" and key in _WIRE_NAMES:
        name = _WIRE_NAMES[key]
        return ErrorDetail(
            join_path(path, name),
            "missing",
            f"expected {name!r} on the article node, found nothing usable",
        )
    source = sources.get(key)
    if source is None:
        return detail
    rest = detail.path[len(f"$.{key}") :]
    index = re.match(r"\[([0-9]+)\]", rest)
    if index is not None and key in positions and int(index.group(1)) < len(positions[key]):
        rest = f"[{positions[key][int(index.group(1))]}]{rest[index.end() :]}"
    return ErrorDetail(source + rest, detail.code, detail.message)
