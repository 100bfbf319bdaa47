r"""
The JSON Schema (draft 2020-12) of the wire format, for tools outside Python.

`json_schema` returns the schema shipped with the package (``schema.json``).
That file is generated from the models by `build_schema` (run
``scripts/generate_schema.py``; a test checks the file is up to date): the
fields, which are required, their defaults and descriptions come from the
classes, and each value rule of ``_rules`` maps to a pattern written here.

The patterns are written to mean the same in Python's `re` (which the
`jsonschema` package uses) and in ECMA 262 regular expressions (which the
JSON Schema specification names): character classes are spelled out instead
of ``\s`` or ``\w``, whose meaning differs, and every pattern ends in
``$(?!\n)``, because Python's ``$`` also matches before a final newline.
"""

from __future__ import annotations

import enum
import re
import typing
from typing import Any

from ._models import WORDS_PER_MINUTE
from ._values import language_pattern, url_pattern

__all__ = ["build_schema", "json_schema", "render"]

#: The characters `str.isspace` (and so `str.strip`) counts as whitespace.
SPACES = (
    "\\u0009-\\u000d\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a"
    "\\u2028\\u2029\\u202f\\u205f\\u3000"
)
#: The characters a one-line text may not hold: controls, line separators, surrogates.
LINE_FORBIDDEN = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff"
#: The characters a text may not hold: the same, except the newline.
TEXT_FORBIDDEN = "\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff"

_END = "$(?!\\n)"  # the end of the text, in Python's re as in ECMA 262

# The URL rule's own grammar (newsmodel._values.url_pattern), exact in the BMP:
# the schema admits every code point above U+FFFF and does not count host
# label lengths, as its description says.
URL_PATTERN = f"^(?:{url_pattern(0xFFFF)})" + _END
TEXT_LINE_PATTERN = f"^[^{LINE_FORBIDDEN}]*[^{LINE_FORBIDDEN}{SPACES}][^{LINE_FORBIDDEN}]*" + _END
TEXT_PATTERN = f"^[^{TEXT_FORBIDDEN}]*[^{TEXT_FORBIDDEN}{SPACES}][^{TEXT_FORBIDDEN}]*" + _END

# A slug character: ASCII lowercase letters and digits, or any character
# outside ASCII that is not a control, a space or a surrogate. (Python's
# letters and digits outside ASCII depend on the Unicode version.)
_SLUG_CHAR = f"[^\\u0000-\\u002f\\u003a-\\u0060\\u007b-\\u00a0{SPACES}\\ud800-\\udfff]"
SLUG_PATTERN = f"^{_SLUG_CHAR}+(?:-{_SLUG_CHAR}+)*" + _END

_YEAR = "(?!0000)[0-9]{4}"
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_DAY = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29"
_DATE = f"(?:{_YEAR}-{_MONTH_DAY}|(?!0000){_LEAP_DAY})"
_TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,9})?)?"
# Python reads an offset's minutes up to 99 as long as it stays under 24 hours.
_OFFSET = "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
DATETIME_PATTERN = f"^{_DATE}[Tt]{_TIME}{_OFFSET}" + _END
DATE_OR_DATETIME_PATTERN = f"^{_DATE}(?:[Tt]{_TIME}{_OFFSET})?" + _END


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


# The language tag grammar (newsmodel._values.language_pattern), with no
# group names and the grandfathered tags in any case, as ECMA 262 reads it.
LANGUAGE_PATTERN = f"^(?:{language_pattern(groups=False, spell=_any_case)})" + _END

#: Rules of the library that JSON Schema cannot state; the schema's description lists them.
NOT_STATED = (
    "date_modified is not earlier than date_published (code date_order).",
    "No two tags have the same name, compared ignoring case (code duplicate).",
    "No two related stories have the same url (code duplicate).",
    (
        "A figure in the body shows one of the article's images: its image is the url of "
        "one of them (code invalid)."
    ),
    (
        "In the body, inline markup nests at most 6 deep and lists at most 4 (code "
        "too_deep), and no link holds another link (code nested_link)."
    ),
    (
        "Integers are written without a fraction or exponent: JSON Schema counts 2.0 and "
        "2e0 as integers, the library does not."
    ),
    (
        "Outside ASCII, a slug holds only letters and digits, in lowercase: the schema "
        "accepts any character outside ASCII that is not a space or a control."
    ),
    (
        "A datetime's UTC instant lies within years 1 to 9999: at the very edges (year 1 "
        "with a positive offset, year 9999 with a negative one) the schema cannot tell."
    ),
    (
        "A URL's host name has labels of at most 63 octets and at most 253 in all, counted "
        "in its ASCII (Punycode) form: the schema's pattern does not count them."
    ),
    (
        "Above U+FFFF a URL holds only the code points RFC 3987 allows (no noncharacters "
        "such as U+1FFFE, no tag characters U+E0000 to U+E0FFF, private use only in the "
        "query): the schema's pattern admits every code point above U+FFFF; a validator "
        "that checks 'format': 'iri' refuses them."
    ),
)

