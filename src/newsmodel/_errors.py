"""The error and finding types, and the JSONPath spelling every message uses."""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Final, TypeAlias

import attrs

from ._lazy import LazyPattern

__all__ = [
    "NO_INPUT",
    "ErrorDetail",
    "Finding",
    "Path",
    "ValidationError",
    "describe",
    "describe_python",
    "join_path",
    "json_safe",
    "key_label",
    "split_path",
]

#: A key or an index of a JSONPath, as `ErrorDetail.loc` holds them.
Key: TypeAlias = "str | int"


class _NoInput:
    """The type of `NO_INPUT`: one instance, which survives pickling as itself."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_INPUT"

    def __reduce__(self) -> str:
        return "NO_INPUT"


#: The `ErrorDetail.input` of an error that has no offending value (one made
#: by code that does not pass it). Every error of the wire loader and of the
#: constructors has an input.
NO_INPUT: Final[Any] = _NoInput()


def _input_repr(value: object) -> str:
    # A payload value may be nested a hundred thousand levels deep: described,
    # never repr()'d.
    return "NO_INPUT" if value is NO_INPUT else f"<{describe(value)}>"


@attrs.frozen
class ErrorDetail:
    """
    One problem in a payload.

    Attributes:
        path: A JSONPath into the payload, such as ``$.authors[1].url``.
        code: A stable, machine-readable code such as ``url`` or ``missing``.
        message: A sentence for people: what was expected, and what was found.
        input: The offending value, as it was given. For a missing key
            (code ``missing``) it is the object that lacks the key, as in
            pydantic, so every error of `newsmodel.from_dict`,
            `newsmodel.loads` and the constructors has one; `NO_INPUT` where
            there is none. It takes no part in equality or hashing: two
            details are the same problem when path, code and message agree,
            and a payload value may be unhashable (a list) or too deep to
            compare.
    """

    path: str
    code: str
    message: str
    input: Any = attrs.field(default=NO_INPUT, eq=False, repr=_input_repr)

    @property
    def loc(self) -> tuple[Key, ...]:
        """
        The keys and indexes of the path, as a tuple.

        ``("authors", 1, "url")`` for ``$.authors[1].url``, ``()`` for ``$``.
        """
        return split_path(self.path)

    def __str__(self) -> str:
        return f"{self.path}: {self.code}: {self.message}"

    def __reduce__(self) -> tuple[type[ErrorDetail], tuple[str, str, str, Any]]:
        # The input travels as `ValidationError.to_dicts` gives it: JSON values
        # of bounded depth and size, which any payload can be pickled as.
        value = self.input if self.input is NO_INPUT else json_safe(self.input)
        return (type(self), (self.path, self.code, self.message, value))


@attrs.frozen
class Finding:
    """
    A recommendation or a repair report; a finding never blocks loading.

    Attributes:
        path: A JSONPath to the value the finding is about.
        code: A stable, machine-readable code.
        message: A sentence for people.
    """

    path: str
    code: str
    message: str

    @property
    def loc(self) -> tuple[Key, ...]:
        """The keys and indexes of the path, as for `ErrorDetail.loc`."""
        return split_path(self.path)

    def __str__(self) -> str:
        return f"{self.path}: {self.code}: {self.message}"


class ValidationError(ValueError):
    """
    Raised when a payload or a constructor call does not make a valid article.

    Every problem is reported in one raise, each exactly once, at its path.

    Attributes:
        errors: The problems, in the order they were found.
    """

    errors: list[ErrorDetail]

    def __init__(self, errors: list[ErrorDetail]) -> None:
        self.errors = errors
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.errors)
        head = "1 problem" if count == 1 else f"{count} problems"
        return "\n".join([f"{head} found:"] + [f"  {error}" for error in self.errors])

    def to_dicts(self) -> list[dict[str, Any]]:
        """
        Return the problems as plain JSON values, for an API response or a log.

        Each is ``{"path", "loc", "code", "message", "input"}``: ``loc`` a
        list, ``input`` made JSON-safe within fixed bounds of depth and size
        (left out when the detail has `NO_INPUT`). ``orjson.dumps`` takes the
        result as it is, whatever the payload was.
        """
        out = []
        for error in self.errors:
            # A key of the payload may hold a lone surrogate, which no JSON
            # text can: path, loc and message spell it as an escape.
            item: dict[str, Any] = {
                "path": _encodable(error.path),
                "loc": [_encodable(key) if isinstance(key, str) else key for key in error.loc],
                "code": error.code,
                "message": _encodable(error.message),
            }
            if error.input is not NO_INPUT:
                item["input"] = json_safe(error.input)
            out.append(item)
        return out

    def __reduce__(self) -> tuple[type[ValidationError], tuple[list[ErrorDetail]]]:
        return (type(self), (self.errors,))


#: A JSONPath, or a (parent, key) pair the path is made of when it is needed:
#: loaders pass pairs down and render a path only for a value with a problem.
Path: TypeAlias = "str | tuple[Path, str | int]"


def join_path(parent: Path, key: str | int) -> str:
    """
    Return the JSONPath of *key* below *parent*.

    Integer keys become ``[n]``; keys that are not plain identifiers are
    quoted (``$['@type']``) so that every path can be read back unambiguously
    (`split_path` reads it back).
    """
    # A loader's (parent, key) pairs are unwound in a loop, not by recursion.
    keys = [key]
    while parent.__class__ is tuple:
        parent, key = parent
        keys.append(key)
    path: str = parent  # type: ignore[assignment]
    for key in reversed(keys):
        if not path:
            path = str(key)
        elif isinstance(key, int):
            path = f"{path}[{key}]"
        # An ASCII identifier is [A-Za-z_][A-Za-z0-9_]*, the plain key of a
        # path; the two string flags answer that faster than a regular expression.
        elif key.isascii() and key.isidentifier():
            path = f"{path}.{key}"
        else:
            quoted = key.replace("\\", "\\\\").replace("'", "\\'")
            path = f"{path}['{quoted}']"
    return path


#: One segment of a JSONPath as `join_path` spells it (`newsmodel._positions` reads them too).
PATH_SEGMENT = LazyPattern(
    r"\.(?P<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?P<index>[0-9]+)\]|\['(?P<quoted>(?:[^'\\]|\\.)*)'\]",
    re.DOTALL,
)
#: An escaped character of a quoted key in such a path.
PATH_UNESCAPE = LazyPattern(r"\\(.)", re.DOTALL)


def split_path(path: str) -> tuple[Key, ...]:
    """
    Return the keys and indexes of a JSONPath that `join_path` spelled.

    ``$.authors[1]['@type']`` gives ``("authors", 1, "@type")`` and ``$``
    gives ``()``. A path that does not start with ``$``, or whose rest is not
    in that spelling (a hand-made `ErrorDetail`), keeps the unread rest as
    one last key, so nothing of it is lost.
    """
    if not path.startswith("$"):
        return (path,) if path else ()
    keys: list[Key] = []
    position, end = 1, len(path)
    while position < end:
        found = PATH_SEGMENT.match(path, position)
        if found is None:
            keys.append(path[position:])
            break
        name, index, quoted = found.group("name", "index", "quoted")
        if name is not None:
            keys.append(name)
        elif index is not None:
            keys.append(int(index))
        else:
            keys.append(PATH_UNESCAPE.sub(r"\1", quoted))
        position = found.end()
    return tuple(keys)


def describe(value: object) -> str:
    """
    Describe a found value for an error message, briefly and safely.

    Containers are described by kind and size, never by ``repr``: a payload
    nested a hundred thousand levels deep must not blow the stack here.
    Values are named as JSON names them (``null``, ``an array``): see
    `describe_python` for the constructors' wording.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _short_text(value)
    if isinstance(value, int):
        return f"the integer {_int_digits(value)}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, list):
        return f"an array of {_count(len(value), 'item')}"
    if isinstance(value, dict):
        return f"an object with {_count(len(value), 'key')}"
    # Not a JSON value: named as Python names it ("a tuple of 2 items", "a
    # Person"), so that "expected an array" never says it found one.
    return describe_python(value)


