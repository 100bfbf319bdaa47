"""
Articles as Apache Arrow tables and Parquet files (the ``arrow`` extra: pyarrow).

The schema is derived from the field rules (`newsmodel._rules.field_rules`),
so a field added to a model class is a column, or a struct field, at once:

- texts, URLs, slugs and language tags are strings, enum members their values;
- a nested object is a struct, a tuple a list (never JSON text in a column);
- a byline (a `~newsmodel.Person` or an `~newsmodel.Organization`) is one
  struct with the fields of both and ``type`` (``"person"`` or
  ``"organization"``, as on the wire);
- a datetime is a struct of its ``instant`` (a UTC timestamp, microseconds)
  and its ``offset_minutes`` (the UTC offset it was given with), so that both
  the moment and the local time survive; a `~newsmodel.Quote`'s date, which
  may be a calendar date, adds ``date`` (a date32), set for a date and null
  for a datetime.

Reading goes through `newsmodel.from_dict`: a table made elsewhere is
validated like any payload, and every problem of every row is reported at
once, at ``$[row].path``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

import orjson

try:
    import pyarrow as pa
except ImportError as error:  # pragma: no cover - depends on the environment
    from ._distribution import install_hint

    msg = f"newsmodel.arrow needs the arrow extra: {install_hint('arrow')}"
    raise ImportError(msg) from error

from ._canonical import from_dict
from ._errors import ErrorDetail, ValidationError, describe, join_path
from ._loading import TYPE_TAGS as _TYPE_TAGS
from ._models import Article
from ._rules import FieldRule, field_rules

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

__all__ = [
    "article_schema",
    "from_arrow",
    "read_parquet",
    "to_arrow",
    "write_parquet",
]

_MICROSECOND = dt.timedelta(microseconds=1)
_EPOCH = dt.datetime(1970, 1, 1)  # local times are counted from it
_MINUTE_US = 60_000_000

#: The Arrow type of each plain value rule, by the rule's name.
_PLAIN_TYPES: dict[str, pa.DataType] = {
    "url": pa.string(),
    "text_line": pa.string(),
    "text": pa.string(),
    "slug": pa.string(),
    "language": pa.string(),
    "positive_int": pa.int64(),
    "bool": pa.bool_(),
}
_INSTANT = pa.field("instant", pa.timestamp("us", tz="UTC"), nullable=False)
_OFFSET = pa.field("offset_minutes", pa.int16(), nullable=False)
#: A datetime: the instant, and the UTC offset it was given with.
DATETIME = pa.struct([_INSTANT, _OFFSET])
#: A date or a datetime: ``date`` for a date; ``instant`` and ``offset_minutes`` for a datetime.
DATE_OR_DATETIME = pa.struct(
    [
        pa.field("date", pa.date32()),
        _INSTANT.with_nullable(nullable=True),
        _OFFSET.with_nullable(nullable=True),
    ]
)
_DATE_TYPES = {"datetime": DATETIME, "date_or_datetime": DATE_OR_DATETIME}
#: A body block: ``text`` for a plain paragraph; ``json`` for a structured block, its
#: wire object as canonical JSON text (docs/body.md), so that no text is mistaken for one.
BLOCK = pa.struct([pa.field("text", pa.string()), pa.field("json", pa.string())])


# ------------------------------------------------------------------ schema


def _value_type(rule: FieldRule) -> pa.DataType:
    if rule.rule is not None:
        name = rule.rule.name
        found = _PLAIN_TYPES.get(name) or _DATE_TYPES.get(name)
        if name == "block":
            found = BLOCK
        if found is None:  # pragma: no cover - a new rule needs a type here
            msg = f"{rule.name}: no Arrow type for the rule {name!r}"
            raise TypeError(msg)
        return found
    if rule.enum is not None:
        return pa.string()
    return _struct_type(rule.classes)


@functools.cache
def _struct_type(classes: tuple[type, ...]) -> pa.StructType:
    """The struct of one class, or of a union: every class's fields, and ``type``."""
    if len(classes) == 1:
        return pa.struct(_fields(classes[0]))
    merged: dict[str, pa.Field] = {"type": pa.field("type", pa.string(), nullable=False)}
    for cls in classes:
        for field in _fields(cls):
            known = merged.get(field.name)
            if known is None:
                merged[field.name] = field.with_nullable(nullable=True)
            elif known.type != field.type:  # pragma: no cover - a model change needs a decision
                msg = f"{field.name} has two Arrow types in {classes}: {known.type}, {field.type}"
                raise TypeError(msg)
    required = [
        {rule.key for rule in field_rules(cls) if rule.required or rule.sequence} for cls in classes
    ]
    everywhere = set.intersection(*required)
    return pa.struct(
        [f.with_nullable(nullable=False) if f.name in everywhere else f for f in merged.values()]
    )


