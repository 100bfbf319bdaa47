"""What the Dask and Spark runners share: checking a run's inputs before any work starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .jobs import JOBS

if TYPE_CHECKING:
    from collections.abc import Sequence


def check_inputs(paths: Sequence[str], job: str) -> list[str]:
    """
    Return *paths* as a list, or raise `ValueError` when a run over them cannot start.

    The check runs on the client, before any task is sent: a wrong job would
    otherwise fail in every task on every worker.
    """
    if isinstance(paths, str):
        raise TypeError(f"paths: expected a sequence of paths, found the string {paths!r}")
    if job not in JOBS:
        expected = ", ".join(map(repr, JOBS))
        raise ValueError(f"job: expected a job among {expected}, found {job!r}")
    files = list(paths)
    if not files:
        raise ValueError("paths: expected at least one file, found none")
    for index, path in enumerate(files):
        if not isinstance(path, str):
            raise TypeError(f"paths[{index}]: expected a path (str), found {type(path).__name__}")
    return files
