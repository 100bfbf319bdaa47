"""
newsmodel in pydantic and FastAPI: field types, errors at their places, schema, round trips.

This module is also the typed check of the documented usage: mypy --strict runs over it.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import orjson
import pytest
from fastapi import Body, FastAPI
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from openapi_spec_validator import validate as validate_openapi
from pydantic import BaseModel, ConfigDict, Field, Strict, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

import newsmodel as nm
from newsmodel import strategies
from newsmodel.pydantic import Author

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def load_module(name: str) -> Any:
    """Import tests/<name>.py, an example app the docs include (tests is not a package)."""
    spec = importlib.util.spec_from_file_location(f"newsmodel_tests_{name}", HERE / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fastapi_app = load_module("fastapi_app")
EXAMPLE_BYTES = (ROOT / "examples" / "kyiv-independent-2024-10-13.json").read_bytes()
EXAMPLE = json.loads(EXAMPLE_BYTES)
ARTICLE = nm.loads(EXAMPLE_BYTES)
ADAPTER = TypeAdapter(nm.Article)
JSON_HEADERS = {"content-type": "application/json"}


class Page(BaseModel):
    """A plain pydantic model holding an article and a few other newsmodel values."""

    title: str
    article: nm.Article
    editor: nm.Person | None = None
    related: list[nm.Article] = []


class StrictPage(BaseModel):
    model_config = ConfigDict(strict=True)

    article: nm.Article


def pydantic_errors(error: PydanticValidationError) -> list[tuple[tuple[str | int, ...], str, str]]:
    return [(tuple(e["loc"]), e["type"], e["msg"]) for e in error.errors()]


def newsmodel_errors(
    error: nm.ValidationError, under: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], str, str]]:
    return [(under + loc_of(detail.path), detail.code, detail.message) for detail in error.errors]


_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|\['((?:[^'\\]|\\.)*)'\]")


def loc_of(path: str) -> tuple[str | int, ...]:
    """The test's own reading of a JSONPath (as docs/validation.md defines it)."""
    assert path.startswith("$")
    segments: list[str | int] = []
    end = 1
    for match in _SEGMENT.finditer(path, 1):
        assert match.start() == end, path
        end = match.end()
        name, index, quoted = match.groups()
        segments.append(int(index) if index else name or re.sub(r"\\(.)", r"\1", quoted))
    assert end == len(path), path
    return tuple(segments)


# ----------------------------------------------------------------- import


def test_the_classes_carry_pydantics_hooks() -> None:
    hooks = ("__get_pydantic_core_schema__", "__get_pydantic_json_schema__")
    for cls in (nm.Article, nm.Person, nm.Organization, nm.Image, nm.Tag, nm.Quote):
        for hook in hooks:
            assert callable(getattr(cls, hook))


# ------------------------------------------------------------- validation


def test_the_worked_example_through_a_type_adapter() -> None:
    assert ADAPTER.validate_python(EXAMPLE) == ARTICLE
    assert ADAPTER.validate_json(EXAMPLE_BYTES) == ARTICLE
    assert ADAPTER.validate_python(ARTICLE) is ARTICLE  # an instance is taken as it is
    assert ADAPTER.dump_python(ARTICLE) == nm.to_dict(ARTICLE)
    assert ADAPTER.dump_json(ARTICLE) == nm.dumps(ARTICLE).encode()


def test_an_article_as_a_field_of_a_pydantic_model() -> None:
    editor = {"type": "person", "name": "Olena Goncharova"}
    page = Page.model_validate(
        {"title": "Front", "article": EXAMPLE, "editor": editor, "related": [EXAMPLE]}
    )
    assert Page(title="Front", article=ARTICLE, editor=page.editor, related=[ARTICLE]) == page
    assert page.article == ARTICLE
    assert page.editor == nm.Person(name="Olena Goncharova")
    dumped = page.model_dump()
    assert dumped["article"] == nm.to_dict(ARTICLE)
    assert dumped["editor"] == editor
    assert Page.model_validate_json(page.model_dump_json()) == page


