"""Tests for errors a program can use: loc, input, to_dicts, Python wording, safe reprs."""

from __future__ import annotations

import datetime as dt
import math
import pickle
import re
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import strategies
from newsmodel._errors import join_path, json_safe, split_path

DEEP = 100_000
KYIV = dt.timezone(dt.timedelta(hours=3))
PUBLISHED = dt.datetime(2024, 10, 13, 21, 4, tzinfo=KYIV)
VALID: dict[str, Any] = {
    "url": "https://kyivindependent.com/a/",
    "headline": "Zelensky warns",
    "language": "en",
    "date_published": "2024-10-13T21:04:00+03:00",
}


def deep_list(depth: int = DEEP) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def deep_dict(depth: int = DEEP) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"x": value}
    return value


def raised(make: Any) -> nm.ValidationError:
    with pytest.raises(nm.ValidationError) as caught:
        make()
    return caught.value


def made(**changes: Any) -> nm.Article:
    fields: dict[str, Any] = {
        "url": "https://kyivindependent.com/a/",
        "headline": "Zelensky warns",
        "language": "en",
        "date_published": PUBLISHED,
    }
    return nm.Article(**{**fields, **changes})


# ------------------------------------------------------------- loc and input


def test_loc_is_the_path_as_keys_and_indexes() -> None:
    """`loc` names the same place as `path`, as a tuple (pydantic's shape)."""
    payload = {**VALID, "authors": [{"type": "person", "name": "A", "url": "nope"}]}

    error = raised(lambda: nm.from_dict(payload)).errors[0]

    assert ("$.authors[0].url", ("authors", 0, "url"), "nope") == (
        error.path,
        error.loc,
        error.input,
    )


def test_input_of_a_missing_key_is_the_object_that_lacks_it() -> None:
    """A missing field's input is the object without it, so every loader error has one."""
    author = {"type": "person"}
    payload = {**VALID, "authors": [author]}
    del payload["headline"]

    errors = raised(lambda: nm.from_dict(payload)).errors

    assert [("headline",), ("authors", 0, "name")] == [error.loc for error in errors]
    assert (payload, author) == (errors[0].input, errors[1].input)


@pytest.mark.parametrize(
    ("changes", "loc", "value"),
    [
        ({"kind": "sequel"}, ("kind",), "sequel"),
        ({"date_published": "yesterday"}, ("date_published",), "yesterday"),
        ({"date_published": "2024-10-13T21:04:00"}, ("date_published",), "2024-10-13T21:04:00"),
        ({"body": ["a", 5]}, ("body", 1), 5),
        ({"tags": "Ukraine"}, ("tags",), "Ukraine"),
        ({"@type": "NewsArticle"}, ("@type",), "NewsArticle"),
        ({"publisher": ["x"]}, ("publisher",), ["x"]),
        ({"authors": [{"type": "robot", "name": "R"}]}, ("authors", 0, "type"), "robot"),
        (
            {"tags": [{"name": "Kyiv"}, {"name": "KYIV"}]},
            ("tags", 1, "name"),
            "KYIV",
        ),
    ],
)
def test_loader_errors_carry_the_offending_value(
    changes: dict[str, Any], loc: tuple[Any, ...], value: object
) -> None:
    """Each kind of loader error gives the value it is about as `input`."""
    error = raised(lambda: nm.from_dict({**VALID, **changes})).errors[0]

    assert (loc, value) == (error.loc, error.input)


def test_lenient_date_errors_carry_the_text() -> None:
    """The lenient date reader's errors carry the text too."""
    error = raised(lambda: nm.from_dict({**VALID, "date_published": "soon"}, lenient=True))

    assert "soon" == error.errors[0].input


def test_constructor_errors_carry_the_value() -> None:
    """A constructor's errors carry the argument given, and cross-field errors their value."""
    bad_url = raised(lambda: made(url=["x"])).errors[0]
    earlier = PUBLISHED - dt.timedelta(days=1)
    order = raised(lambda: made(date_modified=earlier)).errors[0]

    assert (["x"], earlier) == (bad_url.input, order.input)


