"""newsmodel.arrow: the Arrow schema from the field rules, tables, Parquet, DuckDB."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import strategies
from newsmodel._rules import field_rules

pa = pytest.importorskip("pyarrow")
arrow = pytest.importorskip("newsmodel.arrow")

if TYPE_CHECKING:
    from pathlib import Path

MODELS = (nm.Article, nm.Person, nm.Organization, nm.Image, nm.Tag, nm.Quote, nm.RelatedStory)


def article(**changes: Any) -> nm.Article:
    values: dict[str, Any] = {
        "url": "https://news.example/a",
        "headline": "Headline",
        "language": "en",
        "date_published": datetime(2024, 10, 13, 21, 4, tzinfo=timezone(timedelta(hours=3))),
    }
    values.update(changes)
    return nm.Article(**values)


def struct_fields(arrow_type: Any) -> dict[str, Any]:
    return {
        arrow_type.field(i).name: arrow_type.field(i).type for i in range(arrow_type.num_fields)
    }


def class_struct(cls: type) -> dict[str, Any]:
    """Find *cls*'s struct in the article schema by walking the schema."""
    found: dict[type, dict[str, Any]] = {
        nm.Article: {f.name: f.type for f in arrow.article_schema()}
    }
    pending: list[type[Any]] = [nm.Article]
    while pending:
        current = pending.pop()
        fields = found[current]
        for rule in field_rules(current):
            arrow_type = fields[rule.key]
            if rule.sequence:
                arrow_type = arrow_type.value_type
            for nested in rule.classes:
                if nested not in found:
                    found[nested] = struct_fields(arrow_type)
                    pending.append(nested)
    return found[cls]


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_every_model_field_is_in_the_schema(cls: type) -> None:
    # A field added to a model class without a place in the schema fails here.
    fields = class_struct(cls)
    for rule in field_rules(cls):
        assert rule.key in fields, f"{cls.__name__}.{rule.name} has no column"
        if rule.sequence:
            assert pa.types.is_list(fields[rule.key])


def test_the_schema_nests_structs_and_lists_not_json_text() -> None:
    schema = arrow.article_schema()
    authors = schema.field("authors").type
    assert pa.types.is_list(authors)
    author = struct_fields(authors.value_type)
    assert author["type"] == pa.string()
    assert {"name", "url", "job_title", "affiliation", "logo"} <= set(author)
    assert pa.types.is_struct(schema.field("publisher").type)
    assert schema.field("kind").type == pa.string()
    assert not schema.field("url").nullable
    assert schema.field("date_modified").nullable


def test_a_datetime_keeps_its_instant_and_its_offset() -> None:
    kyiv = article()
    table = arrow.to_arrow([kyiv])
    value = table.column("date_published").to_pylist()[0]
    assert value["offset_minutes"] == 180
    assert value["instant"] == datetime(2024, 10, 13, 18, 4, tzinfo=timezone.utc)
    assert arrow.from_arrow(table)[0].date_published.utcoffset() == timedelta(hours=3)


def test_a_quote_date_keeps_date_or_datetime() -> None:
    speaker = nm.Person(name="A. Speaker")
    on_a_day = nm.Quote(text="Words.", speaker=speaker, date=date(2024, 1, 2))
    at_a_time = nm.Quote(
        text="More words.", speaker=speaker, date=datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc)
    )
    table = arrow.to_arrow([article(quotes=(on_a_day, at_a_time))])
    dates = [quote["date"] for quote in table.column("quotes").to_pylist()[0]]
    assert dates[0] == {"date": date(2024, 1, 2), "instant": None, "offset_minutes": None}
    assert dates[1]["date"] is None
    back = arrow.from_arrow(table)[0].quotes
    assert type(back[0].date) is date
    assert type(back[1].date) is datetime


