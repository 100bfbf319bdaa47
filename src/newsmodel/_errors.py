"""The error and finding types, and the JSONPath spelling every message uses."""

from __future__ import annotations

import re
from typing import TypeAlias

import attrs

__all__ = ["ErrorDetail", "Finding", "Path", "ValidationError", "describe", "join_path"]


@attrs.frozen
class ErrorDetail:
    """
    One problem in a payload.

    Attributes:
        path: A JSONPath into the payload, such as ``$.authors[1].url``.
        code: A stable, machine-readable code such as ``url`` or ``missing``.
        message: A sentence for people: what was expected, and what was found.
    """

    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.code}: {self.message}"


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
        lines = [f"{head} found:"]
        lines.extend(f"  {error}" for error in self.errors)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[list[ErrorDetail]]]:
        return (type(self), (self.errors,))


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

#: A JSONPath, or a (parent, key) pair the path is made of when it is needed:
#: loaders pass pairs down and render a path only for a value with a problem.
Path: TypeAlias = "str | tuple[Path, str | int]"


def join_path(parent: Path, key: str | int) -> str:
    """
    Return the JSONPath of *key* below *parent*.

    Integer keys become ``[n]``; keys that are not plain identifiers are
    quoted (``$['@type']``) so that every path can be read back unambiguously.
    """
    if parent.__class__ is tuple:
        parent = join_path(*parent)
    if not parent:
        return str(key)
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if _IDENTIFIER.match(key):
        return f"{parent}.{key}"
    quoted = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{parent}['{quoted}']"


_TYPE_NAMES = {
    type(None): "null",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
    tuple: "an array",
    dict: "an object",
}


def describe(value: object) -> str:
    """
    Describe a found value for an error message, briefly and safely.

    Containers are described by kind and size, never by ``repr``: a payload
    nested a hundred thousand levels deep must not blow the stack here.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, int):
        digits = str(value) if abs(value) < 10**30 else f"a {value.bit_length()}-bit int"
        return f"the integer {digits}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, (list, tuple)):
        return f"an array of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return f"an object with {len(value)} key{'s' if len(value) != 1 else ''}"
    name = _TYPE_NAMES.get(type(value))
    if name is not None:
        return name
    return f"a {type(value).__name__}"