_DESCRIPTION = (
    "An article in newsmodel's canonical JSON wire format, version 1. "
    "Generated from the library's models by scripts/generate_schema.py. "
    "A payload the library accepts is valid against this schema. The library also "
    "checks these rules, which JSON Schema cannot state, so a payload valid here "
    "may still be rejected by it: " + " ".join(NOT_STATED) + " "
    "Patterns check URLs, datetimes and language tags, so the result does not depend "
    "on a validator's format checkers; URLs also say 'format': 'iri', and every URL "
    "the library accepts is an IRI (RFC 3987), so a format checker refuses none of them."
)

# Each value rule of the models, as a definition and the JSON type it applies to.
_RULE_DEFS: dict[str, tuple[str, dict[str, Any]]] = {
    "url": (
        "string",
        {
            "description": (
                "An absolute http or https IRI (RFC 3987) with a host, without "
                "credentials or spaces."
            ),
            "format": "iri",
            "pattern": URL_PATTERN,
        },
    ),
    "text_line": (
        "string",
        {
            "description": "Non-blank text without line breaks or control characters.",
            "pattern": TEXT_LINE_PATTERN,
        },
    ),
    "text": (
        "string",
        {
            "description": "Non-blank text without control characters other than newlines.",
            "pattern": TEXT_PATTERN,
        },
    ),
    "slug": (
        "string",
        {
            "description": "Lowercase letters and digits joined by single hyphens, "
            "like 'north-korea'.",
            "pattern": SLUG_PATTERN,
        },
    ),
    "language": (
        "string",
        {
            "description": "A well-formed BCP 47 language tag, like 'en' or 'en-GB' "
            "(any case: the library stores it in canonical case).",
            "maxLength": 80,
            "pattern": LANGUAGE_PATTERN,
        },
    ),
    "datetime": (
        "string",
        {
            "description": "An ISO 8601 datetime with a UTC offset, like "
            "'2024-10-13T21:04:00+03:00' (seconds optional).",
            "pattern": DATETIME_PATTERN,
        },
    ),
    "date_or_datetime": (
        "string",
        {
            "description": "An ISO 8601 calendar date ('2024-10-13') or a datetime with "
            "a UTC offset.",
            "pattern": DATE_OR_DATETIME_PATTERN,
        },
    ),
    "positive_int": (
        "integer",
        {
            "description": "An integer from 1 to 2^53 - 1.",
            "minimum": 1,
            "maximum": 2**53 - 1,
        },
    ),
}

_ATTRIBUTE = re.compile(r"^(\s+)(\w+): (.*)$")


def _attribute_docs(cls: type) -> dict[str, str]:
    """Read the ``Attributes:`` section of a Google-style class docstring."""
    docs: dict[str, str] = {}
    lines = (cls.__doc__ or "").splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Attributes:")
    except StopIteration:
        return docs
    indent = None
    name = None
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        match = _ATTRIBUTE.match(line)
        if match and (indent is None or len(match[1]) == indent):
            indent = len(match[1])
            name = match[2]
            docs[name] = match[3].strip()
        elif name is not None:
            docs[name] += " " + line.strip()
    return {key: " ".join(value.replace("``", "'").split()) for key, value in docs.items()}


# Descriptions that say more on the wire than the class docstring does.
_WIRE_DOCS = {
    "reading_time_minutes": "The reading time in whole minutes; when absent, the library "
    f"derives it from the body at {WORDS_PER_MINUTE} words a minute.",
}


def _summary(cls: type) -> str:
    lines = [line.strip() for line in (cls.__doc__ or "").strip().splitlines()]
    return lines[0] if lines else cls.__name__


def _value_schema(field: Any, *, nullable: bool) -> dict[str, Any]:
    """Return the schema of one value of *field* (an item, for a sequence)."""
    from . import _models as m  # noqa: PLC0415

    if field.classes:
        name = "Author" if set(field.classes) == {m.Person, m.Organization} else None
        name = name or field.classes[0].__name__
        return {"type": ["object", "null"] if nullable else "object", "$ref": f"#/$defs/{name}"}
    if field.enum is not None:
        values: list[Any] = [member.value for member in field.enum]
        return {"enum": [*values, None] if nullable else values}
    rule = field.rule.name
    if rule == "block":
        return {"$ref": "#/$defs/Block"}
    if rule == "bool":
        return {"type": ["boolean", "null"] if nullable else "boolean"}
    json_type = _RULE_DEFS[rule][0]
    return {"type": [json_type, "null"] if nullable else json_type, "$ref": f"#/$defs/{rule}"}


