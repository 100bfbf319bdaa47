# mypy: disable-error-code="comparison-overlap"
# (fields are compared with the INVALID placeholder the loaders put in them)
"""
The article model: frozen, slotted, hashable attrs classes.

The classes know no wire format. Each one checks itself when constructed
(``__attrs_post_init__``) and raises `ValidationError` listing every problem;
the loaders build instances through `unchecked_constructor` and run the same
checks with the payload's paths, so both ways in share one set of rules.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar, Union

import attrs

from . import _values as v
from ._errors import ErrorDetail, ValidationError, describe, join_path

if TYPE_CHECKING:
    from typing import TypeAlias


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
_T = TypeVar("_T")


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
    """How a related story relates to the article that links to it."""

    RELATED = "related"
    FOLLOW_UP = "follow_up"
    BACKGROUND = "background"
    CITED = "cited"


def _tuple(value: Iterable[_T]) -> tuple[_T, ...]:
    # Lists and tuples become tuples; anything else is left for the check to
    # report ("expected an array"), rather than iterated into nonsense.
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return value  # type: ignore[return-value]


def _language(value: str) -> str:
    if isinstance(value, str):
        return v.canonical_language(value) or value
    return value


def _raise_if(report: Report) -> None:
    if report:
        raise ValidationError(report)


# ------------------------------------------------------------------ checks
# One function per class. Each checks the object's own fields; nested objects
# are only type-checked, because a nested object is checked when it is made.


Check = Callable[[object, str, "str | int", Report], None]


def _check_optional(value: object, check: Check, parent: str, key: str, report: Report) -> None:
    if value is not None and value is not INVALID:
        check(value, parent, key, report)


def _check_sequence(value: object, check: Check, parent: str, key: str, report: Report) -> None:
    if value.__class__ is not tuple:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected an array, found {describe(value)}",
            )
        )
        return
    path = join_path(parent, key)
    for index, item in enumerate(value):  # type: ignore[arg-type]
        if item is not INVALID:
            check(item, path, index, report)


def _instance_check(classes: tuple[type, ...], what: str) -> Check:
    def check(value: object, parent: str, key: str | int, report: Report) -> None:
        if not isinstance(value, classes):
            report.append(
                ErrorDetail(
                    join_path(parent, key),
                    "type",
                    f"expected {what}, found {describe(value)}",
                )
            )

    return check


def check_image(image: Image, path: str, report: Report) -> None:
    """Report every problem of *image*'s own fields."""
    if image.url is not INVALID:
        v.check_url(image.url, path, "url", report)
    _check_optional(image.caption, v.check_text, path, "caption", report)
    _check_optional(image.credit, v.check_text_line, path, "credit", report)
    _check_optional(image.alt_text, v.check_text, path, "alt_text", report)
    _check_optional(image.width, v.check_positive_int, path, "width", report)
    _check_optional(image.height, v.check_positive_int, path, "height", report)
    _check_optional(image.license_url, v.check_url, path, "license_url", report)


def _check_image_field(value: object, parent: str, key: str, report: Report) -> None:
    _check_optional(value, _is_image, parent, key, report)


def _check_same_as(value: object, parent: str, key: str, report: Report) -> None:
    if value != ():
        _check_sequence(value, v.check_url, parent, key, report)


def check_organization(org: Organization, path: str, report: Report) -> None:
    """Report every problem of *org*'s own fields."""
    if org.name is not INVALID:
        v.check_text_line(org.name, path, "name", report)
    _check_optional(org.url, v.check_url, path, "url", report)
    _check_same_as(org.same_as, path, "same_as", report)
    _check_image_field(org.logo, path, "logo", report)


def check_person(person: Person, path: str, report: Report) -> None:
    """Report every problem of *person*'s own fields."""
    if person.name is not INVALID:
        v.check_text_line(person.name, path, "name", report)
    _check_optional(person.url, v.check_url, path, "url", report)
    _check_same_as(person.same_as, path, "same_as", report)
    _check_optional(person.job_title, v.check_text_line, path, "job_title", report)
    _check_optional(person.affiliation, _is_organization, path, "affiliation", report)
    _check_image_field(person.image, path, "image", report)


_check_tag_kind = v.check_enum(TagKind)
_check_article_kind = v.check_enum(ArticleKind)
_check_relation = v.check_enum(Relation)


def check_tag(tag: Tag, path: str, report: Report) -> None:
    """Report every problem of *tag*'s own fields."""
    if tag.name is not INVALID:
        v.check_text_line(tag.name, path, "name", report)
    _check_tag_kind(tag.kind, path, "kind", report)
    _check_optional(tag._slug, v.check_slug, path, "slug", report)
    _check_same_as(tag.same_as, path, "same_as", report)


