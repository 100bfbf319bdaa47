"""
Benchmark the schema.org writers and reader against nm.dumps (issue 3, "Performance").

Run from the repository root::

    python benchmarks/bench_markup.py               # prints a table
    python benchmarks/bench_markup.py --json out.json
    python benchmarks/bench_markup.py --quick       # fewer repeats: a smoke test

Every figure is microseconds per article on the shipped seed example, measured in
one process and interleaved: each repeat times every operation once, so that load
on a shared machine hits them all alike. The figure compared is the minimum over
the repeats (the least disturbed run); the median is shown beside it. The target
is each operation within 3 x nm.dumps of the same article; nm.loads and
nm.from_dict are shown for scale (from_dict is the checks and construction that
from_jsonld runs too, so it is that reader's floor).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import timeit
from pathlib import Path
from typing import TYPE_CHECKING, Any

import newsmodel as nm
from newsmodel._jsonld import read_own_jsonld

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-2024-10-13.json"
TARGET = 3.0  # each operation <= 3 x nm.dumps


def operations(article: nm.Article) -> dict[str, Callable[[], object]]:
    """Return the timed operations, by name, all on *article*."""
    document = nm.to_jsonld(article)
    text = json.dumps(document)
    wire = nm.to_dict(article)
    return {
        "nm.dumps": lambda: nm.dumps(article),
        "to_jsonld": lambda: nm.to_jsonld(article),
        "jsonld_script": lambda: nm.jsonld_script(article),
        "to_microdata": lambda: nm.to_microdata(article),
        "to_meta_tags": lambda: nm.to_meta_tags(article),
        "from_jsonld (dict)": lambda: read_own_jsonld(document),
        "from_jsonld (str)": lambda: read_own_jsonld(text),
        "nm.loads (for scale)": lambda: nm.loads(nm.dumps(article)),
        # What every reader of the article must do at least: check each value
        # and build the objects (from_jsonld hands its values to this loader).
        "nm.from_dict (for scale)": lambda: nm.from_dict(wire),
    }


def measure(
    ops: dict[str, Callable[[], object]], repeats: int, sample: float
) -> dict[str, list[float]]:
    """Time each operation *repeats* times, interleaved; return µs per call per repeat."""
    numbers = {}
    for name, op in ops.items():
        count, _ = timeit.Timer(op).autorange()
        took = timeit.timeit(op, number=count)
        numbers[name] = max(1, int(count * sample / took))
    results: dict[str, list[float]] = {name: [] for name in ops}
    for _ in range(repeats):
        for name, op in ops.items():
            number = numbers[name]
            results[name].append(timeit.timeit(op, number=number) / number * 1e6)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally save) the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--sample", type=float, default=0.02, help="seconds per timing sample")
    parser.add_argument("--quick", action="store_true", help="5 repeats of short samples")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    repeats, sample = (5, 0.005) if args.quick else (args.repeats, args.sample)
    article = nm.loads(EXAMPLE.read_bytes())
    results = measure(operations(article), repeats, sample)
    base = min(results["nm.dumps"])
    rows: list[dict[str, Any]] = []
    print(f"{'operation':<24} {'min µs':>8} {'median µs':>10} {'x dumps':>8}  target")
    for name, times in results.items():
        best = min(times)
        ratio = best / base
        scaled = not name.endswith("(for scale)") and name != "nm.dumps"
        verdict = ("met" if ratio <= TARGET else "missed") if scaled else ""
        print(f"{name:<24} {best:8.1f} {statistics.median(times):10.1f} {ratio:8.2f}  {verdict}")
        rows.append(
            {
                "operation": name,
                "min_us": round(best, 2),
                "median_us": round(statistics.median(times), 2),
                "x_dumps": round(ratio, 2),
                "target_met": (ratio <= TARGET) if scaled else None,
            }
        )
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {
                    "python": sys.version.split()[0],
                    "machine": platform.machine(),
                    "repeats": repeats,
                    "target_x_dumps": TARGET,
                    "results": rows,
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
