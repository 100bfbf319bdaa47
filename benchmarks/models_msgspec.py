"""
The canonical wire format (SPEC §1) as msgspec Structs: the benchmark's memory floor.

The same classes and fields as the pydantic model, with the rules msgspec can state:
``Meta`` patterns for URLs, text lines, texts, slugs and language tags, aware datetimes
(``tz=True``), enums, integer bounds, ``forbid_unknown_fields`` and authors tagged by
``type``. msgspec has no cross-field validators, so date order and uniqueness are not
checked; and a union may hold only one str-like type, so ``Quote.date`` is a calendar
date only (the seed's quotes carry dates; a ``date`` is also the smaller object, which
keeps this floor conservative). Language tags are matched in any case and kept as
given. Structs are frozen; sequences are tuples.

Only the benchmark uses this module; it is not part of newsmodel.
"""

from __future__ import annotations

import enum
from datetime import date as calendar_date
from datetime import datetime
from typing import Annotated, Union

import msgspec

# msgspec patterns are Python ``re`` patterns used with ``search``: anchored here.
_CONTROL = "\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
_CONTROL_BUT_NEWLINE = "\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"

URL = Annotated[
    str,
    msgspec.Meta(
        pattern=(
            "^[Hh][Tt][Tt][Pp][Ss]?://"
            "(?:[^\\s\x00-\x1f\x7f-\x9f\ud800-\udfff/?#@\\[\\]\\\\:]+|\\[[0-9A-Fa-f:.]+\\])"
            "(?::[0-9]{1,5})?"
            "(?:[/?#][^\\s\x00-\x1f\x7f-\x9f\ud800-\udfff]*)?\\Z"
        )
    ),
]
TextLine = Annotated[str, msgspec.Meta(pattern=f"^[^{_CONTROL}]*[^\\s{_CONTROL}][^{_CONTROL}]*\\Z")]
Text = Annotated[
    str,
    msgspec.Meta(
        pattern=f"^[^{_CONTROL_BUT_NEWLINE}]*[^\\s{_CONTROL}][^{_CONTROL_BUT_NEWLINE}]*\\Z"
    ),
]
Slug = Annotated[str, msgspec.Meta(pattern=r"^[^\W_A-Z]+(?:-[^\W_A-Z]+)*\Z")]
LanguageTag = Annotated[
    str,
    msgspec.Meta(
        pattern=(
            r"(?i)^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
            r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
            r"(?:-x(?:-[a-z0-9]{1,8})+)?\Z"
        )
    ),
]
PositiveInt = Annotated[int, msgspec.Meta(ge=1, le=2**53 - 1)]
Timestamp = Annotated[datetime, msgspec.Meta(tz=True)]


class ArticleKind(str, enum.Enum):
    """What sort of piece an article is."""

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


class TagKind(str, enum.Enum):
    """What a tag names."""

    TOPIC = "topic"
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    EVENT = "event"


class Relation(str, enum.Enum):
    """How a related story relates to the article."""

    RELATED = "related"
    FOLLOW_UP = "follow_up"
    BACKGROUND = "background"
    CITED = "cited"


class Image(
    msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True
):
    """An image."""

    url: URL
    caption: Text | None = None
    credit: TextLine | None = None
    alt_text: Text | None = None
    width: PositiveInt | None = None
    height: PositiveInt | None = None
    license_url: URL | None = None


class Organization(
    msgspec.Struct,
    kw_only=True,
    frozen=True,
    forbid_unknown_fields=True,
    omit_defaults=True,
    tag_field="type",
    tag="organization",
):
    """An organization."""

    name: TextLine
    url: URL | None = None
    same_as: tuple[URL, ...] = ()
    logo: Image | None = None


class Person(
    msgspec.Struct,
    kw_only=True,
    frozen=True,
    forbid_unknown_fields=True,
    omit_defaults=True,
    tag_field="type",
    tag="person",
):
    """A person."""

    name: TextLine
    url: URL | None = None
    same_as: tuple[URL, ...] = ()
    job_title: TextLine | None = None
    affiliation: Organization | None = None
    image: Image | None = None


Author = Union[Person, Organization]  # noqa: UP007


class Tag(
    msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True
):
    """A tag."""

    name: TextLine
    kind: TagKind = TagKind.TOPIC
    slug: Slug | None = None
    same_as: tuple[URL, ...] = ()


class Quote(
    msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True
):
    """A direct quote."""

    text: Text
    speaker: Author
    context: Text | None = None
    date: calendar_date | None = None
    source_url: URL | None = None


class RelatedStory(
    msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True
):
    """A related story."""

    url: URL
    headline: TextLine
    teaser: Text | None = None
    publisher: Organization | None = None
    authors: tuple[Author, ...] = ()
    date_published: Timestamp | None = None
    image: Image | None = None
    relation: Relation = Relation.RELATED


class Article(
    msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True
):
    """A news article."""

    url: URL
    kind: ArticleKind = ArticleKind.NEWS
    id: TextLine | None = None
    headline: TextLine
    alternative_headline: TextLine | None = None
    description: Text | None = None
    section: TextLine | None = None
    dateline: TextLine | None = None
    language: LanguageTag
    date_published: Timestamp
    date_modified: Timestamp | None = None
    authors: tuple[Author, ...] = ()
    publisher: Organization | None = None
    tags: tuple[Tag, ...] = ()
    images: tuple[Image, ...] = ()
    body: tuple[Text, ...] = ()
    quotes: tuple[Quote, ...] = ()
    related: tuple[RelatedStory, ...] = ()
    reading_time_minutes: PositiveInt | None = None
    is_accessible_for_free: bool = True
