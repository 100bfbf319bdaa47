"""
Benchmark the feed writers and reader (issue 13, "Performance").

Run from the repository root::

    python benchmarks/bench_feeds.py               # prints a table
    python benchmarks/bench_feeds.py --json out.json
    python benchmarks/bench_feeds.py --quick       # fewer repeats: a smoke test

On 100 articles drawn with newsmodel.strategies (a fixed seed; quotes and
related stories left out, as feeds carry neither): to_rss and to_atom beside
feedgen writing the same feed (the same elements: title, link, guid or id,
description or summary, the HTML body, each author, category and image, the
dates); from_feed beside feedparser's parse of the same document alone (the
floor: from_feed runs that parse, then maps and checks every item). Every
figure is milliseconds for the whole feed of 100 articles, measured in one
process and interleaved (each repeat times every operation once), the minimum
over the repeats with the median beside it.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import timeit
from typing import TYPE_CHECKING, Any

import feedparser
from feedgen.feed import FeedGenerator
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import strategies
from newsmodel._feeds import body_html

if TYPE_CHECKING:
    from collections.abc import Callable

FEED = nm.Feed(
    title="Benchmark feed",
    link="https://example.com/",
    description="100 drawn articles",
    language="en",
    self_url="https://example.com/feed",
)
COUNT = 100


def drawn_articles(count: int = COUNT) -> list[nm.Article]:
    """Draw *count* articles, the same ones on every run."""
    found: list[nm.Article] = []

    @seed(13)
    @settings(
        max_examples=count * 3,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategies.articles(quotes=st.nothing(), related=st.nothing()))
    def collect(article: nm.Article) -> None:
        # XML cannot hold U+FFFE and U+FFFF: keep articles both writers take as they are.
        text = nm.dumps(article)
        if "\ufffe" in text or "\uffff" in text:
            return
        if len(found) < count and all(a.url != article.url for a in found):
            found.append(article)

    collect()
    return found


def feedgen_feed(articles: list[nm.Article], kind: str) -> bytes:
    """Write *articles* with feedgen, element for element what to_rss/to_atom write."""
    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.load_extension("media")
    generator.id(FEED.self_url or FEED.link)
    generator.title(FEED.title)
    generator.link(href=FEED.link, rel="alternate")
    generator.description(FEED.description or "")
    generator.language(FEED.language)
    for a in articles:
        entry = generator.add_entry(order="append")
        entry.id(a.url)
        entry.guid(a.id or a.url, permalink=a.id is None)
        entry.title(a.headline)
        entry.link(href=a.url)
        if a.description is not None:
            entry.description(a.description)
        if a.body:
            entry.content(body_html(a.body), type="html")
        for author in a.authors:
            if kind == "atom":
                entry.author(name=author.name, uri=author.url)
            else:
                entry.dc.dc_creator(author.name, replace=False)
        for tag in a.tags:
            entry.category(term=tag.name)
        for image in a.images:
            sizes = {
                key: str(value)
                for key, value in (("width", image.width), ("height", image.height))
                if value is not None
            }
            entry.media.content(url=image.url, medium="image", **sizes)
        entry.published(a.date_published)
        entry.updated(a.date_modified or a.date_published)
    document: bytes = generator.rss_str() if kind == "rss" else generator.atom_str()
    return document


def operations(articles: list[nm.Article]) -> dict[str, Callable[[], object]]:
    """Return the timed operations, by name."""
    rss = nm.to_rss(articles, FEED)
    atom = nm.to_atom(articles, FEED)
    json_feed = nm.to_json_feed(articles, FEED)
    return {
        "to_rss": lambda: nm.to_rss(articles, FEED),
        "feedgen rss_str": lambda: feedgen_feed(articles, "rss"),
        "to_atom": lambda: nm.to_atom(articles, FEED),
        "feedgen atom_str": lambda: feedgen_feed(articles, "atom"),
        "to_json_feed": lambda: nm.to_json_feed(articles, FEED),
        "from_feed (RSS)": lambda: nm.from_feed(rss, findings=[]),
        "feedparser.parse (RSS, the floor)": lambda: feedparser.parse(rss),
        "from_feed (Atom)": lambda: nm.from_feed(atom, findings=[]),
        "feedparser.parse (Atom, the floor)": lambda: feedparser.parse(atom),
        "from_feed (JSON Feed)": lambda: nm.from_feed(json_feed, findings=[]),
    }


def measure(ops: dict[str, Callable[[], object]], repeats: int) -> dict[str, list[float]]:
    """Time each operation once per repeat, interleaved; milliseconds per call."""
    times: dict[str, list[float]] = {name: [] for name in ops}
    for _ in range(repeats):
        for name, op in ops.items():
            times[name].append(timeit.timeit(op, number=1) * 1e3)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    parser.add_argument("--quick", action="store_true", help="3 repeats, not 15")
    args = parser.parse_args(argv)
    articles = drawn_articles()
    ops = operations(articles)
    times = measure(ops, 3 if args.quick else 15)
    rows: dict[str, Any] = {
        name: {"min_ms": min(values), "median_ms": statistics.median(values)}
        for name, values in times.items()
    }
    print(f"{len(articles)} drawn articles; Python {platform.python_version()}, {sys.platform}")
    print(f"{'operation':38} {'min ms':>9} {'median ms':>10}")
    for name, row in rows.items():
        print(f"{name:38} {row['min_ms']:9.1f} {row['median_ms']:10.1f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"articles": len(articles), "figures": rows}, handle, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