def test_input_takes_no_part_in_equality_or_hash() -> None:
    """Details compare by path, code and message: an input may be a list (unhashable)."""
    with_list = nm.ErrorDetail("$.body", "type", "expected an array", [1, 2])

    assert nm.ErrorDetail("$.body", "type", "expected an array") == with_list
    assert hash(nm.ErrorDetail("$.body", "type", "expected an array")) == hash(with_list)
    assert nm.NO_INPUT is nm.ErrorDetail("$", "c", "m").input


keys = st.one_of(st.integers(min_value=0, max_value=10**9), st.text())


@given(st.lists(keys, max_size=6))
def test_split_path_reads_back_what_join_path_wrote(segments: list[str | int]) -> None:
    """Any keys (quotes, brackets, backslashes, dots, newlines, digits) come back from the path."""
    path = "$"
    for key in segments:
        path = join_path(path, key)

    assert tuple(segments) == split_path(path)
    assert tuple(segments) == nm.Finding(path, "code", "message").loc


@given(st.lists(keys, max_size=6))
def test_join_path_of_a_loaders_pairs_is_the_path_joined_key_by_key(segments: list[Any]) -> None:
    """The loaders' nested (parent, key) pairs spell the path that joining each key in turn does."""
    pairs: Any = ("", "$")
    path = "$"
    for key in segments:
        pairs = (pairs, key)
        path = join_path(path, key)

    assert join_path(pairs[0], pairs[1]) == path


path_keys = st.one_of(
    st.text(),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]*", fullmatch=True),
    st.sampled_from(["a\n", "ab\n", "\u00e9t\u00e9", "\u0430", "_", "1a", "a-b", "class"]),
)


@given(path_keys)
def test_join_path_spells_a_key_plainly_only_if_it_is_an_ascii_identifier(key: str) -> None:
    """`.key` for [A-Za-z_][A-Za-z0-9_]* (nothing after it, not even a newline); else quoted."""
    plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) is not None

    assert (join_path("$", key) == f"$.{key}") is plain
    assert (join_path("$", key) == f"$['{key}']") is (
        not plain and "'" not in key and "\\" not in key
    )


@pytest.mark.parametrize(
    ("path", "loc"),
    [
        ("$", ()),
        ("", ()),
        ("$['@type'][0]", ("@type", 0)),
        ("$['it\\'s']['a\\\\b']", ("it's", "a\\b")),
        ("$['0']", ("0",)),
        ("$.a b", ("a", " b")),
        ("headline", ("headline",)),
    ],
)
def test_split_path_examples(path: str, loc: tuple[Any, ...]) -> None:
    """Quoted keys are unescaped; an unreadable rest is kept as one last key."""
    assert loc == split_path(path)


# ------------------------------------------------------------------ to_dicts


def test_to_dicts_gives_plain_json_values() -> None:
    """`to_dicts` has path, loc (a list), code, message and input for each problem."""
    error = raised(lambda: nm.from_dict({**VALID, "body": ["ok", None]}))

    assert [
        {
            "path": "$.body[1]",
            "loc": ["body", 1],
            "code": "type",
            "message": "expected a paragraph text or a block (a string or an object), found null",
            "input": None,
        }
    ] == error.to_dicts()


def test_to_dicts_leaves_out_an_absent_input() -> None:
    """A detail made without an input has no ``input`` key (not a null, which is a value)."""
    error = nm.ValidationError([nm.ErrorDetail("$.x", "c", "m")])

    assert [{"path": "$.x", "loc": ["x"], "code": "c", "message": "m"}] == error.to_dicts()


@pytest.mark.parametrize(
    "value",
    [
        deep_list(),
        deep_dict(),
        {(1, 2): "a", None: "b", 10**5000: "c"},
        10**5000,
        2**64,
        math.nan,
        math.inf,
        "\ud800 lone",
        "x" * 100_000,
        list(range(10_000)),
        {str(n): n for n in range(10_000)},
        b"bytes",
        PUBLISHED,
        dt.date(2024, 10, 13),
        nm.TagKind.PLACE,
        nm.Person(name="A"),
        object(),
    ],
    ids=[
        "deep-list",
        "deep-dict",
        "odd-keys",
        "huge-int",
        "int-over-64-bits",
        "nan",
        "inf",
        "surrogate",
        "long-text",
        "long-list",
        "big-object",
        "bytes",
        "datetime",
        "date",
        "enum",
        "model",
        "object",
    ],
)
def test_to_dicts_is_json_for_any_input(value: object) -> None:
    """Any input is made JSON-safe, bounded: deep, huge, non-JSON values are described."""
    error = nm.ValidationError([nm.ErrorDetail("$", "type", "m", value)])

    text = orjson.dumps(error.to_dicts())

    assert len(text) < 200_000


