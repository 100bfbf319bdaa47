"""
The canonical JSON wire format (SPEC §1): JSON values to models and back.

Loading is one pass over the payload. One loader per class is generated from
the fields' annotated rules (`_build_loader`): it turns JSON values into the
model's (dates parsed, enum values looked up, arrays made tuples, objects
loaded), tests each against its rule inline and reports a problem at its
path, then fills the instance through its slots, skipping the ``__init__``
checks that would only repeat the same rules.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from . import _models as m
from . import _values as v
from ._dates import read_lenient_date
from ._errors import ErrorDetail, Path, describe, join_path, key_label
from ._rules import (
    CodeWriter,
    FieldRule,
    field_rules,
    fill_last_input,
    sequence_type_error,
    with_input,
)

__all__ = ["Options", "dump_article", "dump_object", "load_article", "load_object"]

Report = list[ErrorDetail]
INVALID = m.INVALID


class Options:
    """How to read dates and texts: strictly (the default) or leniently."""

    __slots__ = ("clean", "dayfirst", "default_tz", "lenient")

    def __init__(
        self,
        *,
        lenient: bool = False,
        default_tz: tzinfo | None = None,
        dayfirst: bool | None = None,
        clean: bool = False,
    ) -> None:
        self.lenient = lenient
        self.default_tz = default_tz
        self.dayfirst = dayfirst
        #: True when the JSON text was scanned and holds no character that
        #: texts forbid (see `newsmodel._canonical.scan_clean`).
        self.clean = clean

    def datetime(self, text: str, parent: Path, key: str | int, report: Report) -> Any:
        """Parse a datetime text, or report why not and return INVALID."""
        seen = _dates_seen.get(text)
        if seen is not None and seen.__class__ is datetime:
            return seen
        return self._read(text, parent, key, report, v.parse_datetime, date_only_ok=False)

    def date_or_datetime(self, text: str, parent: Path, key: str | int, report: Report) -> Any:
        """Parse a date or datetime text, or report why not and return INVALID."""
        seen = _dates_seen.get(text)
        if seen is not None:
            return seen
        return self._read(text, parent, key, report, v.parse_date, date_only_ok=True)

    def _read(
        self,
        text: str,
        parent: Path,
        key: str | int,
        report: Report,
        parse: Callable[[str], Any],
        *,
        date_only_ok: bool,
    ) -> Any:
        # Strictly: ISO 8601 only. Leniently, what that refuses goes to the
        # lenient reader, the one home of its rules (shared with the importer).
        try:
            _dates_seen[text] = value = parse(text)
        except v.DateParseError as strict_problem:
            problem = strict_problem
            if self.lenient:
                try:
                    value, _ = read_lenient_date(
                        text,
                        default_tz=self.default_tz,
                        dayfirst=self.dayfirst,
                        date_only_ok=date_only_ok,
                    )
                except v.DateParseError as lenient_problem:
                    problem = lenient_problem
                else:
                    return value
            report.append(ErrorDetail(join_path(parent, key), problem.code, problem.message))
            return INVALID
        return value


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
    data: object, parent: Path, key: str | int, report: Report, what: str
) -> dict[str, Any] | None:
    if isinstance(data, Mapping):
        return dict(data)
    report.append(
        ErrorDetail(
            join_path(parent, key), "type", f"expected {what}, found {describe(data)}", data
        )
    )
    return None


@functools.lru_cache(maxsize=256)
def _close_matches(name: str, keys: frozenset[str]) -> list[str]:
    return difflib.get_close_matches(name, sorted(keys), n=1)


def _report_unknown(data: dict[Any, Any], path: Path, keys: frozenset[str], report: Report) -> None:
    for name, value in data.items():
        if name in keys:
            continue
        if not isinstance(name, str):
            report.append(
                ErrorDetail(
                    join_path(path, key_label(name)),
                    "type",
                    f"expected text keys, found the key {describe(name)}",
                    name,
                )
            )
            continue
        close = _close_matches(name, keys)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        report.append(
            ErrorDetail(
                join_path(path, name),
                "unknown_field",
                f"expected one of the known fields, found unknown field {name!r}{hint}",
                value,
            )
        )


def _missing(data: dict[str, Any], path: Path, name: str, report: Report) -> type[INVALID]:
    # The input of a missing field is the object that lacks it (pydantic's way).
    found = "null" if name in data else "nothing"
    report.append(
        ErrorDetail(
            join_path(path, name),
            "missing",
            f"expected required field {name!r}, found {found}",
            data,
        )
    )
    return INVALID


def _wrong_type(data: dict[str, Any], path: Path, allowed: tuple[str, ...], report: Report) -> None:
    if data.get("type") is None:
        _missing(data, path, "type", report)
        return
    expected = " or ".join(repr(name) for name in allowed)
    report.append(
        ErrorDetail(
            join_path(path, "type"),
            "invalid" if isinstance(data["type"], str) else "type",
            f"expected type {expected}, found {describe(data['type'])}",
            data["type"],
        )
    )


Loader = Callable[[Any, Path, str | int, Report, Options], Any]

#: The ``type`` each class carries on the wire, where it carries one.
_TYPE_TAGS: dict[type, str] = {m.Person: "person", m.Organization: "organization"}
_WHAT = {
    m.Image: "an image object",
    m.Organization: "an organization object",
    m.Person: "a person object",
    m.Tag: "a tag object",
    m.Quote: "a quote object",
    m.RelatedStory: "a related-story object",
    m.Article: "an article object",
}
_loaders: dict[type, Loader] = {}


def _loader_for(classes: tuple[type, ...]) -> Loader:
    if len(classes) == 1:
        return _build_loader(classes[0])
    return _load_author


def _build_loader(cls: type, extra: Callable[[Any, Path, Report], None] | None = None) -> Loader:
    """
    Generate ``load(data, parent, key, report, options)`` for *cls*.

    For each field, in order: read it, turn JSON values into the model's
    (dates parsed, enum values looked up, arrays made tuples, objects loaded),
    test the common case inline and report a problem with the rule's check.
    """
    if cls in _loaders:
        return _loaders[cls]
    fields = field_rules(cls)
    code = CodeWriter()
    tag = _TYPE_TAGS.get(cls)
    keys = frozenset(field.key for field in fields) | ({"type"} if tag else set())
    code.names.update(
        as_object=_as_object,
        report_unknown=_report_unknown,
        missing=_missing,
        wrong_type=_wrong_type,
        sequence_type_error=sequence_type_error,
        fill_last_input=fill_last_input,
        canonical_language=v.canonical_language,
        INVALID=INVALID,
        KEYS=keys,
        new=object.__new__,
        cls=cls,
    )
    _header_lines(code, cls, tag)
    names = []
    for index, field in enumerate(fields):
        x = f"x{index}"
        names.append(x)
        key = repr(field.key)
        code.line(1, f"{x} = get({key})")
        if field.sequence:
            _sequence_lines(code, field, x, key)
            continue
        if field.required:
            code.line(1, f"if {x} is None:")
            code.line(2, f"{x} = missing(data, path, {key}, report)")
        elif field.default is not None:
            default = code.name("default", field.default)
            code.line(1, f"if {x} is None:")
            code.line(2, f"{x} = {default}")
        else:
            code.line(1, f"if {x} is None:")
            code.line(2, "pass")
        code.line(1, "else:")
        _value_lines(code, field, x, key)
    # Made unchecked (see unchecked_constructor): every value was checked above.
    code.line(1, "obj = new(cls)")
    for name, setter in zip(names, m.slot_setters(cls), strict=False):
        code.line(1, f"{code.name('set', setter)}(obj, {name})")
    if extra is not None:
        code.names["extra"] = extra
        code.line(1, "extra(obj, path, report)")
    code.line(1, "return obj")
    load: Loader = code.compile("load", f"load {cls.__name__}")
    _loaders[cls] = load
    # Nested loaders are built after this one is registered (recursion-safe).
    for field in fields:
        if field.classes:
            code.names[f"load_{id(field)}"] = _loader_for(field.classes)
    return load


def _header_lines(code: CodeWriter, cls: type, tag: str | None) -> None:
    """The function's head: an object, known keys, the right type tag."""
    code.line(0, "def load(data, parent, key, report, options):")
    code.line(1, "if data.__class__ is not dict:")
    code.line(2, "if data.__class__ is cls:")  # made, so checked already
    code.line(3, "return data")
    code.line(2, f"data = as_object(data, parent, key, report, {_WHAT[cls]!r})")
    code.line(2, "if data is None:")
    code.line(3, "return INVALID")
    code.line(1, "path = (parent, key)")
    code.line(1, "if not KEYS.issuperset(data):")
    code.line(2, "report_unknown(data, path, KEYS, report)")
    if tag:
        code.line(1, f"if data.get('type') != {tag!r}:")
        code.line(2, f"wrong_type(data, path, ({tag!r},), report)")
    code.line(1, "get = data.get")
    code.line(1, "clean = options.clean")