@functools.cache
def _fields(cls: type) -> list[pa.Field]:
    fields = []
    for rule in field_rules(cls):
        value = _value_type(rule)
        if rule.sequence:
            item = pa.field("item", value, nullable=False)
            fields.append(pa.field(rule.key, pa.list_(item), nullable=False))
        else:
            fields.append(pa.field(rule.key, value, nullable=rule.required is False))
    return fields


@functools.cache
def article_schema() -> pa.Schema:
    """
    Return the Arrow schema of articles: one column per `~newsmodel.Article` field.

    Column names are the wire format's keys (``slug``, ``reading_time_minutes``);
    nested objects are structs, tuples lists; see the module's description.
    """
    return pa.schema(_fields(Article))


# Reading: timestamps as their integer microseconds, so that no instant is
# turned into a Python datetime (which cannot hold every instant a local time
# of years 1 to 9999 with an offset stands for), and every field nullable.
def _raw_type(arrow_type: pa.DataType) -> pa.DataType:
    if pa.types.is_timestamp(arrow_type):
        return pa.int64()
    if pa.types.is_struct(arrow_type):
        return pa.struct([_raw_field(arrow_type.field(i)) for i in range(arrow_type.num_fields)])
    if pa.types.is_list(arrow_type):
        return pa.list_(_raw_field(arrow_type.value_field))
    return arrow_type


def _raw_field(field: pa.Field) -> pa.Field:
    # Nullable everywhere: a null where a value is required is from_dict's to report.
    return field.with_type(_raw_type(field.type)).with_nullable(nullable=True)


def raw_type(arrow_type: pa.DataType) -> pa.DataType:
    """Return *arrow_type* with each timestamp in it read as int64 microseconds."""
    return _raw_type(arrow_type)


@functools.cache
def raw_schema() -> pa.Schema:
    """The article schema with each timestamp as int64 microseconds (see `row_article`)."""
    return pa.schema([_raw_field(field) for field in article_schema()])


# ----------------------------------------------------------------- writing


def _datetime_value(value: dt.datetime) -> dict[str, int]:
    offset = value.utcoffset()
    minutes = 0 if offset is None else offset // dt.timedelta(minutes=1)
    local = (value.replace(tzinfo=None) - _EPOCH) // _MICROSECOND
    return {"instant": local - minutes * _MINUTE_US, "offset_minutes": minutes}


def _date_value(value: dt.date) -> dict[str, Any]:
    if isinstance(value, dt.datetime):
        return _datetime_value(value)
    return {"date": value}


@functools.cache
def _writer(cls: type) -> list[tuple[str, str, bool, Any]]:
    """(attribute, key, sequence, convert) for each field of *cls*; convert None: as it is."""
    plan = []
    for rule in field_rules(cls):
        convert: Any = None
        if rule.rule is not None and rule.rule.name == "datetime":
            convert = _datetime_value
        elif rule.rule is not None and rule.rule.name == "date_or_datetime":
            convert = _date_value
        elif rule.rule is not None and rule.rule.name == "block":
            convert = _block_value
        elif rule.enum is not None:
            convert = _enum_value
        elif rule.classes:
            convert = _object_value
        plan.append((rule.name, rule.key, rule.sequence, convert))
    return plan


def _block_value(block: Any) -> dict[str, Any]:
    if isinstance(block, str):
        return {"text": block, "json": None}
    from ._body import dump_body  # noqa: PLC0415 - only for a structured body

    return {"text": None, "json": orjson.dumps(dump_body((block,))[0]).decode()}


