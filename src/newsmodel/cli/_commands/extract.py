"""``newsmodel extract``: the articles marked up in a page, or a feed's items, as canonical JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import newsmodel

from ..._errors import ValidationError
from .. import _reading
from .._args import check_zone
from .._check import Settings, call_extract, markup_position
from .._common import INVALID, OK, STDIN_NAME, UsageError, io_message
from .._output import report, write_output
from .._problems import errors_of, internal, no_article, note, too_large

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Extract the articles of the page or feed *args* names; the exit status."""
    check_zone(args, "extract", needs_lenient=False)
    name, data = read_input(args.path, args.max_document_bytes)
    if isinstance(data, _reading.Oversized):
        bound = args.max_document_bytes
        report(name, [too_large(1, data, bound, "a page", "--max-document-bytes")])
        return INVALID
    line, column = markup_position(data.decode("utf-8", "replace"))
    findings: list[Any] = []
    settings = Settings(
        lenient=False,
        default_tz=args.default_tz,
        lint=False,
        strict=False,
        base_url=args.base_url,
        max_document_bytes=args.max_document_bytes,
        dayfirst=args.dayfirst,
        encoding=args.encoding,
    )
    from ..._feed_import import looks_like_feed  # noqa: PLC0415

    try:
        if looks_like_feed(data):
            line, column = 1, 1
            articles = _call_from_feed(data, args.default_tz, findings)
        else:
            articles = call_extract(data, settings, findings)
        out = _extracted_text(articles, args.format)
    except ValidationError as error:
        report(name, [problem.at(line, column) for problem in errors_of(error)])
        return INVALID
    except UsageError:
        raise
    except Exception as error:  # reported for this page, never a traceback
        report(name, [internal(error, line, column)])
        return INVALID
    if not args.quiet:
        report(name, [note(finding, line, column) for finding in findings])
    if not articles:
        report(name, [no_article(line, column)])
        return INVALID
    write_output(out, args.output)
    return OK


def read_input(path: str, limit: int) -> tuple[str, bytes | _reading.Oversized]:
    """Read the one input *path* names (``-``: stdin), within *limit* bytes; and its name."""
    if path == "-":
        return STDIN_NAME, _reading.read_document(sys.stdin.buffer, limit)
    try:
        return path, _reading.read(path, limit)
    except OSError as error:
        raise UsageError(io_message(path, error)) from None


def _call_from_feed(data: bytes, default_tz: str | None, findings: list[Any]) -> list[Any]:
    """Call ``newsmodel.from_feed`` on a feed document."""
    try:
        return newsmodel.from_feed(data, default_tz=default_tz, findings=findings)
    except ImportError as error:
        msg = f"newsmodel: error: {error}"
        raise UsageError(msg) from None


def _extracted_text(articles: list[Any], output_format: str) -> str:
    if output_format == "json":
        import json  # noqa: PLC0415

        values = [newsmodel.to_dict(article) for article in articles]
        return json.dumps(values, indent=2, ensure_ascii=False) + "\n"
    return "".join(newsmodel.dumps(article) + "\n" for article in articles)
