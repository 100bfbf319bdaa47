"""
The canonical JSON wire format (SPEC §1): JSON values to models and back.

Loading is one pass over the payload. Each ``_load_*`` function turns JSON
values into the model's Python values (dates parsed, arrays made tuples,
objects made instances) and reports what it cannot turn; the class's own
check (the one ``__init__`` runs) then reports every rule a value breaks, at
the payload's path. Instances are made unchecked, so nothing is checked twice.
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Callable, Mapping
from datetime import datetime, time, tzinfo
from typing import Any

from . import _models as m
from . import _values as v
from ._errors import ErrorDetail, describe, join_path

__all__ = ["Options", "dump_article", "load_article"]

Report = list[ErrorDetail]
INVALID = m.INVALID

_make_image = m.unchecked_constructor(m.Image)
_make_organization = m.unchecked_constructor(m.Organization)
_make_person = m.unchecked_constructor(m.Person)
_make_tag = m.unchecked_constructor(m.Tag)
_make_quote = m.unchecked_constructor(m.Quote)
_make_related = m.unchecked_constructor(m.RelatedStory)
_make_article = m.unchecked_constructor(m.Article)

_ARTICLE_KINDS = {kind.value: kind for kind in m.ArticleKind}
_TAG_KINDS = {kind.value: kind for kind in m.TagKind}
_RELATIONS = {relation.value: relation for relation in m.Relation}

_IMAGE_KEYS = frozenset(("url", "caption", "credit", "alt_text", "width", "height", "license_url"))
_ORGANIZATION_KEYS = frozenset(("type", "name", "url", "same_as", "logo"))
_PERSON_KEYS = frozenset(("type", "name", "url", "same_as", "job_title", "affiliation", "image"))
_TAG_KEYS = frozenset(("name", "kind", "slug", "same_as"))
_QUOTE_KEYS = frozenset(("text", "speaker", "context", "date", "source_url"))
_RELATED_KEYS = frozenset(
    (
        "url",
        "headline",
        "teaser",
        "publisher",
        "authors",
        "date_published",
        "image",
        "relation",
    )
)
_ARTICLE_KEYS = frozenset(
    (
        "url",
        "kind",
        "id",
        "headline",
        "alternative_headline",
        "description",
        "section",
        "dateline",
        "language",
        "date_published",
        "date_modified",
        "authors",
        "publisher",
        "tags",
        "images",
        "body",
        "quotes",
        "related",
        "reading_time_minutes",
        "is_accessible_for_free",
    )
)


class Options:
    """How to read dates and texts: strictly (the default) or leniently."""

    __slots__ = ("default_tz", "lenient")

    def __init__(self, *, lenient: bool = False, default_tz: tzinfo | None = None) -> None:
        self.lenient = lenient
        self.default_tz = default_tz

    def datetime(self, text: str, parent: str, key: str | int, report: Report) -> Any:
        """Parse a datetime text, or report why not and return INVALID."""
        try:
            return v.parse_datetime(text)
        except v.DateParseError as problem:
            if not self.lenient:
                report.append(ErrorDetail(join_path(parent, key), problem.code, problem.message))
                return INVALID
        return self._lenient(text, parent, key, report, date_only_ok=False)

    def date_or_datetime(self, text: str, parent: str, key: str | int, report: Report) -> Any:
        """Parse a date or datetime text, or report why not and return INVALID."""
        try:
            return v.parse_date(text)
        except v.DateParseError as problem:
            if not self.lenient:
                report.append(ErrorDetail(join_path(parent, key), problem.code, problem.message))
                return INVALID
        return self._lenient(text, parent, key, report, date_only_ok=True)

    def _lenient(
        self,
        text: str,
        parent: str,
        key: str | int,
        report: Report,
        *,
        date_only_ok: bool,
    ) -> Any:
        parsed = parse_human_datetime(text)
        path = join_path(parent, key)
        if parsed is None:
            report.append(
                ErrorDetail(
                    path,
                    "invalid",
                    "expected a date and time (ISO 8601, or a form like "
                    f"'October 13, 2024 9:04 PM'), found {describe(text)}",
                )
            )
            return INVALID
        parsed, has_time = parsed
        if date_only_ok and not has_time:
            return parsed.date()
        if parsed.utcoffset() is not None:
            return parsed
        if self.default_tz is not None:
            return parsed.replace(tzinfo=self.default_tz)
        report.append(
            ErrorDetail(
                path,
                "timezone",
                f"expected a datetime with a UTC offset, found {describe(text)} "
                "with none (pass default_tz to apply a zone)",
            )
        )
        return INVALID


# Two defaults that differ in every part: whatever the text leaves out shows.
_EARLY = datetime(2000, 1, 1)
_LATE = datetime(2001, 2, 2, 1, 1, 1, 1)


def parse_human_datetime(text: str) -> tuple[datetime, bool] | None:
    """
    Parse a date as people write it, with python-dateutil.

    Returns:
        The datetime and whether the text gave a time of day (midnight is
        used when it did not), or None when the text is not a date. A text
        that lacks a year, month or day is refused rather than completed
        from today's date.
    """
    from dateutil import parser  # noqa: PLC0415 - only lenient reads pay the import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            early = parser.parse(text, default=_EARLY)
            late = parser.parse(text, default=_LATE)
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        return None
    if early.date() != late.date() or early.tzinfo != late.tzinfo:
        return None
    # Unparsed seconds come from the defaults too: the hour decides.
    has_time = early.hour == late.hour
    return (early if has_time else datetime.combine(early.date(), time(), early.tzinfo)), has_time


def _trim(value: object, depth: int = 0) -> Any:
    # Lenient mode trims surrounding whitespace from every string. Anything
    # deeper than an article can be is left alone for the loader to reject.
    if isinstance(value, str):
        return value.strip()
    if depth > 16:
        return value
    if isinstance(value, list):
        return [_trim(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {key: _trim(item, depth + 1) for key, item in value.items()}
    return value


# ------------------------------------------------------------------ loading


def _as_object(
    data: object,
    parent: str,
    key: str | int,
    report: Report,
    what: str,
    keys: frozenset[str],
) -> dict[str, Any] | None:
    if data.__class__ is not dict:
        if not isinstance(data, Mapping):
            report.append(
                ErrorDetail(
                    join_path(parent, key),
                    "type",
                    f"expected {what}, found {describe(data)}",
                )
            )
            return None
        data = dict(data)
    if not keys.issuperset(data):  # type: ignore[arg-type]
        _report_unknown(data, join_path(parent, key), keys, report)  # type: ignore[arg-type]
    return data  # type: ignore[return-value]


def _report_unknown(data: dict[str, Any], path: str, keys: frozenset[str], report: Report) -> None:
    for name in data:
        if name in keys:
            continue
        if not isinstance(name, str):
            report.append(ErrorDetail(path, "type", f"expected text keys, found {describe(name)}"))
            continue
        close = difflib.get_close_matches(name, sorted(keys), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        report.append(
            ErrorDetail(
                join_path(path, name),
                "unknown_field",
                f"expected one of the known fields, found unknown field {name!r}{hint}",
            )
        )


def _missing(data: dict[str, Any], path: str, name: str, report: Report) -> type[INVALID]:
    found = "null" if name in data else "nothing"
    report.append(
        ErrorDetail(
            join_path(path, name),
            "missing",
            f"expected required field {name!r}, found {found}",
        )
    )
    return INVALID


def _sequence(
    value: Any,
    load: Callable[[Any, str, int, Report, Options], Any],
    path: str,
    name: str,
    report: Report,
    options: Options,
) -> Any:
    if value is None:
        return ()
    if value.__class__ is not list:
        return value  # the class check reports "expected an array"
    items_path = join_path(path, name)
    return tuple(
        [load(item, items_path, index, report, options) for index, item in enumerate(value)]
    )


def _load_image(data: object, parent: str, key: str | int, report: Report, options: Options) -> Any:
    obj = _as_object(data, parent, key, report, "an image object", _IMAGE_KEYS)
    if obj is None:
        return INVALID
    path = join_path(parent, key)
    get = obj.get
    url = get("url")
    if url is None:
        url = _missing(obj, path, "url", report)
    image = _make_image(
        url,
        get("caption"),
        get("credit"),
        get("alt_text"),
        get("width"),
        get("height"),
        get("license_url"),
    )
    m.check_image(image, path, report)
    return image


def _optional_image(value: Any, path: str, name: str, report: Report, options: Options) -> Any:
    return None if value is None else _load_image(value, path, name, report, options)


def _load_organization_fields(
    obj: dict[str, Any], path: str, report: Report, options: Options
) -> Any:
    get = obj.get
    name = get("name")
    if name is None:
        name = _missing(obj, path, "name", report)
    same_as = get("same_as")
    org = _make_organization(
        name,
        get("url"),
        () if same_as is None else tuple(same_as) if same_as.__class__ is list else same_as,
        _optional_image(get("logo"), path, "logo", report, options),
    )
    m.check_organization(org, path, report)
    return org


def _load_person_fields(obj: dict[str, Any], path: str, report: Report, options: Options) -> Any:
    get = obj.get
    name = get("name")
    if name is None:
        name = _missing(obj, path, "name", report)
    same_as = get("same_as")
    affiliation = get("affiliation")
    person = _make_person(
        name,
        get("url"),
        () if same_as is None else tuple(same_as) if same_as.__class__ is list else same_as,
        get("job_title"),
        None
        if affiliation is None
        else _load_organization(affiliation, path, "affiliation", report, options),
        _optional_image(get("image"), path, "image", report, options),
    )
    m.check_person(person, path, report)
    return person


def _load_organization(
    data: object, parent: str, key: str | int, report: Report, options: Options
) -> Any:
    obj = _as_object(data, parent, key, report, "an organization object", _ORGANIZATION_KEYS)
    if obj is None:
        return INVALID
    path = join_path(parent, key)
    kind = obj.get("type")
    if kind != "organization":
        _wrong_type(obj, path, report, ("organization",))
    return _load_organization_fields(obj, path, report, options)


def _wrong_type(obj: dict[str, Any], path: str, report: Report, allowed: tuple[str, ...]) -> None:
    if "type" not in obj or obj["type"] is None:
        _missing(obj, path, "type", report)
        return
    expected = " or ".join(repr(name) for name in allowed)
    report.append(
        ErrorDetail(
            join_path(path, "type"),
            "invalid",
            f"expected type {expected}, found {describe(obj['type'])}",
        )
    )


_AUTHOR_KEYS = _PERSON_KEYS | _ORGANIZATION_KEYS


def _load_author(
    data: object, parent: str, key: str | int, report: Report, options: Options
) -> Any:
    if data.__class__ is not dict:
        if not isinstance(data, Mapping):
            report.append(
                ErrorDetail(
                    join_path(parent, key),
                    "type",
                    f"expected a person or organization object, found {describe(data)}",
                )
            )
            return INVALID
        data = dict(data)
    kind = data.get("type")  # type: ignore[attr-defined]
    if kind == "person":
        obj = _as_object(data, parent, key, report, "a person object", _PERSON_KEYS)
        return _load_person_fields(obj, join_path(parent, key), report, options)  # type: ignore[arg-type]
    if kind == "organization":
        obj = _as_object(data, parent, key, report, "an organization object", _ORGANIZATION_KEYS)
        return _load_organization_fields(obj, join_path(parent, key), report, options)  # type: ignore[arg-type]
    # Without a type there is no branch to check the rest against: one error.
    _wrong_type(data, join_path(parent, key), report, ("person", "organization"))  # type: ignore[arg-type]
    return INVALID


def _load_tag(data: object, parent: str, key: str | int, report: Report, options: Options) -> Any:
    obj = _as_object(data, parent, key, report, "a tag object", _TAG_KEYS)
    if obj is None:
        return INVALID
    path = join_path(parent, key)
    get = obj.get
    name = get("name")
    if name is None:
        name = _missing(obj, path, "name", report)
    kind = get("kind")
    if kind is None:
        kind = m.TagKind.TOPIC
    elif kind.__class__ is str:
        kind = _TAG_KINDS.get(kind, kind)
    same_as = get("same_as")
    tag = _make_tag(
        name,
        kind,
        get("slug"),
        () if same_as is None else tuple(same_as) if same_as.__class__ is list else same_as,
    )
    m.check_tag(tag, path, report)
    return tag


def _load_quote(data: object, parent: str, key: str | int, report: Report, options: Options) -> Any:
    obj = _as_object(data, parent, key, report, "a quote object", _QUOTE_KEYS)
    if obj is None:
        return INVALID
    path = join_path(parent, key)
    get = obj.get
    text = get("text")
    if text is None:
        text = _missing(obj, path, "text", report)
    speaker = get("speaker")
    if speaker is None:
        speaker = _missing(obj, path, "speaker", report)
    else:
        speaker = _load_author(speaker, path, "speaker", report, options)
    when = get("date")
    if when.__class__ is str:
        when = options.date_or_datetime(when, path, "date", report)
    quote = _make_quote(text, speaker, get("context"), when, get("source_url"))
    m.check_quote(quote, path, report)
    return quote


def _load_related(
    data: object, parent: str, key: str | int, report: Report, options: Options
) -> Any:
    obj = _as_object(data, parent, key, report, "a related-story object", _RELATED_KEYS)
    if obj is None:
        return INVALID
    path = join_path(parent, key)
    get = obj.get
    url = get("url")
    if url is None:
        url = _missing(obj, path, "url", report)
    headline = get("headline")
    if headline is None:
        headline = _missing(obj, path, "headline", report)
    publisher = get("publisher")
    if publisher is not None:
        publisher = _load_organization(publisher, path, "publisher", report, options)
    published = get("date_published")
    if published.__class__ is str:
        published = options.datetime(published, path, "date_published", report)
    relation = get("relation")
    if relation is None:
        relation = m.Relation.RELATED
    elif relation.__class__ is str:
        relation = _RELATIONS.get(relation, relation)
    story = _make_related(
        url,
        headline,
        get("teaser"),
        publisher,
        _sequence(get("authors"), _load_author, path, "authors", report, options),
        published,
        _optional_image(get("image"), path, "image", report, options),
        relation,
    )
    m.check_related_story(story, path, report)
    return story


def load_article(data: object, report: Report, options: Options) -> Any:
    """
    Load an article from JSON values, reporting every problem into *report*.

    Returns:
        The article, or INVALID; it is valid only if nothing was reported.
    """
    if options.lenient:
        data = _trim(data)
    obj = _as_object(data, "", "$", report, "an article object", _ARTICLE_KEYS)
    if obj is None:
        return INVALID
    path = "$"
    get = obj.get
    url = get("url")
    if url is None:
        url = _missing(obj, path, "url", report)
    kind = get("kind")
    if kind is None:
        kind = m.ArticleKind.NEWS
    elif kind.__class__ is str:
        kind = _ARTICLE_KINDS.get(kind, kind)
    headline = get("headline")
    if headline is None:
        headline = _missing(obj, path, "headline", report)
    language = get("language")
    if language is None:
        language = _missing(obj, path, "language", report)
    elif language.__class__ is str:
        language = v.canonical_language(language) or language
    published = get("date_published")
    if published is None:
        published = _missing(obj, path, "date_published", report)
    elif published.__class__ is str:
        published = options.datetime(published, path, "date_published", report)
    modified = get("date_modified")
    if modified.__class__ is str:
        modified = options.datetime(modified, path, "date_modified", report)
    publisher = get("publisher")
    if publisher is not None:
        publisher = _load_organization(publisher, path, "publisher", report, options)
    body = get("body")
    free = get("is_accessible_for_free")
    article = _make_article(
        url,
        kind,
        get("id"),
        headline,
        get("alternative_headline"),
        get("description"),
        get("section"),
        get("dateline"),
        language,
        published,
        modified,
        _sequence(get("authors"), _load_author, path, "authors", report, options),
        publisher,
        _sequence(get("tags"), _load_tag, path, "tags", report, options),
        _sequence(get("images"), _load_image, path, "images", report, options),
        () if body is None else tuple(body) if body.__class__ is list else body,
        _sequence(get("quotes"), _load_quote, path, "quotes", report, options),
        _sequence(get("related"), _load_related, path, "related", report, options),
        get("reading_time_minutes"),
        True if free is None else free,
    )
    m.check_article(article, path, report)
    return article


# ------------------------------------------------------------------ dumping
# The dump functions make orjson-ready values: datetimes and tuples stay as
# they are (orjson writes them natively, in ISO 8601 with the offset), enums
# become their values. Keys come in the order of SPEC §1; defaults, empty
# sequences and absent values are left out.


def _dump_image(image: m.Image) -> dict[str, Any]:
    out: dict[str, Any] = {"url": image.url}
    if image.caption is not None:
        out["caption"] = image.caption
    if image.credit is not None:
        out["credit"] = image.credit
    if image.alt_text is not None:
        out["alt_text"] = image.alt_text
    if image.width is not None:
        out["width"] = image.width
    if image.height is not None:
        out["height"] = image.height
    if image.license_url is not None:
        out["license_url"] = image.license_url
    return out


def _dump_organization(org: m.Organization) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "organization", "name": org.name}
    if org.url is not None:
        out["url"] = org.url
    if org.same_as:
        out["same_as"] = org.same_as
    if org.logo is not None:
        out["logo"] = _dump_image(org.logo)
    return out


def _dump_author(author: m.Person | m.Organization) -> dict[str, Any]:
    if author.__class__ is m.Organization:
        return _dump_organization(author)  # type: ignore[arg-type]
    person: m.Person = author  # type: ignore[assignment]
    out: dict[str, Any] = {"type": "person", "name": person.name}
    if person.url is not None:
        out["url"] = person.url
    if person.same_as:
        out["same_as"] = person.same_as
    if person.job_title is not None:
        out["job_title"] = person.job_title
    if person.affiliation is not None:
        out["affiliation"] = _dump_organization(person.affiliation)
    if person.image is not None:
        out["image"] = _dump_image(person.image)
    return out


def _dump_tag(tag: m.Tag) -> dict[str, Any]:
    out: dict[str, Any] = {"name": tag.name}
    if tag.kind is not m.TagKind.TOPIC:
        out["kind"] = tag.kind.value
    if tag.explicit_slug is not None:
        out["slug"] = tag.explicit_slug
    if tag.same_as:
        out["same_as"] = tag.same_as
    return out


def _dump_quote(quote: m.Quote) -> dict[str, Any]:
    out: dict[str, Any] = {"text": quote.text, "speaker": _dump_author(quote.speaker)}
    if quote.context is not None:
        out["context"] = quote.context
    if quote.date is not None:
        out["date"] = quote.date
    if quote.source_url is not None:
        out["source_url"] = quote.source_url
    return out


def _dump_related(story: m.RelatedStory) -> dict[str, Any]:
    out: dict[str, Any] = {"url": story.url, "headline": story.headline}
    if story.teaser is not None:
        out["teaser"] = story.teaser
    if story.publisher is not None:
        out["publisher"] = _dump_organization(story.publisher)
    if story.authors:
        out["authors"] = [_dump_author(author) for author in story.authors]
    if story.date_published is not None:
        out["date_published"] = story.date_published
    if story.image is not None:
        out["image"] = _dump_image(story.image)
    if story.relation is not m.Relation.RELATED:
        out["relation"] = story.relation.value
    return out


def dump_article(a: m.Article) -> dict[str, Any]:
    """Return *a* as orjson-ready wire values (datetimes and tuples kept native)."""
    out: dict[str, Any] = {"url": a.url}
    if a.kind is not m.ArticleKind.NEWS:
        out["kind"] = a.kind.value
    if a.id is not None:
        out["id"] = a.id
    out["headline"] = a.headline
    if a.alternative_headline is not None:
        out["alternative_headline"] = a.alternative_headline
    if a.description is not None:
        out["description"] = a.description
    if a.section is not None:
        out["section"] = a.section
    if a.dateline is not None:
        out["dateline"] = a.dateline
    out["language"] = a.language
    out["date_published"] = a.date_published
    if a.date_modified is not None:
        out["date_modified"] = a.date_modified
    if a.authors:
        out["authors"] = [_dump_author(author) for author in a.authors]
    if a.publisher is not None:
        out["publisher"] = _dump_organization(a.publisher)
    if a.tags:
        out["tags"] = [_dump_tag(tag) for tag in a.tags]
    if a.images:
        out["images"] = [_dump_image(image) for image in a.images]
    if a.body:
        out["body"] = a.body
    if a.quotes:
        out["quotes"] = [_dump_quote(quote) for quote in a.quotes]
    if a.related:
        out["related"] = [_dump_related(story) for story in a.related]
    if a.explicit_reading_time_minutes is not None:
        out["reading_time_minutes"] = a.explicit_reading_time_minutes
    if a.is_accessible_for_free is not True:
        out["is_accessible_for_free"] = a.is_accessible_for_free
    return out
