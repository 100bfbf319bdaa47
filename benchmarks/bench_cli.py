"""
Benchmark the ``newsmodel`` command line against its targets (issue 5).

1. ``newsmodel validate`` on 10,000 article files (a fifth of them invalid), made
   from the worked example, against ``check-jsonschema --schemafile`` with
   newsmodel's own JSON Schema on the same files: target 10 times faster. The two
   must also agree on which files are invalid.
2. ``newsmodel --version`` start-up: target 150 ms or less.
3. ``newsmodel validate --jobs 2`` against ``--jobs 1`` on a 100,000-line JSON
   Lines file: target 1.7 times the throughput, with a peak memory (resident set
   of the largest process) that does not grow with the file: 10,000 lines against
   100,000.

check-jsonschema is not a dependency of newsmodel and is not installed into the
project's environment: unless ``--check-jsonschema PATH`` names one, the script
makes a temporary virtual environment and installs it there with pip (from the
package index pip is configured for), and skips the comparison with a message if
that fails. ``--no-install`` skips it without trying.

The machine's other load matters for the ``--jobs`` figure: the script first
measures how much parallel CPU it actually gets (two busy processes against one)
and prints it next to the ratio.

Run from the repository root, with the project's environment:

    .venv/bin/python benchmarks/bench_cli.py
    .venv/bin/python benchmarks/bench_cli.py --files 2000 --lines 20000 --no-install  # quick
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-2024-10-13.json"

# Run a command and print the peak resident set size (kB) of its processes: the
# largest of the command and the workers it waited for (Linux ru_maxrss).
_PEAK_RSS = (
    "import resource, subprocess, sys;"
    "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode;"
    "print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def newsmodel_command() -> list[str]:
    """Return the command that runs newsmodel: the console script next to this Python."""
    script = Path(sys.executable).parent / "newsmodel"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsmodel"]


def _invalid(payload: dict[str, Any], number: int) -> dict[str, Any]:
    """Break *payload* in one of five ways, picked by *number*."""
    payload = json.loads(json.dumps(payload))
    how = number % 5
    if how == 0:
        payload["url"] = "javascript:alert(1)"
    elif how == 1:
        payload["tags"][0]["nmae"] = payload["tags"][0].pop("name")
    elif how == 2:
        del payload["headline"]
    elif how == 3:
        payload["date_published"] = "2024-10-13T21:04:00"
    else:
        payload["images"][0]["width"] = 0
        payload["language"] = "english"
    return payload


def _variant(base: dict[str, Any], number: int) -> dict[str, Any]:
    """Return the example with its own url and headline; every fifth is invalid."""
    payload = dict(base)
    payload["url"] = f"https://example.com/news/{number}"
    payload["headline"] = f"{base['headline']} ({number})"
    return _invalid(payload, number // 5) if number % 5 == 4 else payload


def make_files(directory: Path, count: int) -> list[str]:
    """Write *count* article files; return their names."""
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    directory.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(count):
        name = f"article-{number:05}.json"
        text = json.dumps(_variant(base, number), indent=2, ensure_ascii=False)
        (directory / name).write_text(text, encoding="utf-8")
        names.append(name)
    return names


def make_jsonl(path: Path, count: int) -> int:
    """Write a JSON Lines file of *count* articles (a fifth invalid); return its size."""
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    with path.open("w", encoding="utf-8") as file:
        for number in range(count):
            file.write(json.dumps(_variant(base, number), ensure_ascii=False) + "\n")
    return path.stat().st_size


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    command: list[str], cwd: Path | None = None
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run *command*; return its wall time in seconds and its result."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, result


def best(command: list[str], repeats: int, cwd: Path | None = None) -> tuple[float, float, Any]:
    """
    Run *command* *repeats* times.

    Returns:
        The best wall time, the CPU time (user and system, of the command and the
        workers it waited for) of that run, and the last result.
    """
    runs = []
    result = None
    for _ in range(repeats):
        cpu = _cpu()
        seconds, result = timed(command, cwd)
        runs.append((seconds, _cpu() - cpu))
    wall, cpu = min(runs)
    return wall, cpu, result


def peak_rss_kb(command: list[str]) -> int:
    """Return the peak resident set size of *command*'s largest process, in kB."""
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *command], capture_output=True, text=True, check=True
    )
    return int(result.stdout.split()[1])


def parallel_capacity() -> float:
    """Return how many cores' worth of CPU two busy processes get here (1.0 to 2.0)."""
    spin = "import time\nend = time.process_time() + 1\nwhile time.process_time() < end: pass"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", spin], check=True)
    one = time.perf_counter() - started
    started = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(2)]
    for process in processes:
        process.wait()
    two = time.perf_counter() - started
    return 2 * one / two


def find_check_jsonschema(args: argparse.Namespace, scratch: Path) -> str | None:
    """Return a check-jsonschema executable: given, or installed into a temporary venv."""
    if args.check_jsonschema:
        return str(args.check_jsonschema)
    if args.no_install:
        return None
    venv = scratch / "check-jsonschema-venv"
    print(f"installing check-jsonschema into a temporary environment ({venv}) ...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "check-jsonschema",
            ],
            check=True,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"could not install check-jsonschema ({error}); skipping that comparison")
        return None
    return str(venv / "bin" / "check-jsonschema")


def invalid_files_newsmodel(output: str) -> set[str]:
    """Return the files a newsmodel text report names."""
    return {line.split(":", 1)[0] for line in output.splitlines() if line}


def invalid_files_check_jsonschema(output: str) -> set[str]:
    """Return the files a check-jsonschema text report names (lines 'FILE::$.path: ...')."""
    return {line.strip().split("::", 1)[0] for line in output.splitlines() if "::" in line}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


