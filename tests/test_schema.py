"""
The JSON Schema of the wire format agrees with the library.

Checked with the `jsonschema` package (draft 2020-12), with format checking on.
The schema uses no ``format`` keyword, so which format checkers are installed
changes nothing. jsonschema runs patterns with Python's `re`; the schema's
patterns are written to mean the same in ECMA 262 (see ``newsmodel._schema``),
which this suite cannot run: benchmarks/bench_cli.py runs check-jsonschema, whose
default regular expressions are ECMA 262's, over valid and invalid files.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsmodel as nm
from newsmodel import _schema
from newsmodel import _values as v
from newsmodel import strategies as nst
from newsmodel._positions import parse_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-2024-10-13.json"
SCHEMA_FILE = ROOT / "src" / "newsmodel" / "schema.json"

SCHEMA = nm.json_schema()
Validator = jsonschema.Draft202012Validator
VALIDATOR = Validator(SCHEMA, format_checker=Validator.FORMAT_CHECKER)


def schema_errors(payload: object) -> list[jsonschema.ValidationError]:
    """Return the schema's errors for *payload*."""
    return list(VALIDATOR.iter_errors(payload))


def library_errors(payload: dict[str, Any]) -> list[nm.ErrorDetail]:
    """Return the library's errors for *payload* (empty when it loads)."""
    try:
        nm.from_dict(payload)
    except nm.ValidationError as error:
        return error.errors
    return []


def example() -> dict[str, Any]:
    """Return the worked example's payload."""
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


# ------------------------------------------------------------------ the file


def test_schema_file_is_generated_from_the_models() -> None:
    """schema.json is what scripts/generate_schema.py writes now: run it after model changes."""
    assert _schema.render(_schema.build_schema()) == SCHEMA_FILE.read_text(encoding="utf-8")


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema is valid against the draft 2020-12 metaschema."""
    assert "https://json-schema.org/draft/2020-12/schema" == SCHEMA["$schema"]
    Validator.check_schema(SCHEMA)


def test_json_schema_returns_a_fresh_copy() -> None:
    """Changing the returned dict does not change what the next call returns."""
    first = nm.json_schema()
    first["required"].append("changed")
    assert ["url", "headline", "language", "date_published"] == nm.json_schema()["required"]


def _keys(value: object) -> set[str]:
    """Return every object key anywhere in a JSON value."""
    if isinstance(value, dict):
        return set(value).union(*(_keys(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(item) for item in value))
    return set()


def _formats(value: object) -> list[tuple[object, object]]:
    """Return (the definition's description, its 'format') for every 'format' in a JSON value."""
    if isinstance(value, dict):
        found = [(value.get("description"), value["format"])] if "format" in value else []
        return found + [item for child in value.values() for item in _formats(child)]
    if isinstance(value, list):
        return [item for child in value for item in _formats(child)]
    return []


def test_the_only_format_is_iri_on_urls() -> None:
    """Only the URL definition says 'format' ('iri'); patterns decide everything else."""
    assert [(SCHEMA["$defs"]["url"]["description"], "iri")] == _formats(SCHEMA)
    assert "pattern" in SCHEMA["$defs"]["url"]


def test_every_library_url_is_an_iri_to_the_format_checker() -> None:
    """The validator's 'iri' format checker is installed, and it refuses a non-IRI."""
    checker = Validator.FORMAT_CHECKER
    assert "iri" in checker.checkers
    assert checker.conforms("https://ru.wikipedia.org/wiki/Киев", "iri")
    assert not checker.conforms("https://x.com/a%zz", "iri")


def test_spaces_are_exactly_what_python_strips() -> None:
    """The schema's whitespace class is str.isspace's, so 'non-blank' means the same."""
    space = re.compile(f"[{_schema.SPACES}]")
    mismatches = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF and bool(space.match(chr(code))) != chr(code).isspace()
    ]
    assert [] == mismatches


# ------------------------------------------------------------------ valid payloads


def test_the_worked_example_is_valid() -> None:
    """The shipped example passes the schema."""
    assert [] == schema_errors(example())


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(nst.articles())
def test_every_drawn_article_is_valid(article: nm.Article) -> None:
    """Every article the strategies draw, in the wire format, passes the schema."""
    assert [] == [error.message for error in schema_errors(nm.to_dict(article))]


# ------------------------------------------------------------------ value rules


