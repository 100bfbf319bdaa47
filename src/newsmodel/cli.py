"""
The ``newsmodel`` command: validate article payloads, convert, extract, print the schema.

Run ``newsmodel --help`` (or ``python -m newsmodel --help``) for the commands and
``newsmodel COMMAND --help`` for each one's options; ``docs/cli.md`` describes
them all. `main` is the entry point; it returns the exit status:

- 0: every article is valid (or the command did what it was asked);
- 1: some input is invalid;
- 2: a usage or I/O problem (bad arguments, a missing or unreadable file, a
  feature this version does not have). The message is one line on stderr.

The module imports little at start-up (``newsmodel --version`` must be quick);
the rest is imported by the command that needs it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import newsmodel

from ._errors import ValidationError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
    from concurrent.futures import Executor

__all__ = ["main"]

OK = 0
INVALID = 1
USAGE = 2

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

#: JSON Lines files are read in pieces of this many bytes, one piece per task.
CHUNK_BYTES = 1 << 20
#: JSON and HTML files are read in batches of this many files, one batch per task.
BATCH_FILES = 32
#: Lines of a JSON Lines stream on stdin per task.
BATCH_LINES = 2000

STDIN_NAME = "<stdin>"

#: The longest line of a JSON Lines input read, in bytes (``--max-line-bytes``).
MAX_LINE_BYTES = 16 << 20
#: The largest JSON document or HTML page read, in bytes (``--max-document-bytes``).
MAX_DOCUMENT_BYTES = 64 << 20
#: A line longer than this is never the start of a pretty-printed document.
PEEK_BYTES = 1 << 16


class UsageError(Exception):
    """A problem with the command line or its inputs: reported in one line, exit status 2."""


# ---------------------------------------------------------------- entry point


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
        sys.stdout.write(f"newsmodel {_version()}\n")
        return OK
    _tolerate_unencodable(sys.stdout)
    try:
        try:
            args = _parser().parse_args(args_list)
        except SystemExit as done:  # --help and --version print and "exit"
            return done.code if isinstance(done.code, int) else OK
        command: Callable[[argparse.Namespace], int] = args.run
        return command(args)
    except UsageError as problem:
        _error_line(str(problem))
        return USAGE
    except KeyboardInterrupt:
        _error_line("newsmodel: interrupted")
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
        _error_line(f"newsmodel: error: {_unexpected(error)}")
        return USAGE


def _error_line(message: str) -> None:
    sys.stderr.write(_one_line(message) + "\n")
    sys.stderr.flush()


def _unexpected(error: BaseException) -> str:
    """Describe an exception newsmodel did not expect, in one line, for a report."""
    reason = str(error) if not isinstance(error, RecursionError) else "nested too deeply"
    return (
        f"expected to check this input, found a bug in newsmodel instead "
        f"({type(error).__name__}: {reason}); please report it"
    )


def _tolerate_unencodable(stream: IO[str]) -> None:
    """Write what the stream's encoding cannot hold as escapes, not as a crash."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
            reconfigure(errors="backslashreplace")


def _version() -> str:
    """
    Return the installed distribution's version.

    `importlib.metadata` costs tens of milliseconds to import, more than the rest
    of ``newsmodel --version``; the ``.dist-info`` directory it would find is read
    directly, in the same order it searches ``sys.path``.
    """
    from ._distribution import DISTRIBUTION  # noqa: PLC0415

    prefix = DISTRIBUTION + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(".dist-info"):
                try:
                    with open(os.path.join(entry or ".", name, "METADATA"), encoding="utf-8") as f:
                        for line in f:
                            if line.startswith("Version:"):
                                return line.split(":", 1)[1].strip()
                            if not line.strip():
                                break
                except OSError:
                    pass
    from importlib.metadata import version  # noqa: PLC0415

    return version(DISTRIBUTION)


# ---------------------------------------------------------------- arguments

_MAIN_EPILOG = """\
examples:
  newsmodel validate article.json             check one article
  newsmodel validate content/ export.jsonl    check a directory tree and a JSON Lines export
  cat article.json | newsmodel validate -     check an article on stdin
  newsmodel convert article.json --to jsonld  print the article as schema.org JSON-LD
  newsmodel extract page.html                 print the articles marked up in a page
  newsmodel schema > article.schema.json      save the JSON Schema of the wire format

Exit status: 0 all valid, 1 some input invalid, 2 usage or I/O problem.
Run 'newsmodel COMMAND --help' for a command's options.
"""

_VALIDATE_DESCRIPTION = """\
Check article payloads against the newsmodel wire format and report every problem
in every file, one line each:

  FILE:LINE:COL: $.json.path: code: message

LINE and COL (1-based; COL counts characters) point at the offending value in the
file: at the key for an unknown field, at the object's opening brace for a missing
one. PATH may be a file, a directory (searched recursively for the --include
patterns; hidden directories, node_modules and __pycache__ are skipped) or '-' for
stdin. How a file is read depends on its name: .json holds one article; .jsonl (or
.ndjson) one article a line, blank lines skipped; .html/.htm a page whose marked-up
articles are checked. A summary line goes to stderr at the end. A directory with no
file to check is a usage problem (exit status 2), so a mistyped path fails.
"""

_VALIDATE_EPILOG = """\
examples:
  newsmodel validate article.json
  newsmodel validate articles/                      every *.json, *.jsonl, *.ndjson below
  newsmodel validate articles/ --exclude 'drafts/*' --exclude '*.tmp.json'
  newsmodel validate export.jsonl --jobs 0          use every core on a big export
  newsmodel validate --format github articles/      annotations in a GitHub Actions log
  newsmodel validate --format json articles/ > report.json
  newsmodel validate --lenient --default-tz Europe/Kyiv scraped.jsonl
  curl -s https://example.com/api/article/42 | newsmodel validate -

exit status:
  0  every article is valid
  1  some article is invalid (or, with --strict, has a lint finding)
  2  usage or I/O problem: bad arguments, a missing or unreadable file
"""

_CONVERT_DESCRIPTION = """\
Read articles in the wire format (a .json file holds one, a .jsonl file one a line;
'-' reads one from stdin) and print them in another format:

  json       canonical JSON (a .jsonl input gives JSON Lines)
  jsonld     schema.org JSON-LD
  microdata  an HTML fragment with schema.org microdata
  ninjs      IPTC ninjs 3.1
  meta       the <head> tags for sharing: Open Graph, Twitter/X card, canonical link
  page       a standalone HTML page with both markups, to preview the article
  rss        an RSS 2.0 feed of the articles (needs --title and --link)
  atom       an Atom 1.0 feed of the articles (needs --title and --link)
  jsonfeed   a JSON Feed 1.1 of the articles (needs --title and --link)
  sitemap    a Google News sitemap (needs --publication; the last two days only,
             unless --max-age-days says otherwise; at most 1,000 articles)

A directory gives every *.json, *.jsonl and *.ndjson file below it, in one output
(JSON Lines for json, jsonld and ninjs; one page for page). An invalid article is
reported as 'validate' reports it, with exit status 1, and nothing is printed unless
--skip-invalid is given: then the valid articles are.
"""