@given(st.dictionaries(st.text(), st.none(), min_size=1, max_size=3))
def test_to_dicts_is_json_whatever_keys_the_payload_has(publisher: dict[str, None]) -> None:
    """Whatever keys a payload has, `to_dicts` is JSON (its paths and locs name them)."""
    with pytest.raises(nm.ValidationError) as caught:
        nm.from_dict({"publisher": publisher})

    dicts = caught.value.to_dicts()

    assert orjson.loads(orjson.dumps(dicts)) == dicts


def test_to_dicts_spells_a_lone_surrogate_as_an_escape() -> None:
    """A key no JSON text can hold (a lone surrogate) is an escape in path, loc and message."""
    error = raised(lambda: nm.from_dict({**VALID, "publisher": {"\ud800": 1, "type": "x"}}))

    unknown = [item for item in error.to_dicts() if item["code"] == "unknown_field"]

    assert [("$.publisher['\\ud800']", ["publisher", "\\ud800"])] == [
        (item["path"], item["loc"]) for item in unknown
    ]


def test_json_safe_keeps_json_values_and_says_what_it_cut() -> None:
    """JSON values stay as they are; cuts are said in the value, not silent."""
    assert {"a": [1, "b", None, True, 1.5]} == json_safe({"a": (1, "b", None, True, 1.5)})
    assert "2024-10-13T21:04:00+03:00" == json_safe(PUBLISHED)
    assert "place" == json_safe(nm.TagKind.PLACE)
    assert "... and 1 more item" == json_safe(list(range(101)))[-1]
    assert "an array of 1 item" in orjson.dumps(json_safe(deep_list(20))).decode()


@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.integers() | st.text(),
        lambda inner: (
            st.lists(inner)
            | st.tuples(inner)
            | st.dictionaries(st.text() | st.integers() | st.none(), inner)
        ),
        max_leaves=30,
    )
)
def test_json_safe_of_any_value_is_json(value: Any) -> None:
    """Whatever the value, orjson writes what `json_safe` gives."""
    orjson.dumps(json_safe(value))


def test_pickling_keeps_a_deep_input_bounded() -> None:
    """A ValidationError with a deep input pickles (its input as `to_dicts` gives it)."""
    error = raised(lambda: nm.from_dict({**VALID, "url": deep_list()}))

    copy = pickle.loads(pickle.dumps(error))

    assert error.errors == copy.errors
    assert error.to_dicts() == copy.to_dicts()
    assert nm.NO_INPUT is pickle.loads(pickle.dumps(nm.ErrorDetail("$", "c", "m"))).input


def test_repr_of_a_detail_describes_its_input() -> None:
    """repr() of a detail with a deep input is short and safe."""
    error = raised(lambda: nm.from_dict({**VALID, "url": deep_list()}))

    assert repr(error.errors[0]).endswith("input=<an array of 1 item>)")


