"""
The one mapping between the article model and schema.org (release 30.0).

Everything the JSON-LD and microdata writers and the JSON-LD reader need to
agree on is here: which schema.org type each node has, which property carries
each model field, and in what form. `MAPPING` is the table, row by row; the
docs page ``docs/schemaorg.md`` shows it, and the tests check it against what
the writers emit and against the schema.org 30.0 vocabulary.

Import direction: ``_models`` -> ``_schemaorg`` -> ``_jsonld`` / ``_microdata``.
The models know nothing of this module.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

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
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._errors import ErrorDetail

__all__ = [
    "CONTEXT",
    "KEYWORD_SEPARATORS",
    "KIND_TYPES",
    "MAPPING",
    "NODE_CLASSES",
    "NODE_TYPES",
    "PARAGRAPH_END",
    "RELATION_PROPERTIES",
    "SCHEMA",
    "TAG_TYPES",
    "TYPE_KINDS",
    "TYPE_TAG_KINDS",
    "VOCABULARY_VERSION",
    "Plain",
    "Row",
    "emitted_types",
    "plain_properties",
]

#: The schema.org release every emitted type and property is checked against.
VOCABULARY_VERSION = "30.0"
#: The ``@context`` of every JSON-LD document.
CONTEXT = "https://schema.org"
#: The prefix of a microdata ``itemtype``.
SCHEMA = "https://schema.org/"

#: Each article kind's schema.org type(s). A NewsArticle subtype is emitted with
#: NewsArticle beside it, so that consumers that know only NewsArticle still match.
KIND_TYPES: dict[ArticleKind, tuple[str, ...]] = {
    ArticleKind.ARTICLE: ("Article",),
    ArticleKind.NEWS: ("NewsArticle",),
    ArticleKind.REPORTAGE: ("NewsArticle", "ReportageNewsArticle"),
    ArticleKind.ANALYSIS: ("NewsArticle", "AnalysisNewsArticle"),
    ArticleKind.OPINION: ("NewsArticle", "OpinionNewsArticle"),
    ArticleKind.BACKGROUND: ("NewsArticle", "BackgroundNewsArticle"),
    ArticleKind.REVIEW: ("NewsArticle", "ReviewNewsArticle"),
    ArticleKind.ASK_PUBLIC: ("NewsArticle", "AskPublicNewsArticle"),
    ArticleKind.SATIRE: ("SatiricalArticle",),
    ArticleKind.SPONSORED: ("AdvertiserContentArticle",),
    ArticleKind.LIVE_BLOG: ("LiveBlogPosting",),
    ArticleKind.BLOG_POSTING: ("BlogPosting",),
}
#: The characters a ``keywords`` text is split at when read (the first of them it holds):
#: the writers give a tag holding one of them an ``about`` entity so it reads back whole.
KEYWORD_SEPARATORS = (",", ";")
#: The way back: a node's type(s), as emitted, to the article kind.
TYPE_KINDS: dict[tuple[str, ...], ArticleKind] = {types: kind for kind, types in KIND_TYPES.items()}

#: The type of the ``about`` node of a tag of each kind.
TAG_TYPES: dict[TagKind, str] = {
    TagKind.TOPIC: "DefinedTerm",
    TagKind.PERSON: "Person",
    TagKind.ORGANIZATION: "Organization",
    TagKind.PLACE: "Place",
    TagKind.EVENT: "Event",
}
#: The way back: an ``about`` node's type to the tag kind.
TYPE_TAG_KINDS: dict[str, TagKind] = {name: kind for kind, name in TAG_TYPES.items()}

#: Where a related story goes, by its relation: (the node, the property). Only
#: WebPage has ``relatedLink``, so a story that is simply related goes on the
#: WebPage node that is the article's ``mainEntityOfPage``.
RELATION_PROPERTIES: dict[Relation, tuple[str, str]] = {
    Relation.RELATED: ("WebPage", "relatedLink"),
    Relation.CITED: ("Article", "citation"),
    Relation.FOLLOW_UP: ("Article", "isBasedOn"),
    Relation.BACKGROUND: ("Article", "mentions"),
}

#: Ends every paragraph of ``articleBody`` in the rare body whose paragraphs a
#: blank line cannot separate (a paragraph holding a blank line, or starting or
#: ending with a line break). U+2029 PARAGRAPH SEPARATOR is Unicode's own
#: paragraph separator, and no text in the model can hold it.
PARAGRAPH_END = "\u2029"

#: The schema.org type(s) of each node the writers emit, by the model class it
#: stands for ("Article" has a type per kind, "Tag" one per tag kind).
NODE_TYPES: dict[str, tuple[str, ...]] = {
    "Article": tuple(dict.fromkeys(t for types in KIND_TYPES.values() for t in types)),
    "WebPage": ("WebPage",),
    "Person": ("Person",),
    "Organization": ("Organization",),
    "Image": ("ImageObject",),
    "Tag": tuple(TAG_TYPES.values()),
    "Quote": ("Quotation",),
    "RelatedStory": ("Article",),
}


def emitted_types() -> list[str]:
    """Return every schema.org type the writers can emit, each once, sorted."""
    return sorted({name for types in NODE_TYPES.values() for name in types})


class Row(NamedTuple):
    """
    One row of the mapping: a model field and the schema.org property that carries it.

    Attributes:
        field: The model field, as ``Class.field`` (``Article.headline``); a
            value the model derives is marked so (``Article.word_count``).
        node: The node the property sits on: a key of `NODE_TYPES`.
        property: The schema.org property (or ``@type`` / ``@id``).
        value: The form of the value, e.g. ``Text``, ``URL``, ``DateTime``, or
            the node it holds (``Person or Organization``).
        many: True when the value is an array every time (never a scalar).
        example: An example value, as JSON-LD text.
        note: When the property is written, if not always.
        hand: True when the writers and readers carry this row with code of
            its own (a second copy of a value, or a form that needs a
            conversion). A row without it whose field holds plain values
            (texts, URLs, dates, numbers, flags, tuples of those) is carried
            from the table alone: see `plain_properties`.
    """

    field: str
    node: str
    property: str
    value: str
    many: bool
    example: str
    note: str = ""
    hand: bool = False


_ONE, _MANY = False, True

#: The mapping, field by field. The writers and the reader follow it; the tests
#: check that they emit exactly these properties on these nodes.
MAPPING: tuple[Row, ...] = (
    # -------------------------------------------------------------- Article
    Row(
        "Article.kind",
        "Article",
        "@type",
        "type name(s)",
        _ONE,
        '["NewsArticle", "OpinionNewsArticle"]',
        "one type, or NewsArticle and the subtype (see the kinds table)",
    ),
    Row("Article.url", "Article", "url", "URL", _ONE, '"https://kyivindependent.com/zelensky-…/"'),
    Row(
        "Article.url",
        "Article",
        "mainEntityOfPage",
        "WebPage",
        _ONE,
        '{"@type": "WebPage", "@id": "https://…/", "url": "https://…/"}',
        "always: the page the article is the main entity of",
        hand=True,
    ),
    Row("Article.url", "WebPage", "@id", "URL", _ONE, '"https://kyivindependent.com/zelensky-…/"'),
    Row("Article.url", "WebPage", "url", "URL", _ONE, '"https://kyivindependent.com/zelensky-…/"'),
    Row("Article.id", "Article", "identifier", "Text", _ONE, '"urn:ki:1234"'),
    Row("Article.headline", "Article", "headline", "Text", _ONE, '"Zelensky warns of …"'),
    Row(
        "Article.alternative_headline",
        "Article",
        "alternativeHeadline",
        "Text",
        _ONE,
        '"Russia and North Korea"',
    ),
    Row("Article.description", "Article", "description", "Text", _ONE, '"The standfirst."'),
    Row("Article.section", "Article", "articleSection", "Text", _ONE, '"News Feed"'),
    Row(
        "Article.dateline",
        "Article",
        "dateline",
        "Text",
        _ONE,
        '"KYIV, Ukraine"',
        "news kinds only (NewsArticle has it)",
    ),
    Row("Article.language", "Article", "inLanguage", "BCP 47 language tag", _ONE, '"en"'),
    Row(
        "Article.date_published",
        "Article",
        "datePublished",
        "DateTime (ISO 8601 with offset)",
        _ONE,
        '"2024-10-13T21:04:00+03:00"',
    ),
    Row(
        "Article.date_modified",
        "Article",
        "dateModified",
        "DateTime (ISO 8601 with offset)",
        _ONE,
        '"2024-10-14T09:00:00+03:00"',
    ),
    Row(
        "Article.authors",
        "Article",
        "author",
        "Person or Organization",
        _MANY,
        '[{"@type": "Person", "name": "Abbey Fenbert"}]',
    ),
    Row(
        "Article.publisher",
        "Article",
        "publisher",
        "Organization",
        _ONE,
        '{"@type": "Organization", "name": "The Kyiv Independent"}',
    ),
    Row(
        "Article.images",
        "Article",
        "image",
        "ImageObject",
        _MANY,
        '[{"@type": "ImageObject", "url": "https://…/zelensky.jpg", …}]',
        "the first is the lead image",
    ),
    Row(
        "Article.tags",
        "Article",
        "keywords",
        "Text (the tag's name)",
        _MANY,
        '["News Feed", "Volodymyr Zelensky"]',
        "every tag, in order",
    ),
    Row(
        "Article.tags",
        "Article",
        "about",
        "Tag",
        _MANY,
        '[{"@type": "Person", "name": "Volodymyr Zelensky", "sameAs": ["https://…/Q3874799"]}]',
        "tags of an entity kind, and topics with a slug or same_as",
    ),
    Row(
        "Article.body",
        "Article",
        "articleBody",
        "Text (paragraphs joined by a blank line)",
        _ONE,
        "\"Russia's deepening alliance …\\n\\nThe president's remarks …\"",
        "paragraphs each ended by U+2029 when a blank line cannot separate them",
        hand=True,
    ),
    Row(
        "Article.reading_time_minutes",
        "Article",
        "timeRequired",
        "Duration (ISO 8601, whole minutes)",
        _ONE,
        '"PT2M"',
        "only when given: a derived reading time is not written",
        hand=True,
    ),
    Row(
        "Article.quotes",
        "Article",
        "hasPart",
        "Quotation",
        _MANY,
        '[{"@type": "Quotation", "position": 1, "text": "increasing alliance", …}]',
    ),
    Row(
        "Article.related (relation related)",
        "WebPage",
        "relatedLink",
        "RelatedStory",
        _MANY,
        '[{"@type": "Article", "@id": "https://…/", "position": 1, "url": "https://…/", …}]',
        "WebPage alone has relatedLink: it goes on the mainEntityOfPage node",
    ),
    Row(
        "Article.related (relation cited)",
        "Article",
        "citation",
        "RelatedStory",
        _MANY,
        '[{"@type": "Article", "@id": "https://…/", "position": 2, …}]',
    ),
    Row(
        "Article.related (relation follow_up)",
        "Article",
        "isBasedOn",
        "RelatedStory",
        _MANY,
        '[{"@type": "Article", "@id": "https://…/", "position": 3, …}]',
        "this article follows up on the related story",
    ),
    Row(
        "Article.related (relation background)",
        "Article",
        "mentions",
        "RelatedStory",
        _MANY,
        '[{"@type": "Article", "@id": "https://…/", "position": 4, …}]',
    ),
    Row(
        "Article.is_accessible_for_free",
        "Article",
        "isAccessibleForFree",
        "Boolean",
        _ONE,
        "true",
        "always",
    ),
    # --------------------------------------------------------------- Person
    Row("Person", "Person", "@type", "type name", _ONE, '"Person"'),
    Row("Person.name", "Person", "name", "Text", _ONE, '"Abbey Fenbert"'),
    Row("Person.url", "Person", "url", "URL", _ONE, '"https://kyivindependent.com/author/abbey/"'),
    Row(
        "Person.same_as",
        "Person",
        "sameAs",
        "URL",
        _MANY,
        '["https://www.wikidata.org/wiki/Q3874799"]',
    ),
    Row("Person.job_title", "Person", "jobTitle", "Text", _ONE, '"President of Ukraine"'),
    Row(
        "Person.affiliation",
        "Person",
        "affiliation",
        "Organization",
        _ONE,
        '{"@type": "Organization", "name": "Office of the President"}',
    ),
    Row("Person.image", "Person", "image", "ImageObject", _ONE, '{"@type": "ImageObject", …}'),
    # --------------------------------------------------------- Organization
    Row("Organization", "Organization", "@type", "type name", _ONE, '"Organization"'),
    Row("Organization.name", "Organization", "name", "Text", _ONE, '"The Kyiv Independent"'),
    Row("Organization.url", "Organization", "url", "URL", _ONE, '"https://kyivindependent.com/"'),
    Row(
        "Organization.same_as",
        "Organization",
        "sameAs",
        "URL",
        _MANY,
        '["https://www.wikidata.org/wiki/Q…"]',
    ),
    Row(
        "Organization.logo",
        "Organization",
        "logo",
        "ImageObject",
        _ONE,
        '{"@type": "ImageObject", …}',
    ),
    # ---------------------------------------------------------------- Image
    Row("Image", "Image", "@type", "type name", _ONE, '"ImageObject"'),
    Row("Image.url", "Image", "url", "URL", _ONE, '"https://…/zelensky.jpg"'),
    Row(
        "Image.url",
        "Image",
        "contentUrl",
        "URL",
        _ONE,
        '"https://…/zelensky.jpg"',
        "the same URL: Google's image-license guidance reads contentUrl",
        hand=True,
    ),
    Row(
        "Image.caption",
        "Image",
        "caption",
        "Text",
        _ONE,
        '"President Volodymyr Zelensky delivers nightly address …"',
    ),
    Row("Image.credit", "Image", "creditText", "Text", _ONE, '"Presidential Office"'),
    Row(
        "Image.alt_text",
        "Image",
        "description",
        "Text",
        _ONE,
        '"Zelensky at a lectern"',
        "schema.org has no alt-text property; in microdata the alt attribute shows it too",
    ),
    Row(
        "Image.width",
        "Image",
        "width",
        "Integer (pixels)",
        _ONE,
        "1200",
        "a bare number, as Google's examples write it",
    ),
    Row("Image.height", "Image", "height", "Integer (pixels)", _ONE, "800"),
    Row(
        "Image.license_url",
        "Image",
        "license",
        "URL",
        _ONE,
        '"https://creativecommons.org/licenses/by/4.0/"',
    ),
    # ------------------------------------------------------------------ Tag
    Row(
        "Tag.kind",
        "Tag",
        "@type",
        "type name",
        _ONE,
        '"Place"',
        "DefinedTerm, Person, Organization, Place or Event (see the tag kinds table)",
    ),
    Row("Tag.name", "Tag", "name", "Text", _ONE, '"Ukraine"', "also in the article's keywords"),
    Row(
        "Tag.slug",
        "Tag",
        "identifier",
        "Text",
        _ONE,
        '"ukraine"',
        "only a slug given explicitly; a derived slug is not written",
    ),
    Row("Tag.same_as", "Tag", "sameAs", "URL", _MANY, '["https://www.wikidata.org/wiki/Q212"]'),
    # ---------------------------------------------------------------- Quote
    Row("Quote", "Quote", "@type", "type name", _ONE, '"Quotation"'),
    Row(
        "Quote (its place in Article.quotes)",
        "Quote",
        "position",
        "Integer (from 1)",
        _ONE,
        "1",
        "the order of the quotes, which microdata puts in the body's order",
    ),
    Row("Quote.text", "Quote", "text", "Text", _ONE, '"increasing alliance"'),
    Row(
        "Quote.speaker",
        "Quote",
        "creator",
        "Person or Organization",
        _ONE,
        '{"@type": "Person", "name": "Volodymyr Zelensky", …}',
    ),
    Row(
        "Quote.context",
        "Quote",
        "description",
        "Text",
        _ONE,
        '"evening address on Oct. 13, 2024"',
    ),
    Row(
        "Quote.date",
        "Quote",
        "dateCreated",
        "Date or DateTime",
        _ONE,
        '"2024-10-13"',
        "a date stays a date, a datetime a datetime",
    ),
    Row(
        "Quote.source_url",
        "Quote",
        "isBasedOn",
        "URL",
        _ONE,
        '"https://www.president.gov.ua/…"',
    ),
    # --------------------------------------------------------- RelatedStory
    Row("RelatedStory", "RelatedStory", "@type", "type name", _ONE, '"Article"'),
    Row(
        "RelatedStory (its place in Article.related)",
        "RelatedStory",
        "position",
        "Integer (from 1)",
        _ONE,
        "1",
        "the order of the related stories across the four properties",
    ),
    Row(
        "RelatedStory.url",
        "RelatedStory",
        "@id",
        "URL",
        _ONE,
        '"https://kyivindependent.com/…/"',
        hand=True,
    ),
    Row("RelatedStory.url", "RelatedStory", "url", "URL", _ONE, '"https://kyivindependent.com/…/"'),
    Row(
        "RelatedStory.headline",
        "RelatedStory",
        "headline",
        "Text",
        _ONE,
        '"Russian weapons depot …"',
    ),
    Row(
        "RelatedStory.teaser",
        "RelatedStory",
        "description",
        "Text",
        _ONE,
        '"Ukraine\'s General Staff said …"',
    ),
    Row(
        "RelatedStory.publisher",
        "RelatedStory",
        "publisher",
        "Organization",
        _ONE,
        '{"@type": "Organization", …}',
    ),
    Row(
        "RelatedStory.authors",
        "RelatedStory",
        "author",
        "Person or Organization",
        _MANY,
        '[{"@type": "Person", …}]',
    ),
    Row(
        "RelatedStory.date_published",
        "RelatedStory",
        "datePublished",
        "DateTime (ISO 8601 with offset)",
        _ONE,
        '"2024-10-12T10:00:00+03:00"',
    ),
    Row(
        "RelatedStory.image",
        "RelatedStory",
        "image",
        "ImageObject",
        _ONE,
        '{"@type": "ImageObject", …}',
    ),
    Row(
        "RelatedStory.relation",
        "RelatedStory",
        "(the property that holds it)",
        "relatedLink, citation, isBasedOn or mentions",
        _ONE,
        '"relatedLink"',
        "see the relations table",
    ),
)

#: The model class each node of the table stands for ("Tag" is the ``about``
#: node of a tag; WebPage stands for no class of its own).
NODE_CLASSES: dict[str, type] = {
    "Article": Article,
    "Person": Person,
    "Organization": Organization,
    "Image": Image,
    "Tag": Tag,
    "Quote": Quote,
    "RelatedStory": RelatedStory,
}


class Plain(NamedTuple):
    """
    A plain value that the table alone carries: a row, read with its field's rule.

    Attributes:
        attr: The attribute that holds it (``_slug`` for a property-backed field).
        key: The field's name in ``__init__`` and on the wire (``slug``).
        property: The schema.org property that carries it.
        required: Whether the field has no default (so it is always written).
        optional: Whether the field's default is None (so None is not written).
        sequence: Whether the field is a tuple of values (an array every time).
        iso: Whether the value is a date or datetime (ISO 8601 text in markup).
        one_line: Whether the value is a text line (no line breaks).
        rule: The value rule's name (``text``, ``url``, ``datetime``, …).
        check: The rule's full check (see `newsmodel._rules.Rule`).
    """

    attr: str
    key: str
    property: str
    required: bool
    optional: bool
    sequence: bool
    iso: bool
    one_line: bool
    rule: str
    check: Callable[[object, str, str | int, list[ErrorDetail]], None]


@functools.cache
def plain_properties(node: str) -> tuple[Plain, ...]:
    """
    Return the plain values of *node* that the table carries, in the table's order.

    A row is plain when its field is a field of the node's own class
    (``Image.caption`` on the Image node), that field holds plain values
    (its rule is a value rule: text, URL, date, number, flag, or a tuple of
    those) and the row is not marked `Row.hand`. The writers, the readers and
    the import carry these rows from the table: a new plain field needs its
    row and nothing else.
    """
    from ._rules import field_rules  # noqa: PLC0415 - read once, on first use

    cls = NODE_CLASSES[node]
    rules = {rule.key: rule for rule in field_rules(cls)}
    plain = []
    for row in MAPPING:
        owner, _, key = row.field.partition(".")
        rule = rules.get(key)
        if row.node != node or owner != node or row.hand or rule is None or rule.rule is None:
            continue
        plain.append(
            Plain(
                attr=rule.name,
                key=rule.key,
                property=row.property,
                required=rule.required,
                optional=not rule.required and rule.default is None,
                sequence=rule.sequence,
                iso=any(issubclass(t, date) for t in rule.types),
                one_line=rule.rule.name == "text_line",
                rule=rule.rule.name,
                check=rule.rule.check,
            )
        )
    return tuple(plain)
