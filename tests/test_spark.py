"""
newsmodel.spark against a real local Spark session (``local[2]``), started once for the module.

Every run is compared with the sequential path (``_partition.process`` over the same
files, in order): results, articles, findings, problems and provenance must be
equal, none lost and none duplicated, with corrupt records in the inputs.

Spark needs a Java runtime (17 or later, with the ``jdk.incubator.vector`` module that
Spark 4 asks for). The session uses ``JAVA_HOME`` or the ``java`` on the ``PATH``. Without
one the tests are skipped, except in CI (``CI`` set), where a missing Java fails them.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import newsmodel.spark

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pyspark.sql import SparkSession

    from newsmodel._partition import Result

HERE = Path(__file__).resolve().parent

# pyspark warns on import that it does not "fully support" pandas 3; no pandas is used here
pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)


def load_module(name: str) -> Any:
    """Import tests/<name>.py (tests is not a package)."""
    spec = importlib.util.spec_from_file_location(f"newsmodel_tests_{name}", HERE / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


inputs = load_module("engine_inputs")


def java_found() -> bool:
    return bool(os.environ.get("JAVA_HOME")) or shutil.which("java") is not None


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    if not java_found():
        message = "no Java runtime for Spark: set JAVA_HOME or put java on the PATH"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    session = newsmodel.spark.session(
        "local[2]",
        app_name="newsmodel-tests",
        config={"spark.sql.shuffle.partitions": "2", "spark.ui.enabled": "false"},
    )
    assert session.conf.get("spark.sql.shuffle.partitions") == "2"
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    built: dict[str, list[str]] = inputs.build(tmp_path_factory.mktemp("engines"))
    return built


def sequential(paths: list[str], job: str) -> list[Result]:
    results: list[Result] = inputs.sequential(paths, job)
    return results


@pytest.mark.parametrize("job", ["extract", "validate", "read"])
def test_results_equal_sequential(
    spark: SparkSession, files: dict[str, list[str]], job: str
) -> None:
    frame = newsmodel.spark.results(spark, files[job], job)
    assert frame.schema == newsmodel.spark.spark_schema()
    expected = sequential(files[job], job)
    assert newsmodel.spark.to_results(frame) == expected
    assert {r.provenance.file for r in expected} == set(files[job])


def test_many_results_from_one_file_come_in_batches(
    spark: SparkSession, files: dict[str, list[str]]
) -> None:
    # a file with more results than BATCH_ROWS streams out in several Arrow batches
    paths = files["extract"][2:3]
    expected = sequential(paths, "extract")
    assert len(expected) > 7
    frame = newsmodel.spark.results(spark, paths, "extract", batch_rows=7)
    assert newsmodel.spark.to_results(frame) == expected


def test_spark_sql_reads_the_nested_columns(
    spark: SparkSession, files: dict[str, list[str]]
) -> None:
    frame = newsmodel.spark.results(spark, files["validate"], "validate")
    frame.createOrReplaceTempView("results")
    counted = spark.sql(
        "SELECT status, count(*) AS n, sum(size(problems)) AS problems "
        "FROM results GROUP BY status ORDER BY status"
    ).collect()
    expected: dict[str, list[int]] = {}
    for result in sequential(files["validate"], "validate"):
        tally = expected.setdefault(result.status, [0, 0])
        tally[0] += 1
        tally[1] += len(result.problems)
    assert {row.status: [row.n, row.problems] for row in counted} == expected


@pytest.mark.parametrize(
    ("paths", "job", "error", "message"),
    [
        (["a.warc.gz"], "transform", ValueError, "job: expected a job among 'extract', "),
        ([], "extract", ValueError, "paths: expected at least one file, found none"),
        ("a.warc.gz", "extract", TypeError, "expected a sequence of paths, found the string"),
    ],
)
def test_a_run_that_cannot_start_fails_before_any_task(
    spark: SparkSession, paths: Any, job: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        newsmodel.spark.results(spark, paths, job)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line here; its exit status, stdout and stderr, run times left out."""
    from newsmodel import cli

    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    seconds = re.compile(r'"seconds": [0-9.]+|in [0-9.]+ s')
    return status, seconds.sub("", out), seconds.sub("", err)


def test_cli_validate_on_spark_reports_as_local(
    spark: SparkSession,
    files: dict[str, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsmodel.cli import _tasks

    monkeypatch.setattr(_tasks, "CHUNK_BYTES", 4096)  # many tasks: several windows
    argv = ("validate", "--format", "json", "--no-progress", *files["validate"][:2])
    local = run_cli(capsys, *argv)
    assert local[0] == 1
    jobs = len(spark.sparkContext.statusTracker().getJobIdsForGroup())
    on_spark = run_cli(capsys, *argv, "--engine", "spark", "--master", "local[2]")
    assert on_spark == local
    assert len(spark.sparkContext.statusTracker().getJobIdsForGroup()) > jobs
    assert not spark.sparkContext._jsc.sc().isStopped()  # the running session is left running


def docs_example(name: str) -> str:
    """The ```python block of docs/archives.md that starts with the comment ``# NAME:``."""
    text = (HERE.parent / "docs" / "archives.md").read_text(encoding="utf-8")
    found = re.search(r"```python\n(# " + re.escape(name) + r":.*?)```", text, re.DOTALL)
    assert found is not None, name
    return found.group(1)


def test_the_docs_spark_example_runs_as_written(
    spark: SparkSession,
    files: dict[str, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for path in files["extract"][:2]:
        shutil.copy(path, crawl)
    monkeypatch.chdir(tmp_path)
    exec(compile(docs_example("crawl_spark.py"), "crawl_spark.py", "exec"), {})
    counts: dict[str, int] = {}
    for result in sequential(
        sorted(os.path.abspath(path) for path in glob.glob("crawl/*.warc.gz")), "extract"
    ):
        counts[result.status] = counts.get(result.status, 0) + 1
    printed = capsys.readouterr().out.splitlines()
    assert sorted(printed) == sorted(f"{status} {n}" for status, n in counts.items())
    assert spark.read.parquet(str(tmp_path / "results-spark")).count() == sum(counts.values())