_CONVERT_EPILOG = """\
examples:
  newsmodel convert article.json --to json              normalize to canonical JSON
  newsmodel convert article.json --to jsonld --indent 4
  newsmodel convert article.json --to page -o preview.html
  newsmodel convert export.jsonl --to ninjs > export.ninjs.jsonl
  newsmodel convert articles/ --to json --skip-invalid > clean.jsonl
  newsmodel convert article.json --to meta              the tags for the page's <head>
  newsmodel convert export.jsonl --to rss --title "News" --link https://example.com/
  newsmodel convert export.jsonl --to sitemap --publication "The Example Times"
"""

_EXTRACT_DESCRIPTION = """\
Find the articles marked up in an HTML page (schema.org JSON-LD or microdata), or
the items of an RSS, Atom or JSON Feed document, and print them as canonical JSON,
one article a line (JSON Lines), or with --format json as one indented JSON array.
What was repaired in the markup (entities in a headline, "By " in an author's name)
and what was dropped is reported on stderr as notes.
Exit status 1 when the page has no article, or an article that cannot be made valid.
"""

_EXTRACT_EPILOG = """\
examples:
  newsmodel extract page.html
  newsmodel extract page.html --base-url https://example.com/news/ > articles.jsonl
  curl -s https://example.com/news/story | newsmodel extract - --format json
"""

_SCHEMA_DESCRIPTION = """\
Print the JSON Schema (draft 2020-12) of the wire format, for validating article
payloads from other languages and tools. A few rules the library checks cannot be
stated in JSON Schema; the schema's description lists them.
"""

_SCHEMA_EPILOG = """\
examples:
  newsmodel schema > article.schema.json
  check-jsonschema --schemafile article.schema.json article.json
"""


def _parser() -> argparse.ArgumentParser:
    import argparse  # noqa: PLC0415

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> Any:
            raise UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")

    def add_help(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("-h", "--help", action="help", help="show this help and exit")

    formatter = argparse.RawDescriptionHelpFormatter
    parser = Parser(
        prog="newsmodel",
        description="Validate, convert and extract news articles in the newsmodel "
        "wire format (canonical JSON), schema.org JSON-LD and microdata.",
        epilog=_MAIN_EPILOG,
        formatter_class=formatter,
        add_help=False,
    )
    add_help(parser)
    parser.add_argument(
        "--version", action="version", version=f"newsmodel {_version()}", help="show the version"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    _add_validate(commands, add_help)
    _add_others(commands, add_help)
    return parser


def _add_validate(commands: Any, add_help: Callable[[argparse.ArgumentParser], None]) -> None:
    import argparse  # noqa: PLC0415

    formatter = argparse.RawDescriptionHelpFormatter
    validate = commands.add_parser(
        "validate",
        help="check article files (.json, .jsonl, .html) and report every problem",
        description=_VALIDATE_DESCRIPTION,
        epilog=_VALIDATE_EPILOG,
        formatter_class=formatter,
        add_help=False,
    )
    add_help(validate)
    validate.set_defaults(run=_run_validate)
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or -")
    output = validate.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text: FILE:LINE:COL lines (default); json: one JSON document with every "
        "problem and the summary; github: GitHub Actions workflow annotations",
    )
    output.add_argument(
        "-q", "--quiet", action="store_true", help="print no summary line at the end"
    )
    output.add_argument(
        "--no-progress",
        action="store_true",
        help="never draw a progress bar (it is drawn only when stderr is a terminal, "
        "outside CI, on runs longer than a moment)",
    )
    checks = validate.add_argument_group("checks")
    checks.add_argument(
        "--strict",
        action="store_true",
        help="also run the lint rules (newsmodel.lint) and count their findings as errors",
    )
    checks.add_argument(
        "--lint",
        action="store_true",
        help="also run the lint rules and report their findings as warnings, "
        "which do not change the exit status",
    )
    checks.add_argument(
        "--lenient",
        action="store_true",
        help="read human dates ('October 13, 2024 9:04 PM') and trim surrounding "
        "whitespace, as newsmodel.loads(..., lenient=True) does",
    )
    checks.add_argument(
        "--default-tz",
        metavar="ZONE",
        help="with --lenient: the time zone of datetimes that carry no offset, e.g. Europe/Kyiv",
    )
    _add_day_order(checks, "with --lenient: ")
    files = validate.add_argument_group("files")
    files.add_argument(
        "--include",
        action="append",
        metavar="PATTERN",
        help="in directories, check the files whose name or path matches this glob "
        f"pattern (repeatable; default: {' '.join(DEFAULT_INCLUDE)})",
    )
    files.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="in directories, skip files and directories whose name or path (relative "
        "to the directory given) matches this glob pattern (repeatable)",
    )
    files.add_argument(
        "--type",
        choices=("json", "jsonl", "html"),
        help="read every input as this type, whatever its name (stdin is read as json "
        "unless this says otherwise)",
    )
    files.add_argument(
        "--base-url",
        metavar="URL",
        help="for HTML pages: the address relative URLs in the markup are resolved against",
    )
    _add_encoding(files)
    files.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes to spread the work over (0: one per core; default 1). "
        "The output is the same, in the same order, whatever N is",
    )
    _add_bounds(files, lines=True)


