"""
The command line's arguments: the parser, its options and help, the checks of their values.

Each command's ``run`` is a small function that imports the command's module
only when it runs, so that parsing stays cheap.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from .._reading import MAX_DOCUMENT_BYTES, MAX_LINE_BYTES
from ._common import UsageError
from ._discover import DEFAULT_INCLUDE
from ._version import version

if TYPE_CHECKING:
    from collections.abc import Callable

#: The ``--to`` formats that write all the articles as one feed or sitemap.
FEED_FORMATS = ("rss", "atom", "jsonfeed", "sitemap")

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
  newsmodel validate archive/ --engine dask --scheduler tcp://scheduler:8786
  newsmodel validate archive/ --engine spark --master spark://master:7077
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
  newsmodel convert article.json --to markdown          the headline and body as CommonMark
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
With --warc, every HTML response of WARC or ARC files is read instead, and one row per
record (its provenance, status, articles, findings and problems) is written to the
Parquet file -o names; exit status 1 when a record is unreadable (corrupt or cut short).
"""

_EXTRACT_EPILOG = """\
examples:
  newsmodel extract page.html
  newsmodel extract page.html --base-url https://example.com/news/ > articles.jsonl
  curl -s https://example.com/news/story | newsmodel extract - --format json
  newsmodel extract --warc crawl-*.warc.gz -o articles.parquet
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


def parser() -> argparse.ArgumentParser:
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
        "--version", action="version", version=f"newsmodel {version()}", help="show the version"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    _add_validate(commands, add_help)
    _add_others(commands, add_help)
    return parser


def _add_validate(commands: Any, add_help: Callable[[argparse.ArgumentParser], None]) -> None:
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
    validate.set_defaults(run=_command("validate"))
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
    engines = validate.add_argument_group("engine")
    engines.add_argument(
        "--engine",
        choices=("local", "dask", "spark"),
        default="local",
        help="where the checks run: local (this machine, --jobs processes; the default), "
        "dask (a Dask cluster: pip install 'pynewsmodel[dask]') or spark (Spark: pip install "
        "'pynewsmodel[spark]', and Java). The report is the same on every engine",
    )
    engines.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the scheduler of a running cluster, e.g. tcp://host:8786 "
        "(default: a local cluster of --jobs worker processes)",
    )
    engines.add_argument(
        "--master",
        metavar="URL",
        help="with --engine spark: Spark's master, e.g. spark://host:7077 "
        "(default: local[N], N from --jobs)",
    )


def _add_others(commands: Any, add_help: Callable[[argparse.ArgumentParser], None]) -> None:
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
    convert.set_defaults(run=_command("convert"))
    convert.add_argument(
        "path",
        metavar="PATH",
        help="a .json or .jsonl file, a directory (every *.json, *.jsonl, *.ndjson below), "
        "or - for stdin",
    )
    convert.add_argument(
        "--to",
        required=True,
        choices=("json", "jsonld", "microdata", "ninjs", "meta", "markdown", "page", *FEED_FORMATS),
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
    extract.set_defaults(run=_command("extract"))
    extract.add_argument(
        "path",
        metavar="PAGE",
        nargs="?",
        help="an HTML file or a feed (RSS, Atom, JSON Feed), or - for stdin",
    )
    extract.add_argument(
        "--warc",
        metavar="FILE",
        nargs="+",
        help="WARC or ARC files (plain or gzipped) to read every HTML response of, "
        "instead of a PAGE; needs -o OUT.parquet",
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
    schema.set_defaults(run=_command("schema"))
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
            type=byte_count,
            default=MAX_LINE_BYTES,
            metavar="N",
            help="the longest JSON Lines line read (default 16M; suffixes K, M, G); "
            "a longer line is reported as invalid",
        )
    group.add_argument(
        "--max-document-bytes",
        type=byte_count,
        default=MAX_DOCUMENT_BYTES,
        metavar="N",
        help="the largest JSON file or HTML page read (default 64M; suffixes K, M, G); "
        "a larger one is reported as invalid",
    )


_BYTE_SUFFIXES = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def byte_count(text: str) -> int:
    """Read a size such as ``4096``, ``64K`` or ``16M`` (binary multiples)."""
    digits = text.strip().rstrip("bB")
    suffix = digits[-1:].lower() if digits[-1:].isalpha() else ""
    number = digits[: len(digits) - len(suffix)]
    if suffix in _BYTE_SUFFIXES and number.isdigit() and number.isascii() and int(number) > 0:
        return int(number) * _BYTE_SUFFIXES[suffix]
    msg = f"expected a number of bytes such as 4096, 64K or 16M, found {text!r}"
    raise argparse.ArgumentTypeError(msg)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        msg = f"expected a number of processes (0 for one per core), found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value or _cpu_count()


def _indent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 16:
        msg = f"expected a number of spaces from 0 to 16, found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def check_zone(args: argparse.Namespace, command: str, *, needs_lenient: bool = True) -> None:
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
    from .._dates import resolve_zone  # noqa: PLC0415

    try:
        resolve_zone(args.default_tz)
    except ValueError as problem:
        msg = f"newsmodel {command}: error: --default-tz: {problem}"
        raise UsageError(msg) from None
    except Exception:  # a zone lookup that failed some other way
        msg = (
            f"newsmodel {command}: error: --default-tz: expected an IANA time zone name "
            f"like 'Europe/Kyiv', found {args.default_tz!r}"
        )
        raise UsageError(msg) from None


def check_engine(args: argparse.Namespace, command: str) -> None:
    """Refuse an engine's option given for another engine."""
    for option, engine in (("--scheduler", "dask"), ("--master", "spark")):
        if getattr(args, option[2:]) is not None and args.engine != engine:
            msg = (
                f"newsmodel {command}: error: {option} applies only with --engine {engine}, "
                f"found --engine {args.engine}"
            )
            raise UsageError(msg)


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The ``run`` of command *name*: it imports the command's module, then runs it."""

    def run(args: argparse.Namespace) -> int:
        from importlib import import_module  # noqa: PLC0415

        command: Callable[[argparse.Namespace], int] = import_module(
            f"newsmodel.cli._commands.{name}"
        ).run
        return command(args)

    run.__qualname__ = run.__name__ = f"run_{name}"
    return run
