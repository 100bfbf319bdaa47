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
    from collections.abc import Generator, Iterator

    from ._check import Piece, Settings
    from ._tasks import Task


class Engine(Protocol):
    """Run tasks and yield their pieces in task order."""

    def __call__(
        self, tasks: Iterator[Task], settings: Settings, /
    ) -> Generator[Piece, None, None]:
        """Run *tasks* with *settings*; yield each task's pieces, in task order."""
        ...


#: Engine name -> the module that makes it.
ENGINES = {"local": "newsmodel.cli._local"}


def engine(name: str, args: argparse.Namespace) -> Engine:
    """Return the engine *name*, set up from the options in *args*; its module is imported now."""
    from importlib import import_module  # noqa: PLC0415

    module = import_module(ENGINES[name])
    made: Engine = module.engine(args)
    return made
