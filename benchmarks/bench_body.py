"""
Benchmark the structured body (issue 12, "Performance").

Run from the repository root::

    python benchmarks/bench_body.py               # prints a table
    python benchmarks/bench_body.py --json out.json
    python benchmarks/bench_body.py --quick       # fewer repeats: a smoke test

The payload is a rich body of the worked example's size (12 paragraphs of about
150 characters, each with a link and emphasis, two headings and a list). Every
figure is microseconds per body, measured in one process and interleaved: each
repeat times every operation once, so that load on a shared machine hits them
all alike; the minimum over the repeats is compared, the median shown beside it.

- loads / dumps: newsmodel's body loader and dumper (with orjson) beside
  pydantic v2 with an equivalent discriminated-union model
  (``model_validate_json`` / ``model_dump_json``);
- article loads / dumps: the worked example with this body in place of its plain
  paragraphs (`nm.loads` / `nm.dumps`) beside pydantic v2's article model
  (``models_pydantic``) whose body takes the same discriminated union;
- to_microdata of that article beside to_microdata of the worked example as it is
  (plain paragraphs of about the same text): what the structure costs the markup;
  and of that article with its eight quotes standing in the body across the links
  and emphasis (`quoted_in_body`), where each quote is cut out of its paragraph
  with markup split at its edges;
- body_to_html: the body as HTML;
- body_from_html beside nh3 (Ammonia) cleaning the same HTML: nh3 returns
  sanitized HTML, body_from_html a validated body with a finding for each drop.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import timeit
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

import attrs
import models_pydantic
import nh3
import orjson
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

import newsmodel as nm
from newsmodel._body import (
    Emphasis,
    Heading,
    Link,
    List,
    ListItem,
    Paragraph,
    dump_body,
    load_body,
)
from newsmodel._body_html import body_from_html, body_to_html

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsmodel._errors import ErrorDetail

# ---------------------------------------------------------- the pydantic model


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PEmphasis(_Model):
    type: Literal["emphasis"]
    content: list[PInline]


class PStrong(_Model):
    type: Literal["strong"]
    content: list[PInline]


class PCode(_Model):
    type: Literal["code"]
    text: str = Field(min_length=1, pattern=r"^[^\n]*$")


class PLink(_Model):
    type: Literal["link"]
    url: str = Field(pattern=r"^(https?://[^\s/?#]+\S*|mailto:\S+)$")
    title: str | None = None
    content: list[PInline]


PInline = Union[  # noqa: UP007 - pydantic reads the alias at run time
    str, Annotated[Union[PEmphasis, PStrong, PCode, PLink], Field(discriminator="type")]  # noqa: UP007
]


class PParagraph(_Model):
    type: Literal["paragraph"]
    content: list[PInline] = Field(min_length=1)


class PHeading(_Model):
    type: Literal["heading"]
    level: int = Field(ge=2, le=6)
    content: list[PInline] = Field(min_length=1)


class PItem(_Model):
    content: list[PInline] = []
    sublist: PList | None = None


class PList(_Model):
    type: Literal["list"]
    ordered: bool = False
    items: list[Union[str, list[PInline], PItem]] = Field(min_length=1)  # noqa: UP007


PBlock = Union[  # noqa: UP007
    str, Annotated[Union[PParagraph, PHeading, PList], Field(discriminator="type")]  # noqa: UP007
]
for _model in (PEmphasis, PStrong, PLink, PItem, PList):
    _model.model_rebuild()
BODY_ADAPTER: TypeAdapter[list[Any]] = TypeAdapter(list[PBlock])


class RichArticle(models_pydantic.Article):
    """pydantic's article model with the structured body."""

    body: tuple[PBlock, ...] = ()  # type: ignore[assignment]


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kyiv-independent-2024-10-13.json"

# ----------------------------------------------------------------- the payload

_SENTENCE = (
    "Officials in the region said on Sunday that repairs to the power grid would take "
    "weeks, and that the night-time curfew stays in force"
)


def rich_body() -> tuple[Any, ...]:
    """A rich body of the worked example's size."""
    paragraphs = [
        Paragraph(
            content=(
                f"{_SENTENCE[:60]} ",
                Link(url=f"https://example.com/news/{index}", content=("earlier reports",)),
                f" {_SENTENCE[60:]}, ",
                Emphasis(content=("according to the ministry",)),
                ".",
            )
        )
        for index in range(12)
    ]
    listing = List(items=tuple(ListItem(content=(f"Point {n}",)) for n in range(1, 5)))
    return (
        Heading(level=2, content=("What happened",)),
        *paragraphs[:6],
        listing,
        Heading(level=2, content=("What comes next",)),
        *paragraphs[6:],
    )