# ------------------------------------------------- constructors speak Python


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"date_published": "2024-10-13T21:04:00+03:00"},
            (
                "expected a datetime object, found the str '2024-10-13T21:04:00+03:00' "
                "(to read text, use newsmodel.from_dict)"
            ),
        ),
        (
            {"date_published": dt.date(2024, 10, 13)},
            "expected a datetime object, found the date 2024-10-13",
        ),
        ({"headline": None}, "expected a str, found None"),
        ({"headline": 5}, "expected a str, found the int 5"),
        ({"reading_time_minutes": "5"}, "expected an int, found the str '5'"),
        ({"reading_time_minutes": True}, "expected an int, found True"),
        ({"is_accessible_for_free": "no"}, "expected a bool, found the str 'no'"),
        ({"tags": "Ukraine"}, "expected a tuple or list, found the str 'Ukraine'"),
        (
            {"body": [["x"]]},
            (
                "expected a paragraph text (a str) or a block (Paragraph, Heading, List, "
                "BlockQuote, Preformatted, Figure, Embed or Separator), found a list of 1 item"
            ),
        ),
        ({"publisher": {"name": "X"}}, "expected an Organization, found a dict with 1 key"),
        (
            {"kind": "sequel"},
            (
                "expected an ArticleKind or one of its values 'article', 'news', 'reportage', "
                "'analysis', 'opinion', 'background', 'review', 'ask_public', 'satire', "
                "'sponsored', 'live_blog', 'blog_posting', found the str 'sequel'"
            ),
        ),
    ],
)
def test_constructor_messages_speak_python(changes: dict[str, Any], message: str) -> None:
    """A constructor names Python types (None, str, int, list), not JSON's."""
    assert [message] == [error.message for error in raised(lambda: made(**changes)).errors]


def test_quote_date_as_text_points_to_from_dict() -> None:
    """A date-or-datetime field given text says what it takes and where text is read."""
    error = raised(lambda: nm.Quote(text="Hi", speaker=nm.Person(name="A"), date="2024-10-13"))  # type: ignore[arg-type]

    assert error.errors[0].message == (
        "expected a date or datetime object, found the str '2024-10-13' "
        "(to read text, use newsmodel.from_dict)"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"body": [None]},
            "expected a paragraph text or a block (a string or an object), found null",
        ),
        ({"tags": "Ukraine"}, "expected an array, found 'Ukraine'"),
        ({"reading_time_minutes": True}, "expected an integer, found true"),
    ],
)
def test_the_loader_keeps_json_wording(changes: dict[str, Any], message: str) -> None:
    """Loading JSON values still speaks JSON: null, true, an array."""
    assert [message] == [
        error.message for error in raised(lambda: nm.from_dict({**VALID, **changes})).errors
    ]


def test_from_dict_takes_model_instances() -> None:
    """A made (so checked) instance where an object belongs is taken as it is."""
    person = nm.Person(name="Abbey Fenbert", url="https://kyivindependent.com/author/abbey/")
    org = nm.Organization(name="The Kyiv Independent")
    image = nm.Image(url="https://img.example/a.jpg")
    payload = {**VALID, "authors": [person, org], "publisher": org, "images": [image]}

    article = nm.from_dict(payload)

    assert (person, org, image) == (article.authors[0], article.publisher, article.lead_image)
    assert article == nm.from_dict(nm.to_dict(article))


def test_from_dict_names_a_model_of_the_wrong_class() -> None:
    """An instance of another class is a type error that names the class it is."""
    error = raised(lambda: nm.from_dict({**VALID, "images": [nm.Person(name="A")]}))

    assert ["expected an image object, found a Person"] == [e.message for e in error.errors]


# ---------------------------------------------------------------------- repr

NAMES: dict[str, Any] = {name: getattr(nm, name) for name in nm.__all__}
NAMES["datetime"] = dt


def test_repr_shows_public_names() -> None:
    """Fields with a private attribute show under the name the constructor takes."""
    tag = nm.Tag(name="North Korea", slug="nk")
    article = made(reading_time_minutes=3)

    assert "Tag(name='North Korea', kind=TagKind.TOPIC, slug='nk', same_as=())" == repr(tag)
    assert "reading_time_minutes=3" in repr(article)
    assert "_reading" not in repr(article)


@given(
    st.one_of(
        strategies.articles(),
        strategies.tags(),
        strategies.quotes(),
        strategies.related_stories(),
        strategies.persons(),
        strategies.organizations(),
        strategies.images(),
    )
)
def test_repr_evaluates_back_to_an_equal_object(obj: Any) -> None:
    """A pasted repr (as Hypothesis prints it) gives the object back."""
    assert obj == eval(repr(obj), dict(NAMES))