def _add_others(commands: Any, add_help: Callable[[argparse.ArgumentParser], None]) -> None:
    import argparse  # noqa: PLC0415

    formatter = argparse.RawDescriptionHelpFormatter
    convert = commands.add_parser(
        "convert",
        help="print articles as canonical JSON, JSON-LD, microdata, ninjs or an HTML page",
        description=_CONVERT_DESCRIPTION,
        epilog=_CONVERT_EPILOG,
        formatter_class=formatter,
        add_help=False,
    )
    add_help(convert)
    convert.set_defaults(run=_run_convert)
    convert.add_argument(
        "path",
        metavar="PATH",
        help="a .json or .jsonl file, a directory (every *.json, *.jsonl, *.ndjson below), "
        "or - for stdin",
    )
    convert.add_argument(
        "--to",
        required=True,
        choices=("json", "jsonld", "microdata", "ninjs", "meta", "page", *_FEED_FORMATS),
        help="the output format",
    )
    feeds = convert.add_argument_group("feeds and sitemaps")
    feeds.add_argument("--title", metavar="TEXT", help="the feed's title")
    feeds.add_argument("--link", metavar="URL", help="the site the feed belongs to")
    feeds.add_argument("--description", metavar="TEXT", help="what the feed carries")
    feeds.add_argument("--feed-url", metavar="URL", help="where the feed is published")
    feeds.add_argument("--language", metavar="TAG", help="the feed's language")
    feeds.add_argument("--publication", metavar="NAME", help="the news sitemap's publication")
    feeds.add_argument(
        "--max-age-days",
        type=float,
        metavar="DAYS",
        help="the news sitemap's oldest article, in days (default 2; 0 for no limit)",
    )
    convert.add_argument(
        "--indent",
        type=_indent,
        metavar="N",
        help="indent JSON output by N spaces (default 2 for one article, none for JSON Lines)",
    )
    convert.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    convert.add_argument("--lenient", action="store_true", help="as for validate")
    convert.add_argument("--default-tz", metavar="ZONE", help="as for validate")
    _add_day_order(convert, "with --lenient: ")
    convert.add_argument(
        "--type",
        choices=("json", "jsonl"),
        help="read the input as this type, whatever its name (stdin: json)",
    )
    convert.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the valid articles and report the invalid ones (exit status 1); "
        "without it an invalid article means nothing is written",
    )
    _add_bounds(convert, lines=True)

    extract = commands.add_parser(
        "extract",
        help="print the articles marked up in an HTML page as canonical JSON",
        description=_EXTRACT_DESCRIPTION,
        epilog=_EXTRACT_EPILOG,
        formatter_class=formatter,
        add_help=False,
    )
    add_help(extract)
    extract.set_defaults(run=_run_extract)
    extract.add_argument(
        "path", metavar="PAGE", help="an HTML file or a feed (RSS, Atom, JSON Feed), or - for stdin"
    )
    extract.add_argument(
        "--base-url", metavar="URL", help="the page's address, to resolve relative URLs"
    )
    extract.add_argument(
        "--default-tz",
        metavar="ZONE",
        help="the time zone of dates the markup gives without one, e.g. Europe/Kyiv",
    )
    _add_day_order(extract, "")
    _add_encoding(extract)
    extract.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="do not report the repairs made to the markup and the values dropped",
    )
    extract.add_argument(
        "--format",
        choices=("jsonl", "json"),
        default="jsonl",
        help="jsonl: one article a line (default); json: an indented JSON array",
    )
    extract.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    _add_bounds(extract, lines=False)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of the wire format",
        description=_SCHEMA_DESCRIPTION,
        epilog=_SCHEMA_EPILOG,
        formatter_class=formatter,
        add_help=False,
    )
    add_help(schema)
    schema.set_defaults(run=_run_schema)
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")


def _add_day_order(group: Any, condition: str) -> None:
    """Add ``--dayfirst`` and ``--monthfirst``, which exclude each other."""
    order = group.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        help=f"{condition}read an all-numeric date whose day and month could be swapped "
        "day first (02.01.2024 is 2 January), as dayfirst=True does",
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help=f"{condition}read such a date month first (02.01.2024 is February 1)",
    )


def _add_encoding(group: Any) -> None:
    group.add_argument(
        "--encoding",
        metavar="LABEL",
        help="for HTML pages: their encoding, as an HTTP Content-Type header would say it "
        "(e.g. windows-1251); without it the page's bytes and <meta charset> decide",
    )


def _add_bounds(group: Any, *, lines: bool) -> None:
    """Add the options that bound how much of an input is read."""
    if lines:
        group.add_argument(
            "--max-line-bytes",
            type=_byte_count,
            default=MAX_LINE_BYTES,
            metavar="N",
            help="the longest JSON Lines line read (default 16M; suffixes K, M, G); "
            "a longer line is reported as invalid",
        )
    group.add_argument(
        "--max-document-bytes",
        type=_byte_count,
        default=MAX_DOCUMENT_BYTES,
        metavar="N",
        help="the largest JSON file or HTML page read (default 64M; suffixes K, M, G); "
        "a larger one is reported as invalid",
    )


_BYTE_SUFFIXES = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def _byte_count(text: str) -> int:
    """Read a size such as ``4096``, ``64K`` or ``16M`` (binary multiples)."""
    digits = text.strip().rstrip("bB")
    suffix = digits[-1:].lower() if digits[-1:].isalpha() else ""
    number = digits[: len(digits) - len(suffix)]
    if suffix in _BYTE_SUFFIXES and number.isdigit() and number.isascii() and int(number) > 0:
        return int(number) * _BYTE_SUFFIXES[suffix]
    import argparse  # noqa: PLC0415

    msg = f"expected a number of bytes such as 4096, 64K or 16M, found {text!r}"
    raise argparse.ArgumentTypeError(msg)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        import argparse  # noqa: PLC0415

        msg = f"expected a number of processes (0 for one per core), found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value or _cpu_count()


def _indent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 16:
        import argparse  # noqa: PLC0415

        msg = f"expected a number of spaces from 0 to 16, found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _check_zone(args: argparse.Namespace, command: str, *, needs_lenient: bool = True) -> None:
    """Refuse a zone that is not one, and the reading options that need --lenient without it."""
    if needs_lenient and args.dayfirst is not None and not args.lenient:
        option = "--dayfirst" if args.dayfirst else "--monthfirst"
        msg = f"newsmodel {command}: error: {option} applies only with --lenient"
        raise UsageError(msg)
    if args.default_tz is None:
        return
    if needs_lenient and not args.lenient:
        msg = f"newsmodel {command}: error: --default-tz applies only with --lenient"
        raise UsageError(msg)
    from ._canonical import _resolve_zone  # noqa: PLC0415

    try:
        _resolve_zone(args.default_tz)
    except ValueError as problem:
        msg = f"newsmodel {command}: error: --default-tz: {problem}"
        raise UsageError(msg) from None
    except Exception:  # a zone lookup that failed some other way
        msg = (
            f"newsmodel {command}: error: --default-tz: expected an IANA time zone name "
            f"like 'Europe/Kyiv', found {args.default_tz!r}"
        )
        raise UsageError(msg) from None


# ---------------------------------------------------------------- validating


class Settings(NamedTuple):
    """What the checks of one run do; sent to every worker process."""

    lenient: bool
    default_tz: str | None
    lint: bool
    strict: bool
    base_url: str | None
    max_line_bytes: int = MAX_LINE_BYTES
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    dayfirst: bool | None = None
    encoding: str | None = None


class Oversized(NamedTuple):
    """
    An input longer than its bound, in place of its bytes.

    Attributes:
        size: Its size in bytes, or the bytes read before giving up.
        exact: Whether *size* is its whole size (False: at least that).
    """

    size: int
    exact: bool


