"""
schema.org JSON-LD: `to_jsonld`, `jsonld_script`, and `read_own_jsonld` for our own output.

The mapping is the one in `newsmodel._schemaorg`. `read_own_jsonld` reads back
exactly what `to_jsonld` writes (``read_own_jsonld(to_jsonld(a)) == a`` for every
article) and refuses anything else with a `ValidationError` at the input's
paths; real publishers' markup is for the importer (`newsmodel._import`),
which repairs what it can and reports every repair.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import orjson

from ._canonical import from_dict
from ._errors import ErrorDetail, ValidationError, describe, join_path
from ._models import (
    Article,
    ArticleKind,
    Image,
    Organization,
    Person,
    Quote,
    RelatedStory,
    Relation,
    Tag,
    TagKind,
    paragraph_texts,
)
from ._rules import field_rules
from ._schemaorg import (
    CONTEXT,
    KEYWORD_SEPARATORS,
    KIND_TYPES,
    MAPPING,
    NODE_CLASSES,
    PARAGRAPH_END,
    RELATION_PROPERTIES,
    TAG_TYPES,
    TYPE_KINDS,
    TYPE_TAG_KINDS,
    plain_properties,
)

__all__ = ["is_own_jsonld", "jsonld_script", "read_own_jsonld", "to_jsonld"]

_TOPIC = TagKind.TOPIC
_RELATED = Relation.RELATED
# The article node's @type per kind: a string for one type, a list for two.
_TYPES: dict[ArticleKind, str | tuple[str, ...]] = {
    kind: types[0] if len(types) == 1 else types for kind, types in KIND_TYPES.items()
}
_RELATION_KEYS = {relation: prop for relation, (_, prop) in RELATION_PROPERTIES.items()}


# ------------------------------------------------------------------ writing
#
# Each node's writer, ``write_<node>``, is generated from the table
# (`_schemaorg.MAPPING`) at development time by scripts/generate.py, into
# `_generated_jsonld`: its rows in order, a plain value (`plain_properties`)
# written as the table says, any other row by the hand code that `WRITERS`
# names for its property here. A row with neither stops the generator:
# nothing in the table goes unwritten.

#: How scripts/generate.py makes each node's writer: the keys its dict starts
#: with (its constant ``@type``; None when the caller makes the dict and passes
#: it in) and, for each row that is not a plain value, the name of the function
#: here that writes it (None when the caller or another row's hand code does).
WRITERS: dict[str, tuple[dict[str, str] | None, dict[str, str | None]]] = {
    "Image": ({"@type": "ImageObject"}, {"@type": None, "contentUrl": "_content_url"}),
    "Organization": ({"@type": "Organization"}, {"@type": None, "logo": "_logo"}),
    "Person": (
        {"@type": "Person"},
        {"@type": None, "affiliation": "_affiliation", "image": "_portrait"},
    ),
    "Tag": (None, {"@type": None}),
    "Quote": (None, {"@type": None, "position": None, "creator": "_speaker"}),
    "RelatedStory": (
        None,
        {
            "@type": None,
            "@id": None,
            "position": None,
            "(the property that holds it)": None,
            "publisher": "_story_publisher",
            "author": "_story_authors",
            "image": "_story_image",
        },
    ),
    # The relations' properties are written in the article's order of related
    # stories, all by the hand code of the first.
    "Article": (
        None,
        {
            "@type": None,
            "mainEntityOfPage": "_page",
            "author": "_authors",
            "publisher": "_publisher",
            "image": "_images",
            "keywords": "_tags",
            "about": None,
            "articleBody": "_body",
            "timeRequired": "_reading_time",
            "hasPart": "_quotes",
            **{
                prop: "_related_stories" if index == 0 else None
                for index, prop in enumerate(
                    prop for node, prop in RELATION_PROPERTIES.values() if node == "Article"
                )
            },
        },
    ),
}


def _content_url(image: Image, out: dict[str, Any]) -> None:
    out["contentUrl"] = image.url


def _logo(org: Organization, out: dict[str, Any]) -> None:
    if org.logo is not None:
        out["logo"] = write_image(org.logo)


def _affiliation(person: Person, out: dict[str, Any]) -> None:
    if person.affiliation is not None:
        out["affiliation"] = write_organization(person.affiliation)


def _portrait(person: Person, out: dict[str, Any]) -> None:
    if person.image is not None:
        out["image"] = write_image(person.image)


def _agent(agent: Person | Organization) -> dict[str, Any]:
    if agent.__class__ is Organization:
        return write_organization(agent)
    return write_person(agent)  # type: ignore[arg-type] # the class test above narrows it


def needs_about(tag: Tag) -> bool:
    """
    Whether markup writes an ``about`` entity for *tag*, beside its keyword.

    It does for an entity, a topic with a slug or pages of its own, and a
    topic whose name holds a keyword separator: a lone keywords text is split
    there unless an entity of that name says it is one name.
    """
    return (
        tag.kind is not _TOPIC
        or tag._slug is not None  # the explicit slug, not the derived one
        or bool(tag.same_as)
        or any(mark in tag.name for mark in KEYWORD_SEPARATORS)
    )


def _about(tags: tuple[Tag, ...]) -> list[dict[str, Any]]:
    about = []
    for tag in tags:
        if needs_about(tag):
            node: dict[str, Any] = {"@type": TAG_TYPES[tag.kind]}
            write_tag(tag, node)
            about.append(node)
    return about


def _speaker(quote: Quote, out: dict[str, Any]) -> None:
    out["creator"] = _agent(quote.speaker)


def _quotation(position: int, quote: Quote) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Quotation", "position": position}
    write_quote(quote, node)
    return node


def _story_publisher(story: RelatedStory, out: dict[str, Any]) -> None:
    if story.publisher is not None:
        out["publisher"] = write_organization(story.publisher)


def _story_authors(story: RelatedStory, out: dict[str, Any]) -> None:
    if story.authors:
        out["author"] = [_agent(author) for author in story.authors]


def _story_image(story: RelatedStory, out: dict[str, Any]) -> None:
    if story.image is not None:
        out["image"] = write_image(story.image)


def _related(position: int, story: RelatedStory) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Article", "@id": story.url, "position": position}
    write_related_story(story, node)
    return node


def splits_at_blank_lines(body: tuple[str, ...]) -> bool:
    r"""
    Return True if the paragraphs *body*, joined by a blank line, split back into themselves.

    They do unless a paragraph holds a blank line, or one but the last ends
    with a line break (``"a\n" + "\n\n" + "b"`` splits as ``"a"``,
    ``"\nb"``). A paragraph that starts with a line break splits back: the
    split takes the first blank line, the one that joined them.
    """
    if not body:  # "".split("\n\n") is [""], not []
        return False
    if "\n" not in "".join(body):  # the common case, quick to test
        return True
    if any("\n\n" in paragraph for paragraph in body):
        return False
    return all(paragraph[-1:] != "\n" for paragraph in body[:-1])


def paragraph_joints(body: tuple[str, ...]) -> tuple[str, str]:
    """
    Return what ``articleBody`` puts between the paragraphs *body* and after the last.

    A blank line between them, and nothing after, when that splits back into
    the same paragraphs (see `splits_at_blank_lines`); otherwise U+2029
    PARAGRAPH SEPARATOR after each paragraph, which no text in the model can
    hold. The one home of this rule: JSON-LD and microdata both call it.
    """
    if splits_at_blank_lines(body):
        return "\n\n", ""
    return PARAGRAPH_END, PARAGRAPH_END


def article_body(body: tuple[str, ...]) -> str | None:
    """
    Return the ``articleBody`` text of the paragraphs *body* (see `paragraph_joints`).

    None for no paragraphs (a body of figures, embeds and separators only):
    there is no text to write, and no text would read back as none.
    """
    if not body:
        return None
    between, after = paragraph_joints(body)
    return between.join(body) + after


def paragraphs(text: str) -> list[str]:
    """Split an ``articleBody`` text written by `article_body` into its paragraphs."""
    if text.endswith(PARAGRAPH_END):
        return text.split(PARAGRAPH_END)[:-1]
    return text.split("\n\n")


def _page(a: Article, out: dict[str, Any]) -> None:
    url = a.url
    out["mainEntityOfPage"] = {"@type": "WebPage", "@id": url, "url": url}


def _authors(a: Article, out: dict[str, Any]) -> None:
    if a.authors:
        out["author"] = [_agent(author) for author in a.authors]


def _publisher(a: Article, out: dict[str, Any]) -> None:
    if a.publisher is not None:
        out["publisher"] = write_organization(a.publisher)


def _images(a: Article, out: dict[str, Any]) -> None:
    if a.images:
        out["image"] = [write_image(image) for image in a.images]


def _tags(a: Article, out: dict[str, Any]) -> None:
    if a.tags:
        out["keywords"] = [tag.name for tag in a.tags]
        about = _about(a.tags)
        if about:
            out["about"] = about


def _body(a: Article, out: dict[str, Any]) -> None:
    text = article_body(paragraph_texts(a.body))
    if text is not None:
        out["articleBody"] = text


def _reading_time(a: Article, out: dict[str, Any]) -> None:
    minutes = a._reading_time_minutes  # given, not derived
    if minutes is not None:
        out["timeRequired"] = f"PT{minutes}M"


def _quotes(a: Article, out: dict[str, Any]) -> None:
    if a.quotes:
        out["hasPart"] = [_quotation(position, quote) for position, quote in enumerate(a.quotes, 1)]


def _related_stories(a: Article, out: dict[str, Any]) -> None:
    page = out["mainEntityOfPage"]
    for position, story in enumerate(a.related, 1):
        holder = page if story.relation is _RELATED else out
        key = _RELATION_KEYS[story.relation]
        node = _related(position, story)
        if key in holder:
            holder[key].append(node)
        else:
            holder[key] = [node]


# The writers, generated from the table and the hand code above, which they
# call: imported after it, so that either module may be imported first.
from ._generated_jsonld import (  # noqa: E402
    write_article,
    write_image,
    write_organization,
    write_person,
    write_quote,
    write_related_story,
    write_tag,
)


def to_jsonld(article: Article) -> dict[str, Any]:
    """
    Return *article* as a schema.org JSON-LD document (a dict of JSON values).

    One node with ``"@context": "https://schema.org"``; its ``@type`` is the
    article's kind (a NewsArticle subtype with NewsArticle beside it). Every
    property that can hold several values is an array every time; URLs are
    absolute, dates ISO 8601 with their offset, and nothing is null. The
    mapping is in ``docs/schemaorg.md``; `newsmodel.from_jsonld` reads it back exactly.

    Args:
        article: The article.

    Returns:
        The JSON-LD document, ready for `json.dumps` (or see `jsonld_script`).
    """
    kind_type = _TYPES[article.kind]
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": kind_type if kind_type.__class__ is str else list(kind_type),
    }
    write_article(article, out)
    return out


# Unicode's 66 noncharacters. HTML calls each one in a page a parse error (and
# keeps it); in JSON it can be written as an escape instead. The UTF-8 form
# of each holds the byte 0xB7 (U+FDD0-FDEF) or 0xBF (the rest), which makes a
# quick test for the many blocks that hold none.
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a surrogate pair, as JSON writes characters beyond U+FFFF
    return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"


def jsonld_script(article: Article) -> str:
    r"""
    Return *article*'s JSON-LD as a ``<script type="application/ld+json">`` block.

    Safe for any text in the article: every ``<``, ``>`` and ``&`` in the JSON is
    written as ``\u003c``, ``\u003e``, ``\u0026`` (which every JSON parser
    reads back as the same character), so no ``</script>``, ``<!--`` or
    ``<script`` can end or disturb the block; no HTML entities are used,
    because a script's text is not decoded by the HTML parser. Unicode
    noncharacters (U+FDD0 to U+FDEF, U+FFFE, U+FFFF and the last two of every
    plane), which HTML calls parse errors, are written as ``\u`` escapes
    too, so the block parses without an error whatever the text.

    Args:
        article: The article.

    Returns:
        The block, one line of JSON between the tags.
    """
    data = orjson.dumps(to_jsonld(article))
    # Escapes that every JSON parser reads back as the same characters.
    data = data.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
    if b"\xe2\x80\xa9" in data:  # U+2029 (see PARAGRAPH_END): escaped, as JavaScript needs
        data = data.replace(b"\xe2\x80\xa9", b"\\u2029")
    text = data.decode()
    if b"\xb7" in data or b"\xbf" in data:
        text = _NONCHARACTER.sub(_json_escape, text)
    return f'<script type="application/ld+json">{text}</script>'


# ------------------------------------------------------------------ reading

# Each node's model fields (by wire key) and the properties that carry them,
# from the table: the first row of each field on its own class's node.
_FIELDS: dict[str, dict[str, str]] = {node: {} for node in NODE_CLASSES}
for _row in MAPPING:
    _owner, _, _key = _row.field.partition(".")
    if _row.node == _owner and _key.isidentifier():
        _FIELDS[_owner].setdefault(_key, _row.property)
for _table in _FIELDS.values():
    _table["type"] = "@type"  # the wire's "type" of an author (see _wire) is the node's @type
# The properties each node may have: exactly those the table gives it, and
# the document's @context.
_ALLOWED: dict[str, frozenset[str]] = {
    node: frozenset(
        {"@type", *(row.property for row in MAPPING if row.node == node and row.property[0] != "(")}
    )
    for node in ("WebPage", *NODE_CLASSES)
}
_ALLOWED["Article"] |= {"@context"}


def _child(classes: tuple[type, ...]) -> str:
    return "agent" if set(classes) == {Person, Organization} else classes[0].__name__


# The nodes inside each node, from the field rules: (node, wire key) -> the
# node the value is ("agent": a Person or an Organization).
_CHILDREN = {
    (node, rule.key): _child(rule.classes)
    for node, cls in NODE_CLASSES.items()
    for rule in field_rules(cls)
    if rule.classes
}
_DURATION = re.compile(r"PT([1-9][0-9]{0,15})M")
_TAG_NODE_TYPES = tuple(TAG_TYPES.values())
# The plain values each node maps one to one (texts, URLs, dates, numbers, and
# arrays of those), from the table: (wire key, property, is an array). They
# go to the wire payload as they are, and from_dict checks them.
_VALUES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    node: tuple((value.key, value.property, value.sequence) for value in plain_properties(node))
    for node in NODE_CLASSES
}
_RELATED_SOURCES = [
    (relation, prop)
    for relation, (_, prop) in RELATION_PROPERTIES.items()
    if relation is not _RELATED
]


def _parse(data: object) -> Any:
    if isinstance(data, Mapping):
        return data
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
    elif not isinstance(data, str):
        raise ValidationError(
            [
                ErrorDetail(
                    "$",
                    "type",
                    f"expected a JSON-LD document (a dict, str or bytes), found {describe(data)}",
                )
            ]
        )
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise ValidationError(
            [ErrorDetail("$", "json", f"expected a JSON-LD document, found invalid JSON: {error}")]
        ) from None


class _Reader:
    """
    Maps one JSON-LD article node, as `to_jsonld` writes it, to wire-format values.

    Problems of shape (a property the table does not have, an object where an
    array belongs, a wrong @type) are reported here, at the input's path. The
    values themselves are left for `from_dict` to check; `locate` then moves
    its errors to the input's paths, using the record of where each quote,
    related story and tag came from.
    """

    def __init__(self) -> None:
        self.errors: list[ErrorDetail] = []
        #: Where wire list items came from: ("quotes", 2) -> "$.hasPart[5]".
        self.origins: dict[tuple[str, int], str] = {}
        #: Paths already reported: errors of from_dict inside them are not repeated.
        self.reported: list[str] = []
        self.agents_seen: dict[str, tuple[object, dict[str, Any]]] = {}

    def error(self, path: str, code: str, message: str) -> None:
        self.errors.append(ErrorDetail(path, code, message))

    def node(self, value: object, path: str, what: str, types: tuple[str, ...]) -> Any:
        """Return *value* if it is an object of one of *types* with known keys, else None."""
        if value.__class__ is not dict and not isinstance(value, Mapping):
            self.error(path, "type", f"expected {_WHAT[what]} (an object), found {describe(value)}")
            self.reported.append(path)
            return None
        found = value.get("@type")
        if not isinstance(found, str) or found not in types:
            names = " or ".join(repr(name) for name in types)
            self.error(
                f"{path}['@type']",
                "missing" if found is None else "type",
                f"expected the @type {names}, found {describe(found)}",
            )
            self.reported.append(path)
            return None
        allowed = _ALLOWED[what]
        if not allowed.issuperset(value):
            self.known(value, path, allowed)
        return value

    def known(self, value: Mapping[Any, Any], path: str, allowed: frozenset[str]) -> None:
        for key in value:
            if key in allowed:
                continue
            if isinstance(key, str):
                self.error(
                    join_path(path, key),
                    "unknown_field",
                    f"expected only properties newsmodel writes here "
                    f"({', '.join(sorted(allowed))}), found {key!r}",
                )
            else:
                self.error(path, "type", f"expected text keys, found {describe(key)}")

    def array(self, value: object, path: str) -> list[Any]:
        if isinstance(value, list):
            return value
        self.error(path, "type", f"expected an array, found {describe(value)}")
        self.reported.append(path)
        return []

    def values(self, node: Mapping[str, Any], out: dict[str, Any], what: str, path: str) -> None:
        """Copy the plain values of *node*, a *what* node at *path*, to the wire values *out*."""
        # A null is passed on as it is: from_dict takes it for an absent value.
        for key, prop, sequence in _VALUES[what]:
            if prop in node:
                value = node[prop]
                out[key] = self.array(value, join_path(path, prop)) if sequence else value

    def image(self, value: object, path: str) -> dict[str, Any]:
        node = self.node(value, path, "Image", ("ImageObject",))
        if node is None:
            return {}
        out: dict[str, Any] = {}
        self.values(node, out, "Image", path)
        if _differ(node.get("contentUrl"), node.get("url")):
            self.error(
                f"{path}.contentUrl",
                "invalid",
                f"expected contentUrl to be the url, {describe(node.get('url'))}, "
                f"found {describe(node.get('contentUrl'))}",
            )
        return out

    def organization(self, value: object, path: str) -> dict[str, Any]:
        node = self.node(value, path, "Organization", ("Organization",))
        out: dict[str, Any] = {"type": "organization"}
        if node is not None:
            self.values(node, out, "Organization", path)
            if "logo" in node:
                out["logo"] = self.image(node["logo"], f"{path}.logo")
        return out

    def agent(self, value: object, path: str) -> dict[str, Any]:
        # A speaker quoted again and again is read once: an equal node gives the
        # same wire values (which from_dict, too, then makes once).
        name = value.get("name") if value.__class__ is dict else None
        seen = self.agents_seen.get(name) if name.__class__ is str else None
        if seen is not None and seen[0] == value:
            return seen[1]
        count = len(self.errors)
        out = self._agent(value, path)
        if len(self.errors) == count and name.__class__ is str:
            self.agents_seen[name] = (value, out)
        return out

    def _agent(self, value: object, path: str) -> dict[str, Any]:
        if isinstance(value, Mapping) and value.get("@type") == "Organization":
            return self.organization(value, path)
        node = self.node(value, path, "Person", ("Person", "Organization"))
        out: dict[str, Any] = {"type": "person"}
        if node is not None:
            self.values(node, out, "Person", path)
            if "affiliation" in node:
                out["affiliation"] = self.organization(node["affiliation"], f"{path}.affiliation")
            if "image" in node:
                out["image"] = self.image(node["image"], f"{path}.image")
        return out

    def agents(self, value: object, path: str) -> list[dict[str, Any]]:
        return [
            self.agent(item, f"{path}[{index}]")
            for index, item in enumerate(self.array(value, path))
        ]

    def in_order(self, found: list[tuple[Any, str]], field: str) -> list[tuple[Any, str]]:
        """Order (node, path) pairs by ``position``: whole numbers from 1, each once."""
        by_position: dict[int, tuple[Any, str]] = {}
        for node, path in found:
            position: Any = node.get("position")
            where = f"{path}.position"
            if position.__class__ is not int or position < 1:
                self.error(
                    where,
                    "invalid",
                    f"expected a position (a whole number from 1: the order of the {field}), "
                    f"found {describe(position)}",
                )
            elif position in by_position:
                self.error(
                    where,
                    "duplicate",
                    f"expected each position once, found {position} again "
                    f"(first at {by_position[position][1]})",
                )
            else:
                by_position[position] = (node, path)
        ordered = [by_position[position] for position in sorted(by_position)]
        for index, (_, path) in enumerate(ordered):
            self.origins[field, index] = path
        return ordered

    def quotes(self, value: object, path: str) -> list[dict[str, Any]]:
        found = []
        for index, item in enumerate(self.array(value, path)):
            where = f"{path}[{index}]"
            node = self.node(item, where, "Quote", ("Quotation",))
            if node is not None:
                found.append((node, where))
        quotes = []
        for node, where in self.in_order(found, "quotes"):
            out: dict[str, Any] = {}
            self.values(node, out, "Quote", where)
            if "creator" in node:
                out["speaker"] = self.agent(node["creator"], f"{where}.creator")
            quotes.append(out)
        return quotes

    def related(self, document: Mapping[str, Any], page: Mapping[str, Any] | None) -> list[Any]:
        sources = [(relation, document, "$", prop) for relation, prop in _RELATED_SOURCES]
        if page is not None:
            sources.insert(0, (_RELATED, page, "$.mainEntityOfPage", "relatedLink"))
        found = []
        relations: dict[str, Relation] = {}
        for relation, holder, holder_path, prop in sources:
            if prop not in holder:
                continue
            path = join_path(holder_path, prop)
            for index, item in enumerate(self.array(holder[prop], path)):
                where = f"{path}[{index}]"
                node = self.node(item, where, "RelatedStory", ("Article",))
                if node is not None:
                    found.append((node, where))
                    relations[where] = relation
        stories = []
        for node, where in self.in_order(found, "related"):
            out: dict[str, Any] = {}
            self.values(node, out, "RelatedStory", where)
            if _differ(node.get("@id"), node.get("url")):
                self.error(
                    f"{where}['@id']",
                    "invalid",
                    f"expected @id to be the url, {describe(node.get('url'))}, "
                    f"found {describe(node.get('@id'))}",
                )
            if "publisher" in node:
                out["publisher"] = self.organization(node["publisher"], f"{where}.publisher")
            if "author" in node:
                out["authors"] = self.agents(node["author"], f"{where}.author")
            if "image" in node:
                out["image"] = self.image(node["image"], f"{where}.image")
            relation = relations[where]
            if relation is not _RELATED:
                out["relation"] = relation.value
            stories.append(out)
        return stories

    def tags(self, document: Mapping[str, Any]) -> list[dict[str, Any]]:
        keywords = self.array(document.get("keywords", []), "$.keywords")
        tags: list[dict[str, Any]] = [{"name": name} for name in keywords]
        index_of: dict[str, int] = {}
        for index, name in enumerate(keywords):
            if name.__class__ is str and name not in index_of:
                index_of[name] = index
        for position, item in enumerate(self.array(document.get("about", []), "$.about")):
            where = f"$.about[{position}]"
            about = self.node(item, where, "Tag", _TAG_NODE_TYPES)
            if about is None:
                continue
            name = about.get("name")
            found = index_of.get(name) if isinstance(name, str) else None
            if found is None:
                self.error(
                    f"{where}.name",
                    "invalid",
                    f"expected the name of one of the keywords, found {describe(name)}",
                )
                continue
            if ("about", found) in self.origins:
                self.error(
                    f"{where}.name",
                    "duplicate",
                    f"expected one about node per keyword, found {name!r} again "
                    f"(first at {self.origins['about', found]})",
                )
                continue
            self.origins["about", found] = where
            tag = tags[found]
            kind = TYPE_TAG_KINDS[about["@type"]]
            if kind is not _TOPIC:
                tag["kind"] = kind.value
            self.values(about, tag, "Tag", where)
        return tags

    def article(self, document: object) -> dict[str, Any]:
        if not isinstance(document, Mapping):
            self.error(
                "$", "type", f"expected a JSON-LD node (an object), found {describe(document)}"
            )
            return {}
        if not _ALLOWED["Article"].issuperset(document):
            self.known(document, "$", _ALLOWED["Article"])
        if document.get("@context") != CONTEXT:
            self.error(
                "$['@context']",
                "invalid" if "@context" in document else "missing",
                f"expected the @context {CONTEXT!r}, found {describe(document.get('@context'))}",
            )
        out: dict[str, Any] = {}
        kind = _article_kind(document.get("@type"))
        if kind is None:
            self.error(
                "$['@type']",
                "type" if "@type" in document else "missing",
                "expected an article type newsmodel writes (such as 'NewsArticle' or "
                f"['NewsArticle', 'OpinionNewsArticle']), found {describe(document.get('@type'))}",
            )
        elif kind is not ArticleKind.NEWS:
            out["kind"] = kind.value
        self.values(document, out, "Article", "$")
        page = self.page(document)
        if "author" in document:
            out["authors"] = self.agents(document["author"], "$.author")
        if "publisher" in document:
            out["publisher"] = self.organization(document["publisher"], "$.publisher")
        if "keywords" in document or "about" in document:
            out["tags"] = self.tags(document)
        if "image" in document:
            items = self.array(document["image"], "$.image")
            out["images"] = [self.image(item, f"$.image[{i}]") for i, item in enumerate(items)]
        if "articleBody" in document:
            body = document["articleBody"]
            if isinstance(body, str):
                out["body"] = paragraphs(body)
            else:
                self.error("$.articleBody", "type", f"expected text, found {describe(body)}")
        if "timeRequired" in document:
            duration = document["timeRequired"]
            match = _DURATION.fullmatch(duration) if isinstance(duration, str) else None
            if match is None:
                self.error(
                    "$.timeRequired",
                    "invalid",
                    f"expected a duration in whole minutes like 'PT2M', found {describe(duration)}",
                )
            else:
                out["reading_time_minutes"] = int(match.group(1))
        if "hasPart" in document:
            out["quotes"] = self.quotes(document["hasPart"], "$.hasPart")
        related = self.related(document, page)
        if related:
            out["related"] = related
        return out

    def page(self, document: Mapping[str, Any]) -> Mapping[str, Any] | None:
        path = "$.mainEntityOfPage"
        if "mainEntityOfPage" not in document:
            self.error(path, "missing", "expected the WebPage node of the article's url")
            return None
        page: Mapping[str, Any] | None = self.node(
            document["mainEntityOfPage"], path, "WebPage", ("WebPage",)
        )
        if page is None:
            return None
        url = document.get("url")
        for key in ("@id", "url"):
            if _differ(page.get(key), url):
                self.error(
                    join_path(path, key),
                    "invalid",
                    f"expected the article's url, {describe(url)}, found {describe(page.get(key))}",
                )
        return page

    def locate(self, detail: ErrorDetail, wire: dict[str, Any]) -> ErrorDetail | None:
        """Return *detail* (an error of the wire payload) at its path in the input, or None."""
        steps = [(m.group(1), m.group(2)) for m in _STEP.finditer(detail.path)]
        path = _locate(steps, wire, self.origins)
        if path is None or any(
            path == done or path.startswith((f"{done}.", f"{done}[")) for done in self.reported
        ):
            return None
        return ErrorDetail(path, detail.code, detail.message)


_WHAT = {
    "Image": "an ImageObject",
    "Organization": "an Organization",
    "Person": "a Person or an Organization",
    "Quote": "a Quotation",
    "RelatedStory": "an Article (a related story)",
    "Tag": "a tag's node",
    "WebPage": "a WebPage",
}
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]")


def _locate(
    steps: list[tuple[str | None, str | None]],
    wire: dict[str, Any],
    origins: dict[tuple[str, int], str],
) -> str | None:
    if not steps:
        return "$"
    top = steps[0][0]
    if top is None:
        return None
    if top == "kind":
        return "$['@type']"
    if top == "body":
        return "$.articleBody"
    has_index = len(steps) > 1 and steps[1][1] is not None
    if top in ("quotes", "related", "tags") and has_index:
        index = int(steps[1][1])  # type: ignore[arg-type]
        items = wire.get(top)
        item = items[index] if isinstance(items, list) and index < len(items) else {}
        rest = steps[2:]
        if top == "tags":
            field = rest[0][0] if rest else None
            if field is None or field == "name":
                return f"$.keywords[{index}]"
            base = origins.get(("about", index))
            return None if base is None else _walk(base, "Tag", rest, item)
        base = origins.get((top, index))
        node = "Quote" if top == "quotes" else "RelatedStory"
        return None if base is None else _walk(base, node, rest, item)
    return _walk("$", "Article", steps, wire)


def _walk(
    path: str, node: str | None, steps: list[tuple[str | None, str | None]], value: Any
) -> str:
    for key, index in steps:
        if index is not None:
            path = f"{path}[{index}]"
            position = int(index)
            value = value[position] if isinstance(value, list) and position < len(value) else None
            continue
        assert key is not None  # the pattern matches one group or the other
        if node == "agent":
            kind = value.get("type") if isinstance(value, dict) else None
            node = "Organization" if kind == "organization" else "Person"
        names = _FIELDS.get(node or "", {})
        path = join_path(path, names.get(key, key))
        node = _CHILDREN.get((node or "", key))
        value = value.get(key) if isinstance(value, dict) else None
    return path


def _differ(one: object, two: object) -> bool:
    """Whether two values that should be the same URL differ, in constant stack depth."""
    # A string compares with anything at once; two other values (deep arrays,
    # say) are wrong anyway, and == on them could recurse without end.
    if one.__class__ is str or two.__class__ is str:
        return one != two
    return one is not two


def _article_kind(value: object) -> ArticleKind | None:
    if isinstance(value, str):
        return TYPE_KINDS.get((value,))
    if isinstance(value, list) and len(value) == 2 and all(isinstance(t, str) for t in value):
        return TYPE_KINDS.get((value[0], value[1]))
    return None


def read_own_jsonld(data: Mapping[str, Any] | str | bytes) -> Article:
    """
    Read back an article from the JSON-LD that `to_jsonld` wrote: the strict fast path.

    Private: the public reader is `newsmodel.from_jsonld`, which takes this
    path for a document of our own shape (`is_own_jsonld`) and reads any
    other markup as real publishers write it.

    ``read_own_jsonld(to_jsonld(article)) == article`` for every article: every
    field survives, including a slug or a reading time given explicitly
    (rather than derived), a quote's date as a date or a datetime, and each
    related story with its relation and place in the list. Anything else is
    refused: a property the mapping does not have, an object where an array
    belongs, a value the model does not accept.

    Args:
        data: The document: a dict, or its JSON text as str or bytes.

    Returns:
        The article.

    Raises:
        ValidationError: Listing every problem, each at its path in *data*
            (``$.hasPart[2].creator.url``).
    """
    document = _parse(data)
    reader = _Reader()
    wire = reader.article(document)
    errors = reader.errors
    if not isinstance(document, Mapping):
        raise ValidationError(errors)
    try:
        article = from_dict(wire)
    except ValidationError as error:
        for detail in error.errors:
            moved = reader.locate(detail, wire)
            if moved is not None and moved not in errors:
                errors.append(moved)
    if errors:
        raise ValidationError(errors)
    return article


def is_own_jsonld(document: object) -> bool:
    """
    Return True if *document* has the shape `to_jsonld` writes (to read it exactly).

    A quick test of the shape only: the schema.org context, an article type
    newsmodel writes, only properties the mapping has, and the WebPage node
    of the article's own url.
    """
    if not isinstance(document, Mapping) or document.get("@context") != CONTEXT:
        return False
    page = document.get("mainEntityOfPage")
    url = document.get("url")
    return (
        _article_kind(document.get("@type")) is not None
        and _ALLOWED["Article"].issuperset(document)
        and isinstance(page, Mapping)
        and page.get("@type") == "WebPage"
        and isinstance(url, str)
        and not _differ(page.get("@id"), url)
        and not _differ(page.get("url"), url)
    )
