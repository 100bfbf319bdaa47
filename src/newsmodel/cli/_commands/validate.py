"""``newsmodel validate``: check inputs on an engine; report every problem, then a summary."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .. import _tasks
from .._args import check_engine, check_zone
from .._check import Settings
from .._common import INVALID, OK, USAGE, error_line
from .._discover import gather
from .._engines import engine
from .._output import WRITERS, Tally
from .._progress import Progress

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Validate the inputs *args* names; the exit status."""
    import time  # noqa: PLC0415

    started = time.perf_counter()
    check_zone(args, "validate")
    check_engine(args, "validate")
    inputs, unreadable = gather(args.paths, args.include, args.exclude, args.type)
    if unreadable:
        for message in unreadable:
            error_line(message)
        return USAGE
    settings = Settings(
        lenient=args.lenient,
        default_tz=args.default_tz,
        lint=args.strict or args.lint,
        strict=args.strict,
        base_url=args.base_url,
        max_line_bytes=args.max_line_bytes,
        max_document_bytes=args.max_document_bytes,
        dayfirst=args.dayfirst,
        encoding=args.encoding,
    )
    writer = WRITERS[args.format](sys.stdout)
    progress = Progress(inputs, enabled=not args.no_progress)
    tally = Tally(len(inputs))
    line_base = [0] * len(inputs)
    pieces = engine(args.engine, args)(_tasks.cut(inputs, settings), settings)
    try:
        for piece in pieces:
            name = inputs[piece.input].name
            base = line_base[piece.input]
            line_base[piece.input] = base + piece.lines
            if piece.error is not None:
                progress.clear()
                tally.io_error(piece.input, piece.error)
                writer.io_error(name, piece.error)
            if piece.problems:
                progress.clear()
                for problem in piece.problems:
                    writer.problem(name, problem.shifted(base))
                    tally.problem(problem.severity)
            tally.articles += piece.articles
            tally.invalid += piece.invalid
            progress.advance(piece.size, piece.articles, piece.invalid)
    finally:
        pieces.close()
        progress.clear()
    tally.seconds = time.perf_counter() - started
    writer.finish(tally)
    if not args.quiet:
        error_line(tally.summary())
    if tally.io_errors:
        return USAGE
    return INVALID if tally.errors else OK
