"""
newsmodel's jobs over many files on Spark.

`results` makes a Spark DataFrame with one row per input path, one path per
partition, and maps each partition with ``mapInArrow`` through
``newsmodel.jobs.process``, the function the sequential path runs too:
the rows are the sequential results, in the same order, with the Arrow result
schema (``provenance``, ``status``, ``articles``, ``findings``, ``problems``,
nested structs and lists). Spark does the distribution and the retries; a
file's results are a pure function of the file, so a re-run task gives the
same rows.

The jobs are those of ``process``: ``"extract"`` (WARC or ARC files, one row per
response record considered), ``"validate"`` (JSON Lines archives, one row per
line: ``ok``, or its problems) and ``"read"`` (Parquet files of articles written
by ``newsmodel.arrow``, one row per article).

Needs the ``spark`` extra (``pip install "pynewsmodel[spark]"``: pyspark and
pyarrow) and a Java runtime. Import this module explicitly
(``import newsmodel.spark``); ``import newsmodel`` does not load Spark.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import TYPE_CHECKING

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema
from pyspark.sql.types import StringType, StructField, StructType

from ._engines import check_inputs
from .jobs import from_record_batch, process, result_schema, to_record_batch

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    import pyarrow as pa

    from .jobs import Result

__all__ = ["BATCH_ROWS", "results", "session", "spark_schema", "to_results"]

BATCH_ROWS = 256
"""`results`'s default for how many results go into one Arrow batch: a file's
results stream out in batches, so a worker never holds all of a large file's
results at once."""


def session(
    master: str | None = None,
    *,
    app_name: str = "newsmodel",
    config: Mapping[str, str] | None = None,
) -> SparkSession:
    """
    Return a Spark session (a new one, or the running one) for newsmodel's jobs.

    When ``PYSPARK_PYTHON`` is not set, this sets it to the running interpreter,
    so that Spark's Python workers start in the same environment (the one with
    newsmodel installed) rather than the first ``python3`` on the ``PATH``.
    Spark's console progress bar is off: the caller reports progress.

    Args:
        master: Spark's master URL (``local[2]``, ``spark://host:7077``, ...);
            ``None`` leaves it to Spark's configuration (``spark-submit``'s
            ``--master``, or ``local[*]``).
        app_name: The application's name in Spark's UI and logs.
        config: More Spark settings, such as
            ``{"spark.sql.shuffle.partitions": "8"}``.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master is not None:
        builder = builder.master(master)
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def spark_schema() -> StructType:
    """
    Return the Arrow result schema as a Spark schema.

    Timestamps are instants (``TimestampType``), and every field is nullable:
    Spark fills the fields of a null struct with nulls, which a field that is
    not nullable may not hold in Arrow. `to_results` checks the rows against
    the result schema, nullability included.
    """
    import pyarrow as pa  # noqa: PLC0415 - pyspark needs it, and imports it lazily too

    nullable = pa.schema([_nullable_field(field) for field in result_schema()])
    return from_arrow_schema(nullable, prefer_timestamp_ntz=False)


def _nullable_field(field: pa.Field) -> pa.Field:
    return field.with_type(_nullable_type(field.type)).with_nullable(True)  # noqa: FBT003 - pyarrow's signature


def _nullable_type(arrow_type: pa.DataType) -> pa.DataType:
    import pyarrow as pa  # noqa: PLC0415

    if pa.types.is_struct(arrow_type):
        return pa.struct([_nullable_field(field) for field in arrow_type])
    if pa.types.is_list(arrow_type):
        return pa.list_(_nullable_field(arrow_type.value_field))
    return arrow_type


def results(
    spark: SparkSession, paths: Sequence[str], job: str, *, batch_rows: int = BATCH_ROWS
) -> DataFrame:
    """
    Return a Spark DataFrame of the results of *job* over *paths*.

    Args:
        spark: The session to run in (see `session`).
        paths: The input files, as the executors see them (a path on a shared
            file system, or a local path with a local master).
        job: ``"extract"``, ``"validate"`` or ``"read"``.
        batch_rows: How many results go into one Arrow batch sent back to
            Spark (a file's results stream out in batches of this size).

    Returns:
        A lazy DataFrame with `spark_schema`; its partitions follow *paths*,
        so ``to_results`` (or ``collect``) gives the rows in file order.

    Raises:
        ValueError: When *paths* is empty or *job* is not a job.
        TypeError: When *paths* is a string, or holds something else than strings.
    """
    files = check_inputs(paths, job)
    if batch_rows < 1:
        raise ValueError(f"batch_rows: expected a whole number of 1 or more, found {batch_rows}")
    inputs = spark.sparkContext.parallelize([(path,) for path in files], numSlices=len(files))
    frame = spark.createDataFrame(
        inputs, StructType([StructField("path", StringType(), nullable=False)])
    )
    schema = spark_schema()
    return frame.mapInArrow(
        functools.partial(_map_paths, job=job, schema=schema, batch_rows=batch_rows), schema
    )


def to_results(frame: DataFrame) -> list[Result]:
    """
    Collect a DataFrame of results (from `results`) as ``Result`` objects, in its order.

    Args:
        frame: A DataFrame with `spark_schema`.
    """
    import pyarrow as pa  # noqa: PLC0415 - pyspark needs it, and imports it lazily too

    table = frame.toArrow()
    # Spark fills the fields of a null struct with nulls, which pyarrow will not cast to
    # a field that is not nullable, although the struct hides them: rebuild the rows.
    return from_record_batch(pa.Table.from_pylist(table.to_pylist(), schema=result_schema()))


def _map_paths(
    batches: Iterator[pa.RecordBatch], job: str, schema: StructType, batch_rows: int
) -> Iterator[pa.RecordBatch]:
    target = to_arrow_schema(schema, timezone="UTC")
    for batch in batches:
        for path in batch.column(0).to_pylist():
            chunk: list[Result] = []
            for result in process(path, job):
                chunk.append(result)
                if len(chunk) == batch_rows:
                    yield to_record_batch(chunk).cast(target)
                    chunk = []
            if chunk:
                yield to_record_batch(chunk).cast(target)
