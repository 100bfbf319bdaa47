"""
newsmodel.dask against a real Dask cluster: a distributed.LocalCluster of 2 worker processes.

The cluster is started once for the module. Every run is compared with the sequential
path (``jobs.process`` over the same files, in order): the results, their
articles, findings, problems and provenance must be equal, none lost and none
duplicated, with corrupt records in the inputs and when a worker is killed mid-run.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shutil
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import distributed
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel.dask
import newsmodel.jobs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsmodel.jobs import Result

HERE = Path(__file__).resolve().parent


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


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    built: dict[str, list[str]] = inputs.build(tmp_path_factory.mktemp("engines"))
    return built


def sequential(paths: list[str], job: str) -> list[Result]:
    results: list[Result] = inputs.sequential(paths, job)
    return results


@pytest.mark.parametrize("job", ["extract", "validate", "read"])
def test_bag_equals_sequential(
    client: distributed.Client, files: dict[str, list[str]], job: str
) -> None:
    expected = sequential(files[job], job)
    assert newsmodel.dask.bag(files[job], job).compute() == expected
    # every input is there, in order, and the inputs had trouble in them to carry
    assert [r.provenance.file for r in expected] == sorted(
        (r.provenance.file for r in expected), key=files[job].index
    )
    assert set(files[job]) == {r.provenance.file for r in expected}


def test_the_inputs_hold_trouble(files: dict[str, list[str]]) -> None:
    # the equality tests above carry corrupt records, bad lines and missing files
    for job in ("extract", "validate"):
        statuses = {r.status for r in sequential(files[job], job)}
        assert "unreadable" in statuses
        assert len(statuses) >= 3


@pytest.mark.parametrize("job", ["extract", "validate", "read"])
def test_dataframe_equals_sequential(
    client: distributed.Client, files: dict[str, list[str]], job: str
) -> None:
    frame = newsmodel.dask.dataframe(files[job], job)
    assert list(frame.columns) == newsmodel.jobs.result_schema().names
    assert newsmodel.dask.to_results(frame.compute()) == sequential(files[job], job)


def test_write_parquet_is_the_arrow_result_table(
    client: distributed.Client, files: dict[str, list[str]], tmp_path: Path
) -> None:
    newsmodel.dask.write_parquet(files["extract"], "extract", str(tmp_path / "out"))
    parts = sorted((tmp_path / "out").glob("*.parquet"), key=lambda p: int(p.stem.split(".")[1]))
    assert len(parts) == len(files["extract"])
    results = [
        result
        for part in parts
        for batch in pq.read_table(part).to_batches()
        for result in newsmodel.jobs.from_record_batch(batch)
    ]
    assert results == sequential(files["extract"], "extract")


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    client: distributed.Client, files: dict[str, list[str]]
) -> None:
    paths = files["extract"][:3] * 6  # 18 tasks: enough to be mid-run when one worker dies
    expected = sequential(paths, "extract")
    running = newsmodel.dask.bag(paths, "extract").persist()
    futures = distributed.futures_of(running)
    distributed.wait(futures, return_when="FIRST_COMPLETED")
    busy = [address for address, keys in client.processing().items() if keys]
    assert busy, "no task was running when the worker was to be killed"
    assert not all(future.done() for future in futures)
    pids = client.run(os.getpid)
    os.kill(pids[busy[0]], signal.SIGKILL)
    assert running.compute() == expected
    client.wait_for_workers(2)


@pytest.mark.parametrize(
    ("paths", "job", "error", "message"),
    [
        (["a.warc.gz"], "transform", ValueError, "job: expected a job among 'extract', "),
        ([], "extract", ValueError, "paths: expected at least one file, found none"),
        ("a.warc.gz", "extract", TypeError, "expected a sequence of paths, found the string"),
        ([b"a.warc.gz"], "extract", TypeError, r"paths\[0\]: expected a path \(str\), found"),
    ],
)
def test_a_run_that_cannot_start_fails_before_any_task(
    paths: Any, job: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        newsmodel.dask.bag(paths, job)
    with pytest.raises(error, match=message):
        newsmodel.dask.dataframe(paths, job)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line here; its exit status, stdout and stderr, run times left out."""
    from newsmodel import cli

    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    seconds = re.compile(r'"seconds": [0-9.]+|in [0-9.]+ s')
    return status, seconds.sub("", out), seconds.sub("", err)


def test_cli_validate_on_dask_reports_as_local(
    client: distributed.Client,
    files: dict[str, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsmodel.cli import _tasks

    monkeypatch.setattr(_tasks, "CHUNK_BYTES", 4096)  # many tasks, in flight together
    archives = files["validate"][:2]
    for report in ("text", "json"):
        argv = ("validate", "--format", report, "--no-progress", *archives)
        local = run_cli(capsys, *argv)
        assert local[0] == 1
        assert local[1].count("\n") > 10
        address = client.scheduler_info()["address"]
        assert isinstance(address, str)
        with distributed.get_task_stream(client) as stream:
            on_dask = run_cli(capsys, *argv, "--engine", "dask", "--scheduler", address)
        assert on_dask == local
        assert len([task for task in stream.data if "run_task" in task["key"]]) > 4


def test_cli_validate_on_a_local_dask_cluster(
    files: dict[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ("validate", "--no-progress", files["validate"][0])
    assert run_cli(capsys, *argv, "--engine", "dask", "--jobs", "1") == run_cli(capsys, *argv)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--scheduler", "tcp://x:1"], "--scheduler applies only with --engine dask, found "),
        (["--engine", "dask", "--master", "local[1]"], "--master applies only with --engine "),
    ],
)
def test_cli_engine_options_belong_to_their_engine(
    files: dict[str, list[str]],
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    message: str,
) -> None:
    status, out, err = run_cli(capsys, "validate", files["validate"][0], *options)
    assert (status, out) == (2, "")
    assert message in err


def docs_example(name: str) -> str:
    """The ```python block of docs/archives.md that starts with the comment ``# NAME:``."""
    text = (HERE.parent / "docs" / "archives.md").read_text(encoding="utf-8")
    found = re.search(r"```python\n(# " + re.escape(name) + r":.*?)```", text, re.DOTALL)
    assert found is not None, name
    return found.group(1)


def test_the_docs_dask_example_runs_as_written(
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
    exec(compile(docs_example("crawl.py"), "crawl.py", "exec"), {"__name__": "__main__"})
    expected = sequential(
        sorted(os.path.abspath(path) for path in glob.glob("crawl/*.warc.gz")), "extract"
    )
    ok = sum(result.status == "ok" for result in expected)
    assert capsys.readouterr().out == f"{len(expected)} records, {ok} with articles\n"
    assert len(list((tmp_path / "results").glob("*.parquet"))) == 2


@given(
    st.one_of(
        st.text(max_size=5),
        st.lists(st.one_of(st.text(max_size=5), st.binary(max_size=3), st.integers(), st.none())),
        st.tuples(st.text(max_size=5)),
    ),
    st.one_of(st.sampled_from(["extract", "validate", "read"]), st.text(max_size=8)),
)
def test_any_arguments_give_a_lazy_run_or_an_error_that_says_what_was_expected(
    paths: Any, job: str
) -> None:
    message = ": expected "
    try:
        newsmodel.dask.bag(paths, job)
    except (ValueError, TypeError) as error:
        message = str(error)
    assert ": expected " in message