def test_extreme_instants_survive() -> None:
    # The first and last moments of the model's range, with the widest offsets.
    widest = timedelta(hours=23, minutes=59)
    early = datetime(1, 1, 1, tzinfo=timezone(-widest))
    late = datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(widest))
    articles = [article(date_published=early), article(date_published=late)]
    assert arrow.from_arrow(arrow.to_arrow(articles)) == articles


@given(st.lists(strategies.articles(), max_size=4))
def test_from_arrow_of_to_arrow_is_the_same(articles: list[nm.Article]) -> None:
    assert arrow.from_arrow(arrow.to_arrow(articles)) == articles


def test_parquet_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    articles = [
        article(authors=(nm.Person(name="Ann"), nm.Organization(name="Desk"))),
        article(url="https://news.example/b", tags=(nm.Tag(name="Kyiv"),)),
    ]
    arrow.write_parquet(articles, path)
    assert arrow.read_parquet(path) == articles


def test_duckdb_queries_the_parquet_file(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "articles.parquet"
    herald = nm.Organization(name="Herald")
    articles = [
        article(publisher=herald, authors=(nm.Person(name="Ann"), nm.Person(name="Bo"))),
        article(url="https://news.example/b", publisher=herald, authors=(nm.Person(name="Ann"),)),
        article(url="https://news.example/c", publisher=nm.Organization(name="Post")),
    ]
    arrow.write_parquet(articles, path)
    by_publisher = duckdb.sql(
        f"SELECT publisher.name, count(*) FROM '{path}' GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert by_publisher == [("Herald", 2), ("Post", 1)]
    bylines = duckdb.sql(
        f"SELECT a.name, count(*) FROM (SELECT unnest(authors) AS a FROM '{path}') "
        "GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert bylines == [("Ann", 2), ("Bo", 1)]
    offsets = duckdb.sql(f"SELECT DISTINCT date_published.offset_minutes FROM '{path}'").fetchall()
    assert offsets == [(180,)]


def test_from_arrow_reports_every_problem_of_every_row() -> None:
    table = arrow.to_arrow([article(), article(url="https://news.example/b")])
    rows = table.to_pylist()
    rows[0]["url"] = "not a url"
    rows[1]["headline"] = " "
    rows[1]["authors"] = [{"type": "robot", "name": "R2", "same_as": []}]
    broken = pa.Table.from_pylist(rows, schema=arrow.article_schema())
    with pytest.raises(nm.ValidationError) as caught:
        arrow.from_arrow(broken)
    paths = [(error.path, error.code) for error in caught.value.errors]
    assert ("$[0].url", "url") in paths
    assert ("$[1].headline", "empty") in paths or ("$[1].headline", "invalid") in paths
    assert ("$[1].authors[0].type", "invalid") in paths


def test_from_arrow_reports_an_out_of_range_datetime() -> None:
    rows = arrow.to_arrow([article()]).cast(arrow.raw_schema()).to_pylist()
    rows[0]["date_published"] = {"instant": 0, "offset_minutes": 24 * 60}
    broken = pa.Table.from_pylist(rows, schema=arrow.raw_schema()).cast(arrow.article_schema())
    with pytest.raises(nm.ValidationError) as caught:
        arrow.from_arrow(broken)
    [error] = caught.value.errors
    assert (error.path, error.code) == ("$[0].date_published", "invalid")
    assert "offset 1440 minutes" in error.message


def test_from_arrow_refuses_another_schema_saying_what_differs() -> None:
    table = pa.table({"url": ["https://news.example/a"], "title": ["x"]})
    with pytest.raises(nm.ValidationError) as caught:
        arrow.from_arrow(table)
    [error] = caught.value.errors
    assert error.path == "$"
    assert "headline: expected string, found no such column" in error.message
    assert "title: expected no such column" in error.message


def test_to_arrow_refuses_what_is_not_an_article() -> None:
    with pytest.raises(TypeError, match=r"expected an Article at \[1\], found"):
        arrow.to_arrow([article(), {"url": "x"}])
