"""The ``spark`` engine: the tasks run on Spark (``--master``, or ``local[N]`` of ``--jobs``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._tasks import run_task

if TYPE_CHECKING:
    import argparse
    from collections.abc import Generator, Iterator

    from ._check import Piece, Settings
    from ._engines import Engine
    from ._tasks import Task


def engine(args: argparse.Namespace) -> Engine:
    """
    The Spark engine: on the master at ``--master``, else on ``local[N]``, N from ``--jobs``.

    A session the run starts is stopped when it ends; a session that was
    already running (in a notebook, say) is left running.
    """
    master: str = args.master or f"local[{args.jobs}]"

    def run(tasks: Iterator[Task], settings: Settings, /) -> Generator[Piece, None, None]:
        return run_spark(tasks, settings, master)

    return run


def run_spark(
    tasks: Iterator[Task], settings: Settings, master: str
) -> Generator[Piece, None, None]:
    """
    Run the tasks on Spark and yield their pieces in task order.

    The tasks go out in windows, each one Spark job of one task per partition,
    so a run over a stream holds one window of tasks at a time.
    """
    import functools  # noqa: PLC0415
    import itertools  # noqa: PLC0415

    from pyspark.sql import SparkSession  # noqa: PLC0415

    from newsmodel.spark import session  # noqa: PLC0415

    running = SparkSession.getActiveSession()
    spark = session(master) if running is None else running
    if running is None:
        spark.sparkContext.setLogLevel("ERROR")
    context = spark.sparkContext
    window = max(context.defaultParallelism, 1) * 4
    run = functools.partial(run_task, settings=settings)
    try:
        while chunk := list(itertools.islice(tasks, window)):
            for pieces in context.parallelize(chunk, len(chunk)).map(run).collect():
                yield from pieces
    finally:
        if running is None:
            spark.stop()
