"""The ``local`` engine: the tasks run in this process, or in a pool of worker processes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._engines import in_task_order
from ._tasks import run_task

if TYPE_CHECKING:
    import argparse
    from collections.abc import Generator, Iterator
    from concurrent.futures import Executor

    from ._check import Piece, Settings
    from ._engines import Engine
    from ._tasks import Task


def engine(args: argparse.Namespace) -> Engine:
    """The local engine with ``--jobs`` worker processes (1: none, the work runs here)."""
    jobs: int = args.jobs

    def run(tasks: Iterator[Task], settings: Settings, /) -> Generator[Piece, None, None]:
        return run_local(tasks, settings, jobs)

    return run


def run_local(tasks: Iterator[Task], settings: Settings, jobs: int) -> Generator[Piece, None, None]:
    """Run the tasks, here or in *jobs* processes, and yield their pieces in task order."""
    if jobs <= 1:
        for task in tasks:
            yield from run_task(task, settings)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    window = jobs * 4  # tasks in flight: enough to keep every worker busy, and no more
    executor: Executor
    with ProcessPoolExecutor(jobs) as executor:
        yield from in_task_order(
            tasks, lambda task: executor.submit(run_task, task, settings), window
        )