def _accepts(rule: str, value: str) -> bool:
    """Whether the schema's definition of *rule* accepts the string *value*."""
    subschema = {"$defs": SCHEMA["$defs"], "type": "string", "$ref": f"#/$defs/{rule}"}
    return bool(Validator(subschema).is_valid(value))


def _library_accepts(rule: str, value: str) -> bool:
    """Whether the library, loading *value* into a field of *rule*, accepts it."""
    report: list[nm.ErrorDetail] = []
    if rule in ("datetime", "date_or_datetime"):
        parse = v.parse_datetime if rule == "datetime" else v.parse_date
        try:
            parsed = parse(value)
        except v.DateParseError:
            return False
        v.check_date_or_datetime(parsed, "$", "x", report)
    elif rule == "language":
        return v.canonical_language(value) is not None  # loading puts it in canonical case
    else:
        check = {
            "url": v.check_url,
            "text_line": v.check_text_line,
            "text": v.check_text,
            "slug": v.check_slug,
        }[rule]
        check(value, "$", "x", report)
    return not report


_ODD = list(" \t\n\r\x00\x1f\x7f\x85\x9f\xa0\u2028\u3000\ufeff-_/:?#@[]\\.%ÉéZzTt+:0123456789")
_CHARS = st.sampled_from(_ODD) | st.characters(codec="utf-8")


@st.composite
def _near(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """Draw a value from *base*, then change a few characters of it."""
    value = draw(base)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(value)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "case", "cut"]))
        if how == "insert":
            value = value[:at] + draw(_CHARS) + value[at:]
        elif how == "delete":
            value = value[:at] + value[at + 1 :]
        elif how == "replace":
            value = value[:at] + draw(_CHARS) + value[at + 1 :]
        elif how == "case":
            value = value.swapcase()
        else:
            value = value[:at]
    return value


_DATETIME_SHAPES = st.from_regex(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,10})?)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?)?",
    fullmatch=True,
)
_ISO_DATETIMES = nst.aware_datetimes().map(datetime.isoformat)

_VALUES = {
    "url": nst.urls(),
    "text_line": nst.text_lines(max_size=20),
    "text": nst.texts(max_size=20),
    "slug": st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
    "language": nst.language_tags(),
    "datetime": _ISO_DATETIMES | _DATETIME_SHAPES,
    "date_or_datetime": _ISO_DATETIMES | _DATETIME_SHAPES,
}


def _why_not_stated(rule: str, value: str) -> str | None:
    """Name the listed exception that lets the schema accept what the library refuses."""
    if rule == "slug" and not value.isascii():
        return "slug outside ASCII"
    if rule == "url" and re.fullmatch(v.url_pattern(), value) is not None:
        return "URL host name too long"  # the exact grammar accepts it: only lengths are left
    if rule == "url" and any(ord(char) > 0xFFFF for char in value):
        return "URL code point above U+FFFF"
    if rule in ("datetime", "date_or_datetime"):
        try:
            parsed = v.parse_date(value) if rule == "date_or_datetime" else v.parse_datetime(value)
        except v.DateParseError:
            return None
        if isinstance(parsed, datetime) and parsed.year in (1, 9999):
            return "UTC instant outside years 1 to 9999"
    return None


@pytest.mark.parametrize("rule", sorted(_VALUES))
@settings(max_examples=300)
@given(data=st.data())
def test_each_value_rule_means_what_the_library_checks(rule: str, data: st.DataObject) -> None:
    """For strings near valid ones and random ones, the pattern and the library agree."""
    value = data.draw(_near(_VALUES[rule]) | st.text(_CHARS, max_size=12), label="value")
    library, schema = _library_accepts(rule, value), _accepts(rule, value)
    if schema and not library:
        assert None is not _why_not_stated(rule, value)
    else:
        assert library == schema


# ------------------------------------------------------------------ mutated payloads


def _items(value: Any) -> list[tuple[str | int, Any]]:
    """Return the (key, item) pairs of an object or array; none for other values."""
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, list):
        return list(enumerate(value))
    return []


def _containers(value: Any, path: list[str | int]) -> list[list[str | int]]:
    """Return the path of every object and array inside *value*, *value* included."""
    found = [path] if isinstance(value, (dict, list)) else []
    for key, item in _items(value):
        found += _containers(item, [*path, key])
    return found


def _get(value: Any, path: list[str | int]) -> Any:
    """Return the value at *path*."""
    for key in path:
        value = value[key]
    return value


