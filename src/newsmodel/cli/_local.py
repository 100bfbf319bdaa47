"""The ``local`` engine: the tasks run in this process, or in a pool of worker processes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._tasks import run_task

if TYPE_CHECKING:
    import argparse
    from collections.abc import Generator, Iterator
    from concurrent.futures import Executor, Future

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
    from collections import deque  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    window = jobs * 4  # tasks in flight: enough to keep every worker busy, and no more
    executor: Executor
    with ProcessPoolExecutor(jobs) as executor:
        pending: deque[Future[list[Piece]]] = deque()
        try:
            for task in tasks:
                pending.append(executor.submit(run_task, task, settings))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
