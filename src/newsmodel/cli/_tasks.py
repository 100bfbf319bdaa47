"""
Cutting a validation run into tasks, and running one task.

A task is a small picklable value naming its work: a batch of files, a piece of
a JSON Lines file (by offsets), lines read from a stream, or a result already
known (an unreadable file, a report made while cutting). `run_task` is the one
function every engine calls on each task; it gives the task's pieces.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, NamedTuple, Union

from .. import _reading
from . import _check
from ._common import io_message
from ._problems import spread_problem

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .._reading import Oversized
    from ._check import Piece, Settings
    from ._discover import Input
    from ._problems import Problem

#: JSON Lines files are read in pieces of this many bytes, one piece per task.
CHUNK_BYTES = 1 << 20
#: JSON and HTML files are read in batches of this many files, one batch per task.
BATCH_FILES = 32
#: Lines of a JSON Lines stream on stdin per task.
BATCH_LINES = 2000


class File(NamedTuple):
    """A JSON document or HTML page of a `Files` batch."""

    input: int
    name: str
    path: str
    type: str
    size: int


class Files(NamedTuple):
    """Read and check whole files, one `Piece` each."""

    files: list[File]

    def run(self) -> list[Piece]:
        """Check each file; one that cannot be read gives a piece with its error."""
        pieces = []
        bound = _check.current().max_document_bytes
        for index, name, path, file_type, size in self.files:
            try:
                data = _reading.read(path, bound)  # looked up here: tests replace it
            except OSError as error:
                pieces.append(_check.Piece(index, size, 0, 0, 0, [], io_message(name, error)))
                continue
            pieces.append(_check.check_document(index, file_type, data, size))
        return pieces


class Chunk(NamedTuple):
    """Check the lines of a JSON Lines file that start at an offset in [start, end)."""

    input: int
    name: str
    path: str
    start: int
    end: int

    def run(self) -> list[Piece]:
        """Read the piece's lines from the file and check them."""
        size = self.end - self.start
        try:
            with open(self.path, "rb") as file:
                bound = _check.current().max_line_bytes
                lines = _reading.chunk_lines(file, self.start, self.end, bound)
                return [_check.check_lines(self.input, lines, size)]
        except OSError as error:
            return [_check.Piece(self.input, size, 0, 0, 0, [], io_message(self.name, error))]


class Lines(NamedTuple):
    """Check lines of JSON Lines read from a stream."""

    input: int
    lines: list[bytes | Oversized]
    size: int

    def run(self) -> list[Piece]:
        """Check the lines."""
        return [_check.check_lines(self.input, self.lines, self.size)]


class Data(NamedTuple):
    """Check a JSON document or page read from a stream."""

    input: int
    type: str
    data: bytes | Oversized

    def run(self) -> list[Piece]:
        """Check the document."""
        data = self.data
        size = data.size if isinstance(data, _reading.Oversized) else len(data)
        return [_check.check_document(self.input, self.type, data, size)]


class Unreadable(NamedTuple):
    """An input that could not be read while the work was cut."""

    input: int
    message: str

    def run(self) -> list[Piece]:
        """The piece that reports it."""
        return [_check.Piece(self.input, 0, 0, 0, 0, [], self.message)]


class Report(NamedTuple):
    """An input reported as a whole while the work was cut (one pretty-printed document)."""

    input: int
    size: int
    problems: list[Problem]

    def run(self) -> list[Piece]:
        """The piece that reports it."""
        return [_check.Piece(self.input, self.size, 0, len(self.problems), 0, self.problems, None)]


#: A unit of work of a validation run.
Task = Union[Files, Chunk, Lines, Data, Unreadable, Report]  # noqa: UP007 - a runtime alias


def run_task(task: Task, settings: Settings) -> list[Piece]:
    """Run one task with *settings*, in this process; the one function every engine calls."""
    if _check.current() != settings:
        _check.use(settings)
    return task.run()


def cut(inputs: list[Input], settings: Settings) -> Iterator[Task]:
    """
    Cut the work into tasks, lazily: batches of files, pieces of JSON Lines files.

    Streams (stdin, pipes) are read here, in this process, as the tasks are
    taken; so is the start of each JSON Lines file, to tell a pretty-printed
    document from JSON Lines.
    """
    batch: list[File] = []
    batch_bytes = 0
    for index, item in enumerate(inputs):
        path = item.path
        if item.stream or path is None:
            if batch:
                yield Files(batch)
                batch, batch_bytes = [], 0
            if path is None:
                yield from _stream_tasks(index, item.type, sys.stdin.buffer, settings)
                continue
            try:
                with open(path, "rb") as stream:
                    yield from _stream_tasks(index, item.type, stream, settings)
            except OSError as error:
                yield Unreadable(index, io_message(item.name, error))
        elif item.type == "jsonl":
            if batch:
                yield Files(batch)
                batch, batch_bytes = [], 0
            yield from _jsonl_file_tasks(index, item, path)
        else:
            batch.append(File(index, item.name, path, item.type, item.size))
            batch_bytes += item.size
            if len(batch) >= BATCH_FILES or batch_bytes >= CHUNK_BYTES:
                yield Files(batch)
                batch, batch_bytes = [], 0
    if batch:
        yield Files(batch)


def _jsonl_file_tasks(index: int, item: Input, path: str) -> Iterator[Task]:
    """The pieces of a JSON Lines file; one report if it holds one pretty-printed document."""
    try:
        with open(path, "rb") as file:
            start = _reading.spread_start(_reading.peek_lines(file))
    except OSError as error:
        yield Unreadable(index, io_message(item.name, error))
        return
    if start:
        yield Report(index, item.size, [spread_problem(start)])
        return
    for offset in range(0, item.size, CHUNK_BYTES):
        yield Chunk(index, item.name, path, offset, min(offset + CHUNK_BYTES, item.size))


def _stream_tasks(
    index: int, file_type: str, stream: IO[bytes], settings: Settings
) -> Iterator[Task]:
    import itertools  # noqa: PLC0415

    if file_type != "jsonl":
        yield Data(index, file_type, _reading.read_document(stream, settings.max_document_bytes))
        return
    read = _reading.stream_lines(stream, settings.max_line_bytes)
    peeked = _reading.peek_stream(read)
    start = _reading.spread_start(line for line, _ in peeked)
    if start:
        yield Report(index, 0, [spread_problem(start)])
        return
    lines: list[bytes | Oversized] = []
    size = 0
    for line, consumed in itertools.chain(peeked, read):
        lines.append(line)
        size += consumed
        if len(lines) >= BATCH_LINES:
            yield Lines(index, lines, size)
            lines, size = [], 0
    if lines:
        yield Lines(index, lines, size)