_BAD_STRINGS = st.sampled_from(
    [
        "",
        " ",
        "line\nbreak",
        "nul\x00",
        "javascript:alert(1)",
        "/relative/path",
        "https://exa mple.com/",
        "2024-10-13T21:04:00",
        "2024-02-30T21:04:00Z",
        "13 October 2024",
        "2024-10-13",
        "EN-gb",
        "english",
        "North Korea",
        "north--korea",
        "person",
        "organization",
        "opinion",
        "satire",
        "follow_up",
        "place",
    ]
)
_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([2**53, 2**53 - 1, 1.0, 2.5, 1e3, -0.0])
    | _BAD_STRINGS
    | st.text(_CHARS, max_size=8),
    lambda children: (
        st.lists(children, max_size=2)
        | st.dictionaries(st.sampled_from(["type", "name", "url", "bogus"]), children, max_size=2)
    ),
    max_leaves=4,
)


@st.composite
def _mutated(draw: st.DrawFn) -> dict[str, Any]:
    """
    Draw an article's payload with one to three changes.

    Each change picks an object or array (the article itself half the time), then
    changes a string in it slightly, replaces a value with another JSON value or
    null, removes a member, or adds one.
    """
    payload = nm.to_dict(draw(nst.articles()))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.just([]) | st.sampled_from(_containers(payload, [])))
        target = _get(payload, where)
        how = draw(st.sampled_from(["tweak", "replace", "null", "delete", "add"]))
        if how == "add" and isinstance(target, dict):
            name = draw(st.sampled_from(["bogus", "type", "kind", "dateline", "name", "url"]))
            target[name] = draw(_JSON_VALUES)
            continue
        keys = [key for key, _ in _items(target)]
        if not keys:
            continue
        key = draw(st.sampled_from(keys))
        if how == "delete":
            del target[key]
        elif how == "null":
            target[key] = None
        elif how == "tweak" and isinstance(target[key], str):
            target[key] = draw(_near(st.just(target[key])) | _BAD_STRINGS)
        else:
            target[key] = draw(_JSON_VALUES)
    return payload


def _not_stated(error: nm.ErrorDetail, payload: dict[str, Any]) -> bool:
    """Whether *error* is one of the rules the schema's description lists as not stated."""
    if error.code in ("date_order", "duplicate", "too_deep", "nested_link"):
        return True
    if error.code == "invalid" and "one of the article's images" in error.message:
        return True
    segments = parse_path(error.path)
    assert segments is not None
    try:
        value = _get(payload, segments)
    except (KeyError, IndexError, TypeError):
        return False
    if error.code == "type" and isinstance(value, float) and value.is_integer():
        return True
    if segments[-1] == "slug" and isinstance(value, str) and not value.isascii():
        return True
    if error.code == "url" and (
        "octets long" in error.message or re.search(r"U\+[0-9A-F]{5,6}\b", error.message)
    ):
        return True  # a host label's length, or a code point above U+FFFF
    return error.code == "invalid" and "within years 1 to 9999" in error.message


def _reported(error: nm.ErrorDetail, found: list[jsonschema.ValidationError]) -> bool:
    """
    Whether the schema reports the library's *error* in the same place.

    That is at the same path; or, for a missing or unknown field, at the object
    that lacks it or holds it, naming the field (``'name' is a required property``).
    """
    path = parse_path(error.path)
    assert path is not None
    for schema_error in found:
        where = list(schema_error.absolute_path)
        if where == path:
            return True
        if (
            error.code in ("missing", "unknown_field")
            and where == path[:-1]
            and repr(path[-1]) in schema_error.message
        ):
            return True
    return False


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_what_the_library_rejects_the_schema_rejects_at_the_same_place(
    payload: dict[str, Any],
) -> None:
    """
    Mutated payloads: the library and the schema agree, error by error.

    A payload the library accepts, the schema accepts. For each error the library
    reports (except the rules the schema lists as not stated), the schema reports one
    at the same path (a missing or unknown field: at its object, naming it).
    """
    original = copy.deepcopy(payload)
    found = schema_errors(payload)
    expected = library_errors(payload)
    assert original == payload
    if not expected:
        assert [] == [(error.json_path, error.message) for error in found]
        return
    unmatched = [
        str(error)
        for error in expected
        if not _not_stated(error, payload) and not _reported(error, found)
    ]
    assert [] == unmatched