@pytest.mark.parametrize(
    ("cls", "value"),
    [
        (nm.Image, {"url": "https://example.com/a.jpg", "width": 800}),
        (nm.Organization, {"type": "organization", "name": "AP", "same_as": ["https://ap.org/"]}),
        (nm.Person, {"type": "person", "name": "Abbey Fenbert", "url": "https://example.com/"}),
        (nm.Tag, {"name": "North Korea", "kind": "place"}),
        (
            nm.Quote,
            {"text": "Hi", "speaker": {"type": "person", "name": "A"}, "date": "2024-10-13"},
        ),
        (nm.RelatedStory, {"url": "https://example.com/x", "headline": "X", "relation": "cited"}),
    ],
)
def test_every_class_is_a_field_type(cls: type, value: dict[str, Any]) -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(cls)
    obj = adapter.validate_python(value)
    assert isinstance(obj, cls)
    assert adapter.dump_python(obj) == value
    assert adapter.validate_json(adapter.dump_json(obj)) == obj


def test_authors_of_either_kind_in_a_list() -> None:
    adapter = TypeAdapter(list[nm.Author])
    authors = adapter.validate_python(EXAMPLE["authors"])
    assert authors == list(ARTICLE.authors)
    assert adapter.dump_python(authors) == EXAMPLE["authors"]


def test_the_author_type_picks_the_class_by_type_with_one_error_there() -> None:
    adapter = TypeAdapter(list[Author])
    assert adapter.validate_python(EXAMPLE["authors"]) == list(ARTICLE.authors)
    assert adapter.validate_python(list(ARTICLE.authors)) == list(ARTICLE.authors)
    assert adapter.dump_python(list(ARTICLE.authors)) == EXAMPLE["authors"]
    bad = [{"type": "person", "name": "A", "url": "x"}, {"type": "robot", "name": "B"}]
    with pytest.raises(PydanticValidationError) as caught:
        adapter.validate_python(bad)
    with pytest.raises(nm.ValidationError) as ours:
        nm.from_dict({**EXAMPLE, "authors": bad})
    assert pydantic_errors(caught.value) == [
        (loc[1:], code, message) for loc, code, message in newsmodel_errors(ours.value)
    ]
    schema = adapter.json_schema()
    assert schema["items"] == {"$ref": "#/$defs/Author"}
    assert schema["$defs"]["Author"] == nm.json_schema()["$defs"]["Author"]


def test_five_problems_are_five_errors_at_their_places() -> None:
    payload = copy.deepcopy(EXAMPLE)
    payload["url"] = "ftp://example.com/x"
    del payload["headline"]
    payload["authors"][0]["url"] = "not a url"
    payload["tags"][1]["kind"] = "planet"
    payload["body"][3] = 42
    with pytest.raises(PydanticValidationError) as caught:
        Page.model_validate({"title": "Front", "article": payload})
    errors = caught.value.errors(include_url=False)
    assert [(e["loc"], e["type"], e["input"]) for e in errors] == [
        (("article", "url"), "url", "ftp://example.com/x"),
        (("article", "headline"), "missing", payload),  # the object that lacks the key
        (("article", "authors", 0, "url"), "url", "not a url"),
        (("article", "tags", 1, "kind"), "invalid", "planet"),
        (("article", "body", 3), "type", 42),
    ]
    with pytest.raises(nm.ValidationError) as ours:
        nm.from_dict(payload)
    assert [e["msg"] for e in errors] == [detail.message for detail in ours.value.errors]
    assert caught.value.title == "Page"


def test_a_value_that_is_not_an_object_is_one_error_at_the_field() -> None:
    with pytest.raises(PydanticValidationError) as caught:
        Page.model_validate({"title": "Front", "article": ["not", "an", "object"]})
    [error] = caught.value.errors()
    assert (error["loc"], error["type"], error["input"]) == (
        ("article",),
        "type",
        ["not", "an", "object"],
    )


