"""``newsmodel convert``: read articles in the wire format, write them in another format."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import newsmodel

from ... import _reading
from ..._errors import ValidationError
from .._args import FEED_FORMATS, check_zone
from .._check import Settings, loads_options
from .._common import INVALID, OK, STDIN_NAME, UsageError, count, error_line, io_message
from .._discover import DEFAULT_INCLUDE, file_type, nothing_found, walk
from .._output import report, write_output
from .._problems import (
    Problem,
    document_too_large,
    errors_of,
    internal,
    line_too_large,
    note,
    place_safely,
    spread_problem,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator


class Source(NamedTuple):
    """A file that ``convert`` reads: the name it is reported under, its path (None: stdin)."""

    name: str
    path: str | None
    type: str


class Document(NamedTuple):
    """
    One article's text in a ``convert`` input.

    Attributes:
        name: The name of its file.
        line: The lines of the file before it (0 for a whole file).
        data: Its bytes; empty when *problem* is set.
        problem: Why it could not be read (too large, not JSON Lines), if so.
    """

    name: str
    line: int
    data: bytes
    problem: Problem | None = None


class Loaded(NamedTuple):
    """An article ``convert`` read, with where it was."""

    name: str
    line: int
    article: Any


def run(args: argparse.Namespace) -> int:
    """Convert the articles *args* names as ``--to`` says; the exit status."""
    check_zone(args, "convert")
    settings = Settings(
        lenient=args.lenient,
        default_tz=args.default_tz,
        lint=False,
        strict=False,
        base_url=None,
        max_line_bytes=args.max_line_bytes,
        max_document_bytes=args.max_document_bytes,
        dayfirst=args.dayfirst,
    )
    render = _renderer(args.to, args)
    sources = _sources(args)
    loaded: list[Loaded] = []
    total = 0
    for source in sources:
        for document in _source_documents(source, settings):
            total += 1
            article = _load(document, settings)
            if article is not None:
                loaded.append(article)
    many = len(sources) > 1 or os.path.isdir(args.path) or sources[0].type == "jsonl"
    indent = args.indent if args.indent is not None else (None if many else 2)
    text, failed = render(loaded, indent or None)
    invalid = total - len(loaded) + failed
    if invalid and not args.skip_invalid:
        error_line(
            f"newsmodel convert: {invalid:,} of {count(total, 'article')} invalid; nothing "
            "written (--skip-invalid writes the valid ones)"
        )
        return INVALID
    write_output(text, args.output)
    if invalid:
        error_line(
            f"newsmodel convert: {invalid:,} of {count(total, 'article')} invalid and skipped; "
            f"{total - invalid:,} written"
        )
        return INVALID
    return OK


def _sources(args: argparse.Namespace) -> list[Source]:
    """Return the files a ``convert`` reads, in order: a file, every file of a directory, stdin."""
    if args.path == "-":
        return [Source(STDIN_NAME, None, args.type or "json")]
    if not os.path.isdir(args.path):
        if not os.path.exists(args.path):
            msg = f"newsmodel: error: cannot read {args.path}: no such file or directory"
            raise UsageError(msg)
        kind = file_type(args.path, args.type)
        if kind == "html":
            msg = f"newsmodel convert: error: {args.path} is an HTML page: use 'newsmodel extract'"
            raise UsageError(msg)
        return [Source(args.path, args.path, kind)]
    unreadable: list[str] = []
    found = walk(args.path, DEFAULT_INCLUDE, (), unreadable)
    if unreadable:
        raise UsageError(unreadable[0])
    if not found:
        raise UsageError(nothing_found(args.path, DEFAULT_INCLUDE, ()))
    return [Source(path, path, file_type(path, args.type)) for path in found]


def _source_documents(source: Source, settings: Settings) -> Iterator[Document]:
    """Yield the documents of one ``convert`` input, each read within its bound."""
    if source.path is None:
        yield from _documents(source, sys.stdin.buffer, settings)
        return
    try:
        with open(source.path, "rb") as file:
            yield from _documents(source, file, settings)
    except OSError as error:
        raise UsageError(io_message(source.name, error)) from None


def _documents(source: Source, file: IO[bytes], settings: Settings) -> Iterator[Document]:
    import itertools  # noqa: PLC0415

    name = source.name
    if source.type != "jsonl":
        data = _reading.read_document(file, settings.max_document_bytes)
        if isinstance(data, _reading.Oversized):
            yield Document(name, 0, b"", document_too_large(data, settings.max_document_bytes))
        else:
            yield Document(name, 0, data)
        return
    read = _reading.stream_lines(file, settings.max_line_bytes)
    peeked = _reading.peek_stream(read)
    start = _reading.spread_start(line for line, _ in peeked)
    if start:
        yield Document(name, 0, b"", spread_problem(start))
        return
    for number, (line, _) in enumerate(itertools.chain(peeked, read)):
        if isinstance(line, _reading.Oversized):
            problem = line_too_large(number + 1, line, settings.max_line_bytes)
            yield Document(name, 0, b"", problem)
        elif line and not line.isspace():
            yield Document(name, number, line)


def _load(document: Document, settings: Settings) -> Loaded | None:
    """Read one document's article; report its problems and return None if it is invalid."""
    if document.problem is not None:
        report(document.name, [document.problem], document.line)
        return None
    try:
        article = newsmodel.loads(document.data, **loads_options(settings))
    except ValidationError as error:
        report(document.name, place_safely(document.data, errors_of(error), document.line))
        return None
    except Exception as error:  # reported for this input, never a traceback
        report(document.name, [internal(error)], document.line)
        return None
    return Loaded(document.name, document.line, article)


