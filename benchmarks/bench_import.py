"""
Benchmark the import of real-world markup (issue 4).

Measures, in one process:

- ``from_jsonld`` over every corpus item (``tests/data/corpus/items.jsonl``), as items
  per second, with the share that imports;
- ``extract`` on a typical page (the seed example's standalone page, which carries the
  article in JSON-LD and in microdata), beside extruct's own extraction of the same page
  (``extruct.extract(..., syntaxes=["json-ld", "microdata"])``), which ``extract``
  builds on.

Run: ``python benchmarks/bench_import.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import json
import timeit
from datetime import timezone
from pathlib import Path

import extruct

import newsmodel as nm

ROOT = Path(__file__).resolve().parent.parent
ITEMS = ROOT / "tests" / "data" / "corpus" / "items.jsonl"
PAGE = ROOT / "examples" / "kyiv-independent-2024-10-13.page.html"


def _import_all(items: list[object]) -> int:
    imported = 0
    for item in items:
        try:
            nm.from_jsonld(item, default_tz=timezone.utc)
        except nm.ValidationError:
            continue
        imported += 1
    return imported


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    items = [json.loads(line)["item"] for line in ITEMS.read_text().splitlines()]
    imported = _import_all(items)
    corpus = min(timeit.repeat(lambda: _import_all(items), number=1, repeat=args.repeats))

    html = PAGE.read_text(encoding="utf-8")
    found = nm.extract(html)
    ours = min(timeit.repeat(lambda: nm.extract(html), number=20, repeat=args.repeats)) / 20
    theirs = (
        min(
            timeit.repeat(
                lambda: extruct.extract(html, syntaxes=["json-ld", "microdata"], uniform=True),
                number=20,
                repeat=args.repeats,
            )
        )
        / 20
    )

    print(f"from_jsonld over the corpus: {len(items)} items in {corpus * 1e3:.0f} ms,")
    print(f"  {len(items) / corpus:,.0f} items/s; {imported} imported (default_tz=UTC)")
    print(f"extract on {PAGE.name} ({len(html):,} bytes, {len(found)} article):")
    print(f"  newsmodel.extract {ours * 1e3:.2f} ms; extruct.extract alone {theirs * 1e3:.2f} ms")
    print(f"  ratio {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