def test_messages_with_braces_are_kept_as_they_are() -> None:
    payload = {**EXAMPLE, "{headline}": 1}
    with pytest.raises(PydanticValidationError) as caught:
        ADAPTER.validate_python(payload)
    [error] = caught.value.errors()
    assert error["loc"] == ("{headline}",)
    assert "'{headline}'" in error["msg"]


def test_lax_mode_reads_leniently_and_strict_mode_strictly() -> None:
    human = {**EXAMPLE, "date_published": "October 13, 2024 9:04 PM +03:00"}
    padded = {**EXAMPLE, "headline": "  Zelensky warns  "}
    assert ADAPTER.validate_python(human).date_published == ARTICLE.date_published
    assert ADAPTER.validate_python(padded).headline == "Zelensky warns"
    strict_adapters: list[TypeAdapter[Any]] = [
        TypeAdapter(Annotated[nm.Article, Strict()]),
        TypeAdapter(Annotated[nm.Article, Field(strict=True)]),
    ]
    with pytest.raises(PydanticValidationError):
        ADAPTER.validate_python(human, strict=True)
    with pytest.raises(PydanticValidationError):
        StrictPage.model_validate({"article": human})
    for adapter in strict_adapters:
        with pytest.raises(PydanticValidationError):
            adapter.validate_python(human)
        assert adapter.validate_python(padded).headline == "  Zelensky warns  "
    assert ADAPTER.validate_python(padded, strict=True).headline == "  Zelensky warns  "
    assert StrictPage.model_validate({"article": EXAMPLE}).article == ARTICLE


def test_strict_errors_are_the_strict_loaders() -> None:
    payload = {**EXAMPLE, "date_published": "October 13, 2024 9:04 PM"}
    with pytest.raises(PydanticValidationError) as caught:
        ADAPTER.validate_python(payload, strict=True)
    with pytest.raises(nm.ValidationError) as ours:
        nm.from_dict(payload)
    assert pydantic_errors(caught.value) == newsmodel_errors(ours.value)


@pytest.mark.parametrize(
    "text",
    ["a\x00b", "tab\there", "del\x7f", "c1\x85", "line\u2028sep", "lone\ud800", "\x1fend"],
)
@pytest.mark.parametrize("field", ["headline", "description"])
def test_forbidden_characters_in_python_values_are_found(text: str, field: str) -> None:
    """The adapter's fast path (values_clean) never lets a forbidden character through."""
    payload = {**EXAMPLE, field: text}
    with pytest.raises(nm.ValidationError) as ours:
        nm.from_dict(payload)
    with pytest.raises(PydanticValidationError) as caught:
        ADAPTER.validate_python(payload, strict=True)
    assert pydantic_errors(caught.value) == newsmodel_errors(ours.value)
    assert [e["loc"] for e in caught.value.errors()] == [(field,)]


def test_values_clean_reads_python_values_as_loads_reads_text() -> None:
    from newsmodel._canonical import values_clean

    assert values_clean(EXAMPLE)
    assert not values_clean({**EXAMPLE, "headline": "a\x00b"})
    assert not values_clean({**EXAMPLE, "headline": "lone\ud800"})  # orjson refuses it
    assert not values_clean({**EXAMPLE, "id": 2**70})  # nor a huge integer
    assert not values_clean({1: "a key that is not text"})


def test_serializing_a_value_that_is_not_a_model_object_says_so() -> None:
    page = Page.model_construct(title="x", article="not an article")
    with pytest.raises(Exception, match="expected a newsmodel model object, found a str"):
        page.model_dump()


# ------------------------------------------------------------ JSON Schema


def json_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in json_refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in json_refs(item)]
    return []


def resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def test_the_json_schema_is_newsmodels_with_its_definitions_registered() -> None:
    schema = Page.model_json_schema()
    ours = nm.json_schema()
    assert set(schema["$defs"]) == {*ours["$defs"], "Article"}
    for ref in json_refs(schema):
        resolve(schema, ref)
    for name, definition in ours["$defs"].items():
        assert schema["$defs"][name] == definition  # the same text: "#/$defs/" either way
    article = {k: v for k, v in ours.items() if k not in ("$defs", "$schema", "$comment")}
    assert schema["$defs"]["Article"] == article
    assert schema["properties"]["article"] == {"$ref": "#/$defs/Article"}


