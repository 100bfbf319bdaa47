"""
Import articles from schema.org JSON-LD as real publishers write it.

`read_jsonld` finds the article node in a document (a node, an array of
nodes, an ``@graph`` with ``@id`` references), maps its properties to the
canonical wire format, and loads that with the same checks as `from_dict`.
Every repair and every drop is reported as a `Finding` at its path in the
input; nothing the markup does not carry is invented. When the result cannot
be a valid article, `ValidationError` says what is missing, at the input's
paths where the problem is the input's.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import orjson

from . import _jsonld
from . import _values as v
from . import _wild as w
from ._canonical import from_dict
from ._errors import ErrorDetail, Finding, ValidationError, describe, join_path

if TYPE_CHECKING:
    from ._models import Article


__all__ = ["from_jsonld", "read_jsonld"]

Findings = list[Finding]
_MAX_NODES = 10_000
_MAX_DEPTH = 32

#: schema.org types of the Article family, and the kind each maps to.
ARTICLE_TYPES: dict[str, str] = {
    "NewsArticle": "news",
    "ReportageNewsArticle": "reportage",
    "AnalysisNewsArticle": "analysis",
    "OpinionNewsArticle": "opinion",
    "BackgroundNewsArticle": "background",
    "ReviewNewsArticle": "review",
    "AskPublicNewsArticle": "ask_public",
    "SatiricalArticle": "satire",
    "AdvertiserContentArticle": "sponsored",
    "LiveBlogPosting": "live_blog",
    "BlogPosting": "blog_posting",
    "Article": "article",
    "Report": "article",
    "ScholarlyArticle": "article",
    "TechArticle": "article",
    "SocialMediaPosting": "article",
    "DiscussionForumPosting": "article",
}
# When a node has several types, the most specific kind wins.
_KIND_ORDER = [
    "reportage", "analysis", "opinion", "background", "review", "ask_public",
    "satire", "sponsored", "live_blog", "blog_posting", "news", "article",
]  # fmt: skip
_ORGANIZATION_TYPES = frozenset(
    {
        "organization", "newsmediaorganization", "corporation", "ngo", "governmentorganization",
        "educationalorganization", "localbusiness", "onlinebusiness", "mediaorganization",
    }
)  # fmt: skip
_SCHEMA_PREFIX = re.compile(r"^https?://schema\.org/", re.I)
_DURATION = re.compile(r"^P(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)$", re.I)


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
        self._collect(document, "$", 0)

    def _collect(self, value: Any, path: str, depth: int) -> None:
        if depth > _MAX_DEPTH or len(self.nodes) >= _MAX_NODES:
            return
        if isinstance(value, list):
            for index, item in enumerate(value):
                self._collect(item, f"{path}[{index}]", depth + 1)
        elif isinstance(value, dict):
            self.nodes.append((value, path))
            node_id = value.get("@id")
            if isinstance(node_id, str) and len(value) > 1 and node_id not in self.by_id:
                self.by_id[node_id] = value
            for key, item in value.items():
                if isinstance(item, (dict, list)) and isinstance(key, str):
                    self._collect(item, join_path(path, key), depth + 1)

    def resolve(self, value: Any) -> Any:
        """Return the node a bare ``{"@id": …}`` reference names, else *value*."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            found = self.by_id.get(value["@id"]) if isinstance(value["@id"], str) else None
            if found is not None:
                return found
        return value

    def article(self) -> tuple[dict[str, Any], str] | None:
        """Return the article node: the richest of the most news-like ones."""
        best: tuple[int, int, int] | None = None
        found = None
        for order, (node, path) in enumerate(self.nodes):
            kind = _kind(node)
            if kind is None:
                continue
            # NewsArticle family first, then richest, then first in the document.
            rank = (0 if kind not in ("article",) else 1, -len(node), order)
            if best is None or rank < best:
                best, found = rank, (node, path)
        return found


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


