"""
Compare the worked example's speed now with an earlier revision, in one process.

Run from the repository root::

    python benchmarks/bench_revision.py 86d74ea        # 30 repeats of 200 calls
    python benchmarks/bench_revision.py HEAD~3 --repeats 10

The earlier revision's ``src/newsmodel`` is taken from git (``git archive``) into a
temporary folder under another package name (the package imports itself relatively),
so both versions load, dump and write the same example in the same process,
interleaved: load on a shared machine hits both alike. It checks that both write the
same bytes, then prints the minimum (and median) microseconds per call and the ratio
now / before for ``loads``, ``dumps``, ``to_jsonld`` and ``to_microdata``.
"""

from __future__ import annotations

import argparse
import importlib
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import timeit
from pathlib import Path
from typing import TYPE_CHECKING, Any

import newsmodel

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-2024-10-13.json"


def import_revision(revision: str, folder: Path) -> Any:
    """Import ``src/newsmodel`` as it was at *revision*, as the package ``newsmodel_then``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "src/newsmodel"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "src" / "newsmodel").rename(folder / "newsmodel_then")
    sys.path.insert(0, str(folder))
    return importlib.import_module("newsmodel_then")


def main(argv: list[str] | None = None) -> int:
    """Print the comparison and return 0 (1 if the two versions write different bytes)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the earlier revision (a commit, tag or branch)")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    text = EXAMPLE.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        then = import_revision(args.revision, Path(folder))
        now_article, then_article = newsmodel.loads(text), then.loads(text)
        operations: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
            "loads": (lambda: newsmodel.loads(text), lambda: then.loads(text)),
            "dumps": (lambda: newsmodel.dumps(now_article), lambda: then.dumps(then_article)),
            "to_jsonld": (
                lambda: newsmodel.to_jsonld(now_article),
                lambda: then.to_jsonld(then_article),
            ),
            "to_microdata": (
                lambda: newsmodel.to_microdata(now_article),
                lambda: then.to_microdata(then_article),
            ),
        }
        # The same bytes out (the articles loaded are of two packages' classes).
        written = {
            "loads": (newsmodel.dumps(operations["loads"][0]()), then.dumps(then.loads(text))),
            **{name: (now(), before()) for name, (now, before) in list(operations.items())[1:]},
        }
        differ = [name for name, (ours, theirs) in written.items() if ours != theirs]
        if differ:
            print(f"the two versions write different output: {', '.join(differ)}")
            return 1
        times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in operations}
        for _ in range(args.repeats):
            for name, (now, before) in operations.items():
                times[name][0].append(timeit.timeit(now, number=200) / 200 * 1e6)
                times[name][1].append(timeit.timeit(before, number=200) / 200 * 1e6)
    print(f"now against {args.revision}, {args.repeats} repeats of 200, microseconds per call")
    for name, (now_times, then_times) in times.items():
        print(
            f"{name:13} now {min(now_times):8.1f}  before {min(then_times):8.1f}  "
            f"ratio {min(now_times) / min(then_times):.3f}  (medians "
            f"{statistics.median(now_times):.1f} / {statistics.median(then_times):.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
