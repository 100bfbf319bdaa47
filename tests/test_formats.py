"""
Every field of every model class is in every format, or the format says why not.

For each format the full article (every field of every class set) goes out
and, where the format reads back, in again; the fields that come back with a
value are compared with those that went out. A field a format loses fails
here unless that format's own table of what it does not carry names it, with
a reason. So a field added to the model, or a line of a mapping deleted,
breaks a test.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import newsmodel as nm
from helpers import instances
from newsmodel import _import, _microdata, _ninjs, _schemaorg
from newsmodel._jsonld import read_own_jsonld, to_jsonld
from newsmodel._rules import field_rules

if TYPE_CHECKING:
    from collections.abc import Iterator

sys.path.insert(0, str(Path(__file__).parent))
_shared: Any = importlib.import_module("test_jsonld")

CLASSES = tuple(_schemaorg.NODE_CLASSES.values())
ALL_FIELDS = frozenset(
    f"{cls.__name__}.{field.alias or field.name}" for cls in CLASSES for field in attrs.fields(cls)
)


def full() -> nm.Article:
    """The full article, its first author the quotes' speaker (a person with every field)."""
    article: nm.Article = _shared.full_article()
    speaker = article.quotes[0].speaker
    return attrs.evolve(article, authors=(speaker, *article.authors))


def objects(value: Any) -> Iterator[Any]:
    """Yield every model instance in *value*, depth first."""
    return instances(value)


def carried(article: nm.Article) -> set[str]:
    """Return ``Class.field`` for every field that holds a value (not its default) somewhere."""
    found = set()
    for obj in objects(article):
        for field in attrs.fields(type(obj)):
            if getattr(obj, field.name) != field.default:
                found.add(f"{type(obj).__name__}.{field.alias or field.name}")
    return found


def without(article: nm.Article, fields: dict[str, str]) -> nm.Article:
    """Return *article* with the named Article fields (``Article.quotes``) at their defaults."""
    defaults: dict[str, Any] = {
        field.alias or field.name: field.default for field in attrs.fields(nm.Article)
    }
    names = [name.partition(".")[2] for name in fields if name.startswith("Article.")]
    return attrs.evolve(article, **{name: defaults[name] for name in names})


def test_the_full_article_sets_every_field() -> None:
    """Each field of each class has a value somewhere in the full article (else add one)."""
    assert set() == ALL_FIELDS - carried(full())


def test_own_jsonld_carries_every_field() -> None:
    """JSON-LD out and the strict reader in: every field comes back."""
    assert carried(full()) == carried(read_own_jsonld(to_jsonld(full())))


def test_the_import_carries_every_field_but_the_listed_ones() -> None:
    """Publishers' markup (read_as_markup): every field but those `NOT_IMPORTED` names."""
    article = full()
    back = _import.read_as_markup(article)
    assert back is not None
    expected = carried(without(article, _import.NOT_IMPORTED))
    assert expected == carried(back)


def test_microdata_alone_carries_what_the_import_carries() -> None:
    """A page with only the microdata extracts to every field but those `NOT_IMPORTED` names."""
    article = full()
    page = f"<!DOCTYPE html><html><body>{nm.to_microdata(article)}</body></html>"
    findings: list[nm.Finding] = []
    [back] = nm.extract(page, article.url, findings=findings)
    assert carried(without(article, _import.NOT_IMPORTED)) == carried(back)


def test_ninjs_carries_every_field_but_the_listed_ones() -> None:
    """to_ninjs and from_ninjs: every field but those `NOT_CARRIED` names."""
    article = attrs.evolve(full(), is_accessible_for_free=True)  # ninjs: free, the default
    back = nm.from_ninjs(nm.to_ninjs(article), findings=[])
    expected = carried(without(article, _ninjs.NOT_CARRIED)) - set(_ninjs.NOT_CARRIED)
    assert expected == carried(back)


@pytest.mark.parametrize(
    ("module", "table"),
    [(_import, "NOT_IMPORTED"), (_ninjs, "NOT_CARRIED")],
)
def test_what_a_format_does_not_carry_is_a_field_with_a_reason(module: Any, table: str) -> None:
    """Each entry names a model field, once, and gives a reason."""
    entries: dict[str, str] = getattr(module, table)
    assert set() == set(entries) - ALL_FIELDS
    assert all(reason.strip() for reason in entries.values())