def describe_python(value: object) -> str:
    """
    Describe a value given to a constructor, as Python names it, briefly and safely.

    ``None``, ``True``, ``the str 'x'``, ``the int 5``, ``a list of 2 items``,
    ``a Person``, ``the datetime 2024-10-13 21:04:00``: the constructors take
    Python objects, so their messages speak Python, not JSON.
    """
    if value is None or isinstance(value, bool):
        return repr(value)
    kind = type(value).__name__
    if isinstance(value, enum.Enum):
        return f"{kind}.{value.name}"
    if isinstance(value, str):
        return f"the {kind} {_short_text(value)}"
    if isinstance(value, int):
        return f"the {kind} {value}" if abs(value) < 10**30 else _int_digits(value)
    if isinstance(value, float):
        return f"the {kind} {value!r}"
    if isinstance(value, date):
        return f"the {kind} {value}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return f"a {kind} of {_count(len(value), 'item')}"
    if isinstance(value, dict):
        return f"a {kind} with {_count(len(value), 'key')}"
    article = "an" if kind[:1] in "AEIOUaeiou" else "a"
    return f"{article} {kind}"


def _short_text(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _int_digits(value: int) -> str:
    # str() refuses ints past the interpreter's digit limit.
    return str(value) if abs(value) < 10**30 else f"a {value.bit_length()}-bit int"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def key_label(key: object) -> str:
    """
    Spell a key that is not text for a path: ``1``, ``None``, ``<an array of 2 items>``.

    ``str()`` can raise for a huge int (the digit limit) or a deeply nested
    tuple (recursion); this cannot.
    """
    if key is None or isinstance(key, (bool, float)):
        return repr(key)
    if isinstance(key, int) and abs(key) < 10**30:
        return repr(key)
    return f"<{describe(key)}>"


#: `json_safe`'s bounds: the nesting kept (an article is at most 8 deep), the
#: items of an array or object kept, and the characters of a text kept.
JSON_SAFE_DEPTH = 10
JSON_SAFE_ITEMS = 100
JSON_SAFE_CHARS = 1000
_INT64 = range(-(2**63), 2**64)


def json_safe(value: object, depth: int = 0) -> Any:
    r"""
    Return *value* as JSON values that ``orjson.dumps`` takes, within fixed bounds.

    JSON values are kept; dates become ISO 8601 texts, enum members their
    values, tuples arrays. Whatever cannot be kept is described in a text
    (`describe`): containers below `JSON_SAFE_DEPTH` levels, integers that
    JSON readers cannot hold, non-finite numbers, model instances and other
    objects. Texts are cut at `JSON_SAFE_CHARS` characters and containers at
    `JSON_SAFE_ITEMS` items, each cut saying what it left out; lone
    surrogates become ``\udXXX`` escapes. It never recurses deeper than the
    bound, so a value nested a hundred thousand levels deep is safe.
    """
    if value is None or value is True or value is False:
        return value
    if isinstance(value, enum.Enum):
        return json_safe(value.value, depth)
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value) if value in _INT64 else describe(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else describe(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, Mapping)):
        if depth >= JSON_SAFE_DEPTH:
            return describe(value)
        if isinstance(value, Mapping):
            return _safe_object(value, depth + 1)
        items = [json_safe(item, depth + 1) for item in value[:JSON_SAFE_ITEMS]]
        if len(value) > JSON_SAFE_ITEMS:
            items.append(f"... and {_count(len(value) - JSON_SAFE_ITEMS, 'more item')}")
        return items
    return describe(value)


def _safe_text(value: str) -> str:
    text = str.__str__(value)
    if len(text) > JSON_SAFE_CHARS:
        text = f"{text[:JSON_SAFE_CHARS]}... ({len(value)} characters in all)"
    return _encodable(text)


def _encodable(text: str) -> str:
    # Lone surrogates (which UTF-8 cannot encode) become \udXXX escapes.
    if not text.isascii():
        try:
            text.encode()
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode()
    return text


def _safe_object(value: Mapping[Any, Any], depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for index, (key, item) in enumerate(value.items()):
        if index == JSON_SAFE_ITEMS:
            out["..."] = f"and {_count(len(value) - JSON_SAFE_ITEMS, 'more key')}"
            break
        name = _safe_text(key) if isinstance(key, str) else key_label(key)
        out[name] = json_safe(item, depth)
    return out


def unexpected(error: BaseException) -> str:
    """Describe an exception newsmodel did not expect, in one line, for a report."""
    reason = str(error) if not isinstance(error, RecursionError) else "nested too deeply"
    return (
        f"expected to check this input, found a bug in newsmodel instead "
        f"({type(error).__name__}: {reason}); please report it"
    )