def _value_lines(code: CodeWriter, field: FieldRule, x: str, key: str) -> None:
    """Lines, at indent 2, that turn and check a present, non-null value."""
    if field.classes:
        code.line(2, f"{x} = load_{id(field)}({x}, path, {key}, report, options)")
        return
    if field.enum is not None:
        values = code.name("values", {member.value: member for member in field.enum})
        code.line(2, f"if {x}.__class__ is str:")
        code.line(3, f"{x} = {values}.get({x}, {x})")
    elif field.rule is not None and field.rule.name in ("datetime", "date_or_datetime"):
        method = "datetime" if field.rule.name == "datetime" else "date_or_datetime"
        check = code.name("check", with_input(field.rule.check))
        code.line(2, f"if {x}.__class__ is str:")
        code.line(3, f"t = {x}")
        code.line(3, f"{x} = options.{method}(t, path, {key}, report)")
        code.line(3, f"if {x} is INVALID:")
        code.line(4, "fill_last_input(report, t)")
        code.line(3, f"elif not 1 < {x}.year < 9999:")
        code.line(4, f"{check}({x}, path, {key}, report)")
        code.line(2, "else:")
        code.line(3, f"{check}({x}, path, {key}, report)")
        return
    elif field.rule is not None and field.rule.name == "language":
        code.line(2, f"if {x}.__class__ is str:")
        code.line(3, f"{x} = canonical_language({x}) or {x}")
    test, check = code.value_test(field, x)
    code.line(2, f"if not {test}:")
    code.line(3, f"{check}({x}, path, {key}, report)")


