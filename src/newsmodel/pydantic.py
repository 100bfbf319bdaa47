"""
newsmodel's classes as pydantic v2 field types, and so in FastAPI.

Nothing needs importing from here: every model class (`~newsmodel.Article`,
`~newsmodel.Person`, ...) carries pydantic's two hooks,
``__get_pydantic_core_schema__`` and ``__get_pydantic_json_schema__``, which
load this module, and pydantic with it, only when pydantic asks for them;
``import newsmodel`` stays free of pydantic. So ``nm.Article`` works as a
field type in a pydantic model, in a `~pydantic.TypeAdapter`, and as a
FastAPI request body (with FastAPI's ``Body()`` marker, as for every type
that is not a pydantic model) or response model.

- **Validation** runs newsmodel's own loader (`newsmodel.from_dict`'s): an
  instance of the class is taken as it is; JSON values are loaded. pydantic's
  strict mode reads strictly, its lax mode (pydantic's default) reads
  leniently (``from_dict(..., lenient=True)``).
- **Errors**: a `newsmodel.ValidationError` becomes a
  `pydantic_core.ValidationError` with one entry per problem, in the same
  order: ``type`` is newsmodel's code, ``msg`` its message, ``loc`` the
  problem's place below the field, ``input`` the offending value (for a
  missing key, the object that lacks it).
- **Serialization** gives the canonical JSON values (`newsmodel.to_dict`'s),
  in Python and JSON mode alike.
- **Bylines**: ``newsmodel.pydantic.Author`` is the field type for a person or
  an organization, as the payload's ``type`` says: newsmodel's author loader
  picks the class and reports one error against it (``nm.Author``, a plain
  union, works too, but pydantic then tries both classes).
- **JSON Schema**: `newsmodel.json_schema`, with each of its ``$defs``
  registered as a definition of pydantic's own, so that references resolve in
  any document pydantic writes (FastAPI's ``/openapi.json`` included) and
  component names stay ``Article``, ``Person``, ``url``, ...
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import TypeAdapter
from pydantic_core import PydanticCustomError
from pydantic_core import ValidationError as PydanticValidationError
from pydantic_core import core_schema as cs

from ._canonical import load_object, to_json_values
from ._errors import NO_INPUT, ErrorDetail, ValidationError
from ._models import Author as Author_
from ._models import Organization, Person

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = ["Author", "core_schema", "json_schema", "pydantic_error"]


def core_schema(cls: type, handler: GetCoreSchemaHandler) -> cs.CoreSchema:
    """
    Return pydantic's core schema for the model class *cls*.

    This is the body of the classes' ``__get_pydantic_core_schema__`` hook.
    """
    del handler  # nothing inside is pydantic's to build
    return _schema(cls, (cls,), cls.__name__, ref=_ref(cls.__name__))


def _schema(load_as: object, kinds: tuple[type, ...], name: str, ref: str | None) -> cs.CoreSchema:
    return cs.lax_or_strict_schema(
        lax_schema=cs.no_info_plain_validator_function(
            _validator(load_as, kinds, name, lenient=True)
        ),
        strict_schema=cs.no_info_plain_validator_function(
            _validator(load_as, kinds, name, lenient=False)
        ),
        serialization=cs.plain_serializer_function_ser_schema(to_json_values),
        ref=ref,
    )


def _ref(name: str) -> str:
    # pydantic names a definition by the last part of its core reference.
    return f"newsmodel.{name}"


def _validator(
    load_as: object, kinds: tuple[type, ...], name: str, *, lenient: bool
) -> Callable[[Any], Any]:
    def validate(value: Any) -> Any:
        if isinstance(value, kinds):
            return value
        try:
            return load_object(load_as, value, lenient=lenient)
        except ValidationError as error:
            raise pydantic_error(error, value, title=name) from None

    validate.__name__ = f"validate_{name}{'' if lenient else '_strictly'}"
    return validate


class _AuthorSchema:
    """pydantic's hooks for `Author`: newsmodel's author loader picks the class by ``type``."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        del source, handler
        return _schema(Author_, (Person, Organization), "Author", ref=None)

    def __get_pydantic_json_schema__(
        self, schema: cs.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        del schema
        return handler(_definition_schema("Author"))


#: A byline or a speaker as a pydantic field type: a `~newsmodel.Person` or an
#: `~newsmodel.Organization`, as the payload's ``type`` says, with one error
#: against the class it names (``nm.Author``, a plain union, works too, but
#: pydantic then tries both classes and reports the errors of each).
Author = Annotated[Union[Person, Organization], _AuthorSchema()]  # noqa: UP007 - 3.10


def pydantic_error(error: ValidationError, data: object, *, title: str) -> PydanticValidationError:
    """
    Return *error* as a pydantic `~pydantic_core.ValidationError`, one entry per problem.

    Args:
        error: The error newsmodel raised for *data*.
        data: The payload that was loaded, where the inputs are looked up.
        title: The title pydantic shows, conventionally the class's name.

    >>> import newsmodel as nm
    >>> try:
    ...     nm.from_dict({"url": "ftp://x"})
    ... except nm.ValidationError as error:
    ...     details = pydantic_error(error, {"url": "ftp://x"}, title="Article").errors()
    >>> [(d["type"], d["loc"]) for d in details]  # doctest: +NORMALIZE_WHITESPACE
    [('url', ('url',)), ('missing', ('headline',)), ('missing', ('language',)),
     ('missing', ('date_published',))]
    """
    line_errors: list[Any] = []
    for detail in error.errors:
        loc = detail.loc
        line_errors.append(
            {
                "type": PydanticCustomError(detail.code, detail.message),
                "loc": loc,
                "input": _input_of(detail, loc, data),
            }
        )
    return PydanticValidationError.from_exception_data(title, line_errors)


def _input_of(detail: ErrorDetail, loc: tuple[str | int, ...], data: object) -> object:
    """The detail's input; for one made without (`NO_INPUT`), the value at *loc* in *data*."""
    if detail.input is not NO_INPUT:
        return detail.input
    value: Any = data
    for key in loc:
        found = isinstance(value, dict) and key in value
        if not found and not (
            isinstance(value, list) and isinstance(key, int) and key < len(value)
        ):
            break
        value = value[key]
    return value


# ------------------------------------------------------------ JSON Schema


def json_schema(cls: type, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
    """
    Return the JSON Schema of *cls* for pydantic, its references registered with *handler*.

    This is the body of the classes' ``__get_pydantic_json_schema__`` hook:
    the schema is `newsmodel.json_schema`'s (for `~newsmodel.Article`, the
    document; for the others, their entry in its ``$defs``), and each
    ``#/$defs/<name>`` reference in it becomes a reference to a definition
    pydantic holds, spelled as the document being written wants it
    (``#/components/schemas/Person`` in FastAPI's OpenAPI document).
    """
    return _registered(_definitions()[cls.__name__], handler)  # type: ignore[no-any-return]


@functools.cache
def _definitions() -> dict[str, Any]:
    """The schema's definitions by name, with the document itself as ``Article``."""
    from ._schema import json_schema as newsmodel_json_schema  # noqa: PLC0415

    schema: dict[str, Any] = newsmodel_json_schema()
    definitions: dict[str, Any] = schema.pop("$defs")
    for key in ("$schema", "$comment"):
        schema.pop(key)
    definitions["Article"] = schema
    return definitions


_DEFS = "#/$defs/"


def _registered(node: Any, handler: GetJsonSchemaHandler) -> Any:
    """A copy of *node* with each ``#/$defs/`` reference replaced by pydantic's."""
    if isinstance(node, list):
        return [_registered(item, handler) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _registered(value, handler) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(_DEFS):
        out["$ref"] = handler(_definition_schema(ref[len(_DEFS) :]))["$ref"]
    return out


#: The names of the definitions whose JSON Schema is being written.
_WRITING: set[str] = set()


@functools.cache
def _definition_schema(name: str) -> cs.CoreSchema:
    """
    A core schema that, given to a JSON Schema handler, registers the definition *name*.

    The definition is an ``any`` schema with the reference the class's own core
    schema has (so ``Person`` is one definition, whether a field is a
    `~newsmodel.Person` or an article refers to one), whose JSON Schema is
    the named entry of newsmodel's schema.
    """
    holder = type(name, (_Definition,), {"name": name})
    definition = TypeAdapter(holder).core_schema
    return cs.definitions_schema(cs.definition_reference_schema(_ref(name)), [definition])


class _Definition:
    """Stands for one of newsmodel's schema definitions in pydantic's JSON Schema generation."""

    name = ""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return cs.any_schema(ref=_ref(cls.name))

    @classmethod
    def __get_pydantic_json_schema__(
        cls,
        schema: cs.CoreSchema,
        handler: GetJsonSchemaHandler,
    ) -> JsonSchemaValue:
        if cls.name in _WRITING:
            # A definition that refers to itself through others (inline content
            # holds emphasis, which holds inline content): its reference is all
            # that is wanted here; the definition is the one being written.
            return {}
        _WRITING.add(cls.name)
        try:
            return _registered(_definitions()[cls.name], handler)  # type: ignore[no-any-return]
        finally:
            _WRITING.discard(cls.name)
