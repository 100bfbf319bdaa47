"""
Articles from web archives: WARC and ARC files (the ``warc`` extra).

`extract_records` reads a WARC file (plain, gzip per record or one gzip for
the whole file) or an ARC file with warcio and runs `newsmodel.extract` on
each HTML response: the page's URL from ``WARC-Target-URI``, its encoding
from the HTTP ``Content-Type`` charset, then its ``<meta charset>``, then
detection (`newsmodel.extract`'s *encoding*). Each response or resource
record gives one `~newsmodel.jobs.Result` with its provenance; request,
metadata, revisit and warcinfo records hold no page and give none.

Nothing stops the file but its end: a record that is not HTML or not a
success (``skipped``, with a finding saying why), a page larger than
*max_page_bytes* (``skipped``, a ``too_large`` problem), a corrupt record or
a truncated file (``unreadable``, a problem saying where; reading goes on at
the next record that can be found) are all results.

warcio was chosen over FastWARC by measurement: see ``docs/archives.md``.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from ._decode import HTML_MEDIA_TYPES
from ._errors import ErrorDetail, Finding, ValidationError, unexpected
from .jobs import Provenance, Result, unreadable

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator

__all__ = ["extract_records", "write_results"]

#: Where to look for the next record after a corrupt one: gzip members start
#: with these bytes, plain WARC records with this line.
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = b"\nWARC/1."
_SCAN_BYTES = 1 << 20
#: What warcio's error says of a WARC compressed as one gzip stream.
_ONE_GZIP = "non-chunked gzip"


def _max_page_bytes() -> int:
    from ._reading import MAX_DOCUMENT_BYTES  # noqa: PLC0415 - the one home of the bound

    return MAX_DOCUMENT_BYTES


def extract_records(
    path: str | os.PathLike[str], *, max_page_bytes: int | None = None
) -> Iterator[Result]:
    """
    Yield one result per response or resource record of a WARC or ARC file, in file order.

    Args:
        path: The WARC or ARC file (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``).
        max_page_bytes: The largest payload read (default: the command line's
            ``--max-document-bytes`` default, 64 MiB); a larger one is ``skipped``
            with a ``too_large`` problem.

    Each result's ``provenance.offset`` is the record's byte offset in the file
    (in a whole-file gzip: in the decompressed stream).
    """
    name = str(path)
    limit = _max_page_bytes() if max_page_bytes is None else max_page_bytes
    try:
        file = open(path, "rb")  # noqa: SIM115 - closed when the generator ends
    except OSError as error:
        yield unreadable(name, error)
        return
    with file:
        yield from _records(name, file, limit)


def _records(name: str, file: IO[bytes], limit: int) -> Iterator[Result]:
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415 - the warc extra
    from warcio.exceptions import ArchiveLoadFailed  # noqa: PLC0415

    stream: IO[bytes] = file
    whole = False  # one gzip stream for the whole file, read as such
    start = 0
    done = -1  # the offset of the last record reported: later ones only, after a restart
    while True:
        stream.seek(start)
        records = ArchiveIterator(stream, check_digests=True)
        current: int | None = None  # the record being read; None between records
        try:
            for record in records:
                # Where this record starts (get_record_offset() would first read the
                # record to its end, leaving no payload to read).
                current = records.offset
                if current > done:
                    result = _record_result(name, current, record, limit)
                    records.read_to_end()
                    result = _damaged(name, current, record) or result
                    if result is not None:
                        yield result
                    done = current
                current = None
        except Exception as error:  # warcio and zlib raise many kinds: each is reported
            if isinstance(error, ArchiveLoadFailed) and _ONE_GZIP in str(error) and not whole:
                # warcio reads gzip per record only; it says so after the first record.
                whole, stream, start = True, _gzip_stream(file), 0
                continue
            failed = max(current if current is not None else records.offset, done + 1)
            yield _unreadable_record(name, failed, error, resumed=not whole)
            done = failed
            resume = None if whole else _next_record_start(file, failed + 1)
            if resume is None:
                return
            start = resume
        else:
            return


def _gzip_stream(file: IO[bytes]) -> IO[bytes]:
    import gzip  # noqa: PLC0415

    file.seek(0)
    return gzip.GzipFile(fileobj=file, mode="rb")  # type: ignore[return-value]


def _damaged(name: str, offset: int, record: Any) -> Result | None:
    """The result of a record read to its end that is cut short or fails its digest, or None."""
    missing = getattr(record.raw_stream, "limit", 0)
    # Only the block digest: crawlers disagree on what the payload digest covers
    # (with or without the transfer encoding), so its failure proves nothing.
    failed = [p for p in record.digest_checker.problems if p.startswith("block digest failed")]
    if missing:
        found = f"one cut short ({missing:,} bytes of it missing: a truncated file)"
    elif failed:
        found = f"one that fails its digest ({'; '.join(failed)})"
    else:
        return None
    problem = ErrorDetail(
        "$",
        "unreadable",
        f"expected a whole WARC/ARC record at byte {offset}, found {found}; read nothing of it",
    )
    return Result(_provenance(name, offset, record), "unreadable", problems=(problem,))


def _next_record_start(file: IO[bytes], position: int) -> int | None:
    """Find where the next gzip member or plain WARC record starts at or after *position*."""
    file.seek(0)
    gzipped = file.read(2) == _GZIP_MAGIC[:2]
    marker = _GZIP_MAGIC if gzipped else _WARC_START
    shift = 0 if gzipped else 1
    file.seek(max(position - shift, 0))
    base = file.tell()
    carry = b""
    while True:
        chunk = file.read(_SCAN_BYTES)
        if not chunk:
            return None
        data = carry + chunk
        found = data.find(marker)
        if found >= 0:
            return base - len(carry) + found + shift
        carry = data[-(len(marker) - 1) :]
        base += len(chunk)


def _unreadable_record(name: str, offset: int, error: Exception, *, resumed: bool) -> Result:
    what = " ".join(f"{type(error).__name__}: {error}".split())
    then = "went on at the next record found, if any" if resumed else "read no further"
    problem = ErrorDetail(
        "$",
        "unreadable",
        f"expected a readable WARC/ARC record at byte {offset}, found a corrupt or truncated "
        f"one ({what}); {then}",
    )
    return Result(Provenance(name, offset), "unreadable", problems=(problem,))


def _provenance(name: str, offset: int, record: Any) -> Provenance:
    headers = record.rec_headers
    if record.format.startswith("arc"):
        return Provenance(
            name,
            offset,
            None,
            headers.get_header("uri"),
            headers.get_header("archive-date"),
        )
    return Provenance(
        name,
        offset,
        headers.get_header("WARC-Record-ID"),
        headers.get_header("WARC-Target-URI"),
        headers.get_header("WARC-Date"),
    )


def _record_result(name: str, offset: int, record: Any, limit: int) -> Result | None:
    if record.rec_type not in ("response", "resource"):
        return None
    where = _provenance(name, offset, record)
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode()
        if not status.startswith("2"):
            return _skipped(where, f"expected an HTTP success (2xx), found status {status}")
        content_type = http.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media not in HTML_MEDIA_TYPES:
        found = f"{content_type!r}" if content_type else "no Content-Type"
        return _skipped(where, f"expected an HTML page (text/html), found {found}")
    payload = _payload(record, limit)
    if isinstance(payload, int):
        message = (
            f"expected a page of at most {limit:,} bytes, found more than {payload - 1:,} bytes"
        )
        return Result(where, "skipped", problems=(ErrorDetail("$", "too_large", message),))
    return _extract(where, payload, content_type or "")


def _skipped(where: Provenance, why: str) -> Result:
    return Result(where, "skipped", findings=(Finding("$", "skipped", f"{why}; not read"),))


def _payload(record: Any, limit: int) -> bytes | int:
    """The record's payload (transfer and content encodings undone), or its size when too large."""
    stream = record.content_stream()
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        part = stream.read(min(1 << 20, limit + 1 - size))
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
    return size