#: (line, column, JSONPath, code, message, severity), line and column 1-based.
Problem = tuple[int, int, str, str, str, str]


class Piece(NamedTuple):
    """The result of checking a file, or a piece of a JSON Lines file."""

    input: int
    size: int
    articles: int
    invalid: int
    lines: int
    problems: list[Problem]
    error: str | None


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


_settings = Settings(lenient=False, default_tz=None, lint=False, strict=False, base_url=None)


def _set_settings(settings: Settings) -> None:
    global _settings  # noqa: PLW0603 - one per process, set before any work
    _settings = settings


def _check_json(data: bytes) -> tuple[list[tuple[str, str, str, str]], bool]:
    """
    Check one JSON document.

    Returns:
        The problems as (path, code, message, severity), and whether any is an error.
    """
    settings = _settings
    try:
        article = newsmodel.loads(data, **_loads_options(settings))
        if not settings.lint:
            return [], False
        return _lint(article, "")
    except ValidationError as error:
        return [(e.path, e.code, e.message, "error") for e in error.errors], True
    except Exception as error:  # reported for this input, never a traceback
        return [("$", "internal", _unexpected(error), "error")], True


def _loads_options(settings: Settings) -> dict[str, Any]:
    """The keywords of ``newsmodel.loads`` for *settings*; dayfirst only when given."""
    options: dict[str, Any] = {"lenient": settings.lenient, "default_tz": settings.default_tz}
    if settings.dayfirst is not None:
        options["dayfirst"] = settings.dayfirst
    return options


def _lint(article: Any, prefix: str) -> tuple[list[tuple[str, str, str, str]], bool]:
    findings = newsmodel.lint(article)
    severity = "error" if _settings.strict else "warning"
    problems = [("$" + prefix + f.path[1:], f.code, f.message, severity) for f in findings]
    return problems, bool(problems) and _settings.strict


def _place(text: str, problems: list[tuple[str, str, str, str]], line_offset: int) -> list[Problem]:
    """Give each problem the line and column of its value in *text*; sort them by place."""
    import re  # noqa: PLC0415

    from ._positions import locate  # noqa: PLC0415

    placed = []
    for path, code, message, severity in problems:
        where = re.search(r"line (\d+),? column (\d+)", message) if code == "json" else None
        if where is not None:
            line, column = int(where[1]), int(where[2])
        else:
            line, column = locate(text, path, at_key=code == "unknown_field")
        placed.append((line + line_offset, column, path, code, message, severity))
    placed.sort(key=lambda problem: (problem[0], problem[1]))  # stable: ties keep their order
    return placed


def _read(path: str, limit: int) -> bytes | Oversized:
    """Read a file, or as much of it as shows that it is longer than *limit* bytes."""
    with open(path, "rb") as file:
        return _read_document(file, limit)


def _read_document(file: IO[bytes], limit: int) -> bytes | Oversized:
    data = file.read(limit + 1)
    if len(data) <= limit:
        return data
    try:
        size = os.fstat(file.fileno()).st_size
    except (OSError, ValueError, AttributeError):
        size = 0
    return Oversized(size, exact=True) if size > limit else Oversized(len(data), exact=False)


#: Pieces an over-long line is skipped in.
_SKIP_BYTES = 1 << 16


def _read_line(file: IO[bytes], limit: int) -> tuple[bytes | Oversized, int]:
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


def _too_large(line: int, found: Oversized, bound: int, what: str, option: str) -> Problem:
    amount = f"{found.size:,} bytes" if found.exact else f"more than {found.size - 1:,} bytes"
    message = f"expected {what} of at most {bound:,} bytes ({option} raises it), found {amount}"
    return (line, 1, "$", "too_large", message, "error")


def _document_too_large(found: Oversized) -> Problem:
    bound = _settings.max_document_bytes
    return _too_large(1, found, bound, "a document", "--max-document-bytes")


def _line_too_large(line: int, found: Oversized) -> Problem:
    return _too_large(line, found, _settings.max_line_bytes, "a line", "--max-line-bytes")


#: Lines looked at to tell a pretty-printed document from JSON Lines.
PEEK_LINES = 1000


def _spread_start(lines: Iterable[bytes | Oversized]) -> int:
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


def _spread_problem(line: int) -> Problem:
    """The one problem of a JSON Lines input that holds one pretty-printed document."""
    message = (
        "expected one article a line (JSON Lines), found what looks like one JSON document "
        "spread over several lines; name it .json or write one article per line"
    )
    return (line, 1, "$", "json", message, "error")


def _peek_lines(file: IO[bytes]) -> Iterator[bytes]:
    """Yield the first lines of *file*, each cut at `PEEK_BYTES`, at most `PEEK_LINES`."""
    for _ in range(PEEK_LINES):
        line = file.readline(PEEK_BYTES)
        if not line:
            return
        yield line