def test_the_json_schema_has_every_field() -> None:
    """The JSON Schema gives every class each of its fields, by its wire name."""
    schema = nm.json_schema()
    definitions = {**schema["$defs"], "Article": schema}
    for cls in CLASSES:
        expected = {rule.key for rule in field_rules(cls)}
        if cls is nm.Person or cls is nm.Organization:
            expected.add("type")  # the wire's tag between the two kinds of author
        assert expected == set(definitions[cls.__name__]["properties"]), cls


def test_plain_rows_agree_with_the_field_rules() -> None:
    """A plain row is an array exactly when its field is a tuple."""
    for node in _schemaorg.NODE_CLASSES:
        rows = {
            (row.field.partition(".")[2], row.property): row
            for row in _schemaorg.MAPPING
            if row.node == node
        }
        for value in _schemaorg.plain_properties(node):
            assert rows[value.key, value.property].many == value.sequence, (node, value)


def test_microdata_shows_only_plain_values_of_the_table() -> None:
    """What microdata's hand code shows is a plain value of the node; the rest is data."""
    for node, shown in _microdata._SHOWN.items():
        plain = {value.property for value in _schemaorg.plain_properties(node)}
        assert set() == shown - plain, node
        assert plain - shown == {value.property for value in _microdata.DATA[node]}


def test_news_kinds_are_the_newsarticle_types() -> None:
    """ArticleKind.is_news is exactly the kinds schema.org types as a NewsArticle."""
    for kind, types in _schemaorg.KIND_TYPES.items():
        assert kind.is_news == (types[0] == "NewsArticle"), kind


def test_the_import_reads_every_article_type_newsmodel_writes() -> None:
    """Each kind's types, as to_jsonld writes them, import as that kind."""
    for kind, types in _schemaorg.KIND_TYPES.items():
        assert kind.value == _import._kind({"@type": list(types)}), kind


def test_the_import_reads_an_image_description_and_an_about_identifier() -> None:
    """The rows the import once left out silently: read by their rule, or dropped and said."""
    findings: list[nm.Finding] = []
    article = nm.from_jsonld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "url": "https://example.com/a",
            "headline": "H",
            "inLanguage": "en",
            "datePublished": "2024-10-13T21:04:00+03:00",
            "image": {
                "@type": "ImageObject",
                "url": "https://example.com/i.jpg",
                "description": "A lectern",
            },
            "keywords": ["Kyiv", "War"],
            "about": [
                {"@type": "Place", "name": "Kyiv", "identifier": "kyiv"},
                {"@type": "DefinedTerm", "name": "War", "identifier": "Not a slug"},
            ],
        },
        findings=findings,
    )
    assert "A lectern" == article.images[0].alt_text
    assert ["kyiv", "war"] == [tag.slug for tag in article.tags]
    assert ["kyiv", None] == [tag.explicit_slug for tag in article.tags]
    assert [("$.about[1].identifier", "dropped")] == [
        (f.path, f.code) for f in findings if "identifier" in f.path
    ]


def test_microdata_writes_the_rest_of_the_table_as_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain value no hand code shows is data when present, and nothing when absent."""
    [identifier] = [v for v in _schemaorg.plain_properties("Article") if v.key == "id"]
    [width] = [v for v in _schemaorg.plain_properties("Image") if v.key == "width"]
    bare = nm.Article(
        url="https://example.com/a",
        headline="H",
        language="en",
        date_published=_shared.full_article().date_published,
        images=[nm.Image(url="https://example.com/i.jpg")],
    )
    before = nm.to_microdata(bare)
    monkeypatch.setattr(_microdata, "_ARTICLE_DATA", (identifier,))
    monkeypatch.setattr(_microdata, "_IMAGE_DATA", (width,))
    assert before == nm.to_microdata(bare)
    given = attrs.evolve(
        bare, id="urn:1", images=[nm.Image(url="https://example.com/i.jpg", width=5)]
    )
    html = nm.to_microdata(given)
    assert html.count('<meta itemprop="identifier" content="urn:1">') == 2  # shown, and as data
    assert html.count('<meta itemprop="width" content="5">') == 2


def test_a_body_without_text_has_no_article_body() -> None:
    """A body of a figure and a separator has no text: no articleBody, and it reads back."""
    article = attrs.evolve(full(), body=(nm.Figure(image=full().images[0].url), nm.Separator()))
    document = to_jsonld(article)

    assert "articleBody" not in document
    assert attrs.evolve(article, body=()) == read_own_jsonld(document)
