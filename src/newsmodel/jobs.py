"""
The work on one input file: the one function every engine maps over a partition.

`process` turns a file into `Result` rows: a WARC or ARC file (job
``"extract"``), a JSON Lines archive (``"validate"``) or a Parquet file of
articles (``"read"``). The sequential command line, Dask and Spark all call
it, so the three give the same rows; a file's rows are a pure function of
the file, in file order, so a retried or re-run task gives the same rows
again. `to_record_batch` and `from_record_batch` carry rows through Arrow
(`result_schema`), losslessly.

Engine-agnostic: pyarrow is imported only by the functions that need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from . import _reading
from ._errors import ErrorDetail, Finding, ValidationError, unexpected
from ._models import Article  # attrs reads the annotations at run time

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import pyarrow as pa

__all__ = [
    "JOBS",
    "STATUSES",
    "Provenance",
    "Result",
    "from_record_batch",
    "process",
    "result_schema",
    "to_record_batch",
]

#: What `process` can do with a file.
JOBS = ("extract", "validate", "read")

#: The statuses of a result. ``ok`` (articles built), ``invalid`` (a payload or a page
#: whose article markup makes no valid article: see the problems),
#: ``no_article`` (a page without article markup), ``skipped`` (a record not
#: read for articles: not HTML, not a success; a finding says why) and
#: ``unreadable`` (a file or record that cannot be read: see the problems).
STATUSES = ("ok", "invalid", "no_article", "skipped", "unreadable")


@attrs.frozen
class Provenance:
    """
    Where a result comes from.

    Attributes:
        file: The input path, as given.
        offset: WARC/ARC: the record's byte offset in the file; JSON Lines:
            the line number (from 1); Parquet: the row (from 0); None for a
            problem of the whole file.
        record_id: The record's ``WARC-Record-ID``.
        target_uri: The record's ``WARC-Target-URI``.
        warc_date: The record's ``WARC-Date``, as the record gives it.
    """

    file: str
    offset: int | None = None
    record_id: str | None = None
    target_uri: str | None = None
    warc_date: str | None = None


@attrs.frozen
class Result:
    """
    What one record, line or row of an input gave.

    Attributes:
        provenance: Where it comes from.
        status: One of `STATUSES`.
        articles: The articles built.
        findings: Every repair, drop and note, at its JSONPath.
        problems: Why no article (or not every article) could be built.
    """

    provenance: Provenance
    status: str
    articles: tuple[Article, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[ErrorDetail, ...] = ()


def process(path: str, job: str) -> Iterator[Result]:
    """
    Yield the results of one file, in file order.

    Args:
        path: The file.
        job: ``"extract"``: a WARC or ARC file (plain, gzip per record, or
            whole-file gzip), one result per response or resource record;
            ``"validate"``: a JSON Lines archive, one result per non-blank
            line (each read as `newsmodel.loads` reads it); ``"read"``: a
            Parquet file written by ``newsmodel.arrow``, one result per row.

    A file that cannot be opened, a truncated file and a corrupt record are
    results (``unreadable``), never exceptions.

    Raises:
        ValueError: For a *job* not in `JOBS`.
    """
    if job == "validate":
        return _validate_lines(path)
    if job == "extract":
        from .warc import extract_records  # noqa: PLC0415 - the warc extra

        return extract_records(path)
    if job == "read":
        return _read_rows(path)
    msg = f"expected a job among {', '.join(map(repr, JOBS))}, found {job!r}"
    raise ValueError(msg)


def unreadable(path: str, error: OSError, offset: int | None = None) -> Result:
    """The result of a file that cannot be read."""
    reason = error.strerror or str(error)
    problem = ErrorDetail("$", "unreadable", f"expected a readable file, found: {reason}")
    return Result(Provenance(path, offset), "unreadable", problems=(problem,))


# ------------------------------------------------------------- JSON Lines


def _validate_lines(path: str) -> Iterator[Result]:

    try:
        file = open(path, "rb")  # noqa: SIM115 - closed below, after the generator's last line
    except OSError as error:
        yield unreadable(path, error)
        return
    with file:
        number = 0
        while True:
            try:
                line, consumed = _reading.read_line(file, _reading.MAX_LINE_BYTES)
            except OSError as error:
                yield unreadable(path, error, number + 1)
                return
            if not consumed:
                return
            number += 1
            if isinstance(line, bytes) and (not line or line.isspace()):
                continue  # a blank line holds no payload
            yield _validate_line(path, number, line)


def _validate_line(path: str, number: int, line: Any) -> Result:
    from ._canonical import loads  # noqa: PLC0415

    where = Provenance(path, number)
    if isinstance(line, _reading.Oversized):
        message = _reading.line_too_large_message(line, _reading.MAX_LINE_BYTES)
        detail = ErrorDetail("$", "too_large", message)
        return Result(where, "invalid", problems=(detail,))
    try:
        article = loads(line)
    except ValidationError as error:
        return Result(where, "invalid", problems=tuple(error.errors))
    except Exception as error:  # reported for this line, never raised
        return Result(where, "invalid", problems=(ErrorDetail("$", "internal", unexpected(error)),))
    return Result(where, "ok", articles=(article,))


# ---------------------------------------------------------------- Parquet


def _read_rows(path: str) -> Iterator[Result]:
    import pyarrow as pa  # noqa: PLC0415 - the arrow extra
    import pyarrow.parquet as pq  # noqa: PLC0415

    from . import arrow  # noqa: PLC0415

    try:
        parquet = pq.ParquetFile(path)
    except OSError as error:
        yield unreadable(path, error)
        return
    except pa.ArrowException as error:
        yield unreadable(path, OSError(f"not a Parquet file: {error}"))
        return
    row = 0
    with parquet:
        try:
            for batch in parquet.iter_batches():
                try:
                    raw = arrow.cast_raw(batch)
                except ValidationError as error:
                    yield Result(Provenance(path), "unreadable", problems=tuple(error.errors))
                    return
                for values in raw.to_pylist():
                    yield _read_row(path, row, values)
                    row += 1
        except (OSError, pa.ArrowException) as error:
            yield unreadable(path, OSError(f"a damaged Parquet file: {error}"), row)


def _read_row(path: str, row: int, values: dict[str, Any]) -> Result:
    from . import arrow  # noqa: PLC0415

    report: list[ErrorDetail] = []
    article = arrow.row_article(values, "$", report)
    where = Provenance(path, row)
    if article is None:
        return Result(where, "invalid", problems=tuple(report))
    return Result(where, "ok", articles=(article,))


# ------------------------------------------------------------------ Arrow


def _finding_type() -> pa.StructType:
    import pyarrow as pa  # noqa: PLC0415

    return pa.struct(
        [
            pa.field("path", pa.string(), nullable=False),
            pa.field("code", pa.string(), nullable=False),
            pa.field("message", pa.string(), nullable=False),
        ]
    )


def result_schema() -> pa.Schema:
    """
    Return the Arrow schema of results: one row per `Result`.

    ``provenance`` is a struct of `Provenance`'s fields; ``articles`` a list
    of structs of `newsmodel.arrow.article_schema`; ``findings`` and
    ``problems`` lists of ``{path, code, message}``, a problem with ``input``
    too: its offending value as JSON text (as `newsmodel.ValidationError.to_dicts`
    gives it), null where it has none.
    """
    import pyarrow as pa  # noqa: PLC0415

    from . import arrow  # noqa: PLC0415

    def items(value: pa.DataType) -> pa.DataType:
        return pa.list_(pa.field("item", value, nullable=False))

    provenance = pa.struct(
        [
            pa.field("file", pa.string(), nullable=False),
            pa.field("offset", pa.int64()),
            pa.field("record_id", pa.string()),
            pa.field("target_uri", pa.string()),
            pa.field("warc_date", pa.string()),
        ]
    )
    finding = _finding_type()
    problem = pa.struct([*finding, pa.field("input", pa.string())])
    return pa.schema(
        [
            pa.field("provenance", provenance, nullable=False),
            pa.field("status", pa.string(), nullable=False),
            pa.field("articles", items(pa.struct(list(arrow.article_schema()))), nullable=False),
            pa.field("findings", items(finding), nullable=False),
            pa.field("problems", items(problem), nullable=False),
        ]
    )


def _input_text(value: object) -> str | None:
    import orjson  # noqa: PLC0415

    from ._errors import NO_INPUT, json_safe  # noqa: PLC0415

    if value is NO_INPUT:
        return None
    return orjson.dumps(json_safe(value)).decode()


def _result_row(result: Result) -> dict[str, Any]:
    from . import arrow  # noqa: PLC0415

    return {
        "provenance": attrs.asdict(result.provenance),
        "status": result.status,
        "articles": [arrow.article_row(article) for article in result.articles],
        "findings": [
            {"path": f.path, "code": f.code, "message": f.message} for f in result.findings
        ],
        "problems": [
            {"path": p.path, "code": p.code, "message": p.message, "input": _input_text(p.input)}
            for p in result.problems
        ],
    }


def to_record_batch(results: Iterable[Result]) -> pa.RecordBatch:
    """Return *results* as one Arrow record batch with `result_schema`."""
    import pyarrow as pa  # noqa: PLC0415

    rows = [_result_row(result) for result in results]
    return pa.RecordBatch.from_pylist(rows, schema=result_schema())


def _raw_result_schema() -> pa.Schema:
    import pyarrow as pa  # noqa: PLC0415

    from . import arrow  # noqa: PLC0415

    return pa.schema([field.with_type(arrow.raw_type(field.type)) for field in result_schema()])


def from_record_batch(batch: pa.RecordBatch | pa.Table) -> list[Result]:
    """
    Return the results of a record batch (or table) with `result_schema`.

    Raises:
        ValidationError: When an article in it is not valid (each problem at
            ``$[row].articles[i].path``) or the columns are not `result_schema`'s.
    """
    import orjson  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    from . import arrow  # noqa: PLC0415
    from ._errors import NO_INPUT, join_path  # noqa: PLC0415

    try:
        raw = batch.cast(_raw_result_schema())
    except (ValueError, TypeError, pa.ArrowException):
        message = f"expected a batch with newsmodel's result schema, found {batch.schema}"
        raise ValidationError([ErrorDetail("$", "type", message)]) from None
    results = []
    report: list[ErrorDetail] = []
    for index, row in enumerate(raw.to_pylist()):
        where = join_path(join_path("$", index), "articles")
        articles = [
            arrow.row_article(values, join_path(where, number), report)
            for number, values in enumerate(row["articles"])
        ]
        problems = tuple(
            ErrorDetail(
                p["path"],
                p["code"],
                p["message"],
                NO_INPUT if p["input"] is None else orjson.loads(p["input"]),
            )
            for p in row["problems"]
        )
        results.append(
            Result(
                Provenance(**row["provenance"]),
                row["status"],
                tuple(article for article in articles if article is not None),
                tuple(Finding(**f) for f in row["findings"]),
                problems,
            )
        )
    if report:
        raise ValidationError(report)
    return results