def _url(value: Any, path: str, findings: Findings, base: str | None) -> str | None:
    if isinstance(value, dict):
        # A WebPage node; microdata read by extruct writes its itemid as "id".
        value = value.get("@id") or value.get("id") or value.get("url")
    if isinstance(value, list) and value:
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
    urls = []
    for index, item in enumerate(items):
        url = _url(item, f"{path}[{index}]" if isinstance(value, list) else path, findings, None)
        if url is not None and url not in urls:
            urls.append(url)
    return urls


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
    url_value = value.get("contentUrl") or value.get("url")
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
        caption = caption.get("text") or caption.get("name")
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
        size = _pixels(value.get(name), join_path(path, name), findings)
        if size is not None:
            image[name] = size
    license_url = (
        _url(value.get("license"), join_path(path, "license"), findings, None)
        if value.get("license")
        else None
    )
    if license_url:
        image["license_url"] = license_url
    return image


def _pixels(value: Any, path: str, findings: Findings) -> int | None:
    if isinstance(value, dict):
        value = value.get("value")
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int) and 1 <= value <= v.MAX_INT:
        return value
    elif isinstance(value, float) and value.is_integer() and 1 <= value <= v.MAX_INT:
        return int(value)
    elif isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,9})\s*(?:px)?\s*", value)
        if match and int(match.group(1)) >= 1:
            findings.append(Finding(path, "repaired", f"read {value!r} as a number of pixels"))
            return int(match.group(1))
    findings.append(
        Finding(path, "dropped", f"expected a size in pixels, found {describe(value)}; left it out")
    )
    return None


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
        value.get("name") or value.get("legalName"), join_path(path, "name"), findings
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
    return org


_CREDENTIAL_OR_TITLE = re.compile(
    r"\b(?:writer|reporter|editor|correspondent|columnist|contributor|journalist|producer|"
    r"analyst|staff|chief|senior|ms|md|phd|rdn|rd)\b",
    re.I,
)


def _authors(value: Any, path: str, findings: Findings, graph: _Graph) -> list[dict[str, Any]]:
    value = graph.resolve(value)
    items = value if isinstance(value, list) else [value]
    authors: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        item_path = f"{path}[{index}]" if isinstance(value, list) else path
        authors.extend(_author(graph.resolve(item), item_path, findings, graph))
    unique: list[dict[str, Any]] = []
    for author in authors:
        if author not in unique:
            unique.append(author)
        else:
            findings.append(Finding(path, "dropped", f"left out {author['name']!r}, listed twice"))
    return unique


def _author(value: Any, path: str, findings: Findings, graph: _Graph) -> list[dict[str, Any]]:
    if value is None or value in ("", []):
        return []
    if isinstance(value, str):
        if re.match(r"^\s*https?://", value):
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
    job = value.get("jobTitle")
    if isinstance(job, dict):
        job = job.get("name")
    job_title = w.clean_text(job, join_path(path, "jobTitle"), findings) if job else None
    if job_title:
        extra["job_title"] = job_title
    affiliation = value.get("affiliation") or value.get("worksFor")
    if affiliation:
        org = _organization(affiliation, join_path(path, "affiliation"), findings, graph)
        if org:
            extra["affiliation"] = org
    if value.get("image"):
        image = _image(value["image"], join_path(path, "image"), findings, graph)
        if image:
            extra["image"] = image
    name = value.get("name")
    if not isinstance(name, str):
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) and isinstance(family, str):
            name = f"{given} {family}"
    if not isinstance(name, str) or not name.strip():
        findings.append(Finding(path, "dropped", "expected an author with a name; left it out"))
        return []
    return _people_from_byline(name, join_path(path, "name"), findings, extra)


