"""
Where a JSONPath points in a JSON text: the line and column of a value.

orjson, like most fast parsers, keeps no source positions. The command line
needs them only for the values it reports a problem at, so it finds each one
afterwards: `locate` walks the text along the path, skipping every sibling
value without decoding it (strings and containers are skipped with regular
expressions, so a walk costs little more than a scan of the text before the
value). Only the keys on the way are decoded, to compare them with the path.

A path that leads nowhere, such as the path of a missing field, stops at the
deepest value that exists: for ``$.authors[0].name`` missing, the opening
brace of ``$.authors[0]``. Positions are 1-based; columns count characters
(code points), not bytes.
"""

from __future__ import annotations

import json
import re

from ._errors import PATH_SEGMENT, PATH_UNESCAPE

__all__ = ["line_column", "locate", "offset_of", "parse_path"]

Segment = str | int

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_STRUCTURE = re.compile(r'["\[\]{}]')
_SCALAR = re.compile(r"[^\s,\]}]+")


def parse_path(path: str) -> list[Segment] | None:
    """
    Split a JSONPath as `newsmodel` writes it into keys and indexes.

    Args:
        path: A path such as ``$.authors[1].url`` or ``$['@type']``.

    Returns:
        The segments (``["authors", 1, "url"]``), or None when *path* is not
        such a path.

    >>> parse_path("$.tags[2]['odd key']")
    ['tags', 2, 'odd key']
    """
    if not path.startswith("$"):
        return None
    segments: list[Segment] = []
    position = 1
    while position < len(path):
        match = PATH_SEGMENT.match(path, position)
        if match is None:
            return None
        if match["name"] is not None:
            segments.append(match["name"])
        elif match["index"] is not None:
            segments.append(int(match["index"]))
        else:
            segments.append(PATH_UNESCAPE.sub(r"\1", match["quoted"]))
        position = match.end()
    return segments


def _skip_whitespace(text: str, position: int) -> int:
    return _WHITESPACE.match(text, position).end()  # type: ignore[union-attr] # always matches


def _skip_string(text: str, position: int) -> int:
    match = _STRING.match(text, position)
    return len(text) if match is None else match.end()


def _skip_value(text: str, position: int) -> int:
    """Return the offset just after the JSON value that starts at *position*."""
    char = text[position : position + 1]
    if char == '"':
        return _skip_string(text, position)
    if char in ("{", "["):
        depth = 0
        while True:
            match = _STRUCTURE.search(text, position)
            if match is None:
                return len(text)
            position = match.start()
            found = match.group()
            if found == '"':
                position = _skip_string(text, position)
                continue
            depth += 1 if found in "{[" else -1
            position += 1
            if depth == 0:
                return position
    match = _SCALAR.match(text, position)
    return position + 1 if match is None else match.end()


def _find_member(text: str, position: int, name: str) -> tuple[int, int] | None:
    """
    Find the member *name* of the object whose ``{`` is at *position*.

    Returns:
        The offsets of its key and its value, or None. With a key given
        twice, the last wins, as it does when the text is parsed.
    """
    found = None
    position = _skip_whitespace(text, position + 1)
    while text.startswith('"', position):
        key_at = position
        position = _skip_string(text, position)
        raw = text[key_at + 1 : position - 1]
        key = json.loads(text[key_at:position]) if "\\" in raw else raw
        position = _skip_whitespace(text, position)
        if not text.startswith(":", position):
            break
        position = _skip_whitespace(text, position + 1)
        if key == name:
            found = (key_at, position)
        position = _skip_whitespace(text, _skip_value(text, position))
        if not text.startswith(",", position):
            break
        position = _skip_whitespace(text, position + 1)
    return found


def _find_item(text: str, position: int, index: int) -> int | None:
    """Return the offset of item *index* of the array whose ``[`` is at *position*."""
    position = _skip_whitespace(text, position + 1)
    if text.startswith("]", position):
        return None
    for _ in range(index):
        position = _skip_whitespace(text, _skip_value(text, position))
        if not text.startswith(",", position):
            return None
        position = _skip_whitespace(text, position + 1)
    return position


def offset_of(text: str, segments: list[Segment], *, at_key: bool = False) -> int:
    """
    Return the offset in *text* of the value at *segments*, or of the deepest that exists.

    Args:
        text: A JSON text.
        segments: Keys and indexes, as `parse_path` returns them.
        at_key: Return the offset of the last key's opening quote instead of
            its value (for an unknown field, the key is what is wrong).
    """
    position = _skip_whitespace(text, 0)
    try:
        for depth, segment in enumerate(segments):
            char = text[position : position + 1]
            if isinstance(segment, str) and char == "{":
                member = _find_member(text, position, segment)
                if member is None:
                    return position
                key_at, value_at = member
                if at_key and depth == len(segments) - 1:
                    return key_at
                position = value_at
            elif isinstance(segment, int) and char == "[":
                item = _find_item(text, position, segment)
                if item is None:
                    return position
                position = item
            else:
                return position
    except ValueError:  # a key with a bad escape: the text is not what was parsed
        pass
    return position


def line_column(text: str, offset: int) -> tuple[int, int]:
    r"""
    Return the 1-based line and column of *offset* in *text*.

    >>> line_column('{\n  "a": 1}', 9)
    (2, 8)
    """
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return line, column


def locate(text: str, path: str, *, at_key: bool = False) -> tuple[int, int]:
    r"""
    Return the 1-based line and column of the value at *path* in the JSON *text*.

    Args:
        text: The JSON text the path's payload was parsed from.
        path: A JSONPath as `newsmodel` writes it (``$.authors[1].url``).
        at_key: Point at the last key instead of its value.

    Returns:
        The position of the value, or of the deepest value on the path that
        exists (an object's opening brace for a field that is missing). For a
        path that cannot be read, the position of the document's first value.

    >>> locate('{"url": "x",\n "authors": [{"name": 5}]}', "$.authors[0].name")
    (2, 23)
    """
    segments = parse_path(path)
    offset = offset_of(text, segments or [], at_key=at_key)
    return line_column(text, offset)
