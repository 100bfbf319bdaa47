"""What every part of the command line shares: exit statuses, the usage error, one-line messages."""

from __future__ import annotations

import sys

OK = 0
INVALID = 1
USAGE = 2

#: The name stdin's problems are reported under.
STDIN_NAME = "<stdin>"


class UsageError(Exception):
    """A problem with the command line or its inputs: reported in one line, exit status 2."""


_LINE_BREAKING = {
    **{code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))},
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def one_line(text: str) -> str:
    """Escape what would break a line of output (a key with a newline in a path)."""
    if text.isprintable():
        return text
    return text.translate(_LINE_BREAKING)


def error_line(message: str) -> None:
    """Write *message* to stderr as one line."""
    sys.stderr.write(one_line(message) + "\n")
    sys.stderr.flush()


def io_message(name: str, error: OSError) -> str:
    """The one-line message for a file that cannot be read."""
    reason = error.strerror or str(error)
    return f"newsmodel: error: cannot read {name}: {reason}"


def count(number: int, noun: str) -> str:
    """``1 file``, ``2 files``, ``1,000 articles``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