def _people_from_byline(
    text: str, path: str, findings: Findings, extra: dict[str, Any]
) -> list[dict[str, Any]]:
    cleaned = w.clean_text(text, path, findings)
    if cleaned is None:
        return []
    people = w.split_byline(cleaned, path, findings)
    result = []
    for name, suffix in people:
        person: dict[str, Any] = {"type": "person", "name": name}
        if len(people) == 1:
            person.update(extra)
        if suffix and "job_title" not in person and "affiliation" not in person:
            if _CREDENTIAL_OR_TITLE.search(suffix) or re.fullmatch(r"[A-Z, .]+", suffix):
                person["job_title"] = suffix
            else:
                person["affiliation"] = {"type": "organization", "name": suffix}
        result.append(person)
    return result


def _paragraphs(value: Any, path: str, findings: Findings) -> list[str]:
    if isinstance(value, list):
        value = "\n\n".join(item for item in value if isinstance(item, str))
    if not isinstance(value, str):
        if value is not None:
            findings.append(
                Finding(
                    path,
                    "dropped",
                    f"expected the article body as text, found {describe(value)}; left it out",
                )
            )
        return []
    text = value
    if re.search(r"<(?:p|br|div|h[1-6]|li|blockquote)\b", text, re.I):
        text = re.sub(r"<(?:br)\s*/?>", "\n", text, flags=re.I)
        text = re.sub(
            r"</?(?:p|div|h[1-6]|li|blockquote|ul|ol|figure)\b[^>]*>", "\n\n", text, flags=re.I
        )
        text = re.sub(r"<[^>]+>", "", text)
        findings.append(Finding(path, "repaired", "turned the HTML body into plain paragraphs"))
    chunks = (
        re.split(r"\n\s*\n", text)
        if "\n\n" in text.replace("\r\n", "\n") or "\n" not in text
        else text.split("\n")
    )
    paragraphs = []
    for chunk in chunks:
        paragraph = w.clean_text(chunk, path, [], one_line=True)
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def _minutes(value: Any, path: str, findings: Findings) -> int | None:
    if not isinstance(value, str):
        return None
    match = _DURATION.match(value.strip())
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
    names: set[str] = set()
    keywords = _get(node, "keywords", path, findings)
    if keywords is not None:
        for keyword in w.split_keywords(keywords, join_path(path, "keywords"), findings):
            if keyword.casefold() not in names:
                names.add(keyword.casefold())
                tags.append({"name": keyword})
    about = node.get("about")
    if about is not None:
        items = about if isinstance(about, list) else [about]
        for index, raw in enumerate(items):
            item = graph.resolve(raw)
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue
            name = w.clean_text(item["name"], join_path(join_path(path, "about"), index), findings)
            if name is None or name.casefold() in names:
                continue
            names.add(name.casefold())
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
            tags.append(tag)
    return tags


_TAG_KINDS = {
    "Person": "person",
    "Organization": "organization",
    "NewsMediaOrganization": "organization",
    "Place": "place",
    "Country": "place",
    "City": "place",
    "AdministrativeArea": "place",
    "Event": "event",
}