def test_a_schema_with_another_reference_template() -> None:
    schema = ADAPTER.json_schema(ref_template="#/components/schemas/{model}")
    refs = json_refs(schema)
    assert refs
    assert all(ref.startswith("#/components/schemas/") for ref in refs)
    assert "#/components/schemas/Person" in refs


def test_the_pydantic_schema_accepts_what_newsmodel_accepts() -> None:
    import jsonschema

    schema = ADAPTER.json_schema()
    jsonschema.Draft202012Validator(schema).validate(EXAMPLE)
    assert not jsonschema.Draft202012Validator(schema).is_valid({**EXAMPLE, "url": "ftp://x"})


def test_a_users_own_person_model_does_not_clash() -> None:
    class Person(BaseModel):
        nickname: str

    class Both(BaseModel):
        theirs: Person
        ours: nm.Person

    schema = Both.model_json_schema()
    theirs = resolve(schema, schema["properties"]["theirs"]["$ref"])
    ours = resolve(schema, schema["properties"]["ours"]["$ref"])
    assert "nickname" in theirs["properties"]
    assert ours["properties"]["type"]["const"] == "person"


# ------------------------------------------------------------------ FastAPI


@pytest.fixture
def client() -> TestClient:
    fastapi_app.articles.clear()
    fastapi_app.checked.clear()
    return TestClient(fastapi_app.app)


def test_fastapi_round_trips_an_article_byte_for_byte(client: TestClient) -> None:
    canonical = nm.dumps(ARTICLE).encode()
    created = client.post("/articles", content=canonical, headers=JSON_HEADERS)
    assert created.status_code == 201
    assert created.content == canonical
    read = client.get("/articles", params={"url": ARTICLE.url})
    assert read.status_code == 200
    assert read.content == canonical
    assert nm.loads(read.content) == ARTICLE


RICH = {
    **EXAMPLE,
    "images": [{"url": "https://example.com/i.jpg"}],
    "body": [
        "Plain.",
        {
            "type": "heading",
            "level": 2,
            "content": ["What ", {"type": "emphasis", "content": ["now"]}],
        },
        {
            "type": "paragraph",
            "content": [
                "See ",
                {"type": "link", "url": "https://example.com/b", "content": ["it"]},
            ],
        },
        {
            "type": "list",
            "ordered": True,
            "items": ["one", {"sublist": {"type": "list", "items": ["a"]}}],
        },
        {"type": "figure", "image": "https://example.com/i.jpg"},
    ],
}


def test_a_structured_body_round_trips_and_its_problems_are_at_their_places() -> None:
    article = nm.from_dict(RICH)
    assert ADAPTER.validate_python(RICH, strict=True) == article
    assert ADAPTER.dump_json(article) == nm.dumps(article).encode()
    bad = copy.deepcopy(RICH)
    bad["body"][2]["content"][1]["url"] = "javascript:alert(1)"
    bad["body"][3]["items"][1]["sublist"]["type"] = 5
    with pytest.raises(PydanticValidationError) as caught:
        ADAPTER.validate_python(bad, strict=True)
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [
        (("body", 2, "content", 1, "url"), "url"),
        (("body", 3, "items", 1, "sublist", "type"), "type"),
    ]


def test_lax_mode_keeps_the_spaces_between_inline_texts(client: TestClient) -> None:
    canonical = nm.dumps(nm.from_dict(RICH)).encode()
    created = client.post("/articles", content=canonical, headers=JSON_HEADERS)
    assert (created.status_code, created.content) == (201, canonical)


