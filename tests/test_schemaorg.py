"""
Tests for the schema.org mapping: the vocabulary, the table, the docs and the shipped examples.

Set NEWSMODEL_REGENERATE=1 to rewrite the generated tables in docs/schemaorg.md and the
shipped examples (examples/kyiv-independent-2024-10-13.*) instead of comparing them.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

import attrs
import html5lib
import pytest
from extruct.jsonld import JsonLdExtractor
from extruct.w3cmicrodata import MicrodataExtractor
from hypothesis import given

import newsmodel as nm
from helpers import full_article, seed
from newsmodel import strategies
from newsmodel._jsonld import jsonld_script, read_own_jsonld, to_jsonld
from newsmodel._microdata import to_microdata
from newsmodel._schemaorg import (
    KIND_TYPES,
    MAPPING,
    NODE_TYPES,
    RELATION_PROPERTIES,
    TAG_TYPES,
    VOCABULARY_VERSION,
    emitted_types,
)
from newsmodel._values import right_to_left

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = json.loads(
    (Path(__file__).parent / "data" / "schemaorg-30.0-properties.json").read_text()
)
ALLOWED: dict[str, set[str]] = {
    name: set(entry["properties"]) for name, entry in VOCABULARY["types"].items()
}
REGENERATE = os.environ.get("NEWSMODEL_REGENERATE") == "1"
SCHEMA = "https://schema.org/"

# The node a property's value is, by the property that leads to it.
CHILD_NODES = {
    "mainEntityOfPage": "WebPage",
    "author": "agent",
    "creator": "agent",
    "publisher": "Organization",
    "affiliation": "Organization",
    "image": "Image",
    "logo": "Image",
    "about": "Tag",
    "hasPart": "Quote",
    "relatedLink": "RelatedStory",
    "citation": "RelatedStory",
    "isBasedOn": "RelatedStory",
    "mentions": "RelatedStory",
}


def nodes(value: Any, label: str = "Article") -> Any:
    """Yield (mapping node label, schema.org types, node) for every node of a document."""
    if not isinstance(value, dict):
        return
    types = value.get("@type") or value.get("type") or []
    names = [types] if isinstance(types, str) else list(types)
    names = [name.removeprefix(SCHEMA) for name in names]
    if label == "agent":
        label = names[0]
    yield label, names, value
    properties = value.get("properties", value)
    for key, item in properties.items():
        for child in item if isinstance(item, list) else [item]:
            if isinstance(child, dict) and key in CHILD_NODES:
                yield from nodes(child, CHILD_NODES[key])


def misplaced_jsonld(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (type, property) for each JSON-LD key a type of its node does not allow."""
    return [
        (name, key)
        for _, names, node in nodes(document)
        for key in node
        if not key.startswith("@")
        for name in names
        if key not in ALLOWED[name]
    ]


def misplaced_microdata(html_text: str) -> list[tuple[str, str]]:
    """Return (type, itemprop) for each microdata property a type of its item does not allow."""
    items = MicrodataExtractor(strict=True).extract(html_text)
    return [
        (name, key)
        for item in items
        for _, names, node in nodes(item)
        for key in node.get("properties", {})
        for name in names
        if key not in ALLOWED[name]
    ]


# ------------------------------------------------------------- the vocabulary


def test_vocabulary_table_is_schemaorg_30() -> None:
    """The vendored table is the 30.0 one and covers every type the writers can emit."""
    assert VOCABULARY_VERSION == VOCABULARY["version"]
    assert emitted_types() == sorted(VOCABULARY["types"])
    assert 141 == len(ALLOWED["NewsArticle"])
    assert {"relatedLink", "significantLink"} <= ALLOWED["WebPage"]
    assert "relatedLink" not in ALLOWED["NewsArticle"]
    assert "dateline" not in ALLOWED["BlogPosting"]


def test_seed_and_full_article_use_only_allowed_properties() -> None:
    """Every JSON-LD key and microdata itemprop of the examples is allowed on each of its types."""
    for article in (seed(), full_article()):
        assert [] == misplaced_jsonld(to_jsonld(article))
        assert [] == misplaced_microdata(to_microdata(article))
        assert [] == misplaced_microdata(to_microdata(article, include_body=False))