def _sequence_lines(code: CodeWriter, field: FieldRule, x: str, key: str) -> None:
    code.line(1, f"if {x} is None:")
    code.line(2, f"{x} = ()")
    code.line(1, f"elif {x}.__class__ is list:")
    code.line(2, f"p = (path, {key})")
    if field.classes:
        code.line(2, "out = []")
        code.line(2, "add = out.append")
        code.line(2, f"for i, y in enumerate({x}):")
        code.line(3, f"add(load_{id(field)}(y, p, i, report, options))")
        code.line(2, f"{x} = tuple(out)")
    else:
        test, check = code.value_test(field, "y")
        code.line(2, f"for i, y in enumerate({x}):")
        code.line(3, f"if not {test}:")
        code.line(4, f"{check}(y, p, i, report)")
        code.line(2, f"{x} = tuple({x})")
    code.line(1, "else:")
    code.line(2, f"sequence_type_error({x}, path, {key}, report)")


def _load_author(
    data: object, parent: Path, key: str | int, report: Report, options: Options
) -> Any:
    # The "type" picks the branch; the rest is checked against that branch
    # only. Without a known type there is no branch: one error, not two.
    if data.__class__ is not dict:
        if data.__class__ is m.Person or data.__class__ is m.Organization:
            return data  # made, so checked already
        data = _as_object(data, parent, key, report, "a person or organization object")
        if data is None:
            return INVALID
    name = data.get("name")
    seen = _authors_seen.get(name) if name.__class__ is str else None
    if seen is not None and seen[0] == data:
        return seen[1]
    kind = data.get("type")
    if kind == "person":
        load = _load_person
    elif kind == "organization":
        load = _load_organization
    else:
        _wrong_type(data, (parent, key), ("person", "organization"), report)
        return INVALID
    count = len(report)
    author = load(data, parent, key, report, options)
    if len(report) == count and isinstance(name, str) and _all_text(data):
        _authors_seen[name] = (data, author)
    return author