Row = tuple[str, str, str, "bool | None"]


def bench_files(args: argparse.Namespace, command: list[str], scratch: Path) -> list[Row]:
    """Validate many files with newsmodel and with check-jsonschema."""
    files_dir = scratch / "files"
    names = make_files(files_dir, args.files)
    schema = scratch / "schema.json"
    printed = subprocess.run([*command, "schema"], capture_output=True, text=True, check=True)
    schema.write_text(printed.stdout, encoding="utf-8")
    validate = [*command, "validate", "-q", "--no-progress", *names]
    ours, _, result = best(validate, args.repeats, files_dir)
    our_invalid = invalid_files_newsmodel(result.stdout)
    print(
        f"newsmodel validate, {len(names):,} files: {ours:.2f} s "
        f"(exit {result.returncode}, {len(our_invalid):,} invalid files)"
    )
    checker = find_check_jsonschema(args, scratch)
    if checker is None:
        print("check-jsonschema: skipped (not available)")
        return [("validate vs check-jsonschema", "skipped", ">= 10 x", None)]
    theirs, other = timed([checker, "--schemafile", str(schema), *names], files_dir)
    their_invalid = invalid_files_check_jsonschema(other.stdout)
    version = subprocess.run([checker, "--version"], capture_output=True, text=True, check=False)
    print(
        f"{version.stdout.strip()}, same files: {theirs:.2f} s (exit {other.returncode}, "
        f"{len(their_invalid):,} invalid files)"
    )
    print(f"the two agree on which files are invalid: {our_invalid == their_invalid}")
    ratio = theirs / ours
    return [("validate vs check-jsonschema", f"{ratio:.1f} x faster", ">= 10 x", ratio >= 10)]


def bench_startup(args: argparse.Namespace, command: list[str]) -> list[Row]:
    """Time ``newsmodel --version`` in fresh processes."""
    runs = [timed([*command, "--version"])[0] for _ in range(args.startup_runs)]
    bare = min(timed([sys.executable, "-c", "pass"])[0] for _ in range(5))
    median = statistics.median(runs)
    print(
        f"newsmodel --version: median {_ms(median)}, best {_ms(min(runs))} "
        f"(python -c pass: {_ms(bare)})"
    )
    return [("newsmodel --version start-up", _ms(median), "<= 150 ms", median <= 0.150)]


def bench_jobs(args: argparse.Namespace, command: list[str], scratch: Path) -> list[Row]:
    """Compare --jobs 2 with --jobs 1 on a big JSON Lines file, and peak memory with size."""
    big = scratch / "big.jsonl"
    small = scratch / "small.jsonl"
    size = make_jsonl(big, args.lines)
    make_jsonl(small, args.lines // 10)
    validate = [*command, "validate", "-q", "--no-progress"]
    before = parallel_capacity()
    one, one_cpu, _ = best([*validate, "--jobs", "1", str(big)], args.repeats)
    two, two_cpu, _ = best([*validate, "--jobs", "2", str(big)], args.repeats)
    after = parallel_capacity()
    print(
        f"{args.lines:,} lines ({size / 1e6:.0f} MB): --jobs 1 {one:.2f} s "
        f"({args.lines / one:,.0f} lines/s, {one_cpu:.2f} s CPU), --jobs 2 {two:.2f} s "
        f"({args.lines / two:,.0f} lines/s, {two_cpu:.2f} s CPU)"
    )
    print(
        f"cores' worth of CPU two busy processes got: {before:.2f} before, {after:.2f} after; "
        f"CPU the workers added: {two_cpu / one_cpu - 1:+.1%}"
    )
    speedup = one / two
    rows: list[Row] = [
        (
            "--jobs 2 vs --jobs 1 throughput",
            f"{speedup:.2f} x (free: {before:.1f}, {after:.1f} cores)",
            ">= 1.7 x",
            speedup >= 1.7,
        )
    ]
    for jobs in ("1", "2"):
        small_kb = peak_rss_kb([*validate, "--jobs", jobs, str(small)])
        big_kb = peak_rss_kb([*validate, "--jobs", jobs, str(big)])
        print(
            f"peak RSS --jobs {jobs}: {args.lines // 10:,} lines {small_kb / 1024:.1f} MB, "
            f"{args.lines:,} lines {big_kb / 1024:.1f} MB"
        )
        growth = big_kb / small_kb
        rows.append(
            (
                f"peak RSS, 10 x the lines, --jobs {jobs}",
                f"{growth:.2f} x",
                "<= 1.1 x",
                growth <= 1.1,
            )
        )
    return rows


def main() -> int:
    """Run the benchmark and print the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="article files (10,000)")
    parser.add_argument("--lines", type=int, default=100_000, help="JSON Lines lines (100,000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure; the best counts")
    parser.add_argument("--startup-runs", type=int, default=20, help="runs of --version (20)")
    parser.add_argument("--check-jsonschema", type=Path, help="a check-jsonschema executable")
    parser.add_argument("--no-install", action="store_true", help="do not install it")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()

    command = newsmodel_command()
    scratch = Path(tempfile.mkdtemp(prefix="newsmodel-bench-"))
    print(
        f"newsmodel command: {' '.join(command)} (python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores); scratch: {scratch}"
    )
    try:
        rows = bench_files(args, command, scratch)
        rows += bench_startup(args, command)
        rows += bench_jobs(args, command, scratch)
    finally:
        if args.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print()
    width = max(len(name) for name, *_ in rows)
    for name, value, target, met in rows:
        verdict = {True: "met", False: "MISSED", None: "-"}[met]
        print(f"{name:<{width}}  {value:<28} target {target:<10} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