def _io_message(name: str, error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"newsmodel: error: cannot read {name}: {reason}"


def _check_document(index: int, kind: str, data: bytes | Oversized, size: int) -> Piece:
    if isinstance(data, Oversized):
        return Piece(index, size, 1, 1, 0, [_document_too_large(data)], None)
    try:
        if kind == "html":
            articles, invalid, problems = _check_page(data)
            return Piece(index, size, articles, invalid, 0, problems, None)
        raw, failed = _check_json(data)
        problems = _place_safely(data, raw, 0) if raw else []
    except UsageError:
        raise
    except Exception as error:  # reported for this input, never a traceback
        problems = [(1, 1, "$", "internal", _unexpected(error), "error")]
        return Piece(index, size, 1, 1, 0, problems, None)
    return Piece(index, size, 1, int(failed), 0, problems, None)


def _check_page(data: bytes) -> tuple[int, int, list[Problem]]:
    line, column = _markup_position(data.decode("utf-8", "replace"))
    findings: list[Any] = []
    try:
        articles = _call_extract(data, _settings, findings)
    except ValidationError as error:
        problems = [(line, column, e.path, e.code, e.message, "error") for e in error.errors]
        return 1, 1, problems
    except UsageError:
        raise
    except Exception as error:  # reported at the markup, never a traceback
        return 1, 1, [(line, column, "$", "internal", _unexpected(error), "error")]
    # Article nodes extract left out (it returned the others) are errors here.
    from ._extract import unbuilt_errors  # noqa: PLC0415

    unbuilt, errors = unbuilt_errors(findings)
    if not articles and not unbuilt:
        return 0, 1, [_no_article(line, column)]
    invalid = unbuilt
    problems = [(line, column, e.path, e.code, e.message, "error") for e in errors]
    if _settings.lint:
        for number, article in enumerate(articles):
            prefix = f"[{number}]" if len(articles) > 1 else ""
            found, failed = _lint(article, prefix)
            invalid += failed
            problems += [(line, column, *problem) for problem in found]
    return len(articles) + unbuilt, invalid, problems


def _no_article(line: int, column: int) -> Problem:
    message = "expected an article marked up in the page (JSON-LD or microdata), found none"
    return (line, column, "$", "missing", message, "error")


def _markup_position(text: str) -> tuple[int, int]:
    """Return where a page's article markup starts: its JSON-LD block or first itemscope."""
    from ._positions import line_column  # noqa: PLC0415

    lowered = text.lower()
    found = [
        at for at in (lowered.find("application/ld+json"), lowered.find("itemscope")) if at >= 0
    ]
    if not found:
        return 1, 1
    start = lowered.rfind("<", 0, min(found))
    return line_column(text, max(start, 0))


def _check_lines(index: int, lines: Iterable[bytes | Oversized], size: int) -> Piece:
    """Check JSON Lines; line numbers in the problems count from 1 at the first line."""
    articles = invalid = count = 0
    problems: list[Problem] = []
    check = _check_json
    for line in lines:
        count += 1
        if isinstance(line, Oversized):
            articles += 1
            invalid += 1
            problems.append(_line_too_large(count, line))
            continue
        if line.isspace() or not line:
            continue
        articles += 1
        raw, failed = check(line)
        if raw:
            invalid += failed
            problems += _place_safely(line, raw, count - 1)
    return Piece(index, size, articles, invalid, count, problems, None)


def _place_safely(
    document: bytes, problems: list[tuple[str, str, str, str]], line_offset: int
) -> list[Problem]:
    """`_place` the problems; where they cannot be placed, at the document's start."""
    try:
        return _place(document.decode("utf-8", "replace"), problems, line_offset)
    except Exception:  # a report at 1:1 beats no report
        return [(1 + line_offset, 1, *problem) for problem in problems]


def _chunk_lines(file: IO[bytes], start: int, end: int, limit: int) -> Iterator[bytes | Oversized]:
    """Yield the lines of *file* that start at an offset in [start, end), each bounded."""
    if start:
        file.seek(start - 1)
        if file.read(1) != b"\n":
            _read_line(file, 0)  # the rest of a line that started in the piece before
    position = file.tell()
    while position < end:
        line, consumed = _read_line(file, limit)
        if not consumed:
            return
        position += consumed
        yield line


def _run_task(task: tuple[Any, ...]) -> list[Piece]:
    """Check what one task names; run in a worker process, or in this one."""
    kind = task[0]
    if kind == "files":
        pieces = []
        for index, name, path, file_type, size in task[1]:
            try:
                data = _read(path, _settings.max_document_bytes)
            except OSError as error:
                pieces.append(Piece(index, size, 0, 0, 0, [], _io_message(name, error)))
                continue
            pieces.append(_check_document(index, file_type, data, size))
        return pieces
    if kind == "chunk":
        _, index, name, path, start, end = task
        try:
            with open(path, "rb") as file:
                lines = _chunk_lines(file, start, end, _settings.max_line_bytes)
                return [_check_lines(index, lines, end - start)]
        except OSError as error:
            return [Piece(index, end - start, 0, 0, 0, [], _io_message(name, error))]
    if kind == "lines":
        _, index, lines, size = task
        return [_check_lines(index, lines, size)]
    if kind == "error":
        _, index, message = task
        return [Piece(index, 0, 0, 0, 0, [], message)]
    if kind == "report":  # found while cutting the work: a file reported as a whole
        _, index, size, problems = task
        return [Piece(index, size, 0, len(problems), 0, problems, None)]
    _, index, file_type, data = task  # "data": a document read from a stream
    size = data.size if isinstance(data, Oversized) else len(data)
    return [_check_document(index, file_type, data, size)]


def _tasks(inputs: list[Input], settings: Settings) -> Iterator[tuple[Any, ...]]:
    """
    Cut the work into tasks, lazily: batches of files, pieces of JSON Lines files.

    Streams (stdin, pipes) are read here, in the parent process, as the tasks
    are taken; so is the start of each JSON Lines file, to tell a
    pretty-printed document from JSON Lines.
    """
    batch: list[tuple[int, str, str, str, int]] = []
    batch_bytes = 0
    for index, item in enumerate(inputs):
        path = item.path
        if item.stream or path is None:
            if batch:
                yield ("files", batch)
                batch, batch_bytes = [], 0
            if path is None:
                yield from _stream_tasks(index, item.type, sys.stdin.buffer, settings)
                continue
            try:
                with open(path, "rb") as stream:
                    yield from _stream_tasks(index, item.type, stream, settings)
            except OSError as error:
                yield ("error", index, _io_message(item.name, error))
        elif item.type == "jsonl":
            if batch:
                yield ("files", batch)
                batch, batch_bytes = [], 0
            yield from _jsonl_file_tasks(index, item)
        else:
            batch.append((index, item.name, path, item.type, item.size))
            batch_bytes += item.size
            if len(batch) >= BATCH_FILES or batch_bytes >= CHUNK_BYTES:
                yield ("files", batch)
                batch, batch_bytes = [], 0
    if batch:
        yield ("files", batch)


def _jsonl_file_tasks(index: int, item: Input) -> Iterator[tuple[Any, ...]]:
    """The pieces of a JSON Lines file; one report if it holds one pretty-printed document."""
    assert item.path is not None  # a file, not stdin
    try:
        with open(item.path, "rb") as file:
            start = _spread_start(_peek_lines(file))
    except OSError as error:
        yield ("error", index, _io_message(item.name, error))
        return
    if start:
        yield ("report", index, item.size, [_spread_problem(start)])
        return
    for offset in range(0, item.size, CHUNK_BYTES):
        yield ("chunk", index, item.name, item.path, offset, min(offset + CHUNK_BYTES, item.size))


def _stream_tasks(
    index: int, file_type: str, stream: IO[bytes], settings: Settings
) -> Iterator[tuple[Any, ...]]:
    import itertools  # noqa: PLC0415

    if file_type != "jsonl":
        yield ("data", index, file_type, _read_document(stream, settings.max_document_bytes))
        return
    read = _stream_lines(stream, settings.max_line_bytes)
    peeked = _peek_stream(read)
    start = _spread_start(line for line, _ in peeked)
    if start:
        yield ("report", index, 0, [_spread_problem(start)])
        return
    lines: list[bytes | Oversized] = []
    size = 0
    for line, consumed in itertools.chain(peeked, read):
        lines.append(line)
        size += consumed
        if len(lines) >= BATCH_LINES:
            yield ("lines", index, lines, size)
            lines, size = [], 0
    if lines:
        yield ("lines", index, lines, size)


def _stream_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[bytes | Oversized, int]]:
    """Yield each line of *stream*, bounded by *limit*, with the bytes it took."""
    while True:
        line, consumed = _read_line(stream, limit)
        if not consumed:
            return
        yield line, consumed