@given(strategies.articles())
def test_every_article_uses_only_allowed_properties(article: nm.Article) -> None:
    """For drawn articles of every kind: no property on a type that does not allow it."""
    assert [] == misplaced_jsonld(to_jsonld(article))
    assert [] == misplaced_microdata(to_microdata(article))


def test_the_checks_can_fail() -> None:
    """A property on the wrong type is found, in JSON-LD and in microdata."""
    document = to_jsonld(full_article(kind=nm.ArticleKind.LIVE_BLOG, dateline=None))
    document["relatedLink"] = ["https://example.com/"]
    document["author"][0]["caption"] = "x"
    assert [("LiveBlogPosting", "relatedLink"), ("Person", "caption")] == sorted(
        misplaced_jsonld(document)
    )
    person = '<div itemscope itemtype="https://schema.org/Person">'
    assert [("Person", "headline")] == misplaced_microdata(
        f'{person}<span itemprop="headline">x</span></div>'
    )


def test_mapping_rows_are_allowed_on_their_types() -> None:
    """Each row of the table names a property schema.org 30.0 allows on the row's node types."""
    news = {name for kind, types in KIND_TYPES.items() if kind.is_news for name in types}
    for row in MAPPING:
        if row.property.startswith(("@", "(")):
            continue
        types = NODE_TYPES[row.node]
        if (row.node, row.property) == ("Article", "dateline"):
            types = tuple(sorted(news))
        assert [] == [name for name in types if row.property not in ALLOWED[name]], row


def test_kinds_tags_and_relations_map_to_known_terms() -> None:
    """Every type named by a kind, a tag kind or a relation is in the vocabulary."""
    for kind, types in KIND_TYPES.items():
        assert set(types) <= set(ALLOWED), kind
        if len(types) == 2:
            assert "NewsArticle" == types[0]
            assert "NewsArticle" in VOCABULARY["types"][types[1]]["ancestors"]
    assert set(TAG_TYPES.values()) <= set(ALLOWED)
    for node, prop in RELATION_PROPERTIES.values():
        allowed_on = ["WebPage"] if node == "WebPage" else list(NODE_TYPES["Article"])
        assert all(prop in ALLOWED[name] for name in allowed_on)


# ------------------------------------------------------------- the one table


def emitted_pairs(document: dict[str, Any]) -> set[tuple[str, str]]:
    """Return (mapping node, property) for every key of every node in *document*."""
    return {
        (label, key)
        for label, _, node in nodes(document)
        for key in node
        if key not in ("@context",)
    }


def table_pairs() -> set[tuple[str, str]]:
    return {(row.node, row.property) for row in MAPPING if not row.property.startswith("(")} | {
        ("WebPage", "@type")
    }


def test_writers_emit_exactly_the_table() -> None:
    """The full article's JSON-LD uses every (node, property) of the table, and no other."""
    assert table_pairs() == emitted_pairs(to_jsonld(full_article()))


@given(strategies.articles())
def test_drawn_articles_emit_only_the_table(article: nm.Article) -> None:
    """No drawn article has a (node, property) that the table does not list."""
    assert set() == emitted_pairs(to_jsonld(article)) - table_pairs()


def test_every_model_field_is_in_the_table() -> None:
    """Each field of each class (and the article's kind) has a row: nothing is left out."""
    fields = {row.field.split(" ")[0] for row in MAPPING}
    classes = (nm.Article, nm.Person, nm.Organization, nm.Image, nm.Tag, nm.Quote, nm.RelatedStory)
    for cls in classes:
        for field in attrs.fields(cls):
            assert f"{cls.__name__}.{field.alias}" in fields


# ---------------------------------------------------- generated docs and files


