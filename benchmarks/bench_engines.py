"""
Benchmark newsmodel's extract job on Dask and Spark against the sequential path (issue 11).

Run from the repository root, with the ``tests`` dependency group (dask, distributed,
pyspark, warcio, pyarrow) and a Java runtime for Spark::

    python benchmarks/bench_engines.py               # prints a table
    python benchmarks/bench_engines.py --json out.json
    python benchmarks/bench_engines.py --quick       # fewer pages: a smoke test

The input is WARC files built from the corpus pages (tests/data/pages and a page per
JSON-LD item of tests/data/corpus), written as tests/engine_inputs.py writes them.

Figures, all from one run:

- **sequential**: ``jobs.process`` over every file in this process: pages
  per second on one core.
- **dask** and **spark** with 2 single-threaded workers: the wall time of the same
  job once the engine is up, and the *scaling efficiency*, sequential time /
  (engine time x 2 workers): 1.0 is perfect use of two free cores. The target is
  0.85 when the two cores are free; the table prints the load average beside it,
  because on a shared machine they are not, and the figure then says less about
  the engine than about the neighbours.
- **start-up**: each engine's fixed cost, from nothing to the first (empty) task
  done: LocalCluster and Client for Dask; the session, the JVM and the first
  Python worker for Spark.
- **peak memory per worker**: the largest peak resident set of any worker process
  (Dask's worker processes; Spark's Python workers, not the JVM) after running over
  2 files, then over all of them (a peak, so the second figure includes the
  first). With one file per task the peak should not grow with the number of files.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
TARGET = 0.85


def load_inputs_module() -> Any:
    """Import tests/engine_inputs.py (tests is not a package)."""
    path = ROOT / "tests" / "engine_inputs.py"
    spec = importlib.util.spec_from_file_location("newsmodel_bench_engine_inputs", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def write_warcs(directory: Path, files: int, pages_per_file: int) -> list[str]:
    """Write *files* WARC files of *pages_per_file* corpus pages each (pages repeat)."""
    inputs = load_inputs_module()
    pages = inputs.corpus_pages()
    paths = []
    for index in range(files):
        chosen = [pages[(index * pages_per_file + i) % len(pages)] for i in range(pages_per_file)]
        path = directory / f"bench-{index}.warc.gz"
        inputs.write_warc(path, chosen, first=index * pages_per_file)
        paths.append(str(path))
    return paths


def max_rss_mib(_: object = None) -> float:
    """This process's peak resident set in MiB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sequential(paths: list[str]) -> tuple[float, int]:
    from newsmodel.jobs import process

    started = time.perf_counter()
    count = sum(1 for path in paths for _ in process(path, "extract"))
    return time.perf_counter() - started, count


def bench_dask(paths: list[str], few: int) -> dict[str, Any]:
    import distributed

    import newsmodel.dask

    started = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    client.submit(max_rss_mib).result()
    start_up = time.perf_counter() - started
    try:
        newsmodel.dask.bag(paths[:few], "extract").compute()
        peak_few = max(client.run(max_rss_mib).values())
        started = time.perf_counter()
        results = newsmodel.dask.bag(paths, "extract").compute()
        seconds = time.perf_counter() - started
        peak_all = max(client.run(max_rss_mib).values())
    finally:
        client.close()
        cluster.close()
    return {
        "start_up_s": start_up,
        "seconds": seconds,
        "results": len(results),
        "peak_worker_mib_few": peak_few,
        "peak_worker_mib_all": peak_all,
    }


def descendants(pid: int) -> list[int]:
    """The processes below *pid* (Linux: /proc/PID/task/TID/children)."""
    found: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):  # a thread or process that ended meanwhile
            for child in map(int, children.read_text().split()):
                found += [child, *descendants(child)]
    return found