def _member_paths(value: Any, path: list[str | int]) -> list[list[str | int]]:
    """Return the path of every member of every object inside *value*."""
    found: list[list[str | int]] = []
    for key, item in _items(value):
        if isinstance(value, dict):
            found.append([*path, key])
        found += _member_paths(item, [*path, key])
    return found


_EDITS: dict[str, Any] = {
    "delete": None,
    "null": None,
    "empty": "",
    "zero": 0,
    "array": [],
    "object": {},
}


@pytest.mark.parametrize("edit", sorted(_EDITS))
def test_every_member_of_the_example_edited_agrees(edit: str) -> None:
    """Each member of the example removed, or set to null, "", 0, [] or {}: both agree."""
    disagreements = []
    for path in _member_paths(example(), []):
        payload = example()
        parent = _get(payload, path[:-1])
        if edit == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(_EDITS[edit])
        expected = [e for e in library_errors(payload) if not _not_stated(e, payload)]
        found = schema_errors(payload)
        if bool(expected) != bool(found) or not all(_reported(e, found) for e in expected):
            disagreements.append((path, [str(e) for e in expected], [e.message for e in found]))
    assert [] == disagreements


# ------------------------------------------------------------------ what cannot be stated


def _minimal(**changes: Any) -> dict[str, Any]:
    """Return a small valid payload with *changes*."""
    data: dict[str, Any] = {
        "url": "https://example.com/news/a",
        "headline": "A headline",
        "language": "en",
        "date_published": "2024-10-13T21:04:00+03:00",
    }
    data.update(changes)
    return data


_NOT_STATED_EXAMPLES = {
    "date_order": _minimal(date_modified="2024-10-12T00:00:00Z"),
    "duplicate tag": _minimal(tags=[{"name": "Kyiv"}, {"name": "KYIV"}]),
    "duplicate related": _minimal(
        related=[
            {"url": "https://example.com/b", "headline": "B"},
            {"url": "https://example.com/b", "headline": "C"},
        ]
    ),
    "integral float": _minimal(reading_time_minutes=2.0),
    "slug outside ASCII": _minimal(tags=[{"name": "Éire", "slug": "Éire"}]),
    "year edge": _minimal(date_published="0001-01-01T00:00:00+01:00"),
    "URL host label too long": _minimal(url="https://" + "a" * 64 + ".example/"),
    "URL code point above U+FFFF": _minimal(url="https://example.com/\U0001fffe"),
    "figure without its image": _minimal(
        body=[{"type": "figure", "image": "https://example.com/a.jpg"}]
    ),
    "link in a link": _minimal(
        body=[
            {
                "type": "paragraph",
                "content": [
                    {
                        "type": "link",
                        "url": "https://example.com/a",
                        "content": [
                            {"type": "link", "url": "https://example.com/b", "content": ["b"]}
                        ],
                    }
                ],
            }
        ]
    ),
}


@pytest.mark.parametrize("name", sorted(_NOT_STATED_EXAMPLES))
def test_rules_the_schema_cannot_state_are_the_listed_ones(name: str) -> None:
    """
    Each listed exception is real: the library rejects the payload, the schema accepts it.

    Accepts it by its patterns, that is: a validator that checks formats
    refuses a URL code point that RFC 3987 excludes, by 'format': 'iri'.
    """
    payload = _NOT_STATED_EXAMPLES[name]
    errors = library_errors(payload)
    assert (True, []) == (
        len(errors) == 1 and _not_stated(errors[0], payload),
        list(Validator(SCHEMA).iter_errors(payload)),
    )


def test_the_description_lists_every_rule_not_stated() -> None:
    """The schema's description names each rule JSON Schema cannot state."""
    description = SCHEMA["description"]
    assert [] == [rule for rule in _schema.NOT_STATED if rule not in description]
    assert 10 == len(_schema.NOT_STATED) == len(_NOT_STATED_EXAMPLES)


def test_dateline_on_a_non_news_kind_is_rejected() -> None:
    """The dateline rule is stated: a satire piece with a dateline fails, a news piece passes."""
    satire = _minimal(kind="satire", dateline="KYIV")
    assert (["$.dateline"], ["$.dateline"]) == (
        [error.path for error in library_errors(satire)],
        [error.json_path for error in schema_errors(satire)],
    )
    assert [] == schema_errors(_minimal(kind="opinion", dateline="KYIV"))