def _peek_stream(
    lines: Iterator[tuple[bytes | Oversized, int]],
) -> list[tuple[bytes | Oversized, int]]:
    """Take lines up to the second non-blank one (at most `PEEK_LINES`) for `_spread_start`."""
    import itertools  # noqa: PLC0415

    peeked = []
    filled = 0
    for line, consumed in itertools.islice(lines, PEEK_LINES):
        peeked.append((line, consumed))
        filled += not isinstance(line, bytes) or bool(line.strip())
        if filled >= 2:
            break
    return peeked


def _run_all(
    tasks: Iterator[tuple[Any, ...]], settings: Settings, jobs: int
) -> Generator[Piece, None, None]:
    """Run the tasks, here or in *jobs* processes, and yield their pieces in task order."""
    _set_settings(settings)
    if jobs <= 1:
        for task in tasks:
            yield from _run_task(task)
        return
    from collections import deque  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    window = jobs * 4  # tasks in flight: enough to keep every worker busy, and no more
    executor: Executor
    with ProcessPoolExecutor(jobs, initializer=_set_settings, initargs=(settings,)) as executor:
        pending: deque[Any] = deque()
        try:
            for task in tasks:
                pending.append(executor.submit(_run_task, task))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _walk(root: str, include: Sequence[str], exclude: Sequence[str], found: list[str]) -> list[str]:
    """Return the files below *root* to check, sorted; report unreadable directories."""
    from fnmatch import fnmatchcase  # noqa: PLC0415

    def matches(name: str, relative: str, patterns: Sequence[str]) -> bool:
        return any(fnmatchcase(name, p) or fnmatchcase(relative, p) for p in patterns)

    files: list[str] = []

    def visit(directory: str, relative: str) -> None:
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            found.append(_io_message(directory, error))
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


def _file_type(path: str, forced: str | None) -> str:
    if forced is not None:
        return forced
    return TYPES_BY_EXTENSION.get(os.path.splitext(path)[1].lower(), "json")


def _gather(args: argparse.Namespace) -> tuple[list[Input], list[str]]:
    """Return the inputs the paths name, and a message for each path that cannot be read."""
    import stat  # noqa: PLC0415

    include = args.include or list(DEFAULT_INCLUDE)
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
            problems.append(_io_message(name, error))
            return
        file_type = _file_type(path, args.type)
        if stat.S_ISREG(status.st_mode):
            inputs.append(Input(name, path, file_type, status.st_size))
        else:  # a pipe or a device: read as a stream
            inputs.append(Input(name, path, file_type, 0, stream=True))

    for path in args.paths:
        if path == "-":
            if STDIN_NAME not in seen:
                seen.add(STDIN_NAME)
                inputs.append(Input(STDIN_NAME, None, args.type or "json", 0, stream=True))
        elif os.path.isdir(path):
            reported = len(problems)
            found_files = _walk(path, include, args.exclude, problems)
            if not found_files and len(problems) == reported:
                problems.append(_nothing_found(path, include, args.exclude))
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


def _nothing_found(directory: str, include: Sequence[str], exclude: Sequence[str]) -> str:
    """The message for a directory that holds no file to check: a mistyped path fails CI."""
    looked_for = ", ".join(include)
    outside = f", outside {', '.join(exclude)}" if exclude else ""
    return (
        f"newsmodel: error: no files to check in {directory}: expected files matching "
        f"{looked_for}{outside}, found none (--include sets the patterns)"
    )


def _run_validate(args: argparse.Namespace) -> int:
    import time  # noqa: PLC0415

    started = time.perf_counter()
    _check_zone(args, "validate")
    lint = args.strict or args.lint
    inputs, unreadable = _gather(args)
    if unreadable:
        for message in unreadable:
            _error_line(message)
        return USAGE
    settings = Settings(
        lenient=args.lenient,
        default_tz=args.default_tz,
        lint=lint,
        strict=args.strict,
        base_url=args.base_url,
        max_line_bytes=args.max_line_bytes,
        max_document_bytes=args.max_document_bytes,
        dayfirst=args.dayfirst,
        encoding=args.encoding,
    )
    writer = _WRITERS[args.format](sys.stdout)
    progress = _Progress(inputs, enabled=not args.no_progress)
    tally = _Tally(len(inputs))
    line_base = [0] * len(inputs)
    pieces = _run_all(_tasks(inputs, settings), settings, args.jobs)
    try:
        for piece in pieces:
            item = inputs[piece.input]
            base = line_base[piece.input]
            line_base[piece.input] = base + piece.lines
            if piece.error is not None:
                progress.clear()
                tally.io_error(piece.input, piece.error)
                writer.io_error(item.name, piece.error)
            if piece.problems:
                progress.clear()
                for line, column, path, code, message, severity in piece.problems:
                    writer.problem(item.name, base + line, column, path, code, message, severity)
                    tally.problem(severity)
            tally.articles += piece.articles
            tally.invalid += piece.invalid
            progress.advance(piece.size, piece.articles, piece.invalid)
    finally:
        pieces.close()
        progress.clear()
    tally.seconds = time.perf_counter() - started
    writer.finish(tally)
    if not args.quiet:
        _error_line(tally.summary())
    if tally.io_errors:
        return USAGE
    return INVALID if tally.errors else OK


class _Tally:
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
        if severity == "error":
            self.errors += 1
        else:
            self.warnings += 1

    def io_error(self, index: int, message: str) -> None:
        self.io_errors.setdefault(index, message)

    def summary(self) -> str:
        parts = [
            _count(self.files, "file"),
            _count(self.articles, "article"),
            f"{self.invalid:,} invalid",
        ]
        if self.errors:
            parts.append(_count(self.errors, "error"))
        if self.warnings:
            parts.append(_count(self.warnings, "warning"))
        if self.io_errors:
            parts.append(f"{_count(len(self.io_errors), 'file')} unreadable")
        return f"newsmodel: {', '.join(parts)} in {self.seconds:.2f} s"

    def as_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "articles": self.articles,
            "invalid": self.invalid,
            "errors": self.errors,
            "warnings": self.warnings,
            "unreadable": len(self.io_errors),
            "seconds": round(self.seconds, 3),
        }


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


_LINE_BREAKING = {
    **{code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))},
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def _one_line(text: str) -> str:
    """Escape what would break a line of output (a key with a newline in a path)."""
    if text.isprintable():
        return text
    return text.translate(_LINE_BREAKING)