def _default(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


def _class_schema(cls: type, tag: str | None) -> dict[str, Any]:
    from ._rules import field_rules  # noqa: PLC0415

    docs = _attribute_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    if tag is not None:
        properties["type"] = {"description": f"Always {tag!r}.", "const": tag}
        required.append("type")
    for field in field_rules(cls):
        if field.sequence:
            schema: dict[str, Any] = {
                "type": ["array", "null"],
                "items": _value_schema(field, nullable=False),
            }
        else:
            schema = _value_schema(field, nullable=not field.required)
        if field.default is not None and not field.sequence:
            schema["default"] = _default(field.default)
        description = _WIRE_DOCS.get(field.key) or docs.get(field.key) or docs.get(field.name)
        properties[field.key] = {"description": description, **schema} if description else schema
        if field.required:
            required.append(field.key)
    return {
        "title": cls.__name__,
        "description": _summary(cls),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def build_schema() -> dict[str, Any]:
    """
    Build the JSON Schema of the wire format from the models.

    Returns:
        The schema as JSON values; `render` writes it as ``schema.json`` holds it.
    """
    from . import _models as m  # noqa: PLC0415

    article = _class_schema(m.Article, None)
    not_news = [kind.value for kind in m.ArticleKind if not kind.is_news]
    defs: dict[str, Any] = {
        "Person": _class_schema(m.Person, "person"),
        "Organization": _class_schema(m.Organization, "organization"),
        "Author": {
            "title": "Author",
            "description": "A byline or a speaker: a person or an organization, "
            "as its 'type' says.",
            "required": ["type"],
            "properties": {"type": {"enum": ["person", "organization"]}},
            "allOf": [
                {
                    "if": {"required": ["type"], "properties": {"type": {"const": tag}}},
                    "then": {"$ref": f"#/$defs/{name}"},
                }
                for tag, name in (("person", "Person"), ("organization", "Organization"))
            ],
        },
        "Tag": _class_schema(m.Tag, None),
        "Quote": _class_schema(m.Quote, None),
        "RelatedStory": _class_schema(m.RelatedStory, None),
        "Image": _class_schema(m.Image, None),
    }
    defs.update(body_schema_defs())
    defs.update({name: dict(schema) for name, (_, schema) in _RULE_DEFS.items()})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated by scripts/generate_schema.py from newsmodel's models; "
        "do not edit by hand.",
        "title": "newsmodel article (wire format version 1)",
        "description": _DESCRIPTION,
        "type": "object",
        "properties": article["properties"],
        "required": article["required"],
        "additionalProperties": False,
        "if": {"required": ["kind"], "properties": {"kind": {"enum": not_news}}},
        "then": {
            "properties": {
                "dateline": {
                    "description": "A dateline is for news kinds only (schema.org has "
                    "dateline on NewsArticle alone).",
                    "type": "null",
                }
            }
        },
        "$defs": defs,
    }


def render(schema: dict[str, Any]) -> str:
    """Return *schema* as the text of ``schema.json``: indented, UTF-8, a final newline."""
    import json  # noqa: PLC0415

    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def json_schema() -> dict[str, Any]:
    """
    Return the JSON Schema (draft 2020-12) of the canonical JSON wire format.

    The schema is for validating article payloads from other languages and
    tools: a payload `newsmodel.loads` accepts is valid against it. A few
    rules of the library cannot be stated in JSON Schema (the order of the
    dates, duplicate tag names ignoring case, duplicate related urls, among
    others); the schema's ``description`` lists them. ``newsmodel schema``
    prints the same schema.

    Returns:
        A new dict each call, so changing it changes nothing else.

    >>> import newsmodel as nm
    >>> schema = nm.json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["required"]
    ['url', 'headline', 'language', 'date_published']
    """
    import json  # noqa: PLC0415
    from importlib.resources import files  # noqa: PLC0415

    text = files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    return typing.cast("dict[str, Any]", json.loads(text))


# ------------------------------------------------------------------- body

_INLINE_TEXT_PATTERN = f"^[^{TEXT_FORBIDDEN}]+" + _END


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _typed(tag: str, description: str, properties: dict[str, Any], required: list[str]) -> Any:
    return {
        "description": description,
        "type": "object",
        "properties": {"type": {"const": tag}, **properties},
        "required": ["type", *required],
        "additionalProperties": False,
    }


def _by_json_type(description: str, choices: dict[str, Any]) -> Any:
    # One schema per JSON type, chosen with if/then rather than anyOf, so that
    # a validator reports a problem where it is (inside the paragraph object),
    # not "valid under none of the schemas" at the block.
    out: dict[str, Any] = {"description": description, "type": list(choices)}
    out["allOf"] = [
        {"if": {"type": json_type}, "then": schema} for json_type, schema in choices.items()
    ]
    return out


def _type_names(definitions: dict[str, Any]) -> dict[str, str]:
    # Each definition's "type" tag, and its name.
    return {schema["properties"]["type"]["const"]: name for name, schema in definitions.items()}


def _by_type_key(names: dict[str, str]) -> Any:
    # An object whose "type" key says which definition it follows.
    return {
        "required": ["type"],
        "properties": {"type": {"enum": list(names)}},
        "allOf": [
            {
                "if": {"properties": {"type": {"const": tag}}, "required": ["type"]},
                "then": _ref(name),
            }
            for tag, name in names.items()
        ],
    }


def body_schema_defs() -> dict[str, Any]:
    """
    Return the definitions of the structured body's wire shape, for ``$defs``.

    ``Block`` is a body's item: a plain paragraph (a text) or a block object;
    ``Inline`` an item of inline content. The shapes and their rules are
    `newsmodel._body`'s (``_SHAPES``); depth bounds and "no link in a link"
    are the library's checks alone.
    """
    from ._body import _MAILTO  # noqa: PLC0415 - the link rule's one statement

    content = {"type": "array", "minItems": 1, "items": _ref("Inline")}
    paragraphs = {"type": "array", "minItems": 1, "items": _ref("QuoteParagraph")}
    item = {
        "description": "A list item: one text, an array of inline content, or an object "
        "with content and a sublist.",
        "type": ["string", "array", "object"],
        "allOf": [
            {"if": {"type": "string"}, "then": _ref("text")},
            {"if": {"type": "array"}, "then": content},
            {
                "if": {"type": "object"},
                "then": {
                    "properties": {
                        "content": {"type": "array", "items": _ref("Inline")},
                        "sublist": _ref("List"),
                    },
                    "additionalProperties": False,
                },
            },
        ],
    }
    blocks: dict[str, Any] = {
        "Paragraph": _typed(
            "paragraph", "A paragraph with inline markup.", {"content": content}, ["content"]
        ),
        "Heading": _typed(
            "heading",
            "A subheading, level 2 to 6.",
            {"level": {"type": "integer", "minimum": 2, "maximum": 6}, "content": content},
            ["level", "content"],
        ),
        "List": _typed(
            "list",
            "A bulleted or numbered list.",
            {
                "ordered": {"type": "boolean"},
                "items": {"type": "array", "minItems": 1, "items": item},
            },
            ["items"],
        ),
        "BlockQuote": _typed(
            "blockquote",
            "A quotation set off from the text.",
            {
                "content": paragraphs,
                "cite": {"type": "string", **_ref("url")},
                "attribution": {"type": "string", **_ref("text_line")},
            },
            ["content"],
        ),
        "Preformatted": _typed(
            "preformatted",
            "Text shown as written.",
            {"text": {"type": "string", **_ref("text")}},
            ["text"],
        ),
        "Figure": _typed(
            "figure",
            "One of the article's images, by its url.",
            {"image": {"type": "string", **_ref("url")}},
            ["image"],
        ),
        "Embed": _typed(
            "embed",
            "A post or a video from elsewhere, by its address.",
            {
                "url": {"type": "string", **_ref("url")},
                "provider": {"type": "string", **_ref("text_line")},
            },
            ["url"],
        ),
        "Separator": _typed("separator", "A break between sections.", {}, []),
    }
    inlines: dict[str, Any] = {
        "Emphasis": _typed(
            "emphasis", "Emphasized inline content.", {"content": content}, ["content"]
        ),
        "Strong": _typed(
            "strong", "Inline content of strong importance.", {"content": content}, ["content"]
        ),
        "Code": _typed(
            "code",
            "A fragment of code.",
            {"text": {"type": "string", **_ref("text_line")}},
            ["text"],
        ),
        "Link": _typed(
            "link",
            "A link: an http(s) IRI or a mailto: URL.",
            {
                "url": {
                    "type": "string",
                    "anyOf": [_ref("url"), {"pattern": f"^(?:{_MAILTO.pattern})" + _END}],
                },
                "title": {"type": "string", **_ref("text_line")},
                "content": content,
            },
            ["url", "content"],
        ),
    }
    return {
        "Block": _by_json_type(
            "A body block: a plain paragraph (a text) or an object whose "
            "'type' says which block it is.",
            {"string": _ref("text"), "object": _by_type_key(_type_names(blocks))},
        ),
        "Inline": _by_json_type(
            "Inline content: a text (a newline is a line break) or an "
            "object whose 'type' says which markup it is.",
            {
                "string": {"pattern": _INLINE_TEXT_PATTERN},
                "object": _by_type_key(_type_names(inlines)),
            },
        ),
        "QuoteParagraph": _by_json_type(
            "A quote's paragraph: a text or a paragraph object.",
            {"string": _ref("text"), "object": _ref("Paragraph")},
        ),
        **blocks,
        **inlines,
    }