def quoted_in_body(article: nm.Article) -> nm.Article:
    """*article* (with `rich_body`) with its quotes' words standing across links and emphasis."""
    across_link = f"{_SENTENCE[40:60]} earlier reports {_SENTENCE[60:80]}"
    into_emphasis = f"{_SENTENCE[-15:]}, according to"
    words = [across_link if n % 2 == 0 else into_emphasis for n in range(len(article.quotes))]
    quotes = [attrs.evolve(q, text=text) for q, text in zip(article.quotes, words, strict=True)]
    return attrs.evolve(article, quotes=quotes)


def operations() -> dict[str, Callable[[], object]]:
    """Return the timed operations, by name."""
    body = rich_body()
    text = orjson.dumps(dump_body(body))
    validated = BODY_ADAPTER.validate_json(text)
    html = body_to_html(body)
    # What a CMS sends: the same body with classes, styles and a script.
    cms_html = (
        '<div class="article-body" style="margin:0">'
        + html.replace("<p>", '<p class="para" data-id="1">')
        + "<script>track()</script></div>"
    )

    def loads() -> object:
        report: list[ErrorDetail] = []
        return load_body(orjson.loads(text), "$", "body", report)

    plain_text = EXAMPLE.read_bytes()
    plain = nm.loads(plain_text)
    rich = nm.from_dict({**orjson.loads(plain_text), "body": dump_body(body)})
    rich_text = nm.dumps(rich)
    rich_model = RichArticle.model_validate_json(rich_text)
    quoted = quoted_in_body(rich)
    assert nm.to_microdata(quoted).count('class="quote"') == len(quoted.quotes)  # all marked
    return {
        "nm article loads": lambda: nm.loads(rich_text),
        "pydantic article validate_json": lambda: RichArticle.model_validate_json(rich_text),
        "nm article dumps": lambda: nm.dumps(rich),
        "pydantic article dump_json": lambda: rich_model.model_dump_json(exclude_none=True),
        "nm to_microdata (rich)": lambda: nm.to_microdata(rich),
        "nm to_microdata (plain)": lambda: nm.to_microdata(plain),
        "nm to_microdata (rich, quoted)": lambda: nm.to_microdata(quoted),
        "nm body loads": loads,
        "pydantic body validate_json": lambda: BODY_ADAPTER.validate_json(text),
        "nm body dumps": lambda: orjson.dumps(dump_body(body)),
        "pydantic body dump_json": lambda: BODY_ADAPTER.dump_json(validated),
        "nm body_to_html": lambda: body_to_html(body),
        "nm body_from_html": lambda: body_from_html(cms_html),
        "nh3.clean": lambda: nh3.clean(cms_html),
    }


def measure(repeats: int, number: int) -> dict[str, dict[str, float]]:
    """Time every operation, interleaved; microseconds per call."""
    ops = operations()
    times: dict[str, list[float]] = {name: [] for name in ops}
    for _ in range(repeats):
        for name, op in ops.items():
            times[name].append(timeit.timeit(op, number=number) / number * 1e6)
    return {
        name: {"min": min(values), "median": statistics.median(values)}
        for name, values in times.items()
    }


def main(argv: list[str] | None = None) -> int:
    """Print the table (or write JSON) and return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    repeats, number = (3, 20) if args.quick else (15, 200)
    figures = measure(repeats, number)

    def ratio(ours: str, theirs: str) -> float:
        return figures[ours]["min"] / figures[theirs]["min"]

    ratios = {
        "article loads / pydantic": ratio("nm article loads", "pydantic article validate_json"),
        "article dumps / pydantic": ratio("nm article dumps", "pydantic article dump_json"),
        "to_microdata rich / plain": ratio("nm to_microdata (rich)", "nm to_microdata (plain)"),
        "to_microdata quoted / plain": ratio(
            "nm to_microdata (rich, quoted)", "nm to_microdata (plain)"
        ),
        "body loads / pydantic": ratio("nm body loads", "pydantic body validate_json"),
        "body dumps / pydantic": ratio("nm body dumps", "pydantic body dump_json"),
        "body_from_html / nh3": ratio("nm body_from_html", "nh3.clean"),
    }
    print(f"Python {platform.python_version()}, {repeats} repeats of {number}")
    for name, figure in figures.items():
        print(f"{name:32} {figure['min']:9.1f} us (median {figure['median']:.1f})")
    for name, value in ratios.items():
        print(f"{name:32} {value:9.2f} x")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"figures": figures, "ratios": ratios}, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
