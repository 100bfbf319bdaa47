"""
newsmodel's jobs over many files on Dask.

Each file is one partition, and each partition runs ``newsmodel.jobs.process``,
the function the sequential path runs too: the results of a Dask run are the
sequential results, file by file, in the same order (the provenance of each
result says which file, record and offset it came from). Dask does the
distribution and the retries: a file's results are a pure function of the file,
so a task that Dask re-runs on another worker (after a worker died, say) gives
the same results again, neither lost nor duplicated.

The jobs are those of ``process``: ``"extract"`` (WARC or ARC files, one result
per response record considered), ``"validate"`` (JSON Lines archives, one result
per line: ``ok``, or its problems) and ``"read"`` (Parquet files of articles
written by ``newsmodel.arrow``, one result per row).

Needs the ``dask`` extra (``pip install "pynewsmodel[dask]"``): dask, distributed
and pyarrow. Import this module explicitly (``import newsmodel.dask``);
``import newsmodel`` does not load Dask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa

from ._engines import check_inputs
from .jobs import from_record_batch, process, result_schema, to_record_batch

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .jobs import Result

__all__ = ["bag", "dataframe", "to_results", "write_parquet"]


def bag(paths: Sequence[str], job: str) -> db.Bag:
    """
    Return a Dask bag of the results of *job* over *paths*, one partition per file.

    Args:
        paths: The input files, as the workers see them (a path on a shared
            file system, or a local path for a local cluster).
        job: ``"extract"``, ``"validate"`` or ``"read"``.

    Returns:
        A lazy bag of ``Result`` objects; ``bag(...).compute()`` gives them
        in file order, each file's results in the file's order, the same list
        as the sequential path.

    Raises:
        ValueError: When *paths* is empty or *job* is not a job.
        TypeError: When *paths* is a string, or holds something else than strings.
    """
    files = check_inputs(paths, job)
    files_bag: db.Bag = db.from_sequence(files, partition_size=1)
    results: db.Bag = files_bag.map_partitions(_results, job)
    return results


def dataframe(paths: Sequence[str], job: str) -> dd.DataFrame:
    """
    Return a Dask dataframe of the results of *job* over *paths*, one partition per file.

    The columns are those of the Arrow result schema (``provenance``,
    ``status``, ``articles``, ``findings``, ``problems``), each a pandas
    `~pandas.ArrowDtype` of its Arrow type: nested structs and lists stay
    nested, and no value is converted to a pandas type on the way.
    `to_results` gives the ``Result`` objects back.

    Args:
        paths: The input files, as the workers see them.
        job: ``"extract"``, ``"validate"`` or ``"read"``.

    Returns:
        A lazy dataframe; its partitions come in file order.

    Raises:
        ValueError: When *paths* is empty or *job* is not a job.
        TypeError: When *paths* is a string, or holds something else than strings.
    """
    files = check_inputs(paths, job)
    frame: dd.DataFrame = dd.from_map(
        _frame, files, job=job, meta=_frame_of([]), enforce_metadata=False
    )
    return frame


def write_parquet(paths: Sequence[str], job: str, directory: str) -> None:
    """
    Run *job* over *paths* and write its results as Parquet files in *directory*.

    Each input file gives one Parquet file (``part.N.parquet``, N the input's
    place in *paths*) with the Arrow result schema, so DuckDB, polars or
    ``newsmodel.arrow`` can read the directory as one table.

    Args:
        paths: The input files, as the workers see them.
        job: ``"extract"``, ``"validate"`` or ``"read"``.
        directory: Where to write, as the workers see it.

    Raises:
        ValueError: When *paths* is empty or *job* is not a job.
        TypeError: When *paths* is a string, or holds something else than strings.
    """
    dataframe(paths, job).to_parquet(
        directory, schema=result_schema(), write_index=False, write_metadata_file=False
    )


def to_results(frame: pd.DataFrame) -> list[Result]:
    """
    Return the ``Result`` objects of a computed dataframe of results, in its row order.

    Args:
        frame: ``dataframe(...).compute()``, or a part of it.
    """
    table = pa.Table.from_pandas(frame, schema=result_schema(), preserve_index=False)
    return from_record_batch(table)


def _results(files: Iterable[str], job: str) -> list[Result]:
    return [result for path in files for result in process(path, job)]


def _frame(path: str, job: str) -> pd.DataFrame:
    return _frame_of(_results([path], job))


def _frame_of(results: list[Result]) -> pd.DataFrame:
    frame: pd.DataFrame = to_record_batch(results).to_pandas(types_mapper=pd.ArrowDtype)
    return frame
