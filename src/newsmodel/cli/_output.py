"""
Writing results.

The report of a validation run (text, json, github) and its tally, problems on
stderr, and a command's output to stdout or a file.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any, Protocol

from ._common import UsageError, count, error_line, one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._problems import Problem


class Tally:
    """Counts of one validation run."""

    def __init__(self, files: int) -> None:
        self.files = files
        self.articles = 0
        self.invalid = 0
        self.errors = 0
        self.warnings = 0
        self.io_errors: dict[int, str] = {}
        self.seconds = 0.0

    def problem(self, severity: str) -> None:
        """Count one problem of *severity*."""
        if severity == "error":
            self.errors += 1
        else:
            self.warnings += 1

    def io_error(self, index: int, message: str) -> None:
        """Count input *index* as unreadable (once)."""
        self.io_errors.setdefault(index, message)

    def summary(self) -> str:
        """The summary line written to stderr at the end."""
        parts = [
            count(self.files, "file"),
            count(self.articles, "article"),
            f"{self.invalid:,} invalid",
        ]
        if self.errors:
            parts.append(count(self.errors, "error"))
        if self.warnings:
            parts.append(count(self.warnings, "warning"))
        if self.io_errors:
            parts.append(f"{count(len(self.io_errors), 'file')} unreadable")
        return f"newsmodel: {', '.join(parts)} in {self.seconds:.2f} s"

    def as_json(self) -> dict[str, Any]:
        """The summary as the ``json`` report gives it."""
        return {
            "files": self.files,
            "articles": self.articles,
            "invalid": self.invalid,
            "errors": self.errors,
            "warnings": self.warnings,
            "unreadable": len(self.io_errors),
            "seconds": round(self.seconds, 3),
        }


class Writer(Protocol):
    """A validation report format (``--format``)."""

    def problem(self, name: str, problem: Problem) -> None:
        """Report *problem* of the input *name*."""

    def io_error(self, name: str, message: str) -> None:
        """Report that the input *name* cannot be read."""

    def finish(self, tally: Tally) -> None:
        """End the report."""


class TextWriter:
    """``FILE:LINE:COL: $.path: code: message``, a line a problem."""

    def __init__(self, stream: IO[str]) -> None:
        self.write = stream.write
        self.stream = stream

    def problem(self, name: str, problem: Problem) -> None:
        """Write one line for *problem*."""
        line, column, path, code, message, severity = problem
        level = "" if severity == "error" else f"{severity}: "
        self.write(
            f"{one_line(name)}:{line}:{column}: {one_line(path)}: {level}{code}: {message}\n"
        )

    def io_error(self, name: str, message: str) -> None:
        """Write the message to stderr, after what was written so far."""
        del name
        self.stream.flush()
        error_line(message)

    def finish(self, tally: Tally) -> None:
        """Flush the report."""
        del tally
        self.stream.flush()


class GithubWriter(TextWriter):
    """GitHub Actions workflow commands: ``::error file=F,line=L,col=C,title=T::message``."""

    @staticmethod
    def _data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    @classmethod
    def _property(cls, text: str) -> str:
        return cls._data(text).replace(":", "%3A").replace(",", "%2C")

    def problem(self, name: str, problem: Problem) -> None:
        """Write one annotation for *problem*."""
        line, column, path, code, message, severity = problem
        command = "error" if severity == "error" else "warning"
        self.write(
            f"::{command} file={self._property(name)},line={line},col={column},"
            f"title={self._property(f'newsmodel {code}')}::{self._data(f'{path}: {message}')}\n"
        )

    def io_error(self, name: str, message: str) -> None:
        """Write an annotation for the file, and the message to stderr."""
        self.write(f"::error file={self._property(name)}::{self._data(message)}\n")
        super().io_error(name, message)


class JsonWriter:
    """One JSON document: ``{"problems": [...], "unreadable": [...], "summary": {...}}``."""

    def __init__(self, stream: IO[str]) -> None:
        import json  # noqa: PLC0415

        self.dumps = json.dumps
        self.stream = stream
        self.first = True
        self.unreadable: list[dict[str, str]] = []
        stream.write('{"problems": [')

    def problem(self, name: str, problem: Problem) -> None:
        """Write one item of the problems array."""
        item = {"file": name, **problem._asdict()}
        self.stream.write(
            ("\n  " if self.first else ",\n  ") + self.dumps(item, ensure_ascii=False)
        )
        self.first = False

    def io_error(self, name: str, message: str) -> None:
        """Keep the file for the unreadable array; write the message to stderr."""
        self.unreadable.append({"file": name, "message": message})
        error_line(message)

    def finish(self, tally: Tally) -> None:
        """Close the problems array and write the unreadable files and the summary."""
        dumps = self.dumps
        self.stream.write(
            ("]" if self.first else "\n]")
            + f',\n"unreadable": {dumps(self.unreadable, ensure_ascii=False)}'
            + f',\n"summary": {dumps(tally.as_json())}'
            + f',\n"valid": {dumps(not tally.errors and not tally.io_errors)}}}\n'
        )
        self.stream.flush()


#: ``--format`` -> its writer.
WRITERS: dict[str, type[TextWriter | JsonWriter]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "github": GithubWriter,
}


def report(name: str, problems: Sequence[Problem], line_offset: int = 0) -> None:
    """Write *problems* of the input *name* to stderr as text lines."""
    writer = TextWriter(sys.stderr)
    for problem in problems:
        writer.problem(name, problem.shifted(line_offset))


def write_output(text: str, output: str | None) -> None:
    """Write a command's output to the file *output*, or to stdout when None."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(output, "w", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        msg = f"newsmodel: error: cannot write {output}: {error.strerror or error}"
        raise UsageError(msg) from None