def _extract(where: Provenance, payload: bytes, content_type: str) -> Result:
    from ._decode import header_charset  # noqa: PLC0415
    from ._extract import extract  # noqa: PLC0415
    from ._values import is_url  # noqa: PLC0415

    findings: list[Finding] = []
    url = where.target_uri
    if url is not None and not is_url(url):
        findings.append(
            Finding(
                "$",
                "dropped",
                f"expected an absolute http(s) URL as WARC-Target-URI, found {url!r}; "
                "read the page without a base URL",
            )
        )
        url = None
    try:
        articles = extract(payload, url, encoding=header_charset(content_type), findings=findings)
    except ValidationError as error:
        return Result(where, "invalid", findings=tuple(findings), problems=tuple(error.errors))
    except ValueError as error:  # a target URI urllib cannot split
        problem = ErrorDetail("$", "invalid", f"could not read the page: {error}")
        return Result(where, "invalid", findings=tuple(findings), problems=(problem,))
    except Exception as error:  # reported for this record, never raised
        problem = ErrorDetail("$", "internal", unexpected(error))
        return Result(where, "invalid", findings=tuple(findings), problems=(problem,))
    if not articles:
        from ._extract import unbuilt_errors  # noqa: PLC0415

        _, errors = unbuilt_errors(findings)
        status = "invalid" if errors else "no_article"
        return Result(where, status, findings=tuple(findings), problems=tuple(errors))
    return Result(where, "ok", tuple(articles), tuple(findings))


def write_results(results: Iterable[Result], path: str | os.PathLike[str]) -> int:
    """
    Write *results* to a Parquet file with the result schema; return how many.

    Written in batches of 1,000 rows, so memory stays bounded however many.
    """
    import pyarrow.parquet as pq  # noqa: PLC0415 - the arrow extra

    from .jobs import result_schema, to_record_batch  # noqa: PLC0415

    count = 0
    batch: list[Result] = []
    with pq.ParquetWriter(path, result_schema()) as writer:
        for result in results:
            batch.append(result)
            if len(batch) == 1000:
                writer.write_batch(to_record_batch(batch))
                count += len(batch)
                batch = []
        if batch:
            writer.write_batch(to_record_batch(batch))
            count += len(batch)
    return count
