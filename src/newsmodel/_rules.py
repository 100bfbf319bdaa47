"""
Which rule each field follows, read from the models' annotations.

A field's annotation says its rule: ``url: URL`` is an absolute http(s) URL,
``caption: Text | None`` an optional text, ``same_as: tuple[URL, ...]`` an
array of URLs, ``logo: Image | None`` an optional nested image. `field_rules`
reads those annotations; ``scripts/generate.py`` turns them, at development
time, into the checked-in module `newsmodel._generated`: the function each
class runs in ``__init__``, the wire loaders and the dumpers. A rule is
stated once here and checked the same way everywhere.

Generated code is used because it runs per field of every article loaded:
one straight-line function per class, with the common case (a valid value)
decided by an inline expression (`Rule.fast`) and the message built only for
a problem, by the rule's full check.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Union

import attrs

from . import _values as v
from ._errors import NO_INPUT, ErrorDetail, Path, describe, describe_python, join_path

__all__ = [
    "URL",
    "BodyBlock",
    "DateOrDatetime",
    "FieldRule",
    "LanguageTag",
    "PositiveInt",
    "Slug",
    "Text",
    "TextLine",
    "Timestamp",
    "field_rules",
]

Report = list[ErrorDetail]
Check = Callable[[object, Path, str | int, Report], None]


class Rule:
    """
    A value rule: an inline test for the common case and a full check.

    A plain class, not an attrs one: a rule is a singleton, compared by
    identity, and `import newsmodel` need not pay for generated methods.

    Attributes:
        name: The rule's name, e.g. ``url``.
        fast: A Python expression over ``{x}`` that is true only for values
            that certainly pass; it may be false for some that pass.
        check: The full check, which reports a problem with its message.
    """

    __slots__ = ("check", "fast", "name")

    def __init__(self, name: str, fast: str, check: Check) -> None:
        self.name = name
        self.fast = fast
        self.check = check

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"


# The fast tests are expressions over ``{x}``, the value, in the generated
# module (`newsmodel._generated`), where the names they use are those of
# `FAST_NAMES` and ``clean``. Blank means empty or all whitespace;
# ``isspace`` stops at the first non-space, where ``strip`` would copy the
# whole text. ``clean`` is true when the loader knows no ASCII string of the
# payload can hold a forbidden character (see
# `newsmodel._canonical.scan_clean`): then for an ASCII text only a text
# line's newlines remain to look for, which ``in`` finds far faster than a
# character scan. The URL rule's fast test takes the common plain ASCII URL
# by one pattern (`newsmodel._values.PLAIN_URL`), anything else by the rule.
URL_RULE = Rule(
    "url",
    "({x}.__class__ is str and (plain_url({x}) is not None or is_url({x})))",
    v.check_url,
)
TEXT_LINE_RULE = Rule(
    "text_line",
    "({x}.__class__ is str"
    " and ((clean and {x}.isascii() and '\\n' not in {x})"
    " or {x}.isprintable() or text_line_bad({x}) is None)"
    " and {x} != '' and not {x}.isspace())",
    v.check_text_line,
)
TEXT_RULE = Rule(
    "text",
    "({x}.__class__ is str"
    " and ((clean and {x}.isascii()) or {x}.isprintable() or text_bad({x}) is None)"
    " and {x} != '' and not {x}.isspace())",
    v.check_text,
)
SLUG_RULE = Rule("slug", "False", v.check_slug)
LANGUAGE_RULE = Rule(
    "language", "({x}.__class__ is str and canonical_cache.get({x}) == {x})", v.check_language
)
POSITIVE_INT_RULE = Rule(
    "positive_int", "({x}.__class__ is int and 0 < {x} <= MAX_INT)", v.check_positive_int
)
BOOL_RULE = Rule("bool", "({x} is True or {x} is False)", v.check_bool)
DATETIME_RULE = Rule("datetime", "False", v.check_datetime)
DATE_OR_DATETIME_RULE = Rule("date_or_datetime", "False", v.check_date_or_datetime)


def check_block(value: object, parent: Path, key: str | int, report: Report) -> None:
    """
    Check a body block: a plain paragraph (the text rule) or a block instance.

    The block classes (`newsmodel._body`) load on the first block that is not
    a text: a body of plain paragraphs never imports them.
    """
    if isinstance(value, str):
        v.check_text(value, parent, key, report)
        return
    from ._body import BLOCK_CLASSES  # noqa: PLC0415 - only for a structured body

    if value.__class__ not in BLOCK_CLASSES:
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                "expected a paragraph text (a str) or a block (Paragraph, Heading, List, "
                f"BlockQuote, Preformatted, Figure, Embed or Separator), found "
                f"{describe_python(value)}",
            )
        )


# A block's fast test is the text rule's: a plain paragraph is decided
# inline, any other block by `check_block`.
BLOCK_RULE = Rule("block", TEXT_RULE.fast, check_block)

#: Every rule, by name: the generated module refers to a rule by its name.
RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        URL_RULE,
        TEXT_LINE_RULE,
        TEXT_RULE,
        SLUG_RULE,
        LANGUAGE_RULE,
        POSITIVE_INT_RULE,
        BOOL_RULE,
        DATETIME_RULE,
        DATE_OR_DATETIME_RULE,
        BLOCK_RULE,
    )
}

# The names the fast tests use, which the generated module imports from here.
is_url = v.is_url
plain_url = v.PLAIN_URL.fullmatch
text_line_bad = v.TEXT_LINE_BAD.search
text_bad = v.TEXT_BAD.search
canonical_cache = v.canonical_cache
MAX_INT = v.MAX_INT
FAST_NAMES = ("MAX_INT", "canonical_cache", "is_url", "plain_url", "text_bad", "text_line_bad")

URL = Annotated[str, URL_RULE]
"""An absolute ``http`` or ``https`` IRI (RFC 3987) with a host and no spaces."""
TextLine = Annotated[str, TEXT_LINE_RULE]
"""Non-blank text without line breaks or control characters."""
Text = Annotated[str, TEXT_RULE]
"""Non-blank text without control characters other than newlines."""
Slug = Annotated[str, SLUG_RULE]
"""Lowercase letters and digits joined by single hyphens."""
LanguageTag = Annotated[str, LANGUAGE_RULE]
"""A well-formed BCP 47 language tag in canonical case."""
PositiveInt = Annotated[int, POSITIVE_INT_RULE]
"""An integer from 1 to 2**53 - 1."""
Timestamp = Annotated[datetime, DATETIME_RULE]
"""A timezone-aware datetime whose offset is a whole number of minutes."""
DateOrDatetime = Annotated[date | datetime, DATE_OR_DATETIME_RULE]
"""A calendar date, or a timezone-aware datetime."""
if typing.TYPE_CHECKING:
    from ._body import Block as BodyBlock
else:
    # At run time the rule checks the type itself (`check_block`), so that
    # reading the annotation never imports the block classes.
    BodyBlock = Annotated[object, BLOCK_RULE]
    """A body block: a plain paragraph text or a block instance (`newsmodel.Block`)."""


@attrs.frozen
class FieldRule:
    """
    What a field holds, as its annotation says.

    Attributes:
        name: The attribute's name (``_slug`` for a property-backed field).
        key: The name in ``__init__`` and on the wire (``slug``).
        required: Whether the field has no default.
        default: The default value, when not required.
        sequence: Whether the field is a tuple of such values.
        rule: The value rule, for plain values.
        types: For plain values: the Python types the annotation names
            (``(str,)`` for ``URL``), which a constructor requires.
        classes: For nested objects: the classes a value may be.
        enum: For enum members: the enum.
    """

    name: str
    key: str
    required: bool
    default: Any
    sequence: bool
    rule: Rule | None = None
    types: tuple[type, ...] = ()
    classes: tuple[type, ...] = ()
    enum: type[enum.Enum] | None = None


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007
    return hint


def field_rules(cls: type) -> list[FieldRule]:
    """Read the rule of every attrs field of *cls* from its annotations."""
    hints = typing.get_type_hints(cls, include_extras=True)
    rules = []
    for field in attrs.fields(cls):
        hint = _strip_optional(hints[field.name])
        sequence = typing.get_origin(hint) is tuple
        if sequence:
            hint = typing.get_args(hint)[0]
        required = field.default is attrs.NOTHING
        common: dict[str, Any] = {
            "name": field.name,
            "key": field.alias or field.name,
            "required": required,
            "default": None if required else field.default,
            "sequence": sequence,
        }
        if typing.get_origin(hint) is Annotated:
            base = hint.__origin__
            python_types = typing.get_args(base) or (base,)
            rules.append(FieldRule(rule=hint.__metadata__[0], types=python_types, **common))
        elif hint is bool:
            rules.append(FieldRule(rule=BOOL_RULE, types=(bool,), **common))
        elif isinstance(hint, type) and issubclass(hint, enum.Enum):
            rules.append(FieldRule(enum=hint, **common))
        elif typing.get_origin(hint) in (Union, types.UnionType):
            rules.append(FieldRule(classes=typing.get_args(hint), **common))
        elif isinstance(hint, type) and attrs.has(hint):
            rules.append(FieldRule(classes=(hint,), **common))
        else:  # pragma: no cover - a new field type needs a rule here
            msg = f"{cls.__name__}.{field.name}: no rule for the annotation {hint!r}"
            raise TypeError(msg)
    return rules


def with_input(check: Check) -> Check:
    """
    Return *check*, made to give every problem it reports the value as input.

    The value checks of `newsmodel._values` report path, code and message;
    the input is added here, once for all of them, on the error path only.
    """

    def check_with_input(value: object, parent: Path, key: str | int, report: Report) -> None:
        start = len(report)
        check(value, parent, key, report)
        fill_input(report, start, value)

    return check_with_input


def fill_input(report: Report, start: int, value: object) -> None:
    """Give *value* as input to the problems from *start* on that have none."""
    for index in range(start, len(report)):
        detail = report[index]
        if detail.input is NO_INPUT:
            report[index] = ErrorDetail(detail.path, detail.code, detail.message, value)


def fill_last_input(report: Report, value: object) -> None:
    """Give *value* as input to the problems at the end of *report* that have none."""
    index = len(report) - 1
    while index >= 0 and report[index].input is NO_INPUT:
        detail = report[index]
        report[index] = ErrorDetail(detail.path, detail.code, detail.message, value)
        index -= 1


def enum_check(enum_class: type[enum.Enum], *, python: bool = False) -> Check:
    """
    Return the full check that a value is a member of *enum_class*.

    With *python*, the message speaks as a constructor's caller writes
    (``a TagKind``, ``the str 'x'``); otherwise as the wire format does.
    """
    values = ", ".join(repr(member.value) for member in enum_class)
    if python:
        allowed = f"{_a(enum_class.__name__)} or one of its values {values}"
    else:
        allowed = f"one of {values}"
    found = describe_python if python else describe

    def check(value: object, parent: Path, key: str | int, report: Report) -> None:
        if value.__class__ is not enum_class:
            report.append(
                ErrorDetail(
                    join_path(parent, key),
                    "invalid" if isinstance(value, str) else "type",
                    f"expected {allowed}, found {found(value)}",
                    value,
                )
            )

    return check


def _a(name: str) -> str:
    return f"{'an' if name[0] in 'AEIOUaeiou' else 'a'} {name}"


def instance_check(classes: tuple[type, ...]) -> Check:
    """Return the constructors' check that a value is an instance of one of *classes*."""
    what = " or ".join(_a(c.__name__) for c in classes)

    def check(value: object, parent: Path, key: str | int, report: Report) -> None:
        if not isinstance(value, classes):
            report.append(
                ErrorDetail(
                    join_path(parent, key),
                    "type",
                    f"expected {what}, found {describe_python(value)}",
                    value,
                )
            )

    return check