class _TextWriter:
    """``FILE:LINE:COL: $.path: code: message``, a line a problem."""

    def __init__(self, stream: IO[str]) -> None:
        self.write = stream.write
        self.stream = stream

    def problem(
        self, name: str, line: int, column: int, path: str, code: str, message: str, severity: str
    ) -> None:
        level = "" if severity == "error" else f"{severity}: "
        self.write(
            f"{_one_line(name)}:{line}:{column}: {_one_line(path)}: {level}{code}: {message}\n"
        )

    def io_error(self, name: str, message: str) -> None:
        del name
        self.stream.flush()
        _error_line(message)

    def finish(self, tally: _Tally) -> None:
        del tally
        self.stream.flush()


class _GithubWriter(_TextWriter):
    """GitHub Actions workflow commands: ``::error file=F,line=L,col=C,title=T::message``."""

    @staticmethod
    def _data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    @classmethod
    def _property(cls, text: str) -> str:
        return cls._data(text).replace(":", "%3A").replace(",", "%2C")

    def problem(
        self, name: str, line: int, column: int, path: str, code: str, message: str, severity: str
    ) -> None:
        command = "error" if severity == "error" else "warning"
        self.write(
            f"::{command} file={self._property(name)},line={line},col={column},"
            f"title={self._property(f'newsmodel {code}')}::{self._data(f'{path}: {message}')}\n"
        )

    def io_error(self, name: str, message: str) -> None:
        self.write(f"::error file={self._property(name)}::{self._data(message)}\n")
        super().io_error(name, message)


class _JsonWriter:
    """One JSON document: ``{"problems": [...], "unreadable": [...], "summary": {...}}``."""

    def __init__(self, stream: IO[str]) -> None:
        import json  # noqa: PLC0415

        self.dumps = json.dumps
        self.stream = stream
        self.first = True
        self.unreadable: list[dict[str, str]] = []
        stream.write('{"problems": [')

    def problem(
        self, name: str, line: int, column: int, path: str, code: str, message: str, severity: str
    ) -> None:
        item = {
            "file": name,
            "line": line,
            "column": column,
            "path": path,
            "code": code,
            "message": message,
            "severity": severity,
        }
        self.stream.write(
            ("\n  " if self.first else ",\n  ") + self.dumps(item, ensure_ascii=False)
        )
        self.first = False

    def io_error(self, name: str, message: str) -> None:
        self.unreadable.append({"file": name, "message": message})
        _error_line(message)

    def finish(self, tally: _Tally) -> None:
        dumps = self.dumps
        self.stream.write(
            ("]" if self.first else "\n]")
            + f',\n"unreadable": {dumps(self.unreadable, ensure_ascii=False)}'
            + f',\n"summary": {dumps(tally.as_json())}'
            + f',\n"valid": {dumps(not tally.errors and not tally.io_errors)}}}\n'
        )
        self.stream.flush()


_WRITERS: dict[str, Any] = {"text": _TextWriter, "json": _JsonWriter, "github": _GithubWriter}


class _Progress:
    """
    A progress bar on stderr, for long runs watched in a terminal.

    It is drawn only when stderr is a terminal and the ``CI`` environment
    variable is unset, after the first half second, at most ten times a
    second; it is cleared before any problem is printed and at the end.
    """

    def __init__(self, inputs: list[Input], *, enabled: bool) -> None:
        import time  # noqa: PLC0415

        self.clock = time.monotonic
        stream = sys.stderr
        self.stream = stream
        self.total = sum(item.size for item in inputs)
        self.files = len(inputs)
        self.enabled = (
            enabled
            and self.total > 0
            and not os.environ.get("CI")
            and os.environ.get("TERM") != "dumb"
            and _isatty(stream)
        )
        self.started = self.clock()
        self.next_draw = self.started + 0.5
        self.done = self.articles = self.invalid = 0
        self.shown = False

    def advance(self, size: int, articles: int, invalid: int) -> None:
        self.done += size
        self.articles += articles
        self.invalid += invalid
        if not self.enabled:
            return
        now = self.clock()
        if now < self.next_draw:
            return
        self.next_draw = now + 0.1
        fraction = min(1.0, self.done / self.total)
        width = 30
        filled = int(fraction * width)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\r[{bar}] {fraction:4.0%}  {self.articles:,} articles, "
            f"{self.invalid:,} invalid  {now - self.started:.0f} s\x1b[K"
        )
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------- other commands


def _write_output(text: str, output: str | None) -> None:
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


def _read_input(path: str, limit: int) -> tuple[str, bytes | Oversized]:
    if path == "-":
        return STDIN_NAME, _read_document(sys.stdin.buffer, limit)
    try:
        return path, _read(path, limit)
    except OSError as error:
        raise UsageError(_io_message(path, error)) from None


def _report_invalid(name: str, problems: list[Problem], line_offset: int = 0) -> None:
    writer = _TextWriter(sys.stderr)
    for line, column, path, code, message, severity in problems:
        writer.problem(name, line + line_offset, column, path, code, message, severity)


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


def _convert_sources(args: argparse.Namespace) -> list[Source]:
    """Return the files a ``convert`` reads, in order: a file, every file of a directory, stdin."""
    if args.path == "-":
        return [Source(STDIN_NAME, None, args.type or "json")]
    if not os.path.isdir(args.path):
        if not os.path.exists(args.path):
            msg = f"newsmodel: error: cannot read {args.path}: no such file or directory"
            raise UsageError(msg)
        file_type = _file_type(args.path, args.type)
        if file_type == "html":
            msg = f"newsmodel convert: error: {args.path} is an HTML page: use 'newsmodel extract'"
            raise UsageError(msg)
        return [Source(args.path, args.path, file_type)]
    unreadable: list[str] = []
    found = _walk(args.path, DEFAULT_INCLUDE, (), unreadable)
    if unreadable:
        raise UsageError(unreadable[0])
    if not found:
        raise UsageError(_nothing_found(args.path, DEFAULT_INCLUDE, ()))
    return [Source(path, path, _file_type(path, args.type)) for path in found]


def _convert_documents(source: Source, settings: Settings) -> Iterator[Document]:
    """Yield the documents of one ``convert`` input, each read within its bound."""
    if source.path is None:
        yield from _documents(source, sys.stdin.buffer, settings)
        return
    try:
        with open(source.path, "rb") as file:
            yield from _documents(source, file, settings)
    except OSError as error:
        raise UsageError(_io_message(source.name, error)) from None