# Within one article, an author who appears again and again (the speaker of
# every quote, the byline of related stories) is made once and shared, and a
# date text repeated (the day of every quote) is parsed once: the values are
# immutable, so sharing is safe and saves time and memory. Only authors whose
# payload is all text are remembered, because only for text does equality of
# JSON values mean equality of payloads (1 == 1.0 == True, for instance), and
# only authors that loaded without a problem. Both are emptied before each
# article; at worst, threads loading at once share equal immutable values.
_authors_seen: dict[str, tuple[dict[Any, Any], Any]] = {}
_dates_seen: dict[str, Any] = {}


_STR_ONLY = frozenset([str])


def _all_text(data: dict[Any, Any]) -> bool:
    return _STR_ONLY.issuperset(map(type, data.values()))


_load_person = _build_loader(m.Person)
_load_organization = _build_loader(m.Organization)
_load_article = _build_loader(m.Article, m.check_article_rules)


def load_article(data: object, report: Report, options: Options) -> Any:
    """
    Load an article from JSON values, reporting every problem into *report*.

    Returns:
        The article, or INVALID; it is valid only if nothing was reported.
    """
    return load_object(m.Article, data, report, options)


def load_object(cls: object, data: object, report: Report, options: Options) -> Any:
    """
    Load one object of model class *cls* from JSON values, as `load_article` does.

    A `Person` or an `Organization` carries its ``type`` here as everywhere
    on the wire; *cls* may also be `Author`, for either, as its ``type`` says.
    Paths start at ``$``, the object itself.

    Returns:
        The object, or INVALID; it is valid only if nothing was reported.
    """
    _authors_seen.clear()
    _dates_seen.clear()
    if options.lenient:
        data = _trim(data)
    load = _load_author if cls is m.Author else _loaders[cls]  # type: ignore[index]
    return load(data, "", "$", report, options)


# ------------------------------------------------------------------ dumping
# The dump functions make orjson-ready values: datetimes and tuples stay as
# they are (orjson writes them natively, in ISO 8601 with the offset), enums
# become their values. Keys come in the order of SPEC §1; defaults, empty
# sequences and absent values are left out.


_TOPIC = m.TagKind.TOPIC
_RELATED = m.Relation.RELATED
_NEWS = m.ArticleKind.NEWS


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
        return _dump_organization(author)
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
    if tag.kind is not _TOPIC:
        out["kind"] = tag.kind
    if tag._slug is not None:
        out["slug"] = tag._slug
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
    if story.relation is not _RELATED:
        out["relation"] = story.relation
    return out


def dump_article(a: m.Article) -> dict[str, Any]:
    """Return *a* as orjson-ready wire values (datetimes and tuples kept native)."""
    out: dict[str, Any] = {"url": a.url}
    if a.kind is not _NEWS:
        out["kind"] = a.kind
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
    if a._reading_time_minutes is not None:
        out["reading_time_minutes"] = a._reading_time_minutes
    if a.is_accessible_for_free is not True:
        out["is_accessible_for_free"] = a.is_accessible_for_free
    return out


_DUMPERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    m.Image: _dump_image,
    m.Organization: _dump_organization,
    m.Person: _dump_author,
    m.Tag: _dump_tag,
    m.Quote: _dump_quote,
    m.RelatedStory: _dump_related,
    m.Article: dump_article,
}


def dump_object(obj: object) -> dict[str, Any]:
    """
    Return any model object as orjson-ready wire values, as `dump_article` does.

    Raises:
        TypeError: For a value that is not one of the model classes.
    """
    dump = _DUMPERS.get(obj.__class__)
    if dump is None:
        msg = f"expected a newsmodel model object, found a {type(obj).__name__}"
        raise TypeError(msg)
    return dump(obj)