def test_repr_of_an_unchecked_instance_is_safe() -> None:
    """An instance made without its constructor, holding junk, still has a bounded repr."""
    story = object.__new__(nm.RelatedStory)
    for field in attrs.fields(nm.RelatedStory):
        object.__setattr__(story, field.name, deep_list())

    text = repr(story)

    assert text.startswith("RelatedStory(url=<an array of 1 item>, headline=<an array")
    assert "<unset>" in repr(object.__new__(nm.Tag))


# ------------------------------------------------------ nothing deep recurses


@pytest.mark.parametrize("field", ["url", "headline"])
def test_deep_values_in_unique_fields(field: str) -> None:
    """A deep related url or tag name is a type error each time, never a RecursionError."""
    key, items = (
        ("related", [{"url": deep_list(), "headline": "a"}, {"url": deep_list(), "headline": "b"}])
        if field == "url"
        else ("tags", [{"name": deep_list()}, {"name": deep_list()}])
    )

    error = raised(lambda: nm.from_dict({**VALID, key: items}))

    assert ["type", "type"] == [e.code for e in error.errors]
    orjson.dumps(error.to_dicts())


@pytest.mark.parametrize(
    "changes",
    [
        {"headline": deep_list()},
        {"body": [deep_list()]},
        {"kind": deep_list()},
        {"tags": [deep_list()]},
        {"date_published": deep_list()},
        {"language": deep_list()},
        {"authors": deep_list()},
        {"reading_time_minutes": deep_dict()},
    ],
    ids=["headline", "body", "kind", "tags", "date", "language", "authors", "reading-time"],
)
def test_deep_values_given_to_constructors(changes: dict[str, Any]) -> None:
    """Constructors report a deep value in one error; str, repr and to_dicts stay bounded."""
    error = raised(lambda: made(**changes))

    assert 1 == len(error.errors)
    assert str(error)
    assert repr(error.errors[0])
    orjson.dumps(error.to_dicts())


# ---------------------------------------------------------- bytes not UTF-8


@pytest.mark.parametrize(
    ("text", "encoding", "byte", "line", "column"),
    [
        ('{"headline":\n "Österreich"}', "latin-1", 0xD6, 2, 3),
        ('{"a": "x",\n"b": "naïve"}', "cp1252", 0xEF, 2, 9),
        ('{\n\n  "headline": "Київ"}', "cp1251", 0xCA, 3, 16),
        ('{"a": "ü"}', "utf-16", 0xFF, 1, 1),
        ('{"a": "€"}', "cp1252", 0x80, 1, 8),
    ],
)
def test_bytes_not_utf8_say_where(
    text: str, encoding: str, byte: int, line: int, column: int
) -> None:
    """Bytes in another encoding give the first bad byte and its line and column."""
    error = raised(lambda: nm.loads(text.encode(encoding))).errors[0]

    assert ("json", f"byte 0x{byte:02X} that is not UTF-8 at line {line}, column {column}") == (
        error.code,
        error.message.split("found ", 1)[1],
    )


@given(strategies.articles(), st.data(), st.integers(min_value=0x80, max_value=0xFF))
def test_an_invalid_byte_anywhere_is_found_where_it_is(
    article: nm.Article, data: st.DataObject, byte: int
) -> None:
    """An invalid byte put between any two characters of valid JSON is reported there."""
    text = nm.dumps(article, indent=2)
    index = data.draw(st.integers(min_value=0, max_value=len(text)))
    head = text[:index].encode()
    payload = head + bytes([byte]) + text[index:].encode()
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1

    error = raised(lambda: nm.loads(payload)).errors[0]

    assert f"byte 0x{byte:02X} that is not UTF-8 at line {line}, column {column}" in error.message


def test_a_lone_surrogate_in_text_says_where() -> None:
    """A str with a raw lone surrogate gives the character and its place."""
    error = raised(lambda: nm.loads('{\n  "headline": "a\udc80"}')).errors[0]

    assert error.message.endswith("the lone surrogate U+DC80 at line 2, column 17")


def test_a_tuple_given_to_from_dict_is_not_called_an_array() -> None:
    """``expected an array`` never says it found one: a tuple is named as Python names it."""
    error = raised(lambda: nm.from_dict({**VALID, "body": ("a", "b")}))

    assert ["expected an array, found a tuple of 2 items"] == [e.message for e in error.errors]
