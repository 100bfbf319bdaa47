"""
Input files for the engine tests (tests/test_dask.py, tests/test_spark.py) and the benchmark.

WARC files are written here with warcio from the pages in tests/data/pages and from
the JSON-LD items in tests/data/corpus (each wrapped in a page of its own), with
corrupt records among them; JSON Lines archives hold valid, invalid and unreadable
lines. Everything is deterministic (record ids and dates are fixed), so two builds
give the same bytes.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

import newsmodel as nm

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = Path(__file__).resolve().parent / "data"


@attrs.frozen
class Page:
    """One HTTP response to put in a WARC file."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"


def corpus_pages() -> list[Page]:
    """The saved pages, then one page per JSON-LD corpus item, in a fixed order."""
    pages = [
        Page(f"https://pages.example/{path.stem}", path.read_bytes())
        for path in sorted((DATA / "pages").glob("*.html"))
    ]
    for line in (DATA / "corpus" / "items.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        if entry["syntax"] != "json-ld":
            continue
        script = json.dumps(entry["item"]).replace("</", "<\\/")
        body = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<script type="application/ld+json">{script}</script></head><body></body></html>'
        )
        pages.append(Page(entry["page_url"], body.encode("utf-8")))
    return pages


def warc_record(page: Page, number: int, *, record_type: str = "response") -> bytes:
    """One gzipped WARC record (a gzip member of its own, as crawlers write them)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", page.content_type), ("Content-Length", str(len(page.body)))],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        page.url,
        record_type,
        payload=io.BytesIO(page.body),
        http_headers=headers if record_type == "response" else None,
        warc_headers_dict={
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
            "WARC-Date": f"2024-10-13T{number // 3600 % 24:02d}:{number // 60 % 60:02d}:"
            f"{number % 60:02d}Z",
        },
    )
    writer.write_record(record)
    record.raw_stream.close()  # warcio spools the payload to a temporary file
    return out.getvalue()


def write_warc(path: Path, pages: list[Page], first: int = 0) -> Path:
    """Write *pages* as a gzipped-per-record WARC file, numbering records from *first*."""
    path.write_bytes(b"".join(warc_record(page, first + i) for i, page in enumerate(pages)))
    return path


def write_corrupt_warc(path: Path, pages: list[Page], first: int = 0) -> Path:
    """
    A WARC file with trouble in it.

    Good records, then a gzip member of garbage, a PNG response, a binary
    response labelled HTML, a request record, more good records, and a last
    record cut short in the middle.
    """
    half = len(pages) // 2
    parts = [warc_record(page, first + i) for i, page in enumerate(pages[:half])]
    parts.append(gzip.compress(b"WARC/1.1\r\nthis is not a record\r\n\r\n"))
    png = Page("https://pages.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    parts.append(warc_record(png, first + half))
    binary = Page("https://pages.example/binary", bytes(range(256)) * 8)
    parts.append(warc_record(binary, first + half + 1))
    request = Page(pages[0].url, b"GET / HTTP/1.1\r\nHost: pages.example\r\n\r\n")
    parts.append(warc_record(request, first + half + 2, record_type="request"))
    parts.extend(warc_record(page, first + half + 3 + i) for i, page in enumerate(pages[half:]))
    last = warc_record(pages[0], first + len(pages) + 3)
    parts.append(last[: len(last) // 2])
    path.write_bytes(b"".join(parts))
    return path


def jsonl_lines() -> Iterator[bytes]:
    """Lines of a JSON Lines archive: articles, invalid payloads and unreadable lines."""
    lines = (DATA / "corpus" / "items.jsonl").read_text("utf-8").splitlines()
    for number, line in enumerate(lines[:80]):
        entry = json.loads(line)
        try:
            article = nm.from_jsonld(entry["item"], url=entry["page_url"])
        except (nm.ValidationError, TypeError):
            continue
        yield nm.dumps(article).encode("utf-8")
        if number % 10 == 0:
            payload = nm.to_dict(article)
            payload["url"] = "not a url"
            payload["authors"] = [{"type": "person"}]
            yield json.dumps(payload).encode("utf-8")
        if number % 25 == 0:
            yield b'{"headline": "cut short'
            yield b"\xff\xfe not utf-8 \x80"
            yield b""
            yield b"[1, 2, 3]"


def write_jsonl(path: Path, lines: list[bytes]) -> Path:
    """Write *lines* as a JSON Lines file."""
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def build(root: Path) -> dict[str, list[str]]:
    """
    Write the engine tests' input files in *root*; return their paths per job.

    WARC files (one with corrupt records) and a missing one for ``extract``, JSON
    Lines archives and a missing one for ``validate``, Parquet files of articles
    for ``read``.
    """
    import newsmodel.arrow

    pages = corpus_pages()
    warcs = [
        write_warc(root / "a.warc.gz", pages[:40]),
        write_corrupt_warc(root / "b.warc.gz", pages[40:70], first=100),
        write_warc(root / "c.warc.gz", pages[70:120], first=200),
    ]
    lines = list(jsonl_lines())
    archives = [
        write_jsonl(root / "a.jsonl", lines[: len(lines) // 2]),
        write_jsonl(root / "b.jsonl", lines[len(lines) // 2 :]),
    ]
    articles = [article for article in map(_article, lines) if article is not None]
    tables = [root / "a.parquet", root / "b.parquet"]
    newsmodel.arrow.write_parquet(articles[:10], tables[0])
    newsmodel.arrow.write_parquet(articles[10:], tables[1])
    return {
        "extract": [*map(str, warcs), str(root / "missing.warc.gz")],
        "validate": [*map(str, archives), str(root / "missing.jsonl")],
        "read": [str(path) for path in tables],
    }


def _article(line: bytes) -> nm.Article | None:
    try:
        return nm.loads(line)
    except (nm.ValidationError, ValueError):
        return None


def sequential(paths: list[str], job: str) -> list[Any]:
    """The sequential results of *job* over *paths*: ``jobs.process``, file by file."""
    return list(_sequential(tuple(paths), job))


@functools.cache
def _sequential(paths: tuple[str, ...], job: str) -> tuple[Any, ...]:
    from newsmodel.jobs import process

    return tuple(result for path in paths for result in process(path, job))