def mapping_tables() -> str:
    """Render the tables of docs/schemaorg.md from newsmodel._schemaorg."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        "| model field | node | property | value | example | when / note |",
        "|---|---|---|---|---|---|",
    ]
    for row in MAPPING:
        value = row.value + (", array" if row.many else "")
        lines.append(
            f"| `{row.field}` | {row.node} | `{row.property}` | {cell(value)} "
            f"| `{cell(row.example)}` | {cell(row.note)} |"
        )
    lines += ["", "| kind | `@type` | microdata `itemtype` |", "|---|---|---|"]
    for kind, types in KIND_TYPES.items():
        as_json = json.dumps(types[0] if len(types) == 1 else list(types))
        itemtype = " ".join(SCHEMA + name for name in types)
        lines.append(f"| `{kind.value}` | `{as_json}` | `{itemtype}` |")
    lines += ["", "| tag kind | `about` node type |", "|---|---|"]
    lines += [f"| `{kind.value}` | `{name}` |" for kind, name in TAG_TYPES.items()]
    lines += ["", "| relation | node | property |", "|---|---|---|"]
    lines += [
        f"| `{relation.value}` | {node} | `{prop}` |"
        for relation, (node, prop) in RELATION_PROPERTIES.items()
    ]
    return "\n".join(lines) + "\n"


BEGIN = "<!-- generated from newsmodel._schemaorg by tests/test_schemaorg.py: do not edit -->\n"
END = "<!-- end of generated tables -->\n"


def test_docs_tables_match_the_mapping() -> None:
    """docs/schemaorg.md shows the mapping exactly as the code has it."""
    path = ROOT / "docs" / "schemaorg.md"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    expected = f"{head}{BEGIN}{mapping_tables()}{END}{tail}"
    if REGENERATE:
        path.write_text(expected, encoding="utf-8")
        text = path.read_text(encoding="utf-8")
    assert expected == text


def page(article: nm.Article) -> str:
    """A small standalone page that carries the article in JSON-LD and in microdata."""
    title = html.escape(article.headline)
    direction = ' dir="rtl"' if right_to_left(article.language) else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(article.language)}"{direction}>\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{html.escape(article.url)}">\n'
        "<style>\n"
        "body { font: 17px/1.5 Georgia, serif; max-width: 40rem; margin: 2rem auto; }\n"
        "figure { margin: 1rem 0; } img { max-width: 100%; height: auto; }\n"
        ".byline, .dates, figcaption, .tags, .teaser-meta { font: 14px/1.4 sans-serif; }\n"
        ".tags li { display: inline; margin-right: .5rem; } .teasers { padding: 0; }\n"
        "</style>\n"
        f"{jsonld_script(article)}\n</head>\n<body>\n{to_microdata(article)}</body>\n</html>\n"
    )


def example_files() -> dict[Path, str]:
    article = seed()
    stem = ROOT / "examples" / "kyiv-independent-2024-10-13"
    return {
        stem.with_suffix(".jsonld"): json.dumps(to_jsonld(article), indent=2, ensure_ascii=False)
        + "\n",
        stem.with_suffix(".microdata.html"): to_microdata(article),
        stem.with_suffix(".page.html"): page(article),
    }


@pytest.mark.parametrize("name", ["jsonld", "microdata.html", "page.html"])
def test_shipped_examples_are_current(name: str) -> None:
    """The shipped JSON-LD, microdata and page are what the code writes for the seed today."""
    path = ROOT / "examples" / f"kyiv-independent-2024-10-13.{name}"
    expected = example_files()[path]
    if REGENERATE:
        path.write_text(expected, encoding="utf-8")
    assert expected == path.read_text(encoding="utf-8")


def test_shipped_page_carries_one_article_twice() -> None:
    """The page parses without errors and its two forms both read back as the seed."""
    text = (ROOT / "examples" / "kyiv-independent-2024-10-13.page.html").read_text()
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(text)
    assert [] == parser.errors
    assert [seed()] == [read_own_jsonld(item) for item in JsonLdExtractor().extract(text)]
    items = MicrodataExtractor(strict=True).extract(text)
    assert [[f"{SCHEMA}NewsArticle"]] == [item["type"] for item in items]