def _language(value: Any, path: str, findings: Findings) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if not isinstance(value, str):
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
    formats pages use. A value that cannot be mapped is dropped. Every repair
    and drop is appended to *findings*, at its path in *data*. Nothing is
    invented: a value the markup does not carry stays absent.

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
    from ._canonical import _resolve_dayfirst, _resolve_zone  # noqa: PLC0415 - shared

    return read_jsonld(
        data,
        url=url,
        language=language,
        default_tz=_resolve_zone(default_tz),
        dayfirst=_resolve_dayfirst(dayfirst),
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
    """Map the article in JSON-LD *data* to an `Article`; see `newsmodel.from_jsonld`."""
    document = _parse(data)
    if _jsonld.is_own_jsonld(document):
        # What to_jsonld writes reads back exactly, quotes and related
        # stories included; anything not quite that form is read as any
        # publisher's markup below.
        try:
            return _jsonld.from_jsonld(document)
        except ValidationError:
            pass
    graph = _Graph(document)
    found = graph.article()
    if found is None:
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
    mapping = _Mapping(found[0], found[1], graph, findings)
    mapping.identity(url)
    mapping.texts()
    mapping.language(language)
    mapping.dates(default_tz, dayfirst=dayfirst)
    mapping.people()
    mapping.media()
    return _load(mapping.wire, mapping.sources, mapping.problems, mapping.path)


_NEWS_KINDS = frozenset(
    {"news", "reportage", "analysis", "opinion", "background", "review", "ask_public"}
)


class _Mapping:
    """One article node on its way to the wire format, with where each value came from."""

    def __init__(self, node: dict[str, Any], path: str, graph: _Graph, findings: Findings) -> None:
        self.node, self.path, self.graph, self.findings = node, path, graph, findings
        self.wire: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.problems: list[ErrorDetail] = []
        self.kind = _kind(node)

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
        if "url" not in self.wire and url is not None:
            self.note(self.path, "repaired", f"took the url {url!r} given with the markup")
            self.put("url", url, self.path)
        identifier = self.node.get("identifier")
        if isinstance(identifier, (str, int)) and not isinstance(identifier, bool):
            where = self.at("identifier")
            self.put("id", w.clean_text(str(identifier), where, self.findings), where)

    def texts(self) -> None:
        headline, source = self.get("headline"), "headline"
        if headline is None and self.node.get("name") is not None:
            headline, source = self.node["name"], "name"
            self.note(self.at("name"), "repaired", "took the headline from the name")
        if headline is not None:
            where = self.at(source)
            self.put("headline", w.clean_text(headline, where, self.findings), where)
        for name, key, one_line in (
            ("alternativeHeadline", "alternative_headline", True),
            ("description", "description", False),
            ("dateline", "dateline", True),
            ("articleSection", "section", True),
        ):
            raw = self.get(name)
            if raw is None:
                continue
            where = self.at(name)
            self.put(key, w.clean_text(raw, where, self.findings, one_line=one_line), where)
        if "dateline" in self.wire and self.kind not in _NEWS_KINDS:
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
                self.problems.append(ErrorDetail(where, parsed.code, parsed.message))
            elif parsed is not None:
                self.put(key, parsed.isoformat(), where)
        published, modified = self.wire.get("date_published"), self.wire.get("date_modified")
        if (
            published
            and modified
            and datetime.fromisoformat(modified) < datetime.fromisoformat(published)
        ):
            self.note(
                self.sources["date_modified"],
                "dropped",
                "dateModified is earlier than datePublished; left it out",
            )
            del self.wire["date_modified"]

    def people(self) -> None:
        authors = self.get("author")
        if authors is None and self.node.get("creator") is not None:
            authors = self.node["creator"]
            self.note(self.at("creator"), "repaired", "took the authors from creator")
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
            for index, item in enumerate(items):
                where = (
                    f"{self.at('image')}[{index}]" if isinstance(value, list) else self.at("image")
                )
                image = _image(item, where, self.findings, self.graph)
                if image is not None and all(image["url"] != other["url"] for other in images):
                    images.append(image)
            self.put("images", images, self.at("image"))
        body = self.get("articleBody")
        if body is not None:
            where = self.at("articleBody")
            self.put("body", _paragraphs(body, where, self.findings), where)
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


_WIRE_NAMES = {
    "url": "url",
    "headline": "headline",
    "language": "inLanguage",
    "date_published": "datePublished",
}


def _load(
    wire: dict[str, Any], sources: dict[str, str], problems: list[ErrorDetail], path: str
) -> Article:
    try:
        article = from_dict(wire)
    except ValidationError as error:
        errors = [_at_source(detail, sources, path) for detail in error.errors]
    else:
        if not problems:
            return article
        errors = []
    known = {(e.path, e.code) for e in errors}
    for problem in problems:
        errors = [e for e in errors if not (e.code == "missing" and e.path == problem.path)]
        if (problem.path, problem.code) not in known:
            errors.insert(0, problem)
    raise ValidationError(errors)


def _at_source(detail: ErrorDetail, sources: dict[str, str], path: str) -> ErrorDetail:
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
    return ErrorDetail(source + rest, detail.code, detail.message)
