"""
The ``newsmodel`` command: validate article payloads, convert, extract, print the schema.

Run ``newsmodel --help`` (or ``python -m newsmodel --help``) for the commands and
``newsmodel COMMAND --help`` for each one's options; ``docs/cli.md`` describes
them all. `main` is the entry point; it returns the exit status:

- 0: every article is valid (or the command did what it was asked);
- 1: some input is invalid;
- 2: a usage or I/O problem (bad arguments, a missing or unreadable file, a
  feature this version does not have). The message is one line on stderr.

The package imports little at start-up (``newsmodel --version`` must be quick):
the argument parser is imported to parse, and a command's module when it runs.
``docs/architecture.md`` lists the modules and the direction of their imports.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, TYPE_CHECKING

from .._errors import unexpected
from ._common import INVALID, OK, USAGE, UsageError, error_line

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the ``newsmodel`` command line.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` when None.

    Returns:
        The exit status: 0 valid, 1 invalid input, 2 usage or I/O problem.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # the quick path: no argument parser at all
        from ._version import version  # noqa: PLC0415

        sys.stdout.write(f"newsmodel {version()}\n")
        return OK
    _tolerate_unencodable(sys.stdout)
    try:
        from ._args import parser  # noqa: PLC0415

        try:
            args = parser().parse_args(args_list)
        except SystemExit as done:  # --help and --version print and "exit"
            return done.code if isinstance(done.code, int) else OK
        command: Callable[[argparse.Namespace], int] = args.run
        return command(args)
    except UsageError as problem:
        error_line(str(problem))
        return USAGE
    except KeyboardInterrupt:
        error_line("newsmodel: interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`newsmodel validate . | head`): stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return INVALID
    except Exception as error:  # the last net: one line, never a traceback
        error_line(f"newsmodel: error: {unexpected(error)}")
        return USAGE


def _tolerate_unencodable(stream: IO[str]) -> None:
    """Write what the stream's encoding cannot hold as escapes, not as a crash."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
            reconfigure(errors="backslashreplace")