def check_quote(quote: Quote, path: str, report: Report) -> None:
    """Report every problem of *quote*'s own fields."""
    if quote.text is not INVALID:
        v.check_text(quote.text, path, "text", report)
    if quote.speaker is not INVALID:
        _is_author(quote.speaker, path, "speaker", report)
    _check_optional(quote.context, v.check_text, path, "context", report)
    _check_optional(quote.date, v.check_date_or_datetime, path, "date", report)
    _check_optional(quote.source_url, v.check_url, path, "source_url", report)


def _check_authors(value: object, parent: str, key: str, report: Report) -> None:
    if value != ():
        _check_sequence(value, _is_author, parent, key, report)


def check_related_story(story: RelatedStory, path: str, report: Report) -> None:
    """Report every problem of *story*'s own fields."""
    if story.url is not INVALID:
        v.check_url(story.url, path, "url", report)
    if story.headline is not INVALID:
        v.check_text_line(story.headline, path, "headline", report)
    _check_optional(story.teaser, v.check_text, path, "teaser", report)
    _check_optional(story.publisher, _is_organization, path, "publisher", report)
    _check_authors(story.authors, path, "authors", report)
    _check_optional(story.date_published, v.check_datetime, path, "date_published", report)
    _check_image_field(story.image, path, "image", report)
    _check_relation(story.relation, path, "relation", report)


def check_article(article: Article, path: str, report: Report) -> None:
    """Report every problem of *article*'s own fields, and its cross-field rules."""
    a = article
    if a.url is not INVALID:
        v.check_url(a.url, path, "url", report)
    _check_article_kind(a.kind, path, "kind", report)
    _check_optional(a.id, v.check_text_line, path, "id", report)
    if a.headline is not INVALID:
        v.check_text_line(a.headline, path, "headline", report)
    _check_optional(a.alternative_headline, v.check_text_line, path, "alternative_headline", report)
    _check_optional(a.description, v.check_text, path, "description", report)
    _check_optional(a.section, v.check_text_line, path, "section", report)
    if a.dateline is not None:
        v.check_text_line(a.dateline, path, "dateline", report)
        if a.kind.__class__ is ArticleKind and not a.kind.is_news:
            report.append(
                ErrorDetail(
                    join_path(path, "dateline"),
                    "invalid",
                    "expected no dateline on this kind of article (schema.org has "
                    f"dateline on news kinds only), found one on kind {a.kind.value!r}",
                )
            )
    if a.language is not INVALID:
        v.check_language(a.language, path, "language", report)
    if a.date_published is not INVALID:
        v.check_datetime(a.date_published, path, "date_published", report)
    _check_optional(a.date_modified, v.check_datetime, path, "date_modified", report)
    _check_authors(a.authors, path, "authors", report)
    _check_optional(a.publisher, _is_organization, path, "publisher", report)
    if a.tags != ():
        _check_sequence(a.tags, _is_tag, path, "tags", report)
    if a.images != ():
        _check_sequence(a.images, _is_image, path, "images", report)
    if a.body != ():
        _check_sequence(a.body, v.check_text, path, "body", report)
    if a.quotes != ():
        _check_sequence(a.quotes, _is_quote, path, "quotes", report)
    if a.related != ():
        _check_sequence(a.related, _is_related, path, "related", report)
    _check_optional(
        a._reading_time_minutes,
        v.check_positive_int,
        path,
        "reading_time_minutes",
        report,
    )
    v.check_bool(a.is_accessible_for_free, path, "is_accessible_for_free", report)
    _check_date_order(a, path, report)
    _check_unique(a.tags, "name", str.casefold, path, "tags", report)
    _check_unique(a.related, "url", str, path, "related", report)


# Cross-field rules look only at values of the right type: a value with its
# own problem has been reported already, and must not be reported again.


def _check_date_order(a: Article, path: str, report: Report) -> None:
    published, modified = a.date_published, a.date_modified
    if not (isinstance(modified, datetime) and isinstance(published, datetime)):
        return
    try:
        earlier = modified < published
    except (TypeError, OverflowError):  # naive or out of range: reported already
        return
    if earlier:
        report.append(
            ErrorDetail(
                join_path(path, "date_modified"),
                "date_order",
                "expected a date not earlier than date_published "
                f"({published.isoformat()}), found {modified.isoformat()}",
            )
        )