def _python_what(types: tuple[type, ...]) -> str:
    # "a str", "an int", "a datetime object", "a date or datetime object".
    names = " or ".join(t.__name__ for t in types)
    builtin = all(t.__module__ == "builtins" for t in types)
    return _a(names) if builtin else f"{_a(names)} object"


_FROM_TEXT = " (to read text, use newsmodel.from_dict)"


def python_type_check(rule: Rule, allowed: tuple[type, ...]) -> Check:
    """
    Return a constructor's check of a plain value: its Python type, then its rule.

    *allowed* are the Python types the field's annotation names (`FieldRule.types`).
    A value of the wrong type gets a message in Python's words (``expected a
    str, found None``; for a date given as text, a pointer to
    `newsmodel.from_dict`, which reads text). The rule's own check words
    what is wrong with a value of the right type.
    """
    what = _python_what(allowed)
    ints_only = allowed == (int,)
    dates = any(issubclass(t, date) for t in allowed)
    rule_check = with_input(rule.check)

    def check(value: object, parent: Path, key: str | int, report: Report) -> None:
        if isinstance(value, allowed) and not (ints_only and isinstance(value, bool)):
            rule_check(value, parent, key, report)
            return
        hint = _FROM_TEXT if dates and isinstance(value, str) else ""
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected {what}, found {describe_python(value)}{hint}",
                value,
            )
        )

    return check


def sequence_type_error(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Report a value that should have been an array."""
    report.append(
        ErrorDetail(
            join_path(parent, key), "type", f"expected an array, found {describe(value)}", value
        )
    )


def python_sequence_type_error(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Report a value given to a constructor that should have been a tuple or a list."""
    report.append(
        ErrorDetail(
            join_path(parent, key),
            "type",
            f"expected a tuple or list, found {describe_python(value)}",
            value,
        )
    )
