"""
Benchmark WARC reading and article extraction from web archives (issue 11).

Measures, in one process, on WARC files built from the test pages
(``tests/warcs.py``: each JSON-LD item of the corpus in a page of its own, and
the meta-tag pages of ``tests/data/pages``):

- the two WARC readers, warcio and FastWARC: response records per second
  (headers parsed, payload read), on gzip-per-record, plain, whole-file gzip
  and ARC files, and what each makes of a truncated and a corrupted file;
- ``newsmodel.warc.extract_records``: pages per second on one core,
  sequentially, and ``newsmodel.extract`` alone on the same pages;
- beside it, per page, trafilatura's metadata extraction
  (``trafilatura.extract_metadata``) and newspaper4k's
  (``newspaper.Article(url).download(input_html=...).parse()``).

Run: ``python benchmarks/bench_warc.py [--repeats N] [--copies N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib.util
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import newsmodel as nm
from newsmodel.warc import extract_records

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent


def _load_warcs() -> Any:
    spec = importlib.util.spec_from_file_location("newsmodel_tests_warcs", ROOT / "tests/warcs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


warcs = _load_warcs()


def _best(function: Callable[[], Any], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


# ----------------------------------------------------------------- readers


def _warcio_payloads(stream: Any) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    count = size = 0
    for record in ArchiveIterator(stream):
        if record.rec_type == "response":
            count += 1
            size += len(record.content_stream().read())
    return count, size


def read_warcio(path: str) -> tuple[int, int]:
    """Read every response record's payload with warcio; (records, payload bytes)."""
    with open(path, "rb") as file:
        return _warcio_payloads(file)


def read_warcio_one_gzip(path: str) -> tuple[int, int]:
    """As `read_warcio`, through one gzip stream (what newsmodel does for a whole-file gzip)."""
    import gzip

    with gzip.open(path, "rb") as stream:
        return _warcio_payloads(stream)


def read_fastwarc(path: str) -> tuple[int, int]:
    """Read every response record's payload with FastWARC; (records, payload bytes)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = size = 0
    with open(path, "rb") as file:
        for record in ArchiveIterator(file, record_types=WarcRecordType.response, parse_http=True):
            count += 1
            size += len(record.reader.read())
    return count, size


def _outcome(reader: Callable[[str], tuple[int, int]], path: str) -> str:
    try:
        count, _ = reader(path)
    except Exception as error:
        return f"raises {type(error).__name__}"
    return f"{count} records, no error"


# --------------------------------------------------------------------- peers


def _extract(page: Any) -> None:
    # A page whose article markup makes no valid article raises: timed all the same.
    with contextlib.suppress(nm.ValidationError):
        nm.extract(page.body, page.url, encoding="utf-8", findings=[])


def _trafilatura(page: Any) -> None:
    import trafilatura

    trafilatura.extract_metadata(page.body.decode("utf-8", "replace"), default_url=page.url)


def _newspaper(page: Any) -> None:
    import newspaper

    article = newspaper.Article(page.url)
    article.download(input_html=page.body.decode("utf-8", "replace"))
    article.parse()


def _per_page(
    function: Callable[[Any], object], pages: list[Any], repeats: int
) -> tuple[float, int]:
    """Seconds per page, and the pages on which *function* raised (a peer's failure)."""
    failed = 0

    def run() -> None:
        nonlocal failed
        failed = 0
        for page in pages:
            try:
                function(page)
            except Exception:  # noqa: PERF203 - a peer's failure on one page is counted
                failed += 1

    return _best(run, repeats) / len(pages), failed


def main() -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--copies", type=int, default=4, help="copies of the pages for readers")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    pages = warcs.all_pages()
    many = pages * args.copies
    expected = (len(many), sum(len(page.body) for page in many))
    with tempfile.TemporaryDirectory() as directory:
        files = {
            "gzip per record": warcs.warc_bytes(many, requests=True),
            "plain": warcs.warc_bytes(many, compress=False),
            "whole-file gzip": warcs.whole_gzip(many),
            "ARC": warcs.arc_bytes(many),
        }
        paths = {}
        for number, (name, data) in enumerate(files.items()):
            paths[name] = str(Path(directory) / f"{number}.warc")
            Path(paths[name]).write_bytes(data)
        gz = files["gzip per record"]
        cut = str(Path(directory) / "cut.warc.gz")
        Path(cut).write_bytes(gz[: len(gz) // 2 + 100])
        corrupt = bytearray(gz)
        corrupt[len(gz) // 3 : len(gz) // 3 + 64] = b"X" * 64
        bad = str(Path(directory) / "bad.warc.gz")
        Path(bad).write_bytes(bytes(corrupt))

        print(f"Readers: {len(many)} response records ({expected[1] / 1e6:.1f} MB of pages)")
        print(
            f"{'file':<18} {'warcio rec/s':>13} {'FastWARC rec/s':>15}  correct (warcio / FastWARC)"
        )
        paths["whole-file gzip*"] = paths["whole-file gzip"]
        for name, path in paths.items():
            cells = []
            first = read_warcio_one_gzip if name.endswith("*") else read_warcio
            for reader in (first, read_fastwarc):
                try:
                    found = reader(path)
                except Exception as error:
                    cells.append((f"fails: {type(error).__name__}", False))
                    continue
                seconds = _best(functools.partial(reader, path), args.repeats)
                cells.append((f"{found[0] / seconds:,.0f}", found == expected))
            print(
                f"{name:<18} {cells[0][0]:>13} {cells[1][0]:>15}  "
                f"{'yes' if cells[0][1] else 'NO'} / {'yes' if cells[1][1] else 'NO'}"
            )
        print("* warcio through one gzip stream, as newsmodel.warc reads such a file")
        for label, path in (("truncated", cut), ("corrupted", bad)):
            print(
                f"{label:<18} warcio: {_outcome(read_warcio, path)}; "
                f"FastWARC: {_outcome(read_fastwarc, path)}"
            )

        source = str(Path(directory) / "pages.warc.gz")
        Path(source).write_bytes(warcs.warc_bytes(pages, requests=True))
        results = list(extract_records(source))
        ok = sum(result.status == "ok" for result in results)
        whole = _best(lambda: list(extract_records(source)), args.repeats)
        alone = _per_page(_extract, pages, args.repeats)

    per_page = whole / len(pages)
    print()
    print(f"Extraction: {len(pages)} pages, {ok} with an article; one core, sequential")
    print(f"{'':<44} {'ms/page':>8} {'pages/s':>8} {'raised':>7}")
    rows = [
        ("newsmodel.warc.extract_records (WARC in)", (per_page, 0)),
        ("newsmodel.extract alone", alone),
        ("trafilatura.extract_metadata", _per_page(_trafilatura, pages, args.repeats)),
        ("newspaper4k Article.parse", _per_page(_newspaper, pages, args.repeats)),
    ]
    for label, (seconds, failed) in rows:
        print(f"{label:<44} {seconds * 1e3:>8.2f} {1 / seconds:>8.0f} {failed:>7}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