def test_the_openapi_document_describes_the_bodys_blocks(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    blocks = {"Block", "Paragraph", "Heading", "List", "BlockQuote", "Preformatted", "Figure"}
    inlines = {"Inline", "Emphasis", "Strong", "Code", "Link", "Embed", "Separator"}
    assert blocks | inlines <= set(schemas)
    assert schemas["Article"]["properties"]["body"]["items"] == {
        "$ref": "#/components/schemas/Block"
    }


def test_the_openapi_document_is_written_though_the_body_is_recursive(
    client: TestClient,
) -> None:
    document = client.get("/openapi.json").json()  # was a RecursionError
    for ref in json_refs(document):
        resolve(document, ref)
    assert any(name.startswith("Emphasis") for name in document["components"]["schemas"])


def test_fastapi_lists_five_problems_at_their_places(client: TestClient) -> None:
    payload = copy.deepcopy(EXAMPLE)
    payload["language"] = "english please"
    payload["date_modified"] = "2024-10-12T10:00:00+03:00"  # before date_published
    payload["authors"][1] = {"type": "robot", "name": "R2"}
    payload["tags"][2]["name"] = payload["tags"][1]["name"].upper()
    payload["wordcount"] = 3
    response = client.post("/articles", json=payload)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(e["loc"], e["type"]) for e in detail] == [
        (["body", "wordcount"], "unknown_field"),
        (["body", "language"], "language"),
        (["body", "authors", 1, "type"], "invalid"),
        (["body", "date_modified"], "date_order"),
        (["body", "tags", 2, "name"], "duplicate"),
    ]
    assert [e["input"] for e in detail] == [
        3,
        "english please",
        "robot",
        "2024-10-12T10:00:00+03:00",
        payload["tags"][2]["name"],
    ]
    assert all(e["msg"].startswith("expected ") for e in detail)


def test_a_strict_fastapi_body_reads_strictly() -> None:
    app = FastAPI()

    @app.post("/strict")
    def strict(article: Annotated[nm.Article, Body(strict=True)]) -> nm.Article:
        return article

    human = {**EXAMPLE, "date_published": "October 13, 2024 9:04 PM +03:00"}
    client = TestClient(app)
    assert client.post("/strict", json=EXAMPLE).status_code == 200
    response = client.post("/strict", json=human)
    assert response.status_code == 422
    assert [(e["loc"], e["type"]) for e in response.json()["detail"]] == [
        (["body", "date_published"], "invalid")
    ]


def test_fastapi_validates_a_list_in_the_background(client: TestClient) -> None:
    bad = {**EXAMPLE, "url": "nope"}
    response = client.post("/articles/batch", json=[EXAMPLE, bad, EXAMPLE])
    assert response.status_code == 202
    assert response.json() == {"accepted": 3}
    [report] = fastapi_app.checked
    assert report["valid"] is False
    assert [(e["loc"], e["type"]) for e in report["errors"]] == [((1, "url"), "url")]


