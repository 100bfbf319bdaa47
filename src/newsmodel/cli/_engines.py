"""
The engines a validation run's tasks can run on, behind one small interface.

An engine is a function that takes the tasks (an iterator, cut lazily) and the
run's settings, and yields each task's pieces **in task order**, whatever order
they were done in; closing the generator stops the work. It runs each task with
`_tasks.run_task`, wherever it runs it. The caller draws progress and writes the
report from the pieces as they come, so an engine knows nothing of either.

Each engine lives in its own module, named in `ENGINES`, with a function
``engine(args)`` that reads the engine's own options (``--jobs`` for ``local``)
from the parsed command line and returns the `Engine`. Adding one (``dask``,
``spark``) is a new module and a row here; no other module changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Generator, Iterator

    from ._check import Piece, Settings
    from ._tasks import Task


class Engine(Protocol):
    """Run tasks and yield their pieces in task order."""

    def __call__(
        self, tasks: Iterator[Task], settings: Settings, /
    ) -> Generator[Piece, None, None]:
        """Run *tasks* with *settings*; yield each task's pieces, in task order."""
        ...


class Pending(Protocol):
    """A task sent to be run: a `concurrent.futures.Future` or a Dask future."""

    def result(self) -> list[Piece]:
        """Wait for the task's pieces."""
        ...

    def cancel(self) -> object:
        """Give up on the task."""
        ...


#: Engine name -> the module that makes it.
ENGINES = {
    "local": "newsmodel.cli._local",
    "dask": "newsmodel.cli._dask",
    "spark": "newsmodel.cli._spark",
}


def in_task_order(
    tasks: Iterator[Task], send: Callable[[Task], Pending], window: int
) -> Generator[Piece, None, None]:
    """
    Send each task with *send*, *window* at most in flight; yield the pieces in task order.

    Tasks are taken from the iterator only as room frees up, so a run over a
    stream never holds more than *window* tasks; closing the generator cancels
    the tasks still in flight.
    """
    from collections import deque  # noqa: PLC0415

    pending: deque[Pending] = deque()
    try:
        for task in tasks:
            pending.append(send(task))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def engine(name: str, args: argparse.Namespace) -> Engine:
    """Return the engine *name*, set up from the options in *args*; its module is imported now."""
    from importlib import import_module  # noqa: PLC0415

    module = import_module(ENGINES[name])
    made: Engine = module.engine(args)
    return made