def _wire_block(value: Any, path: str, problems: list[ErrorDetail]) -> Any:
    if not isinstance(value, dict):
        return value
    text, data = value.get("text"), value.get("json")
    if (text is None) == (data is None):
        problems.append(
            ErrorDetail(path, "invalid", "expected a block's text or its JSON, found both or none")
        )
        return None
    if text is not None:
        return text
    try:
        return orjson.loads(str(data))
    except orjson.JSONDecodeError as error:
        problems.append(ErrorDetail(path, "json", f"expected a block as JSON, found: {error}"))
        return None


def _enum_value(value: Any) -> Any:
    return value.value


def _object_value(obj: Any) -> dict[str, Any]:
    cls: type = type(obj)
    # A union's struct has a "type" column; one class's has none, and the key is ignored.
    tag = _TYPE_TAGS.get(cls)
    row: dict[str, Any] = {} if tag is None else {"type": tag}
    for name, key, sequence, convert in _writer(cls):
        value = getattr(obj, name)
        if convert is None or value is None:
            row[key] = list(value) if sequence else value
        elif sequence:
            row[key] = [convert(item) for item in value]
        else:
            row[key] = convert(value)
    return row


def to_arrow(articles: Iterable[Article]) -> pa.Table:
    """
    Return *articles* as an Arrow table with `article_schema`, one row each.

    Raises:
        TypeError: For an item that is not an `~newsmodel.Article`.
    """
    rows = []
    for index, article in enumerate(articles):
        if type(article) is not Article:
            msg = f"expected an Article at [{index}], found {describe(article)}"
            raise TypeError(msg)
        rows.append(article_row(article))
    return pa.Table.from_pylist(rows, schema=article_schema())


# ----------------------------------------------------------------- reading


def _iso_datetime(value: Any, path: str, problems: list[ErrorDetail]) -> str | None:
    """The wire text of a datetime struct, or None with a problem."""
    instant, minutes = value.get("instant"), value.get("offset_minutes")
    if instant is None or minutes is None:
        missing = "instant" if instant is None else "offset_minutes"
        problems.append(
            ErrorDetail(
                path, "missing", f"expected a datetime with instant and offset, found no {missing}"
            )
        )
        return None
    try:
        zone = dt.timezone(dt.timedelta(minutes=minutes))
        local = _EPOCH + (instant + minutes * _MINUTE_US) * _MICROSECOND
    except (ValueError, OverflowError):
        problems.append(
            ErrorDetail(
                path,
                "invalid",
                "expected an instant whose local time is in years 1 to 9999 and an offset "
                f"within ±23:59, found instant {instant} µs and offset {minutes} minutes",
            )
        )
        return None
    text: str = local.replace(tzinfo=zone).isoformat()
    return text


def _wire_date(value: Any, path: str, problems: list[ErrorDetail]) -> Any:
    if not isinstance(value, dict):
        return value
    day = value.get("date")
    if day is not None:
        if value.get("instant") is not None or value.get("offset_minutes") is not None:
            problems.append(
                ErrorDetail(path, "invalid", "expected a date or an instant, found both")
            )
            return None
        return day.isoformat()
    return _iso_datetime(value, path, problems)


@functools.cache
def _reader(cls: type) -> dict[str, tuple[bool, Any]]:
    """For each key of *cls*: whether it is a sequence, and how to read its items."""
    plan: dict[str, tuple[bool, Any]] = {}
    for rule in field_rules(cls):
        read: Any = None
        if rule.rule is not None and rule.rule.name in _DATE_TYPES:
            read = _wire_date
        elif rule.rule is not None and rule.rule.name == "block":
            read = _wire_block
        elif rule.classes:
            read = _classes_reader(rule.classes)
        plan[rule.key] = (rule.sequence, read)
    return plan


def _classes_reader(classes: tuple[type, ...]) -> Any:
    by_tag = {_TYPE_TAGS[cls]: cls for cls in classes if cls in _TYPE_TAGS}

    def read(value: Any, path: str, problems: list[ErrorDetail]) -> Any:
        if not isinstance(value, dict):
            return value
        tag = value.get("type")
        cls = by_tag.get(tag, classes[0]) if isinstance(tag, str) else classes[0]
        return _wire_object(cls, value, path, problems)

    return read


