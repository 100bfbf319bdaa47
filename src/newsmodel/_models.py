"""
The article model: frozen, slotted, hashable attrs classes.

The classes know no wire format. Each one checks itself when constructed
(``__attrs_post_init__``) and raises `ValidationError` listing every problem.
The checks are generated from the fields' annotated rules (`newsmodel._rules`),
and so are the wire loaders, which fill instances through their slots after
checking each value at its path: both ways in share one set of rules. The
generated code is checked in (`newsmodel._generated`, written by
``scripts/generate.py``).
"""

from __future__ import annotations

import enum
import math
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Union

import attrs

from . import _values as v
from ._dates import date_order_problem
from ._errors import ErrorDetail, Path, ValidationError, describe, join_path
from ._lazy import LazyPattern
from ._rules import (
    URL,
    BodyBlock,
    DateOrDatetime,
    LanguageTag,
    PositiveInt,
    Slug,
    Text,
    TextLine,
    Timestamp,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import TypeAlias

    from ._body import Block


__all__ = [
    "WORDS_PER_MINUTE",
    "Article",
    "ArticleKind",
    "Author",
    "Image",
    "Organization",
    "Person",
    "Quote",
    "RelatedStory",
    "Relation",
    "Tag",
    "TagKind",
]

#: The reading speed used to derive `Article.reading_time_minutes`.
WORDS_PER_MINUTE = 200

Report = list[ErrorDetail]


class INVALID:
    """Stands in for a value whose problem the loader has already reported."""


class ArticleKind(str, enum.Enum):
    """What sort of piece an article is; each kind is a schema.org type."""

    ARTICLE = "article"
    NEWS = "news"
    REPORTAGE = "reportage"
    ANALYSIS = "analysis"
    OPINION = "opinion"
    BACKGROUND = "background"
    REVIEW = "review"
    ASK_PUBLIC = "ask_public"
    SATIRE = "satire"
    SPONSORED = "sponsored"
    LIVE_BLOG = "live_blog"
    BLOG_POSTING = "blog_posting"

    @property
    def is_news(self) -> bool:
        """Whether this kind is schema.org's NewsArticle or one of its subtypes."""
        return self in _NEWS_KINDS


_NEWS_KINDS = frozenset(
    {
        ArticleKind.NEWS,
        ArticleKind.REPORTAGE,
        ArticleKind.ANALYSIS,
        ArticleKind.OPINION,
        ArticleKind.BACKGROUND,
        ArticleKind.REVIEW,
        ArticleKind.ASK_PUBLIC,
    }
)


class TagKind(str, enum.Enum):
    """What a tag names: a topic, or an entity of some kind."""

    TOPIC = "topic"
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    EVENT = "event"


class Relation(str, enum.Enum):
    """
    How a related story relates to the article that links to it.

    ``RELATED``: see also. ``FOLLOW_UP``: this article follows up on the related
    story (schema.org ``isBasedOn``). ``BACKGROUND``: the related story gives
    background to this one. ``CITED``: this article cites it as a source.
    """

    RELATED = "related"
    FOLLOW_UP = "follow_up"
    BACKGROUND = "background"
    CITED = "cited"


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    # Lists and tuples become tuples; anything else is left for the check to
    # report ("expected an array"), rather than iterated into nonsense.
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return value  # type: ignore[return-value]


# Enum fields take a member or its value ("opinion" for ArticleKind.OPINION);
# anything else is left for the check to report.
_ARTICLE_KINDS = {member.value: member for member in ArticleKind}
_TAG_KINDS = {member.value: member for member in TagKind}
_RELATIONS = {member.value: member for member in Relation}


def _article_kind(value: ArticleKind | str) -> ArticleKind:
    if value.__class__ is str:
        return _ARTICLE_KINDS.get(value, value)  # type: ignore[arg-type]
    return value  # type: ignore[return-value]


def _tag_kind(value: TagKind | str) -> TagKind:
    if value.__class__ is str:
        return _TAG_KINDS.get(value, value)  # type: ignore[arg-type]
    return value  # type: ignore[return-value]


def _relation(value: Relation | str) -> Relation:
    if value.__class__ is str:
        return _RELATIONS.get(value, value)  # type: ignore[arg-type]
    return value  # type: ignore[return-value]


def _language(value: str) -> str:
    if isinstance(value, str):
        return v.canonical_language(value) or value
    return value


def fixed_offset(value: datetime) -> datetime:
    """
    Return *value* with its zone replaced by its fixed UTC offset.

    Equality between datetimes of different zones is False for a time in a
    repeated or skipped hour (PEP 495), so a named zone (zoneinfo, dateutil)
    would not survive a round trip through the wire format, which keeps the
    offset only. Values of any other kind are returned as they are.
    """
    zone = getattr(value, "tzinfo", None)
    if zone is not None and zone.__class__ is not timezone and value.__class__ is datetime:
        offset = value.utcoffset()
        if offset is not None:
            return value.replace(tzinfo=timezone(offset), fold=0)
    return value


def _fixed_offset_or_none(value: datetime | None) -> datetime | None:
    return value if value is None else fixed_offset(value)


def _fixed_offset_or_date(value: date | None) -> date | None:
    return fixed_offset(value) if isinstance(value, datetime) else value


def _raise_if(report: Report) -> None:
    if report:
        raise ValidationError(report)


# Cross-field rules. They look only at values of the right type: a value with
# a problem of its own has been reported already and is not reported again.


def _is_text_line(value: object) -> bool:
    return isinstance(value, str) and v.TEXT_LINE_BAD.search(value) is None and value.strip() != ""


def check_article_rules(a: Article, path: Path, report: Report) -> None:
    """Report the rules that join several fields of an article."""
    if (
        a.dateline is not None
        and a.kind.__class__ is ArticleKind
        and not a.kind.is_news
        and _is_text_line(a.dateline)
    ):
        report.append(
            ErrorDetail(
                join_path(path, "dateline"),
                "invalid",
                "expected no dateline on this kind of article (schema.org has "
                f"dateline on news kinds only), found one on kind {a.kind.value!r}",
                a.dateline,
            )
        )
    _check_date_order(a, path, report)
    _check_unique(a.tags, "name", str.casefold, _is_text_line, path, "tags", report)
    _check_unique(a.related, "url", str, v.is_url, path, "related", report)
    _check_figures(a, path, report)


def paragraph_texts(body: tuple[Block, ...]) -> tuple[str, ...]:
    """
    The plain texts of a body: each paragraph, heading, list item, quote paragraph on its own.

    A body of plain paragraphs is returned as it is; only a structured one
    loads the block classes (`newsmodel._body.block_texts`).
    """
    if all(block.__class__ is str for block in body):
        return body  # type: ignore[return-value]
    from ._body import block_texts  # noqa: PLC0415 - only for a structured body

    return tuple(text for block in body for text in block_texts(block))


def body_plain_text(body: tuple[Block, ...]) -> str:
    """
    The plain text of a body: its texts (`paragraph_texts`) a blank line apart.

    The one home of this join: `newsmodel.body_text` is it, and the ninjs
    import knows a ``text/plain`` body joined this way as the same body.
    (JSON-LD's ``articleBody`` and our own ninjs ``text/plain`` body join so
    that they split back exactly: `newsmodel._jsonld.paragraph_joints`.)
    """
    return "\n\n".join(paragraph_texts(body))


def _check_figures(a: Article, path: Path, report: Report) -> None:
    # A figure in the body shows one of the article's images, by its url.
    body = a.body
    if body.__class__ is not tuple or all(block.__class__ is str for block in body):
        return
    from ._body import Figure  # noqa: PLC0415 - only for a structured body

    images = a.images
    if images.__class__ is not tuple:
        return  # reported at its own path
    urls = [getattr(image, "url", None) for image in images]
    if not all(url.__class__ is str and v.is_url(url) for url in urls):
        # Images that did not load, or whose url did not, were reported at their
        # own path; which urls they meant is unknown, so no figure is called
        # wrong for pointing at one.
        return
    for index, block in enumerate(body):
        if isinstance(block, Figure) and block.image not in urls:
            report.append(
                ErrorDetail(
                    join_path(join_path(join_path(path, "body"), index), "image"),
                    "invalid",
                    "expected the url of one of the article's images, found "
                    f"{block.image!r}: add the image to images",
                    block.image,
                )
            )


def _check_date_order(a: Article, path: Path, report: Report) -> None:
    problem = date_order_problem(a.date_published, a.date_modified)
    if problem is not None:
        report.append(
            ErrorDetail(join_path(path, "date_modified"), "date_order", problem, a.date_modified)
        )


def _check_unique(
    items: object,
    attribute: str,
    normalize: Callable[[str], str],
    valid: Callable[[str], bool],
    path: Path,
    field: str,
    report: Report,
) -> None:
    if items.__class__ is not tuple or len(items) < 2:
        return
    values = [getattr(item, attribute, None) for item in items]
    # The common case: all values texts, and distinct. A value that is not a
    # text was reported already, and is never turned into one here (str() of
    # a payload nested a hundred thousand levels deep would not return).
    texts = [value for value in values if isinstance(value, str)]
    if len(texts) == len(values) and len({normalize(text) for text in texts}) == len(texts):
        return
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if not isinstance(value, str) or not valid(value):  # reported already
            continue
        key = normalize(value)
        if key not in seen:
            seen[key] = index
            continue
        how = "; names are compared ignoring case" if normalize is str.casefold else ""
        items_path = join_path(path, field)
        report.append(
            ErrorDetail(
                join_path(join_path(items_path, index), attribute),
                "duplicate",
                f"expected each {attribute} in {field} once, found {value!r} again "
                f"(first at {items_path}[{seen[key]}]{how})",
                value,
            )
        )


# ------------------------------------------------------------------- repr

# Deeper than any article nests models: the body (a tuple), lists nested 4 deep
# (List, its items, a ListItem: 3 levels each), inline content, 6 inlines each
# with its content, a code: 1 + 12 + 1 + 12 + 1 = 27 levels below the article.
_REPR_DEPTH = 32


def model_repr(obj: object) -> str:
    """
    Return the repr of a model instance, under the names its constructor takes.

    ``Tag(name='Kyiv', kind=TagKind.TOPIC, slug=None, same_as=())``: fields
    with a private attribute show under their public name (``slug``, not
    ``_slug``) and enum members as ``TagKind.TOPIC``, so that the text
    evaluates back to an equal object with the newsmodel names and the
    `datetime` module in scope (Hypothesis prints failing examples this way).
    A value that is not what the field holds (only possible in an instance
    made without its constructor) is described, never repr()'d: such a value
    may be nested a hundred thousand levels deep.
    """
    return _model_repr(obj, 0)


def _model_repr(obj: object, depth: int) -> str:
    cls: Any = type(obj)
    if depth > _REPR_DEPTH:
        return f"{cls.__name__}(...)"
    parts = [
        f"{field.alias or field.name}={_value_repr(getattr(obj, field.name, INVALID), depth)}"
        for field in attrs.fields(cls)
    ]
    return f"{cls.__name__}({', '.join(parts)})"


def _value_repr(value: object, depth: int) -> str:
    kind = value.__class__
    if value is None or kind is str or kind is bool or kind is float or kind is date:
        return repr(value)
    if isinstance(value, int) and kind is int and abs(value) <= v.MAX_INT:
        return repr(value)
    if isinstance(value, datetime) and kind is datetime:
        zone = value.tzinfo
        if zone is None or zone.__class__ is timezone:
            return repr(value)
    if isinstance(value, enum.Enum):
        return f"{kind.__name__}.{value.name}"
    if kind in _MODELS or kind.__module__ == _BODY_MODULE:
        return _model_repr(value, depth + 1)
    if isinstance(value, tuple) and kind is tuple and depth <= _REPR_DEPTH:
        items = [_value_repr(item, depth + 1) for item in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if value is INVALID:
        return "<unset>"
    return f"<{describe(value)}>"


# ----------------------------------------------------------------- classes


@attrs.frozen(kw_only=True)
class Image:
    """
    An image: the lead picture of an article, a logo, a portrait.

    Attributes:
        url: Where the image file is (absolute http or https).
        caption: What the image shows, as printed under it.
        credit: Who made it or supplied it, e.g. "Presidential Office".
        alt_text: A text alternative for people who cannot see it.
        width: Width in pixels.
        height: Height in pixels.
        license_url: The page with the image's license.
    """

    url: URL
    caption: Text | None = None
    credit: TextLine | None = None
    alt_text: Text | None = None
    width: PositiveInt | None = None
    height: PositiveInt | None = None
    license_url: URL | None = None

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_image(self, "$", report)
        _raise_if(report)

    __repr__ = model_repr


@attrs.frozen(kw_only=True)
class Organization:
    """
    An organization: a publisher, a news desk byline, an agency.

    Attributes:
        name: The organization's name.
        url: Its home page.
        same_as: Pages that identify it elsewhere (Wikidata, Wikipedia).
        logo: Its logo.
    """

    name: TextLine
    url: URL | None = None
    same_as: tuple[URL, ...] = attrs.field(default=(), converter=_tuple)
    logo: Image | None = None

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_organization(self, "$", report)
        _raise_if(report)

    __repr__ = model_repr


@attrs.frozen(kw_only=True)
class Person:
    """
    A person: an author, a speaker.

    Attributes:
        name: The name alone: no "By", no job title, one person.
        url: A page about the person, such as an author page.
        same_as: Pages that identify the person elsewhere.
        job_title: The person's job title, e.g. "President of Ukraine".
        affiliation: The organization the person belongs to.
        image: A portrait.
    """

    name: TextLine
    url: URL | None = None
    same_as: tuple[URL, ...] = attrs.field(default=(), converter=_tuple)
    job_title: TextLine | None = None
    affiliation: Organization | None = None
    image: Image | None = None

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_person(self, "$", report)
        _raise_if(report)

    __repr__ = model_repr


#: A byline or a speaker: a `Person` or an `Organization`.
Author: TypeAlias = Union[Person, Organization]  # noqa: UP007 - a runtime alias on 3.10


@attrs.frozen(kw_only=True)
class Tag:
    """
    A tag: a topic, or a person, organization, place or event the story is about.

    Attributes:
        name: The tag as shown, e.g. "North Korea".
        kind: What the tag names.
        slug: The tag's slug; derived from the name when not given.
        same_as: Pages that identify the tag's subject (e.g. Wikidata).
    """

    name: TextLine
    kind: TagKind = attrs.field(default=TagKind.TOPIC, converter=_tag_kind)
    _slug: Slug | None = attrs.field(default=None, alias="slug")
    same_as: tuple[URL, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_tag(self, "$", report)
        _raise_if(report)

    __repr__ = model_repr

    @property
    def slug(self) -> str:
        """The explicit slug, or one derived from the name (``North Korea`` → ``north-korea``)."""
        return self._slug if self._slug is not None else v.slugify(self.name)

    @property
    def explicit_slug(self) -> str | None:
        """The slug as given, or None when it is derived from the name."""
        return self._slug


@attrs.frozen(kw_only=True)
class Quote:
    """
    Words someone said, as quoted in the article.

    Attributes:
        text: The words as spoken, without quotation marks.
        speaker: Who said them.
        context: Where or how they were said, e.g. "nightly video address".
        date: When they were said: a date, or a datetime with offset.
        source_url: The original statement (a transcript, a video).
    """

    text: Text
    speaker: Person | Organization
    context: Text | None = None
    date: DateOrDatetime | None = attrs.field(default=None, converter=_fixed_offset_or_date)
    source_url: URL | None = None

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_quote(self, "$", report)
        _raise_if(report)

    __repr__ = model_repr


@attrs.frozen(kw_only=True)
class RelatedStory:
    """
    A reference to another story, shown as a teaser or a link.

    Attributes:
        url: The other story's address.
        headline: Its headline.
        teaser: A short text that invites the reader to it.
        publisher: Who published it, when not the same publisher.
        authors: Its authors.
        date_published: When it was published.
        image: Its teaser image.
        relation: How it relates to this article.
    """

    url: URL
    headline: TextLine
    teaser: Text | None = None
    publisher: Organization | None = None
    authors: tuple[Person | Organization, ...] = attrs.field(default=(), converter=_tuple)
    date_published: Timestamp | None = attrs.field(default=None, converter=_fixed_offset_or_none)
    image: Image | None = None
    relation: Relation = attrs.field(default=Relation.RELATED, converter=_relation)

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_related_story(self, "$", report)
        _raise_if(report)

    __repr__ = model_repr


_WORD = LazyPattern(r"\w+(?:[-'\u2019.]\w+)*")


@attrs.frozen(kw_only=True)
class Article:
    """
    A news article and everything around it.

    Attributes:
        url: The canonical address of the article.
        kind: What sort of piece it is; each kind is a schema.org type.
        id: The publisher's own stable identifier (a CMS id, a URN).
        headline: The headline.
        alternative_headline: A secondary headline.
        description: The standfirst (dek).
        section: The section, e.g. "News Feed".
        dateline: Where the story was filed, e.g. "KYIV, Ukraine" (news kinds only).
        language: The BCP 47 language tag, in canonical case.
        date_published: When it was first published (with a UTC offset).
        date_modified: When it was last changed (not before ``date_published``).
        authors: The bylines, one person or organization each.
        publisher: The publishing organization.
        tags: The tags, no two with the same name (ignoring case).
        images: The images; the first is the lead image.
        body: The text: plain paragraphs (`str`) and structured blocks
            (`Paragraph`, `Heading`, `List`, ...; see ``docs/body.md``).
        quotes: The direct quotes in the story.
        related: Related stories, no two with the same url.
        reading_time_minutes: The reading time: as given, or derived from the
            body at `WORDS_PER_MINUTE` (see the property).
        is_accessible_for_free: False for paywalled articles.
    """

    url: URL
    kind: ArticleKind = attrs.field(default=ArticleKind.NEWS, converter=_article_kind)
    id: TextLine | None = None
    headline: TextLine
    alternative_headline: TextLine | None = None
    description: Text | None = None
    section: TextLine | None = None
    dateline: TextLine | None = None
    language: LanguageTag = attrs.field(converter=_language)
    date_published: Timestamp = attrs.field(converter=fixed_offset)
    date_modified: Timestamp | None = attrs.field(default=None, converter=_fixed_offset_or_none)
    authors: tuple[Person | Organization, ...] = attrs.field(default=(), converter=_tuple)
    publisher: Organization | None = None
    tags: tuple[Tag, ...] = attrs.field(default=(), converter=_tuple)
    images: tuple[Image, ...] = attrs.field(default=(), converter=_tuple)
    body: tuple[BodyBlock, ...] = attrs.field(default=(), converter=_tuple)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_tuple)
    related: tuple[RelatedStory, ...] = attrs.field(default=(), converter=_tuple)
    _reading_time_minutes: PositiveInt | None = attrs.field(
        default=None, alias="reading_time_minutes"
    )
    is_accessible_for_free: bool = True

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_article(self, "$", report)
        _raise_if(report)

    __repr__ = model_repr

    @property
    def word_count(self) -> int:
        """
        The number of words in the body.

        A word is a run of letters or digits, which may be joined by a hyphen,
        an apostrophe or a dot (``front-line``, ``Ukraine's``, ``U.S``).
        """
        return sum(len(_WORD.findall(text)) for text in paragraph_texts(self.body))

    @property
    def reading_time_minutes(self) -> int | None:
        """
        The reading time in whole minutes.

        The explicit value when one was given; otherwise the word count divided
        by `WORDS_PER_MINUTE`, rounded up; None for an article without a body.
        """
        if self._reading_time_minutes is not None:
            return self._reading_time_minutes
        words = self.word_count
        return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else None

    @property
    def explicit_reading_time_minutes(self) -> int | None:
        """The reading time as given, or None when it is derived from the body."""
        return self._reading_time_minutes

    @property
    def lead_image(self) -> Image | None:
        """The first image, or None."""
        return self.images[0] if self.images else None


#: The model classes, nested ones first: the order of the generated code.
MODEL_CLASSES = (Image, Organization, Person, Tag, Quote, RelatedStory, Article)
_MODELS = frozenset(MODEL_CLASSES)
# The body's blocks and inlines (all attrs classes), named without importing them.
_BODY_MODULE = f"{__package__}._body"

#: The rules that join several fields of a class, run after its fields' own.
CROSS_FIELD_RULES: dict[type, Callable[[Any, Path, Report], None]] = {Article: check_article_rules}

# The checkers are generated from the fields' rules by scripts/generate.py. The
# generated module imports the classes above, so it is imported here, last.
from ._generated import (  # noqa: E402
    check_article,
    check_image,
    check_organization,
    check_person,
    check_quote,
    check_related_story,
    check_tag,
)

# pydantic's hooks, so that each class is a pydantic field type with no glue.
# They load newsmodel.pydantic (and pydantic) only when pydantic calls them:
# `import newsmodel` stays free of pydantic.


def _pydantic_core_schema(cls: type, source: object, handler: Any) -> Any:
    from .pydantic import core_schema  # noqa: PLC0415

    return core_schema(cls, handler)


def _pydantic_json_schema(cls: type, schema: object, handler: Any) -> Any:
    from .pydantic import json_schema  # noqa: PLC0415

    return json_schema(cls, handler)


for _cls in (Image, Organization, Person, Tag, Quote, RelatedStory, Article):
    setattr(_cls, "__get_pydantic_core_schema__", classmethod(_pydantic_core_schema))  # noqa: B010
    setattr(_cls, "__get_pydantic_json_schema__", classmethod(_pydantic_json_schema))  # noqa: B010
del _cls