def _documents(source: Source, file: IO[bytes], settings: Settings) -> Iterator[Document]:
    import itertools  # noqa: PLC0415

    name = source.name
    if source.type != "jsonl":
        data = _read_document(file, settings.max_document_bytes)
        if isinstance(data, Oversized):
            yield Document(name, 0, b"", _document_too_large(data))
        else:
            yield Document(name, 0, data)
        return
    read = _stream_lines(file, settings.max_line_bytes)
    peeked = _peek_stream(read)
    start = _spread_start(line for line, _ in peeked)
    if start:
        yield Document(name, 0, b"", _spread_problem(start))
        return
    for number, (line, _) in enumerate(itertools.chain(peeked, read)):
        if isinstance(line, Oversized):
            yield Document(name, 0, b"", _line_too_large(number + 1, line))
        elif line and not line.isspace():
            yield Document(name, number, line)


def _load_document(document: Document, settings: Settings) -> Loaded | None:
    """Read one document's article; report its problems and return None if it is invalid."""
    if document.problem is not None:
        _report_invalid(document.name, [document.problem], document.line)
        return None
    try:
        article = newsmodel.loads(document.data, **_loads_options(settings))
    except ValidationError as error:
        raw = [(e.path, e.code, e.message, "error") for e in error.errors]
        _report_invalid(document.name, _place_safely(document.data, raw, document.line))
        return None
    except Exception as error:  # reported for this input, never a traceback
        problem = (1, 1, "$", "internal", _unexpected(error), "error")
        _report_invalid(document.name, [problem], document.line)
        return None
    return Loaded(document.name, document.line, article)


def _run_convert(args: argparse.Namespace) -> int:
    _check_zone(args, "convert")
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
    _set_settings(settings)
    render = _renderer(args.to, args)
    sources = _convert_sources(args)
    loaded: list[Loaded] = []
    total = 0
    for source in sources:
        for document in _convert_documents(source, settings):
            total += 1
            article = _load_document(document, settings)
            if article is not None:
                loaded.append(article)
    many = len(sources) > 1 or os.path.isdir(args.path) or sources[0].type == "jsonl"
    indent = args.indent if args.indent is not None else (None if many else 2)
    text, failed = render(loaded, indent or None)
    invalid = total - len(loaded) + failed
    if invalid and not args.skip_invalid:
        _error_line(
            f"newsmodel convert: {invalid:,} of {_count(total, 'article')} invalid; nothing "
            "written (--skip-invalid writes the valid ones)"
        )
        return INVALID
    _write_output(text, args.output)
    if invalid:
        _error_line(
            f"newsmodel convert: {invalid:,} of {_count(total, 'article')} invalid and skipped; "
            f"{total - invalid:,} written"
        )
        return INVALID
    return OK


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
    if to in _FEED_FORMATS:
        return lambda loaded, indent: (_feed_text(to, [item.article for item in loaded], args), 0)
    each = _one_article_writer(to)
    separator = "\n" if to in ("microdata", "meta") else ""

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

    if to == "json":
        return as_json
    return as_html if to in ("microdata", "meta") else converted


_FEED_FORMATS = ("rss", "atom", "jsonfeed", "sitemap")


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
    name = args.path if args.path != "-" else "<stdin>"
    _report_invalid(name, [(1, 1, f.path, f.code, f.message, "note") for f in findings])
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
    problem = (1, 1, "$", "internal", _unexpected(error), "error")
    _report_invalid(item.name, [problem], item.line)


def _page(
    articles: list[Any], jsonld_script: Callable[[Any], str], to_microdata: Callable[[Any], str]
) -> str:
    """Return a standalone HTML page showing *articles* with their JSON-LD and microdata."""
    from html import escape  # noqa: PLC0415

    from ._values import right_to_left  # noqa: PLC0415

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


def _call_extract(page: bytes, settings: Settings, findings: list[Any] | None) -> list[Any]:
    """Call ``newsmodel.extract``, passing only the options given."""
    options: dict[str, Any] = {"base_url": settings.base_url}
    given = {
        "default_tz": settings.default_tz,
        "dayfirst": settings.dayfirst,
        "encoding": settings.encoding,
    }
    options.update((key, value) for key, value in given.items() if value is not None)
    if findings is not None:
        options["findings"] = findings
    try:
        return newsmodel.extract(page, **options)
    except ImportError as error:
        msg = f"newsmodel: error: reading HTML needs the html extra (lxml and extruct): {error}"
        raise UsageError(msg) from None
    except ValidationError:
        raise
    except ValueError as error:  # an argument, like --base-url, that cannot be used
        raise UsageError(f"newsmodel: error: {error}") from None


def _call_from_feed(data: bytes, default_tz: str | None, findings: list[Any]) -> list[Any]:
    """Call ``newsmodel.from_feed`` on a feed document."""
    try:
        return newsmodel.from_feed(data, default_tz=default_tz, findings=findings)
    except ImportError as error:
        msg = f"newsmodel: error: {error}"
        raise UsageError(msg) from None


def _run_extract(args: argparse.Namespace) -> int:
    _check_zone(args, "extract", needs_lenient=False)
    name, data = _read_input(args.path, args.max_document_bytes)
    if isinstance(data, Oversized):
        bound = args.max_document_bytes
        _report_invalid(name, [_too_large(1, data, bound, "a page", "--max-document-bytes")])
        return INVALID
    line, column = _markup_position(data.decode("utf-8", "replace"))
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
    from ._feed_import import looks_like_feed  # noqa: PLC0415

    try:
        if looks_like_feed(data):
            line, column = 1, 1
            articles = _call_from_feed(data, args.default_tz, findings)
        else:
            articles = _call_extract(data, settings, findings)
        out = _extracted_text(articles, args.format)
    except ValidationError as error:
        problems = [(line, column, e.path, e.code, e.message, "error") for e in error.errors]
        _report_invalid(name, problems)
        return INVALID
    except UsageError:
        raise
    except Exception as error:  # reported for this page, never a traceback
        _report_invalid(name, [(line, column, "$", "internal", _unexpected(error), "error")])
        return INVALID
    if not args.quiet:
        notes = [(line, column, f.path, f.code, f.message, "note") for f in findings]
        _report_invalid(name, notes)
    if not articles:
        _report_invalid(name, [_no_article(line, column)])
        return INVALID
    _write_output(out, args.output)
    return OK


def _extracted_text(articles: list[Any], output_format: str) -> str:
    if output_format == "json":
        import json  # noqa: PLC0415

        values = [newsmodel.to_dict(article) for article in articles]
        return json.dumps(values, indent=2, ensure_ascii=False) + "\n"
    return "".join(newsmodel.dumps(article) + "\n" for article in articles)


def _run_schema(args: argparse.Namespace) -> int:
    from importlib.resources import files  # noqa: PLC0415

    text = files("newsmodel").joinpath("schema.json").read_text(encoding="utf-8")
    _write_output(text, args.output)
    return OK