def _wire_object(
    cls: type, row: dict[str, Any], path: str, problems: list[ErrorDetail]
) -> dict[str, Any]:
    """The wire-format values of one struct: nulls and empty lists left out."""
    plan = _reader(cls)
    tag = _TYPE_TAGS.get(cls)
    # The wire format tags each person and organization; a one-class struct has no column for it.
    data: dict[str, Any] = {} if tag is None else {"type": tag}
    for key, value in row.items():
        if value is None or (value == [] and key in plan):
            continue
        sequence, read = plan.get(key, (False, None))
        if read is None:
            data[key] = value
        elif sequence and isinstance(value, list):
            where = join_path(path, key)
            data[key] = [read(item, join_path(where, i), problems) for i, item in enumerate(value)]
        else:
            data[key] = read(value, join_path(path, key), problems)
    return {key: value for key, value in data.items() if value is not None}


def row_article(row: dict[str, Any], prefix: str, report: list[ErrorDetail]) -> Article | None:
    """
    Read one row of `to_pylist` of a table cast to `raw_schema` as an article.

    Returns:
        The article, or None with every problem appended to *report*, each at
        its path under *prefix* (``$[3]``, or ``$``).
    """
    problems: list[ErrorDetail] = []
    data = _wire_object(Article, row, prefix, problems)
    try:
        article = from_dict(data)
    except ValidationError as error:
        placed = {detail.path for detail in problems}
        report.extend(problems)
        report.extend(
            ErrorDetail(prefix + detail.path[1:], detail.code, detail.message, detail.input)
            for detail in error.errors
            if prefix + detail.path[1:] not in placed
        )
        return None
    if problems:  # pragma: no cover - a value read as None is always reported by from_dict
        report.extend(problems)
        return None
    return article


def article_row(article: Article) -> dict[str, Any]:
    """Return *article* as one row of `article_schema`, as `pyarrow.Table.from_pylist` takes."""
    return _object_value(article)


def cast_raw(table: pa.Table | pa.RecordBatch) -> pa.Table | pa.RecordBatch:
    """
    Return *table* cast to the article schema with its timestamps as integers.

    Raises:
        ValidationError: One problem at ``$`` when the columns are not the article schema's.
    """
    try:
        return table.cast(raw_schema())
    except (ValueError, TypeError, pa.ArrowException):
        raise _schema_error(table.schema) from None


def _schema_error(found: pa.Schema) -> ValidationError:
    expected = article_schema()
    theirs = {field.name: field for field in found}
    differences = [
        f"{field.name}: expected {field.type}, found {theirs[field.name].type}"
        if field.name in theirs
        else f"{field.name}: expected {field.type}, found no such column"
        for field in expected
        if field.name not in theirs or not theirs[field.name].type.equals(field.type)
    ]
    extra = [name for name in theirs if expected.get_field_index(name) < 0]
    differences += [f"{name}: expected no such column, found one" for name in extra]
    if not differences:
        differences = ["the columns are in another order"]
    message = (
        "expected a table with newsmodel.arrow's article schema, found other columns: "
        + "; ".join(differences)
    )
    return ValidationError([ErrorDetail("$", "type", message, [f.name for f in found])])


def from_arrow(table: pa.Table | pa.RecordBatch) -> list[Article]:
    """
    Return the articles of an Arrow table (or record batch) with `article_schema`.

    Each row is read as `newsmodel.from_dict` reads a payload, so a table
    written by other tools is validated as any input is.

    Raises:
        ValidationError: Every problem of every row, at ``$[row].path``
            (``$[3].authors[0].url``); or one at ``$`` when the table's
            columns are not the article schema's.
    """
    raw = cast_raw(table)
    report: list[ErrorDetail] = []
    articles = []
    for index, row in enumerate(raw.to_pylist()):
        article = row_article(row, join_path("$", index), report)
        if article is not None:
            articles.append(article)
    if report:
        raise ValidationError(report)
    return articles


def write_parquet(articles: Iterable[Article], path: str | os.PathLike[str]) -> None:
    """Write *articles* to a Parquet file at *path* (see `to_arrow`)."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    pq.write_table(to_arrow(articles), path)


def read_parquet(path: str | os.PathLike[str]) -> list[Article]:
    """
    Read the articles of a Parquet file written by `write_parquet` (or with its schema).

    Raises:
        ValidationError: As `from_arrow`.
        OSError: When the file cannot be read.
    """
    import pyarrow.parquet as pq  # noqa: PLC0415

    return from_arrow(pq.read_table(path))
