"""Finding a JSONPath's value in a JSON text: the positions the command line reports."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmodel._errors import join_path
from newsmodel._positions import Segment, line_column, locate, offset_of, parse_path

# ------------------------------------------------------------------ parse_path


@pytest.mark.parametrize(
    ("path", "segments"),
    [
        ("$", []),
        ("$.url", ["url"]),
        ("$.authors[1].url", ["authors", 1, "url"]),
        ("$['@type']", ["@type"]),
        ("$['it\\'s']", ["it's"]),
        ("$['back\\\\slash']", ["back\\slash"]),
        ("$.tags[10]['a b'].name", ["tags", 10, "a b", "name"]),
        ("$['line\nbreak']", ["line\nbreak"]),
    ],
)
def test_parse_path_reads_the_library_spelling(path: str, segments: list[Segment]) -> None:
    """Dotted names, indexes and quoted keys (with escapes) become keys and indexes."""
    assert segments == parse_path(path)


@pytest.mark.parametrize("path", ["", "url", "$.", "$[x]", "$.a[", "$['open", "$..a"])
def test_parse_path_refuses_what_is_not_a_path(path: str) -> None:
    """A text that is not a JSONPath of the library's spelling gives None."""
    assert None is parse_path(path)


_keys = st.text(max_size=6)
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=4),
    max_leaves=20,
)


@given(st.lists(st.integers(0, 50) | _keys, max_size=6))
def test_parse_path_reads_back_every_path_join_path_writes(segments: list[Segment]) -> None:
    """Every path `join_path` builds parses back to the keys and indexes it was built from."""
    path = "$"
    for segment in segments:
        path = join_path(path, segment)
    expected: list[Segment] = list(segments)
    assert expected == parse_path(path)


# ------------------------------------------------------------------ locate

PAYLOAD = """\
{
  "url": "https://example.com/a",
  "headline": "Braces } and ] and \\" in a string",
  "authors": [
    {"type": "person", "name": "Abbey"},
    {"type": "organization", "nmae": "Desk"}
  ],
  "tags": [],
  "body": ["Київ — столиця", "second"]
}
"""


@pytest.mark.parametrize(
    ("path", "at_key", "expected"),
    [
        ("$", False, (1, 1)),
        ("$.url", False, (2, 10)),
        ("$.headline", False, (3, 15)),
        ("$.authors", False, (4, 14)),
        ("$.authors[0]", False, (5, 5)),
        ("$.authors[0].name", False, (5, 32)),
        ("$.authors[1].nmae", True, (6, 30)),
        ("$.authors[1].nmae", False, (6, 38)),
        ("$.body[1]", False, (9, 30)),
        # Paths that lead nowhere stop at the deepest value that exists.
        ("$.authors[1].name", False, (6, 5)),
        ("$.authors[5]", False, (4, 14)),
        ("$.tags[0]", False, (8, 11)),
        ("$.publisher.name", False, (1, 1)),
        ("$.url.deeper", False, (2, 10)),
        ("not a path", False, (1, 1)),
    ],
)
def test_locate_points_at_the_value(path: str, at_key: bool, expected: tuple[int, int]) -> None:
    """Line and column are those of the value (or key), counted in characters from 1."""
    assert expected == locate(PAYLOAD, path, at_key=at_key)


def test_locate_takes_the_last_of_duplicate_keys() -> None:
    """With a key given twice the parser keeps the last value, and so does locate."""
    text = '{"url": 1, "url": 2}'
    assert (1, 19) == locate(text, "$.url")


def test_locate_decodes_escaped_keys() -> None:
    """A key written with escapes is found by its decoded name."""
    text = '{"\\u0040type": 1, "a\\"b": 2}'
    assert (1, 16) == locate(text, "$['@type']")
    assert (1, 27) == locate(text, "$['a\"b']")


def test_locate_counts_columns_in_characters_not_bytes() -> None:
    """Characters outside ASCII (and outside the BMP) count one column each."""
    text = '{"a": "Київ 😀", "b": 1}'
    assert (1, 22) == locate(text, "$.b")


def test_locate_survives_a_text_that_is_not_json() -> None:
    """A text that does not parse gives some position in it, never an exception."""
    for text in ['{"a": [1, 2', '{"a": "\\x"}', "", "{", '{"a" 1}', '{"\\ud800": 1}']:
        line, column = locate(text, "$.a[1].b")
        assert (True, True) == (line >= 1, column >= 1)


def _paths(value: Any, segments: list[Segment]) -> list[tuple[list[Segment], Any]]:
    """Return every (segments, value) pair below *value*, *value* itself first."""
    found = [(segments, value)]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, [*segments, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, [*segments, index])
    return found


@settings(max_examples=150)
@given(_json_values, st.sampled_from([None, 0, 2, "\t"]), st.booleans())
def test_offset_of_finds_every_value_of_any_json_text(
    value: Any, indent: int | str | None, ascii_only: bool
) -> None:
    """For every path of a JSON value, decoding the text at the found offset gives its value."""
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    decoder = json.JSONDecoder()
    for segments, expected in _paths(value, []):
        offset = offset_of(text, segments)
        found, _ = decoder.raw_decode(text, offset)
        assert json.dumps(expected) == json.dumps(found)


@settings(max_examples=100)
@given(st.dictionaries(_keys, _json_values, min_size=1, max_size=5), st.sampled_from([None, 1]))
def test_offset_of_at_key_finds_the_key(value: dict[str, Any], indent: int | None) -> None:
    """With at_key, the found offset holds the key's JSON string."""
    text = json.dumps(value, indent=indent)
    decoder = json.JSONDecoder()
    for key in value:
        found, _ = decoder.raw_decode(text, offset_of(text, [key], at_key=True))
        assert key == found


@given(st.text(alphabet="ab\n", max_size=30), st.data())
def test_line_column_agrees_with_splitting_into_lines(text: str, data: st.DataObject) -> None:
    """The line is one more than the newlines before the offset; the column counts from 1."""
    offset = data.draw(st.integers(0, len(text)))
    before = text[:offset].split("\n")
    assert (len(before), len(before[-1]) + 1) == line_column(text, offset)
