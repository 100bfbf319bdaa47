"""newsmodel.warc: articles from WARC and ARC files built at test time from the test pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel.jobs import STATUSES, Provenance, Result, process

pytest.importorskip("warcio")
pytest.importorskip("lxml")
warc = pytest.importorskip("newsmodel.warc")

import warcs  # noqa: E402 - after the importorskips: it needs warcio

if TYPE_CHECKING:
    from pathlib import Path

Page = warcs.Page

#: Some corpus pages (JSON-LD) and some test pages (meta tags only).
PAGES: list[Any] = warcs.corpus_pages()[:12] + warcs.meta_pages()[:6]


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def without_place(results: list[Result]) -> list[Any]:
    """What each result says, but not where it is in the file (which differs by format)."""
    return [
        (r.provenance.target_uri, r.status, r.articles, r.findings, r.problems) for r in results
    ]


def expected() -> list[Any]:
    found: list[Any] = []
    for page in PAGES:
        findings: list[nm.Finding] = []
        try:
            articles = nm.extract(page.body, page.url, encoding="utf-8", findings=findings)
        except nm.ValidationError as error:
            found.append((page.url, "invalid", (), tuple(findings), tuple(error.errors)))
            continue
        status = "ok" if articles else "no_article"
        found.append((page.url, status, tuple(articles), tuple(findings), ()))
    return found


@pytest.fixture(scope="module")
def reference() -> list[Any]:
    return expected()


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("gzip-per-record.warc.gz", lambda pages: warcs.warc_bytes(pages, requests=True)),
        ("plain.warc", lambda pages: warcs.warc_bytes(pages, compress=False)),
        ("whole-file.warc.gz", warcs.whole_gzip),
        ("pages.arc", warcs.arc_bytes),
    ],
)
def test_every_format_gives_what_extract_gives(
    tmp_path: Path, reference: list[Any], name: str, build: Any
) -> None:
    path = write(tmp_path, name, build(PAGES))
    results = list(warc.extract_records(path))
    assert without_place(results) == reference
    assert {r.status for r in results} == {"ok", "invalid", "no_article"} & {
        r[1] for r in reference
    }
    offsets = [r.provenance.offset for r in results]
    assert offsets == sorted(offsets)
    assert len(set(offsets)) == len(offsets)


def test_provenance_names_the_record(tmp_path: Path) -> None:
    path = write(tmp_path, "a.warc.gz", warcs.warc_bytes(PAGES[:2], requests=True))
    first, second = warc.extract_records(path)
    assert first.provenance == Provenance(
        path, first.provenance.offset, "<urn:test:r0>", PAGES[0].url, warcs.DATE
    )
    assert second.provenance.record_id == "<urn:test:r1>"
    # The offset is where the record starts: reading from there gives it.
    with open(path, "rb") as file:
        file.seek(second.provenance.offset or 0)
        from warcio.archiveiterator import ArchiveIterator

        record = next(iter(ArchiveIterator(file)))
        assert record.rec_headers.get_header("WARC-Record-ID") == "<urn:test:r1>"


def test_an_arc_record_gives_its_url_and_date(tmp_path: Path) -> None:
    path = write(tmp_path, "a.arc", warcs.arc_bytes(PAGES[:1]))
    [result] = warc.extract_records(path)
    assert result.provenance.record_id is None
    assert result.provenance.target_uri == PAGES[0].url
    assert result.provenance.warc_date == "20241013210400"


def test_results_are_the_same_on_every_run(tmp_path: Path) -> None:
    path = write(tmp_path, "a.warc.gz", warcs.warc_bytes(PAGES[:6]))
    assert list(warc.extract_records(path)) == list(warc.extract_records(path))
    assert list(process(path, "extract")) == list(warc.extract_records(path))


# ------------------------------------------------------------ what is not a page


def test_a_non_html_or_failed_response_is_skipped_with_a_finding(tmp_path: Path) -> None:
    pages = [
        Page("https://x.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00binary", "image/png"),
        Page("https://x.example/moved", b"", "text/html", "301 Moved Permanently"),
        Page("https://x.example/gone", b"<html></html>", "text/html", "404 Not Found"),
        PAGES[0],
    ]
    path = write(tmp_path, "a.warc.gz", warcs.warc_bytes(pages))
    png, moved, gone, page = warc.extract_records(path)
    assert png.status == "skipped"
    assert png.findings[0].code == "skipped"
    assert "found 'image/png'" in png.findings[0].message
    assert moved.status == "skipped"
    assert "status 301" in moved.findings[0].message
    assert "status 404" in gone.findings[0].message
    assert page.status == "ok"


def test_binary_bytes_labelled_html_are_a_reported_result(tmp_path: Path) -> None:
    noise = bytes(range(256)) * 64
    pages = [Page("https://x.example/noise", noise, "text/html"), PAGES[0]]
    noisy, page = warc.extract_records(write(tmp_path, "a.warc", warcs.warc_bytes(pages)))
    assert noisy.status == "no_article"
    assert any("not valid" in f.message or "windows-1252" in f.message for f in noisy.findings)
    assert page.status == "ok"


def test_request_metadata_and_warcinfo_records_give_no_result(tmp_path: Path) -> None:
    path = write(tmp_path, "a.warc.gz", warcs.warc_bytes(PAGES[:3], requests=True))
    assert len(list(warc.extract_records(path))) == 3


def test_a_page_over_the_bound_is_skipped_with_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "a.warc", warcs.warc_bytes(PAGES[:2], compress=False))
    large, small = warc.extract_records(path, max_page_bytes=len(PAGES[1].body))
    assert large.status == "skipped"
    assert large.problems[0].code == "too_large"
    assert f"at most {len(PAGES[1].body):,} bytes" in large.problems[0].message
    assert small.status == "ok"


def test_a_50_mb_page_is_read(tmp_path: Path) -> None:
    page = PAGES[0]
    body = page.body.replace(
        b"<body></body>", b"<body><p>" + b"word " * (10 << 20) + b"</p></body>"
    )
    assert len(body) > 50_000_000
    path = write(
        tmp_path, "big.warc", warcs.warc_bytes([Page(page.url, body), page], compress=False)
    )
    big, small = warc.extract_records(path)
    assert big.status == "ok"
    assert big.articles == small.articles


# -------------------------------------------------------------------- charsets


def page_in(body: str, meta: str = "") -> bytes:
    return (
        f'<html lang="fr"><head>{meta}<meta property="og:title" content="{body}">'
        '<meta property="article:published_time" content="2024-10-13T21:04:00+02:00">'
        "</head></html>"
    ).encode("iso-8859-1")


def headline(result: Result) -> str:
    assert result.articles, result
    return result.articles[0].headline


def test_the_charset_comes_from_the_header_then_meta_then_detection(tmp_path: Path) -> None:
    latin = page_in("Élysée")
    meta = page_in("Élysée", '<meta charset="iso-8859-1">')
    pages = [
        Page("https://x.example/header", latin, "text/html; charset=ISO-8859-1"),
        Page("https://x.example/meta", meta, "text/html"),
        Page("https://x.example/guess", latin, "text/html"),
        # The header wins over the page's <meta>.
        Page(
            "https://x.example/both",
            page_in("Élysée", '<meta charset="utf-8">'),
            'text/html; charset="iso-8859-1"',
        ),
    ]
    header, from_meta, guessed, both = warc.extract_records(
        write(tmp_path, "a.warc", warcs.warc_bytes(pages, compress=False))
    )
    assert headline(header) == headline(from_meta) == headline(guessed) == "Élysée"
    assert headline(both) == "Élysée"
    assert not any("declares no encoding" in f.message for f in header.findings)
    assert any("windows-1252" in f.message for f in guessed.findings)


def test_the_page_url_comes_from_the_target_uri(tmp_path: Path) -> None:
    body = page_in("Title")
    pages = [Page("https://x.example/story", body, "text/html")]
    [result] = warc.extract_records(write(tmp_path, "a.warc", warcs.warc_bytes(pages)))
    assert result.articles[0].url == "https://x.example/story"


def resource_warc(uri: str, body: bytes, content_type: str) -> bytes:
    """A WARC with one resource record (a page saved without its HTTP exchange)."""
    import io

    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    record = writer.create_warc_record(
        uri, "resource", payload=io.BytesIO(body), length=len(body), warc_content_type=content_type
    )
    writer.write_record(record)
    return out.getvalue()


def test_a_resource_record_is_read_by_its_content_type(tmp_path: Path) -> None:
    data = resource_warc("https://x.example/saved", page_in("Title"), "text/html")
    [result] = warc.extract_records(write(tmp_path, "a.warc", data))
    assert result.status == "ok"
    assert result.articles[0].url == "https://x.example/saved"


def test_a_target_uri_that_is_not_http_is_reported(tmp_path: Path) -> None:
    data = resource_warc("file:///home/me/story.html", page_in("Title"), "text/html")
    [result] = warc.extract_records(write(tmp_path, "a.warc", data))
    assert any("WARC-Target-URI" in f.message for f in result.findings)
    # Without an address the page's article has no url: not built, and said why.
    assert result.status == "invalid"
    assert [(p.path, p.code) for p in result.problems] == [("$.meta.url", "missing")]


# ---------------------------------------------------------------- damaged files


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
def test_a_truncated_file_ends_with_an_unreadable_result(tmp_path: Path, compress: bool) -> None:
    data = warcs.warc_bytes(PAGES, compress=compress)
    whole = list(warc.extract_records(write(tmp_path, "a.warc", data)))
    fifth = whole[4].provenance.offset
    assert fifth is not None
    cut = list(warc.extract_records(write(tmp_path, "a.warc", data[: fifth + 400])))
    assert cut[:4] == whole[:4]
    [last] = cut[4:]
    assert last.status == "unreadable"
    assert last.provenance == whole[4].provenance
    assert "cut short" in last.problems[0].message


def test_a_corrupt_record_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    data = bytearray(warcs.warc_bytes(PAGES))
    results = list(warc.extract_records(write(tmp_path, "good", bytes(data))))
    third = results[2].provenance.offset
    assert third is not None
    data[third + 30 : third + 60] = b"X" * 30  # inside the third record's gzip member
    damaged = list(warc.extract_records(write(tmp_path, "bad", bytes(data))))
    assert [r.status for r in damaged[:2]] == [r.status for r in results[:2]]
    assert damaged[2].status == "unreadable"
    assert damaged[2].provenance.offset == third
    assert without_place(damaged[3:]) == without_place(results[3:])


def test_a_changed_payload_fails_its_digest(tmp_path: Path) -> None:
    data = warcs.warc_bytes(PAGES[:3], compress=False)
    at = data.index(b"<script") + 20
    changed = data[:at] + b"X" + data[at + 1 :]
    results = list(warc.extract_records(write(tmp_path, "a.warc", changed)))
    assert results[0].status == "unreadable"
    assert "fails its digest" in results[0].problems[0].message
    assert [r.status for r in results[1:]] != ["unreadable", "unreadable"]


def test_a_file_that_is_no_archive_is_unreadable(tmp_path: Path) -> None:
    [result] = warc.extract_records(write(tmp_path, "a.warc", b"hello, world\n" * 10))
    assert result.status == "unreadable"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(
    data=st.data(),
    compress=st.booleans(),
)
def test_any_damage_gives_results_never_an_exception(
    tmp_path: Path, data: st.DataObject, compress: bool
) -> None:
    archive = bytearray(warcs.warc_bytes(PAGES[:4], compress=compress))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(archive) - 1))
        kind = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if kind == "flip":
            archive[at] ^= data.draw(st.integers(1, 255))
        elif kind == "cut":
            del archive[at : at + data.draw(st.integers(1, 200))]
        else:
            archive[at:at] = data.draw(st.binary(min_size=1, max_size=50))
    path = write(tmp_path, "fuzzed", bytes(archive))
    results = list(warc.extract_records(path))
    for result in results:
        assert result.status in STATUSES
        assert result.provenance.file == path
        if result.status in ("unreadable", "invalid"):
            assert result.problems
    # At most one result per record start, and in file order.
    offsets = [r.provenance.offset or 0 for r in results]
    assert offsets == sorted(offsets)
    assert list(warc.extract_records(path)) == results


def test_write_results_writes_parquet_that_duckdb_reads(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    source = write(tmp_path, "a.warc.gz", warcs.warc_bytes(PAGES))
    out = tmp_path / "out.parquet"
    assert warc.write_results(warc.extract_records(source), out) == len(PAGES)
    statuses = duckdb.sql(f"SELECT status, count(*) FROM '{out}' GROUP BY 1 ORDER BY 1").fetchall()
    assert sum(count for _, count in statuses) == len(PAGES)
    urls = duckdb.sql(
        f"SELECT a.url FROM (SELECT unnest(articles) AS a FROM '{out}') ORDER BY 1"
    ).fetchall()
    assert len(urls) >= 1


# ----------------------------------------------------------------- command line


def test_the_command_line_writes_a_parquet_file_of_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsmodel.cli import main

    pa = pytest.importorskip("pyarrow.parquet")
    from newsmodel.jobs import from_record_batch

    first = write(tmp_path, "a.warc.gz", warcs.warc_bytes(PAGES[:5], requests=True))
    second = write(tmp_path, "b.arc", warcs.arc_bytes(PAGES[5:8]))
    out = tmp_path / "out.parquet"
    assert main(["extract", "--warc", first, second, "-o", str(out)]) == 0
    summary = capsys.readouterr().err
    assert summary.startswith("newsmodel: 2 files, 8 records, ")
    assert summary.rstrip().endswith(" s")
    written = from_record_batch(pa.read_table(out))
    sequential = list(process(first, "extract")) + list(process(second, "extract"))
    assert written == sequential


def test_the_command_line_exits_1_when_a_record_is_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsmodel.cli import main

    data = warcs.warc_bytes(PAGES[:3], compress=False)
    path = write(tmp_path, "cut.warc", data[: len(data) - 100])
    assert main(["extract", "--warc", path, "-o", str(tmp_path / "out.parquet")]) == 1
    assert "1 unreadable" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--warc", "{warc}"], "give -o OUT.parquet"),
        (["--warc", "{warc}", "-o", "out.jsonl"], "give -o OUT.parquet"),
        (["page.html", "--warc", "{warc}", "-o", "o.parquet"], "leave out a PAGE"),
        (["--warc", "{warc}", "--base-url", "https://x.example/", "-o", "o.parquet"], "--base-url"),
        (["--warc", "{missing}", "-o", "o.parquet"], "cannot read"),
        ([], "extract needs a PAGE"),
    ],
)
def test_the_command_line_refuses_what_it_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    from newsmodel.cli import main

    warc_path = write(tmp_path, "a.warc", warcs.warc_bytes(PAGES[:1], compress=False))
    filled = [a.format(warc=warc_path, missing=str(tmp_path / "missing.warc")) for a in arguments]
    assert main(["extract", *filled]) == 2
    error = capsys.readouterr().err
    assert message in error
    assert error.count("\n") == 1
