"""``newsmodel extract``: the articles marked up in a page, or a feed's items, as canonical JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import newsmodel

from ... import _reading
from ..._errors import ValidationError
from .._args import check_zone
from .._check import Settings, call_extract, markup_position
from .._common import INVALID, OK, STDIN_NAME, UsageError, io_message
from .._output import report, write_output
from .._problems import errors_of, internal, no_article, note, too_large

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Extract the articles of the page or feed *args* names; the exit status."""
    if args.warc:
        return run_warc(args)
    if args.path is None:
        msg = "newsmodel: error: extract needs a PAGE (or - for stdin), or --warc FILE..."
        raise UsageError(msg)
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


# ----------------------------------------------------------------- --warc

#: Options of a page that have no meaning with --warc: each record says them itself.
_PAGE_OPTIONS = {
    "path": "a PAGE",
    "base_url": "--base-url (the page's address is the record's WARC-Target-URI)",
    "encoding": "--encoding (the record's Content-Type charset is the hint)",
    "default_tz": "--default-tz",
    "dayfirst": "--dayfirst/--monthfirst",
}


def run_warc(args: argparse.Namespace) -> int:
    """Read every HTML response of the WARC/ARC files into a Parquet file of results."""
    import os  # noqa: PLC0415
    import time  # noqa: PLC0415

    from .._common import count  # noqa: PLC0415
    from .._discover import Input  # noqa: PLC0415
    from .._progress import Progress  # noqa: PLC0415

    given = [what for name, what in _PAGE_OPTIONS.items() if getattr(args, name) is not None]
    if given:
        msg = f"newsmodel: error: --warc reads archives, not pages: leave out {given[0]}"
        raise UsageError(msg)
    if not args.output or not args.output.endswith(".parquet"):
        msg = "newsmodel: error: --warc writes Parquet: give -o OUT.parquet"
        raise UsageError(msg)
    warc = _warc_module()
    inputs = []
    for path in args.warc:
        try:
            size = os.stat(path).st_size
            with open(path, "rb"):
                pass
        except OSError as error:
            raise UsageError(io_message(path, error)) from None
        inputs.append(Input(path, path, "warc", size))
    started = time.monotonic()
    progress = Progress(inputs, enabled=True)
    statuses: dict[str, int] = {}
    articles = 0

    def results() -> Any:
        nonlocal articles
        for item in inputs:
            position = 0
            for result in warc.extract_records(item.name, max_page_bytes=args.max_document_bytes):
                statuses[result.status] = statuses.get(result.status, 0) + 1
                articles += len(result.articles)
                offset = result.provenance.offset or position
                invalid = result.status in ("invalid", "unreadable")
                progress.advance(max(0, offset - position), len(result.articles), invalid)
                position = max(position, offset)
                yield result
            progress.advance(max(0, item.size - position), 0, 0)

    try:
        records = warc.write_results(results(), args.output)
    except OSError as error:
        progress.clear()
        raise UsageError(io_message(args.output, error)) from None
    progress.clear()
    parts = [count(len(inputs), "file"), count(records, "record"), count(articles, "article")]
    parts += [f"{statuses[status]:,} {status}" for status in _SHOWN if statuses.get(status)]
    seconds = time.monotonic() - started
    sys.stderr.write(f"newsmodel: {', '.join(parts)} in {seconds:.2f} s\n")
    return INVALID if statuses.get("unreadable") else OK


#: The statuses the summary line counts, in its order (``ok`` is the articles).
_SHOWN = ("invalid", "no_article", "skipped", "unreadable")


def _warc_module() -> Any:
    """newsmodel.warc, or a usage error naming the extras it needs."""
    try:
        import pyarrow as pa  # noqa: F401, PLC0415
        import warcio  # noqa: F401, PLC0415

        from ... import warc  # noqa: PLC0415
    except ImportError:
        from ..._distribution import install_hint  # noqa: PLC0415

        msg = f"newsmodel: error: --warc needs the warc extra: {install_hint('warc')}"
        raise UsageError(msg) from None
    return warc
