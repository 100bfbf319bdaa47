"""
Build WARC and ARC files from the test pages, at test time (warcio writes WARCs).

The pages: each of ``tests/data/pages`` (meta tags, no article markup), and
each JSON-LD item of ``tests/data/corpus/items.jsonl`` in a page of its own at
its ``page_url``. Used by the WARC, engine and CLI tests and by
``benchmarks/bench_warc.py`` (load it with `importlib`: tests is not a package).
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DATA = Path(__file__).resolve().parent / "data"
DATE = "2024-10-13T21:04:00Z"
_URL_SAFE = ":/?#[]@!$&'()*+,;=%"


class Page(NamedTuple):
    """A page as a crawler fetched it."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"


def meta_pages() -> list[Page]:
    """The pages of tests/data/pages, each at an address of its own."""
    return [
        Page(f"https://pages.example/{path.stem}", path.read_bytes(), "text/html")
        for path in sorted((DATA / "pages").glob("*.html"))
    ]


def corpus_pages() -> list[Page]:
    """A page for each JSON-LD item of the corpus, at the item's page URL."""
    pages = []
    for line in (DATA / "corpus" / "items.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["syntax"] != "json-ld" or not (entry["page_url"] or "").startswith("http"):
            continue
        markup = json.dumps(entry["item"], ensure_ascii=False).replace("</", "<\\/")
        body = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<script type="application/ld+json">{markup}</script></head><body></body></html>'
        )
        pages.append(Page(entry["page_url"], body.encode()))
    return pages


def all_pages() -> list[Page]:
    """The corpus pages, then the test pages."""
    return corpus_pages() + meta_pages()


def warc_bytes(pages: list[Page], *, compress: bool = True, requests: bool = False) -> bytes:
    """
    A WARC file of *pages* as response records (gzip per record when *compress*).

    With *requests*, each response is preceded by its request record and the
    file starts with a warcinfo record, as crawlers write them.
    """
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    if requests:
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for number, page in enumerate(pages):
        if requests:
            target = quote(page.url, safe=_URL_SAFE)  # a request line is ASCII
            request = StatusAndHeaders(f"GET {target} HTTP/1.1", [], is_http_request=True)
            writer.write_record(
                writer.create_warc_record(
                    page.url, "request", http_headers=request, warc_headers_dict=_ids(number, "q")
                )
            )
        headers = StatusAndHeaders(
            page.status,
            [("Content-Type", page.content_type), ("Content-Length", str(len(page.body)))],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(page.body),
                length=len(page.body),
                http_headers=headers,
                warc_headers_dict=_ids(number, "r"),
            )
        )
    return out.getvalue()


def _ids(number: int, kind: str) -> dict[str, str]:
    # Fixed ids and dates, so that a file's results are the same on every run.
    return {"WARC-Record-ID": f"<urn:test:{kind}{number}>", "WARC-Date": DATE}


def whole_gzip(pages: list[Page]) -> bytes:
    """A WARC file compressed as one gzip stream (not per record)."""
    return gzip.compress(warc_bytes(pages, compress=False), mtime=0)


def arc_bytes(pages: list[Page]) -> bytes:
    """An ARC (version 1) file of *pages*."""
    header = b"1 0 tests\nURL IP-address Archive-date Content-type Archive-length\n"
    parts = [b"filedesc://test.arc 0.0.0.0 20241013210400 text/plain %d\n" % len(header)]
    parts += [header, b"\n"]
    for page in pages:
        http = (
            f"HTTP/1.1 {page.status}\r\nContent-Type: {page.content_type}\r\n"
            f"Content-Length: {len(page.body)}\r\n\r\n"
        ).encode() + page.body
        line = (
            f"{page.url} 192.0.2.1 20241013210400 {page.content_type.split(';')[0]} {len(http)}\n"
        )
        parts += [line.encode(), http, b"\n"]
    return b"".join(parts)