def peak_mib(pid: int) -> float:
    """A process's peak resident set (VmHWM) in MiB; 0 for one that ended."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def python_workers_peak_mib(spark: Any) -> float:
    """The largest peak resident set of Spark's Python worker processes, in MiB."""
    jvm: int = spark.sparkContext._gateway.proc.pid
    return max([0.0, *map(peak_mib, descendants(jvm))])


def bench_spark(paths: list[str], few: int) -> dict[str, Any]:
    import newsmodel.spark

    started = time.perf_counter()
    spark = newsmodel.spark.session(f"local[{WORKERS}]", app_name="newsmodel-bench")
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.parallelize(range(WORKERS), WORKERS).count()  # the Python workers start
    start_up = time.perf_counter() - started
    try:
        newsmodel.spark.results(spark, paths[:few], "extract").count()
        peak_few = python_workers_peak_mib(spark)
        started = time.perf_counter()
        results = newsmodel.spark.to_results(newsmodel.spark.results(spark, paths, "extract"))
        seconds = time.perf_counter() - started
        peak_all = python_workers_peak_mib(spark)
    finally:
        spark.stop()
    return {
        "start_up_s": start_up,
        "seconds": seconds,
        "results": len(results),
        "peak_worker_mib_few": peak_few,
        "peak_worker_mib_all": peak_all,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--quick", action="store_true", help="fewer pages: a smoke test")
    parser.add_argument("--files", type=int, default=8, help="WARC files (default 8)")
    parser.add_argument("--engines", default="dask,spark", help="default: dask,spark")
    args = parser.parse_args()
    pages_per_file = 60 if args.quick else 300
    files = 4 if args.quick else args.files
    few = 2
    report: dict[str, Any] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "files": files,
        "pages_per_file": pages_per_file,
        "workers": WORKERS,
    }
    with tempfile.TemporaryDirectory() as directory:
        paths = write_warcs(Path(directory), files, pages_per_file)
        report["bytes"] = sum(os.path.getsize(path) for path in paths)
        report["load_before"] = os.getloadavg()[0]
        seconds, count = sequential(paths)
        report["sequential"] = {
            "seconds": seconds,
            "results": count,
            "pages_per_s": count / seconds,
            "mib_per_s": report["bytes"] / seconds / 2**20,
            "peak_mib": max_rss_mib(),
        }
        for name in args.engines.split(","):
            figures = {"dask": bench_dask, "spark": bench_spark}[name](paths, few)
            figures["efficiency"] = seconds / (figures["seconds"] * WORKERS)
            figures["load_after"] = os.getloadavg()[0]
            assert figures["results"] == count, f"{name} lost or duplicated results"
            report[name] = figures
    print_table(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def print_table(report: dict[str, Any]) -> None:
    sequential_figures = report["sequential"]
    print(
        f"{report['files']} WARC files, {report['pages_per_file']} pages each, "
        f"{report['bytes'] / 2**20:.1f} MiB; {report['cpus']} CPUs, load average "
        f"{report['load_before']:.1f} before the run"
    )
    print(
        f"sequential: {sequential_figures['seconds']:.1f} s, "
        f"{sequential_figures['pages_per_s']:.0f} pages/s on one core "
        f"({sequential_figures['mib_per_s']:.2f} MiB/s of WARC), "
        f"peak {sequential_figures['peak_mib']:.0f} MiB"
    )
    print(
        f"{'engine':<8}{'start-up s':>12}{'run s':>9}{'efficiency':>12}{'target':>8}"
        f"{'peak MiB/worker (2 files / all)':>34}{'load after':>12}"
    )
    for name in ("dask", "spark"):
        if name not in report:
            continue
        figures = report[name]
        peaks = f"{figures['peak_worker_mib_few']:.0f} / {figures['peak_worker_mib_all']:.0f}"
        print(
            f"{name:<8}{figures['start_up_s']:>12.1f}{figures['seconds']:>9.1f}"
            f"{figures['efficiency']:>12.2f}{TARGET:>8.2f}{peaks:>34}"
            f"{figures['load_after']:>12.1f}"
        )


if __name__ == "__main__":
    main()
