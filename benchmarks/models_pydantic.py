"""
The canonical wire format (SPEC §1) as a pydantic v2 model: the benchmark's yardstick.

Every class and field of the wire format, with its rules stated the pydantic way:
regular expressions for URLs, text lines, texts, slugs and language tags; aware
datetimes; enums; integer bounds; strict types (no "2" for 2, no 1.0 for 1);
``extra="forbid"`` for unknown keys; authors discriminated by ``type``; and the
cross-field rules (date order, unique tag names and related urls, dateline on news
kinds only) as an ``after`` model validator. Instances are frozen, sequences tuples.
A language tag is matched in any case and kept as given (newsmodel accepts any case
too, and stores the canonical case).

Only the benchmark uses this module; it is not part of newsmodel.
"""

from __future__ import annotations

import enum
from datetime import date as calendar_date  # noqa: TC003 - pydantic reads it at run time
from typing import Annotated, Literal, Union

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

# The patterns use pydantic-core's Rust regex syntax (\x{...} escapes). Control
# characters are C0, DEL and C1; the line and paragraph separators U+2028/9 are
# not allowed in texts either. Lone surrogates never reach a pattern: the JSON
# parser refuses them.
_CONTROL = r"\x00-\x1f\x7f-\x9f\x{2028}\x{2029}"
_CONTROL_BUT_NEWLINE = r"\x00-\x09\x0b-\x1f\x7f-\x9f\x{2028}\x{2029}"

URL = Annotated[
    str,
    StringConstraints(
        pattern=(
            r"^[Hh][Tt][Tt][Pp][Ss]?://"
            r"(?:[^\s\x00-\x1f\x7f-\x9f/?#@\[\]\\:]+|\[[0-9A-Fa-f:.]+\])"
            r"(?::[0-9]{1,5})?"
            r"(?:[/?#][^\s\x00-\x1f\x7f-\x9f]*)?$"
        )
    ),
]
TextLine = Annotated[
    str, StringConstraints(pattern=rf"^[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*$")
]
Text = Annotated[
    str,
    StringConstraints(
        pattern=rf"^[^{_CONTROL_BUT_NEWLINE}]*[^\s{_CONTROL}][^{_CONTROL_BUT_NEWLINE}]*$"
    ),
]
Slug = Annotated[
    str, StringConstraints(pattern=r"^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$")
]
LanguageTag = Annotated[
    str,
    StringConstraints(
        pattern=(
            r"(?i)^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"
            r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
            r"(?:-x(?:-[a-z0-9]{1,8})+)?$"
        )
    ),
]
PositiveInt = Annotated[int, Field(ge=1, le=2**53 - 1)]


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


NEWS_KINDS = frozenset(
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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Image(_Model):
    """An image."""

    url: URL
    caption: Text | None = None
    credit: TextLine | None = None
    alt_text: Text | None = None
    width: PositiveInt | None = None
    height: PositiveInt | None = None
    license_url: URL | None = None


class Organization(_Model):
    """An organization."""

    type: Literal["organization"]
    name: TextLine
    url: URL | None = None
    same_as: tuple[URL, ...] = ()
    logo: Image | None = None


class Person(_Model):
    """A person."""

    type: Literal["person"]
    name: TextLine
    url: URL | None = None
    same_as: tuple[URL, ...] = ()
    job_title: TextLine | None = None
    affiliation: Organization | None = None
    image: Image | None = None


Author = Annotated[Union[Person, Organization], Field(discriminator="type")]  # noqa: UP007


class Tag(_Model):
    """A tag."""

    name: TextLine
    kind: TagKind = TagKind.TOPIC
    slug: Slug | None = None
    same_as: tuple[URL, ...] = ()


class Quote(_Model):
    """A direct quote."""

    text: Text
    speaker: Author
    context: Text | None = None
    date: AwareDatetime | calendar_date | None = None
    source_url: URL | None = None


class RelatedStory(_Model):
    """A related story."""

    url: URL
    headline: TextLine
    teaser: Text | None = None
    publisher: Organization | None = None
    authors: tuple[Author, ...] = ()
    date_published: AwareDatetime | None = None
    image: Image | None = None
    relation: Relation = Relation.RELATED


class Article(_Model):
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
    date_published: AwareDatetime
    date_modified: AwareDatetime | None = None
    authors: tuple[Author, ...] = ()
    publisher: Organization | None = None
    tags: tuple[Tag, ...] = ()
    images: tuple[Image, ...] = ()
    body: tuple[Text, ...] = ()
    quotes: tuple[Quote, ...] = ()
    related: tuple[RelatedStory, ...] = ()
    reading_time_minutes: PositiveInt | None = None
    is_accessible_for_free: bool = True

    @model_validator(mode="after")
    def _cross_field_rules(self) -> Article:
        problems = []
        if self.dateline is not None and self.kind not in NEWS_KINDS:
            problems.append("dateline: expected no dateline on this kind of article")
        if self.date_modified is not None and self.date_modified < self.date_published:
            problems.append("date_modified: expected a date not earlier than date_published")
        if len({tag.name.casefold() for tag in self.tags}) != len(self.tags):
            problems.append("tags: expected each name once")
        if len({story.url for story in self.related}) != len(self.related):
            problems.append("related: expected each url once")
        if problems:
            raise ValueError("; ".join(problems))
        return self
