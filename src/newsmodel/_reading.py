"""
Reading inputs within their bounds: whole documents, lines, pieces of a file.

Nothing here parses JSON except `spread_start`, which tells a pretty-printed
document from JSON Lines by its first lines.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: The longest line of a JSON Lines input read, in bytes (``--max-line-bytes``).
MAX_LINE_BYTES = 16 << 20
#: The largest JSON document or HTML page read, in bytes (``--max-document-bytes``).
MAX_DOCUMENT_BYTES = 64 << 20
#: A line longer than this is never the start of a pretty-printed document.
PEEK_BYTES = 1 << 16
#: Lines looked at to tell a pretty-printed document from JSON Lines.
PEEK_LINES = 1000
#: Pieces an over-long line is skipped in.
_SKIP_BYTES = 1 << 16


class Oversized(NamedTuple):
    """
    An input longer than its bound, in place of its bytes.

    Attributes:
        size: Its size in bytes, or the bytes read before giving up.
        exact: Whether *size* is its whole size (False: at least that).
    """

    size: int
    exact: bool


def read(path: str, limit: int) -> bytes | Oversized:
    """Read a file, or as much of it as shows that it is longer than *limit* bytes."""
    with open(path, "rb") as file:
        return read_document(file, limit)


def read_document(file: IO[bytes], limit: int) -> bytes | Oversized:
    """Read what is left of *file*, or as much of it as shows it holds more than *limit* bytes."""
    data = file.read(limit + 1)
    if len(data) <= limit:
        return data
    try:
        size = os.fstat(file.fileno()).st_size
    except (OSError, ValueError, AttributeError):
        size = 0
    return Oversized(size, exact=True) if size > limit else Oversized(len(data), exact=False)


def read_line(file: IO[bytes], limit: int) -> tuple[bytes | Oversized, int]:
    """
    Read one line of at most *limit* bytes besides its line break.

    Returns:
        The line (empty at the end of the file), or an `Oversized` for a longer
        one, whose rest is skipped without being kept; and the bytes consumed.
    """
    line = file.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, len(line)
    size = len(line)
    while not line.endswith(b"\n"):
        line = file.readline(_SKIP_BYTES)
        if not line:
            break
        size += len(line)
    return Oversized(size - line.endswith(b"\n"), exact=True), size


def stream_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[bytes | Oversized, int]]:
    """Yield each line of *stream*, bounded by *limit*, with the bytes it took."""
    while True:
        line, consumed = read_line(stream, limit)
        if not consumed:
            return
        yield line, consumed


def chunk_lines(file: IO[bytes], start: int, end: int, limit: int) -> Iterator[bytes | Oversized]:
    """Yield the lines of *file* that start at an offset in [start, end), each bounded."""
    if start:
        file.seek(start - 1)
        if file.read(1) != b"\n":
            read_line(file, 0)  # the rest of a line that started in the piece before
    position = file.tell()
    while position < end:
        line, consumed = read_line(file, limit)
        if not consumed:
            return
        position += consumed
        yield line


def peek_lines(file: IO[bytes]) -> Iterator[bytes]:
    """Yield the first lines of *file*, each cut at `PEEK_BYTES`, at most `PEEK_LINES`."""
    for _ in range(PEEK_LINES):
        line = file.readline(PEEK_BYTES)
        if not line:
            return
        yield line


def peek_stream(
    lines: Iterator[tuple[bytes | Oversized, int]],
) -> list[tuple[bytes | Oversized, int]]:
    """Take lines up to the second non-blank one (at most `PEEK_LINES`) for `spread_start`."""
    import itertools  # noqa: PLC0415

    peeked = []
    filled = 0
    for line, consumed in itertools.islice(lines, PEEK_LINES):
        peeked.append((line, consumed))
        filled += not isinstance(line, bytes) or bool(line.strip())
        if filled >= 2:
            break
    return peeked


def spread_start(lines: Iterable[bytes | Oversized]) -> int:
    """
    Tell whether JSON Lines hold one JSON document spread over several lines.

    They do when the first non-blank line opens an object or array that it does
    not close, and another non-blank line follows.

    Returns:
        The line number (from 1) where that document starts, or 0.
    """
    import orjson  # noqa: PLC0415

    start = 0
    for number, line in enumerate(lines, 1):
        if not isinstance(line, bytes):
            return 0
        if not line.strip():
            continue
        if start:
            return start
        text = line.removeprefix(b"\xef\xbb\xbf").strip()
        if text[:1] not in (b"{", b"[") or not line.endswith(b"\n"):
            return 0
        try:
            orjson.loads(text)
        except orjson.JSONDecodeError as error:
            if error.pos < len(error.doc.rstrip()):
                return 0  # broken where it stands, not unfinished
            start = number
        else:
            return 0
    return 0


def too_large_message(found: Oversized, bound: int, what: str, option: str) -> str:
    """The message for an input longer than its bound (*option* is the CLI's option raising it)."""
    amount = f"{found.size:,} bytes" if found.exact else f"more than {found.size - 1:,} bytes"
    return f"expected {what} of at most {bound:,} bytes ({option} raises it), found {amount}"


def line_too_large_message(found: Oversized, bound: int) -> str:
    """The message for a JSON Lines line longer than its bound."""
    return too_large_message(found, bound, "a line", "--max-line-bytes")
