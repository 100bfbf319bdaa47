"""The ``dask`` engine: the tasks run on a Dask cluster (``--scheduler``, or a local one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._engines import in_task_order
from ._tasks import run_task

if TYPE_CHECKING:
    import argparse
    from collections.abc import Generator, Iterator

    from ._check import Piece, Settings
    from ._engines import Engine
    from ._tasks import Task


def engine(args: argparse.Namespace) -> Engine:
    """
    The Dask engine: on the cluster at ``--scheduler``, else on a local cluster of ``--jobs``.

    A local cluster has one single-threaded worker process per job (the checks are
    Python, and hold the GIL) and is shut down when the run ends.
    """
    scheduler: str | None = args.scheduler
    jobs: int = args.jobs

    def run(tasks: Iterator[Task], settings: Settings, /) -> Generator[Piece, None, None]:
        return run_dask(tasks, settings, scheduler, jobs)

    return run


def run_dask(
    tasks: Iterator[Task], settings: Settings, scheduler: str | None, jobs: int
) -> Generator[Piece, None, None]:
    """Run the tasks on Dask and yield their pieces in task order."""
    import contextlib  # noqa: PLC0415

    import distributed  # noqa: PLC0415

    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0"
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        else:
            client = stack.enter_context(distributed.Client(scheduler))
        threads = sum(client.nthreads().values())
        window = max(threads, 1) * 4  # enough to keep every worker busy, and no more
        yield from in_task_order(
            tasks, lambda task: client.submit(run_task, task, settings, pure=False), window
        )
