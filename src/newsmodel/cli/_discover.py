"""Finding the files to read: the paths given, directories searched, each file's type."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from ._common import STDIN_NAME, io_message

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Names a file's type is told by; other files are read as ``--type`` says, else as JSON.
TYPES_BY_EXTENSION = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
}
#: The files a directory is searched for when no ``--include`` is given.
DEFAULT_INCLUDE = ("*.json", "*.jsonl", "*.ndjson")
#: Directories never entered when searching one (files named on the command line are read).
SKIPPED_DIRECTORIES = ("node_modules", "__pycache__")


class Input(NamedTuple):
    """
    A file to check.

    Attributes:
        name: The name problems are reported under.
        path: Its path; None for stdin.
        type: How to read it: ``json``, ``jsonl`` or ``html``.
        size: Its size in bytes; 0 for a stream.
        stream: Whether it is read as a stream, in this process (stdin, a pipe),
            rather than by offsets (a regular file).
    """

    name: str
    path: str | None
    type: str
    size: int
    stream: bool = False


def walk(root: str, include: Sequence[str], exclude: Sequence[str], found: list[str]) -> list[str]:
    """Return the files below *root* to check, sorted; report unreadable directories in *found*."""
    from fnmatch import fnmatchcase  # noqa: PLC0415

    def matches(name: str, relative: str, patterns: Sequence[str]) -> bool:
        return any(fnmatchcase(name, p) or fnmatchcase(relative, p) for p in patterns)

    files: list[str] = []

    def visit(directory: str, relative: str) -> None:
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            found.append(io_message(directory, error))
            return
        for entry in entries:
            rel = f"{relative}{entry.name}"
            try:
                is_dir = entry.is_dir(follow_symlinks=False)  # no loops through links
            except OSError:  # pragma: no cover - a racing deletion
                continue
            if is_dir:
                if (
                    entry.name.startswith(".")
                    or entry.name in SKIPPED_DIRECTORIES
                    or matches(entry.name, rel, exclude)
                ):
                    continue
                visit(entry.path, rel + "/")
            elif matches(entry.name, rel, include) and not matches(entry.name, rel, exclude):
                files.append(entry.path)

    visit(root, "")
    return files


def file_type(path: str, forced: str | None) -> str:
    """How to read the file at *path*: as *forced* says, else as its extension says, else JSON."""
    if forced is not None:
        return forced
    return TYPES_BY_EXTENSION.get(os.path.splitext(path)[1].lower(), "json")


def gather(
    paths: Sequence[str],
    include: Sequence[str] | None,
    exclude: Sequence[str],
    forced_type: str | None,
) -> tuple[list[Input], list[str]]:
    """Return the inputs the paths name, and a message for each path that cannot be read."""
    import stat  # noqa: PLC0415

    patterns = include or list(DEFAULT_INCLUDE)
    problems: list[str] = []
    inputs: list[Input] = []
    seen: set[str] = set()

    def add(name: str, path: str) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            return
        seen.add(key)
        try:
            status = os.stat(path)
        except OSError as error:
            problems.append(io_message(name, error))
            return
        kind = file_type(path, forced_type)
        if stat.S_ISREG(status.st_mode):
            inputs.append(Input(name, path, kind, status.st_size))
        else:  # a pipe or a device: read as a stream
            inputs.append(Input(name, path, kind, 0, stream=True))

    for path in paths:
        if path == "-":
            if STDIN_NAME not in seen:
                seen.add(STDIN_NAME)
                inputs.append(Input(STDIN_NAME, None, forced_type or "json", 0, stream=True))
        elif os.path.isdir(path):
            reported = len(problems)
            found_files = walk(path, patterns, exclude, problems)
            if not found_files and len(problems) == reported:
                problems.append(nothing_found(path, patterns, exclude))
            for found in found_files:
                add(found, found)
        elif os.path.exists(path):
            if os.access(path, os.R_OK):
                add(path, path)
            else:
                problems.append(f"newsmodel: error: cannot read {path}: permission denied")
        else:
            problems.append(f"newsmodel: error: cannot read {path}: no such file or directory")
    return inputs, problems


def nothing_found(directory: str, include: Sequence[str], exclude: Sequence[str]) -> str:
    """The message for a directory that holds no file to check: a mistyped path fails CI."""
    looked_for = ", ".join(include)
    outside = f", outside {', '.join(exclude)}" if exclude else ""
    return (
        f"newsmodel: error: no files to check in {directory}: expected files matching "
        f"{looked_for}{outside}, found none (--include sets the patterns)"
    )
