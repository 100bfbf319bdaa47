"""newsmodel.jobs: the per-file function every engine maps, and its Arrow rows."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import strategies
from newsmodel.jobs import (
    STATUSES,
    Provenance,
    Result,
    from_record_batch,
    process,
    to_record_batch,
)

pa = pytest.importorskip("pyarrow")

if TYPE_CHECKING:
    from pathlib import Path

ARTICLE = nm.Article(
    url="https://news.example/a",
    headline="Headline",
    language="en",
    date_published=datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc),
)


def test_validate_gives_one_result_per_line_in_order(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    path.write_bytes(
        nm.dumps(ARTICLE).encode() + b"\n\n  \n" + b'{"url": "x"}\n' + b"not json\n"
        b"\xff\xfe broken utf-8\n" + nm.dumps(ARTICLE).encode()  # no final line break
    )
    results = list(process(str(path), "validate"))
    assert [(r.provenance.offset, r.status) for r in results] == [
        (1, "ok"),
        (4, "invalid"),
        (5, "invalid"),
        (6, "invalid"),
        (7, "ok"),
    ]
    assert results[0].articles == (ARTICLE,)
    assert results[0].provenance == Provenance(str(path), 1)
    assert {p.code for p in results[1].problems} >= {"url", "missing"}
    assert results[2].problems[0].code == "json"


def test_validate_reports_an_over_long_line_and_goes_on(tmp_path: Path) -> None:
    from newsmodel import _reading

    path = tmp_path / "archive.jsonl"
    with path.open("wb") as file:
        file.write(b" " * (_reading.MAX_LINE_BYTES + 10) + b"\n")
        file.write(nm.dumps(ARTICLE).encode() + b"\n")
    first, second = process(str(path), "validate")
    assert first.status == "invalid"
    assert first.problems[0].code == "too_large"
    assert "--max-line-bytes" in first.problems[0].message
    assert second.status == "ok"


def test_an_unreadable_file_is_a_result(tmp_path: Path) -> None:
    for job in ("validate", "read", "extract"):
        [result] = process(str(tmp_path / "missing"), job)
        assert result.status == "unreadable"
        assert result.provenance == Provenance(str(tmp_path / "missing"))
        assert result.problems[0].code == "unreadable"


def test_an_unknown_job_is_refused() -> None:
    with pytest.raises(ValueError, match="expected a job among 'extract', 'validate', 'read'"):
        process("x", "convert")


def test_read_gives_one_result_per_parquet_row(tmp_path: Path) -> None:
    arrow = pytest.importorskip("newsmodel.arrow")
    path = tmp_path / "articles.parquet"
    rows = arrow.to_arrow([ARTICLE, ARTICLE]).to_pylist()
    rows[1]["url"] = "not a url"
    pa.parquet.write_table(pa.Table.from_pylist(rows, schema=arrow.article_schema()), path)
    ok, invalid = process(str(path), "read")
    assert ok == Result(Provenance(str(path), 0), "ok", (ARTICLE,))
    assert invalid.status == "invalid"
    assert invalid.provenance.offset == 1
    assert [(p.path, p.code) for p in invalid.problems] == [("$.url", "url")]


def test_read_of_a_file_that_is_not_parquet_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    path.write_bytes(b"PAR1 but not really")
    [result] = process(str(path), "read")
    assert result.status == "unreadable"
    assert "Parquet" in result.problems[0].message


# ------------------------------------------------------------------ Arrow rows

_texts = st.text(max_size=20)
_provenances = st.builds(
    Provenance,
    file=_texts,
    offset=st.none() | st.integers(0, 2**62),
    record_id=st.none() | _texts,
    target_uri=st.none() | _texts,
    warc_date=st.none() | _texts,
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_texts, inner, max_size=3),
    max_leaves=8,
)
_results = st.builds(
    Result,
    provenance=_provenances,
    status=st.sampled_from(STATUSES),
    articles=st.lists(strategies.articles(), max_size=2).map(tuple),
    findings=st.lists(st.builds(nm.Finding, _texts, _texts, _texts), max_size=3).map(tuple),
    problems=st.lists(
        st.builds(nm.ErrorDetail, _texts, _texts, _texts, st.just(nm.NO_INPUT) | _json),
        max_size=3,
    ).map(tuple),
)


@given(st.lists(_results, max_size=4))
def test_record_batches_are_lossless(results: list[Result]) -> None:
    back = from_record_batch(to_record_batch(results))
    assert back == results
    # ErrorDetail's input takes no part in equality: compare it too.
    inputs = [[p.input for p in r.problems] for r in results]
    assert [[p.input for p in r.problems] for r in back] == inputs


def test_the_input_of_a_problem_travels_as_json_text() -> None:
    problem = nm.ErrorDetail("$.x", "type", "expected a text, found a tuple", ("a", 1))
    result = Result(Provenance("f"), "invalid", problems=(problem,))
    batch = to_record_batch([result])
    assert batch.column("problems").to_pylist()[0][0]["input"] == '["a",1]'
    [back] = from_record_batch(batch)
    assert back.problems[0].input == ["a", 1]


def test_from_record_batch_refuses_another_schema() -> None:
    with pytest.raises(nm.ValidationError, match="result schema"):
        from_record_batch(pa.record_batch({"status": ["ok"]}))


def rows(results: list[Result]) -> list[dict[str, Any]]:
    return to_record_batch(results).to_pylist()  # type: ignore[no-any-return]


def test_result_rows_are_plain_nested_values() -> None:
    result = Result(Provenance("f.warc.gz", 0, "<urn:uuid:1>", "https://x.example/", "2024"), "ok")
    [row] = rows([result])
    assert row["provenance"]["record_id"] == "<urn:uuid:1>"
    assert row["articles"] == []
    assert row["status"] == "ok"


_lines = st.one_of(
    st.binary(max_size=60),
    st.text(max_size=60).map(str.encode),
    strategies.articles().map(lambda article: nm.dumps(article).encode()),
    st.builds(lambda article: nm.dumps(article).encode()[:-3], strategies.articles()),
).map(lambda line: line.replace(b"\n", b" "))


@given(st.lists(_lines, max_size=6))
def test_validate_gives_a_result_for_any_line_never_an_exception(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes]
) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "archive.jsonl"
    path.write_bytes(b"\n".join(lines))
    results = list(process(str(path), "validate"))
    payloads = [number for number, line in enumerate(lines, 1) if line.strip()]
    assert [r.provenance.offset for r in results] == payloads
    for result in results:
        assert result.status in ("ok", "invalid")
        assert bool(result.articles) == (result.status == "ok")
        assert bool(result.problems) == (result.status == "invalid")
    assert from_record_batch(to_record_batch(results)) == results