def _check_unique(
    items: object,
    attribute: str,
    normalize: Callable[[str], str],
    path: str,
    field: str,
    report: Report,
) -> None:
    if items.__class__ is not tuple or len(items) < 2:  # type: ignore[arg-type]
        return
    seen: dict[str, int] = {}
    for index, item in enumerate(items):  # type: ignore[arg-type]
        value = getattr(item, attribute, None)
        if not isinstance(value, str):
            continue
        key = normalize(value)
        if key not in seen:
            seen[key] = index
            continue
        how = "; names are compared ignoring case" if normalize is str.casefold else ""
        report.append(
            ErrorDetail(
                f"{path}.{field}[{index}].{attribute}",
                "duplicate",
                f"expected each {attribute} in {field} once, found {value!r} again "
                f"(first at {path}.{field}[{seen[key]}]{how})",
            )
        )


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

    url: str
    caption: str | None = None
    credit: str | None = None
    alt_text: str | None = None
    width: int | None = None
    height: int | None = None
    license_url: str | None = None

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_image(self, "$", report)
        _raise_if(report)


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

    name: str
    url: str | None = None
    same_as: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    logo: Image | None = None

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_organization(self, "$", report)
        _raise_if(report)


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

    name: str
    url: str | None = None
    same_as: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    job_title: str | None = None
    affiliation: Organization | None = None
    image: Image | None = None

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_person(self, "$", report)
        _raise_if(report)


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

    name: str
    kind: TagKind = TagKind.TOPIC
    _slug: str | None = attrs.field(default=None, alias="slug")
    same_as: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_tag(self, "$", report)
        _raise_if(report)

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

    text: str
    speaker: Person | Organization
    context: str | None = None
    date: date | datetime | None = None
    source_url: str | None = None

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_quote(self, "$", report)
        _raise_if(report)


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

    url: str
    headline: str
    teaser: str | None = None
    publisher: Organization | None = None
    authors: tuple[Person | Organization, ...] = attrs.field(default=(), converter=_tuple)
    date_published: datetime | None = None
    image: Image | None = None
    relation: Relation = Relation.RELATED

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_related_story(self, "$", report)
        _raise_if(report)


_WORD = re.compile(r"\w+(?:[-'\u2019.]\w+)*")


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
        body: The text, one plain-text string per paragraph.
        quotes: The direct quotes in the story.
        related: Related stories, no two with the same url.
        reading_time_minutes: The reading time: as given, or derived from the
            body at `WORDS_PER_MINUTE` (see the property).
        is_accessible_for_free: False for paywalled articles.
    """

    url: str
    kind: ArticleKind = ArticleKind.NEWS
    id: str | None = None
    headline: str
    alternative_headline: str | None = None
    description: str | None = None
    section: str | None = None
    dateline: str | None = None
    language: str = attrs.field(converter=_language)
    date_published: datetime
    date_modified: datetime | None = None
    authors: tuple[Person | Organization, ...] = attrs.field(default=(), converter=_tuple)
    publisher: Organization | None = None
    tags: tuple[Tag, ...] = attrs.field(default=(), converter=_tuple)
    images: tuple[Image, ...] = attrs.field(default=(), converter=_tuple)
    body: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_tuple)
    related: tuple[RelatedStory, ...] = attrs.field(default=(), converter=_tuple)
    _reading_time_minutes: int | None = attrs.field(default=None, alias="reading_time_minutes")
    is_accessible_for_free: bool = True

    def __attrs_post_init__(self) -> None:
        report: Report = []
        check_article(self, "$", report)
        _raise_if(report)

    @property
    def word_count(self) -> int:
        """
        The number of words in the body.

        A word is a run of letters or digits, which may be joined by a hyphen,
        an apostrophe or a dot (``front-line``, ``Ukraine's``, ``U.S``).
        """
        return sum(len(_WORD.findall(paragraph)) for paragraph in self.body)

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


_is_image = _instance_check((Image,), "an Image")
_is_organization = _instance_check((Organization,), "an Organization")
_is_author = _instance_check((Person, Organization), "a Person or an Organization")
_is_tag = _instance_check((Tag,), "a Tag")
_is_quote = _instance_check((Quote,), "a Quote")
_is_related = _instance_check((RelatedStory,), "a RelatedStory")


def unchecked_constructor(cls: type[_T]) -> Callable[..., _T]:
    """
    Return a function that makes a *cls* from positional field values, unchecked.

    The loaders use it: they check every value with the payload's own paths,
    so running the class's checks again in ``__init__`` would only cost time.
    The arguments are the attrs fields in definition order.
    """
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[misc]
    lines = [f"def make({', '.join(names)}):", "    obj = new(cls)"]
    lines += [f"    setattr(obj, {name!r}, {name})" for name in names]
    lines.append("    return obj")
    namespace: dict[str, Any] = {
        "new": object.__new__,
        "setattr": object.__setattr__,
        "cls": cls,
    }
    exec("\n".join(lines), namespace)  # noqa: S102 - generated from attrs field names only
    return namespace["make"]  # type: ignore[no-any-return]