def _renderer(
    to: str, args: argparse.Namespace
) -> Callable[[list[Loaded], int | None], tuple[str, int]]:
    """
    Return the function that writes articles as ``--to`` says.

    It returns the text and how many articles could not be written; each of
    those is reported on stderr.
    """
    if to == "page":
        return _render_page
    if to in FEED_FORMATS:
        return lambda loaded, indent: (_feed_text(to, [item.article for item in loaded], args), 0)
    each = _one_article_writer(to)
    separator = "\n" if to in ("microdata", "meta", "markdown") else ""

    def one(item: Loaded, indent: int | None) -> str | None:
        try:
            return each(item.article, indent)
        except Exception as error:  # reported for this article, never a traceback
            _report_unexpected(item, error)
            return None

    def render(loaded: list[Loaded], indent: int | None) -> tuple[str, int]:
        texts = [one(item, indent) for item in loaded]
        written = [text for text in texts if text is not None]
        return separator.join(written), len(texts) - len(written)

    return render


def _one_article_writer(to: str) -> Callable[[Any, int | None], str]:
    import json  # noqa: PLC0415

    dumps = newsmodel.dumps
    to_html = newsmodel.to_meta_tags if to == "meta" else newsmodel.to_microdata
    convert = {"jsonld": newsmodel.to_jsonld, "ninjs": newsmodel.to_ninjs}.get(to)

    def as_json(article: Any, indent: int | None) -> str:
        return dumps(article, indent=indent) + "\n"

    def as_html(article: Any, indent: int | None) -> str:
        del indent
        return to_html(article).rstrip("\n") + "\n"

    def converted(article: Any, indent: int | None) -> str:
        assert convert is not None  # chosen above
        return json.dumps(convert(article), indent=indent, ensure_ascii=False) + "\n"

    def as_markdown(article: Any, indent: int | None) -> str:
        del indent
        from ..._body_markdown import article_markdown  # noqa: PLC0415

        return article_markdown(article)

    if to == "json":
        return as_json
    if to == "markdown":
        return as_markdown
    return as_html if to in ("microdata", "meta") else converted


def _feed_text(to: str, articles: list[Any], args: argparse.Namespace) -> str:
    """Return *articles* as a feed or a news sitemap; notes for what was left out go to stderr."""
    findings: list[Any] = []
    if to == "sitemap":
        if not args.publication:
            raise UsageError("newsmodel convert: error: --to sitemap needs --publication NAME")
        from datetime import timedelta  # noqa: PLC0415

        days = 2.0 if args.max_age_days is None else args.max_age_days
        documents = newsmodel.to_news_sitemap(
            articles,
            args.publication,
            max_age=timedelta(days=days) if days > 0 else None,
            findings=findings,
        )
        if len(documents) > 1:
            msg = (
                f"newsmodel convert: error: {len(documents)} sitemaps needed: a news sitemap "
                "holds at most 1,000 articles (write several with newsmodel.to_news_sitemap)"
            )
            raise UsageError(msg)
        (text,) = documents
    else:
        if not args.title or not args.link:
            raise UsageError(f"newsmodel convert: error: --to {to} needs --title and --link")
        feed = newsmodel.Feed(
            title=args.title,
            link=args.link,
            description=args.description,
            language=args.language,
            self_url=args.feed_url,
        )
        if to == "jsonfeed":
            text = newsmodel.to_json_feed(articles, feed)
        else:
            writer = newsmodel.to_rss if to == "rss" else newsmodel.to_atom
            text = writer(articles, feed, findings=findings)
    name = args.path if args.path != "-" else STDIN_NAME
    report(name, [note(finding) for finding in findings])
    return text.rstrip("\n") + "\n"


def _render_page(loaded: list[Loaded], indent: int | None) -> tuple[str, int]:
    del indent
    try:
        articles = [item.article for item in loaded]
        return _page(articles, newsmodel.jsonld_script, newsmodel.to_microdata), 0
    except Exception as error:  # reported, never a traceback
        _report_unexpected(loaded[0], error)
        return "", len(loaded)


def _report_unexpected(item: Loaded, error: Exception) -> None:
    report(item.name, [internal(error)], item.line)


def _page(
    articles: list[Any], jsonld_script: Callable[[Any], str], to_microdata: Callable[[Any], str]
) -> str:
    """Return a standalone HTML page showing *articles* with their JSON-LD and microdata."""
    from html import escape  # noqa: PLC0415

    from ..._values import right_to_left  # noqa: PLC0415

    first = articles[0] if articles else None
    title = escape(first.headline) if first is not None else "newsmodel preview"
    language = escape(first.language) if first is not None else "en"
    direction = ' dir="rtl"' if first is not None and right_to_left(first.language) else ""
    scripts = "\n".join(jsonld_script(article) for article in articles)
    bodies = "\n<hr>\n".join(to_microdata(article) for article in articles)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}"{direction}>\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        "<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;"
        "font:1.05rem/1.5 Georgia,serif}img{max-width:100%;height:auto}</style>\n"
        f"{scripts}\n"
        "</head>\n"
        "<body>\n"
        f"{bodies}\n"
        "</body>\n"
        "</html>\n"
    )