def test_fastapi_openapi_document_is_valid_and_every_ref_resolves(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    validate_openapi(document)
    schemas = document["components"]["schemas"]
    assert {"Article", "Person", "Organization", "Author", "Image", "Tag"} <= set(schemas)
    assert {"Quote", "RelatedStory", "url", "text_line", "datetime"} <= set(schemas)
    refs = json_refs(document)
    assert "#/components/schemas/Person" in refs
    for ref in refs:
        resolve(document, ref)
    body = document["paths"]["/articles"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/Article"}


# --------------------------------------------------------------- properties


@given(strategies.articles())
def test_drawn_articles_round_trip_through_a_type_adapter(article: nm.Article) -> None:
    data = nm.to_dict(article)
    assert ADAPTER.validate_python(data, strict=True) == article
    assert ADAPTER.dump_python(article) == data
    assert ADAPTER.dump_json(article) == nm.dumps(article).encode()
    assert ADAPTER.validate_json(ADAPTER.dump_json(article), strict=True) == article


OBJECTS = st.one_of(
    strategies.images(),
    strategies.organizations(),
    strategies.persons(),
    strategies.tags(),
    strategies.quotes(),
    strategies.related_stories(),
)


@given(OBJECTS)
def test_drawn_objects_of_every_class_round_trip(obj: object) -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(type(obj))
    data = adapter.dump_python(obj)
    assert adapter.validate_python(data, strict=True) == obj
    assert adapter.validate_json(adapter.dump_json(obj), strict=True) == obj
    assert orjson.loads(adapter.dump_json(obj)) == data
    if isinstance(obj, (nm.Person, nm.Organization)):
        assert TypeAdapter(Author).validate_python(data, strict=True) == obj


JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def places(value: Any, at: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key and index in a payload, outermost first."""
    out: list[tuple[str | int, ...]] = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        out.append((*at, key))
        out.extend(places(item, (*at, key)))
    return out


def mutated(payload: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """A copy of *payload* with one to three values replaced, removed or added."""
    out = copy.deepcopy(payload)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(places(out) or [("extra",)]))
        parent: Any = out
        for key in where[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[where[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=6))] = data.draw(JSON_VALUES)
        else:
            parent[where[-1]] = data.draw(JSON_VALUES)
    return out


@given(strategies.articles(), st.data(), st.booleans())
def test_mutated_payloads_give_the_same_errors_in_the_same_order(
    article: nm.Article, data: st.DataObject, lenient: bool
) -> None:
    payload = mutated(nm.to_dict(article), data)
    ours = outcome(lambda: nm.from_dict(payload, lenient=lenient))
    theirs = outcome(
        lambda: Page.model_validate({"title": "t", "article": payload}, strict=not lenient)
    )
    if isinstance(ours, nm.ValidationError):
        assert isinstance(theirs, PydanticValidationError)
        assert pydantic_errors(theirs) == newsmodel_errors(ours, ("article",))
        json.dumps(theirs.errors(include_url=False), default=repr)  # FastAPI can send them
    else:
        assert isinstance(theirs, Page)
        assert theirs.article == ours


def outcome(call: Callable[[], T]) -> T | nm.ValidationError | PydanticValidationError:
    """The result of *call*, or the validation error it raised; any other exception propagates."""
    try:
        return call()
    except (nm.ValidationError, PydanticValidationError) as error:
        return error


@given(JSON_VALUES, st.booleans())
def test_any_json_value_gives_an_article_or_a_pydantic_validation_error(
    value: Any, strict: bool
) -> None:
    result = outcome(lambda: ADAPTER.validate_python(value, strict=strict))
    if isinstance(result, PydanticValidationError):
        assert result.errors()
    else:
        assert isinstance(result, nm.Article)


def test_a_deeply_nested_value_is_an_error_not_a_crash() -> None:
    deep: Any = "x"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(PydanticValidationError) as caught:
        ADAPTER.validate_python({**EXAMPLE, "body": deep})
    assert [e["loc"] for e in caught.value.errors()] == [("body", 0)]


def test_datetimes_keep_their_offset_through_pydantic() -> None:
    article = ADAPTER.validate_python(
        {**EXAMPLE, "date_modified": datetime(2024, 10, 14, tzinfo=timezone.utc).isoformat()}
    )
    assert ADAPTER.dump_python(article)["date_modified"] == "2024-10-14T00:00:00+00:00"


# ------------------------------------------------------------------ Django


def test_a_django_view_puts_the_jsonld_block_in_its_page() -> None:
    import django
    from django.conf import settings
    from django.test import RequestFactory

    if not settings.configured:
        settings.configure(
            TEMPLATES=[
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "DIRS": [str(HERE / "templates")],
                }
            ]
        )
        django.setup()
    view = load_module("django_view")
    hostile = nm.from_dict({**EXAMPLE, "headline": "</script><script>alert(1)</script> & co"})
    view.articles["kyiv"] = hostile
    response = view.article_page(RequestFactory().get("/kyiv"), "kyiv")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<script") == 1  # the JSON-LD block, and nothing the headline made
    assert "<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>" in page
    block = page[page.index("<script") : page.index("</script>") + len("</script>")]
    assert block == nm.jsonld_script(hostile)
    start = block.index(">") + 1
    assert json.loads(block[start : -len("</script>")]) == nm.to_jsonld(hostile)
