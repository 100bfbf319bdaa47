"""
The structured article body: blocks and the inline content inside them.

A body is a tuple of blocks. A plain `str` is a plain paragraph (today's
payloads stay valid); the other blocks are `Paragraph` (text with inline
markup), `Heading`, `List`, `BlockQuote`, `Preformatted`, `Figure`, `Embed`
and `Separator`. Inline content is a tuple of texts (`str`) and `Emphasis`,
`Strong`, `Code` and `Link`; a line break is a newline in a text, as in a
plain paragraph.

Each class checks itself when constructed and raises `ValidationError`
listing every problem at its path, as the other model classes do; nested
blocks and inlines checked themselves when made. The wire loader
(`load_body`) and dumper (`dump_body`) are driven by one table of the wire
shapes (`_SHAPES`), so a block type's keys are written down once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Union

import attrs

from . import _values as v
from ._errors import ErrorDetail, Path, ValidationError, describe, describe_python, join_path
from ._models import _WORD, body_plain_text
from ._models import INVALID as MODELS_INVALID
from ._rules import fill_input

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import TypeAlias

__all__ = [
    "MAX_INLINE_DEPTH",
    "MAX_LIST_DEPTH",
    "Block",
    "BlockQuote",
    "Code",
    "Embed",
    "Emphasis",
    "Figure",
    "Heading",
    "Inline",
    "Link",
    "List",
    "ListItem",
    "Paragraph",
    "Preformatted",
    "Separator",
    "Strong",
    "body_text",
    "body_words",
    "check_body",
    "dump_body",
    "inline_text",
    "is_link_url",
    "load_body",
]

Report = list[ErrorDetail]

#: The deepest lists may nest: a list in an item of a list in ... (4 levels).
MAX_LIST_DEPTH = 4
#: The deepest inline markup may nest (``Strong`` in ``Emphasis`` in a ``Link``...).
MAX_INLINE_DEPTH = 6


#: Stands in for a value whose problem the loader has already reported.
INVALID: Any = MODELS_INVALID


# ------------------------------------------------------------------- rules
# The link rule: the URL rule (`newsmodel._values.is_url`) or a mailto: URL
# (RFC 6068). A mailto: URL's characters after the scheme are RFC 3986's
# unreserved, sub-delims (but those RFC 6068 reserves) ":@" and
# percent-escapes, and one '?' before its header fields; no space, quote or
# angle bracket can stand in it, so it is safe in an HTML attribute.
_MAILTO = re.compile(
    r"[Mm][Aa][Ii][Ll][Tt][Oo]:"
    r"(?:[A-Za-z0-9\-._~!$'()*+,;:@]|%[0-9A-Fa-f]{2})+"
    r"(?:\?(?:[A-Za-z0-9\-._~!$'()*+,;:@=&/?]|%[0-9A-Fa-f]{2})*)?"
)


def is_link_url(value: str) -> bool:
    """Whether *value* may be a link's target: an absolute http(s) IRI or a mailto: URL."""
    return v.is_url(value) or _MAILTO.fullmatch(value) is not None


def check_link_url(value: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a link's target: the URL rule, or a ``mailto:`` URL (RFC 6068)."""
    if not isinstance(value, str):
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "type",
                f"expected a link URL (a string), found {describe(value)}",
                value,
            )
        )
        return
    if is_link_url(value):
        return
    if value[:7].lower() == "mailto:":
        why = "it is not a mailto: URL of RFC 6068 (no spaces, quotes or '<>'; '%' escapes)"
    else:
        why = v.url_problem(value) or "its scheme is neither http, https nor mailto"
    report.append(
        ErrorDetail(
            join_path(parent, key),
            "url",
            "expected an absolute http or https URL with a host, or a mailto: URL, "
            f"found {describe(value)}: {why}",
            value,
        )
    )


def check_inline_text(value: str, parent: Path, key: str | int, report: Report) -> None:
    """
    Check a text inside inline content: not empty, no control characters but newlines.

    Unlike a ``Text`` field it may be blank: the space between two links is
    a text of its own. Its block says when the whole is blank.
    """
    if value == "":
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "empty",
                "expected a text of at least one character, found ''",
                value,
            )
        )
    elif not value.isprintable() and v.TEXT_BAD.search(value) is not None:
        start = len(report)
        v.check_text(value, parent, key, report)
        fill_input(report, start, value)


def _check_value(check: Callable[[object, Path, str | int, Report], None]) -> Any:
    def checked(value: object, parent: Path, key: str | int, report: Report) -> None:
        start = len(report)
        check(value, parent, key, report)
        fill_input(report, start, value)

    return checked


_check_url = _check_value(v.check_url)
_check_text = _check_value(v.check_text)
_check_text_line = _check_value(v.check_text_line)
_check_bool = _check_value(v.check_bool)


def _type_error(value: object, parent: Path, key: str | int, what: str, report: Report) -> None:
    report.append(
        ErrorDetail(
            join_path(parent, key), "type", f"expected {what}, found {_found(value)}", value
        )
    )


def _found(value: object) -> str:
    # JSON values are named as JSON names them, anything else as Python does.
    if value is None or isinstance(value, (str, int, float, list, dict)):
        return describe(value)
    return describe_python(value)


def _optional(check: Any) -> Any:
    def checked(value: object, parent: Path, key: str | int, report: Report) -> None:
        if value is not None:
            check(value, parent, key, report)

    return checked


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    # Lists and tuples become tuples; anything else is left for the check to
    # report, rather than iterated into nonsense.
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return value  # type: ignore[return-value]


def _raise_if(report: Report) -> None:
    if report:
        raise ValidationError(report)


# ----------------------------------------------------------------- classes


@attrs.frozen(kw_only=True)
class Emphasis:
    """
    Emphasized inline content (``<em>``).

    Attributes:
        content: The emphasized texts and inlines.
    """

    content: tuple[Inline, ...] = attrs.field(converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class Strong:
    """
    Inline content of strong importance (``<strong>``).

    Attributes:
        content: The texts and inlines.
    """

    content: tuple[Inline, ...] = attrs.field(converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class Code:
    """
    A fragment of computer code inside text (``<code>``).

    Attributes:
        text: The code, one line.
    """

    text: str

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class Link:
    """
    A link (``<a href>``): inline content that leads elsewhere.

    Attributes:
        url: Where it leads: an absolute http(s) IRI or a ``mailto:`` URL.
        content: The link's texts and inlines; no link inside a link.
        title: Advisory text about the target (the ``title`` attribute).
    """

    url: str
    content: tuple[Inline, ...] = attrs.field(converter=_tuple)
    title: str | None = None

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class Paragraph:
    """
    A paragraph with inline markup; a plain paragraph is just a `str`.

    Attributes:
        content: The paragraph's texts and inlines.
    """

    content: tuple[Inline, ...] = attrs.field(converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class Heading:
    """
    A subheading (``<h2>`` to ``<h6>``; the headline is the article's ``<h1>``).

    Attributes:
        level: 2 to 6.
        content: The heading's texts and inlines.
    """

    level: int
    content: tuple[Inline, ...] = attrs.field(converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class ListItem:
    """
    One item of a `List`.

    Attributes:
        content: The item's texts and inlines (empty only when it has a sublist).
        sublist: A list nested in the item.
    """

    content: tuple[Inline, ...] = attrs.field(default=(), converter=_tuple)
    sublist: List | None = None

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class List:
    """
    A bulleted or numbered list (``<ul>``, ``<ol>``); lists nest at most 4 deep.

    Attributes:
        items: The items, at least one.
        ordered: True for a numbered list.
    """

    items: tuple[ListItem, ...] = attrs.field(converter=_tuple)
    ordered: bool = False

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class BlockQuote:
    """
    A quotation set off from the text (``<blockquote>``).

    Attributes:
        content: Its paragraphs: plain texts or `Paragraph` instances.
        cite: The quoted source's address.
        attribution: Who or what is quoted, as shown under it.
    """

    content: tuple[str | Paragraph, ...] = attrs.field(converter=_tuple)
    cite: str | None = None
    attribution: str | None = None

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class Preformatted:
    """
    Text shown as written, its spaces and line breaks kept (``<pre>``).

    Attributes:
        text: The text.
    """

    text: str

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class Figure:
    """
    One of the article's images, shown in the body (``<figure>``).

    Attributes:
        image: The url of one of the article's ``images``; the image's
            caption, credit and alt text are shown with it.
    """

    image: str

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen(kw_only=True)
class Embed:
    """
    A post or a video from elsewhere, by its address: never raw HTML.

    Attributes:
        url: The address of the post or video (its page, not a script).
        provider: Who hosts it, e.g. "YouTube".
    """

    url: str
    provider: str | None = None

    def __attrs_post_init__(self) -> None:
        _construct(self)


@attrs.frozen
class Separator:
    """A break between sections of the story (``<hr>``)."""


#: Inline content: a text or a piece of inline markup.
Inline: TypeAlias = Union[str, Emphasis, Strong, Code, Link]  # noqa: UP007 - a runtime alias
#: A body block: a plain paragraph (`str`) or a structured block.
Block: TypeAlias = Union[  # noqa: UP007 - a runtime alias
    str, Paragraph, Heading, List, BlockQuote, Preformatted, Figure, Embed, Separator
]

INLINE_CLASSES = frozenset({Emphasis, Strong, Code, Link})
BLOCK_CLASSES = frozenset(
    {Paragraph, Heading, List, BlockQuote, Preformatted, Figure, Embed, Separator}
)
_INLINE_WHAT = "text (a str) or an Emphasis, Strong, Code or Link"
_BLOCK_WHAT = (
    "a paragraph text (a str) or a Paragraph, Heading, List, BlockQuote, "
    "Preformatted, Figure, Embed or Separator"
)


# ------------------------------------------------------------------ checks


def _construct(obj: Any) -> None:
    report: Report = []
    _CHECKS[obj.__class__](obj, "$", report)
    _raise_if(report)


def inline_depth(item: Inline) -> int:
    """How deep *item* nests inline markup: 0 for a text, 1 for ``Emphasis("a")``."""
    content = getattr(item, "content", None)
    if content is None:
        return 0 if item.__class__ is str else 1
    return 1 + max((inline_depth(child) for child in content), default=0)


def _links_in(content: tuple[Any, ...], path: Path) -> Iterator[str]:
    for index, item in enumerate(content):
        if item.__class__ is Link:
            yield join_path(path, index)
        inner = getattr(item, "content", None)
        if inner is not None and item.__class__ in INLINE_CLASSES:
            yield from _links_in(inner, join_path(join_path(path, index), "content"))


_TEXT_BAD = v.TEXT_BAD.search


def check_content(
    content: object,
    parent: Path,
    key: str | int,
    report: Report,
    *,
    may_be_empty: bool = False,
    nested: bool = False,
    in_link: bool = False,
) -> None:
    """
    Check inline content: texts and inlines, not empty, not blank.

    With *nested* (the content of an inline) its inlines must nest less
    than `MAX_INLINE_DEPTH` deep; with *in_link*, hold no link.
    """
    if content is INVALID:
        return
    if content.__class__ is not tuple:
        _type_error(content, parent, key, "a tuple or list of inline content", report)
        return
    path = (parent, key)
    assert isinstance(content, tuple)  # for mypy: tested above
    texts_only = True
    for index, item in enumerate(content):
        if item.__class__ is str:
            # The common text: printable, or with no character the rule refuses.
            if not item or not (item.isprintable() or _TEXT_BAD(item) is None):
                check_inline_text(item, path, index, report)
        elif item.__class__ in INLINE_CLASSES:
            texts_only = False
            if nested and inline_depth(item) >= MAX_INLINE_DEPTH:  # type: ignore[arg-type]
                report.append(
                    ErrorDetail(
                        join_path(path, index),
                        "too_deep",
                        f"expected inline markup nested at most {MAX_INLINE_DEPTH} deep, "
                        "found it nested deeper",
                        item,
                    )
                )
        else:
            texts_only = False
            if item is not INVALID:
                _type_error(item, path, index, _INLINE_WHAT, report)
    if in_link:
        for where in _links_in(content, path):
            report.append(
                ErrorDetail(
                    where,
                    "nested_link",
                    "expected no link inside a link (HTML cannot nest them), found one",
                    content,
                )
            )
    if not content:
        if not may_be_empty:
            report.append(
                ErrorDetail(
                    join_path(parent, key),
                    "empty",
                    "expected at least one text or inline, found none",
                    content,
                )
            )
    elif texts_only and "".join(content).isspace():
        report.append(
            ErrorDetail(
                join_path(parent, key),
                "empty",
                "expected some text, found only whitespace",
                content,
            )
        )


def _check_paragraph(obj: Any, path: Path, report: Report) -> None:
    check_content(obj.content, path, "content", report)


def _check_emphasis(obj: Any, path: Path, report: Report) -> None:
    check_content(obj.content, path, "content", report, nested=True)


def _check_code(obj: Any, path: Path, report: Report) -> None:
    if obj.text is not INVALID:
        _check_text_line(obj.text, path, "text", report)


def _check_link(obj: Any, path: Path, report: Report) -> None:
    if obj.url is not INVALID:
        check_link_url(obj.url, path, "url", report)
    check_content(obj.content, path, "content", report, nested=True, in_link=True)
    if obj.title is not None and obj.title is not INVALID:
        _check_text_line(obj.title, path, "title", report)


def _check_heading(obj: Any, path: Path, report: Report) -> None:
    level = obj.level
    if level is not INVALID and not (level.__class__ is int and 2 <= level <= 6):
        if level.__class__ is int:
            report.append(
                ErrorDetail(
                    join_path(path, "level"),
                    "invalid",
                    f"expected a heading level from 2 to 6 (the headline is level 1), "
                    f"found {level}",
                    level,
                )
            )
        else:
            _type_error(level, path, "level", "a heading level (an integer from 2 to 6)", report)
    check_content(obj.content, path, "content", report)


def list_depth(block: List) -> int:
    """How many lists deep *block* nests: 1 for a list without sublists."""
    return 1 + max(
        (list_depth(item.sublist) for item in block.items if item.sublist is not None),
        default=0,
    )


def _check_list_item(obj: Any, path: Path, report: Report) -> None:
    sublist = obj.sublist
    check_content(obj.content, path, "content", report, may_be_empty=sublist is not None)
    if sublist is not None and sublist is not INVALID and sublist.__class__ is not List:
        _type_error(sublist, path, "sublist", "a List or None", report)


def _check_list(obj: Any, path: Path, report: Report) -> None:
    items = obj.items
    if items is not INVALID:
        if items.__class__ is not tuple:
            _type_error(items, path, "items", "a tuple or list of ListItem", report)
        elif not items:
            report.append(
                ErrorDetail(
                    join_path(path, "items"), "empty", "expected at least one item, found none", ()
                )
            )
        else:
            items_path = (path, "items")
            for index, item in enumerate(items):
                if item.__class__ is ListItem:
                    if item.sublist is not None and list_depth(item.sublist) >= MAX_LIST_DEPTH:
                        report.append(
                            ErrorDetail(
                                join_path(join_path(items_path, index), "sublist"),
                                "too_deep",
                                f"expected lists nested at most {MAX_LIST_DEPTH} deep, "
                                "found them nested deeper",
                                item.sublist,
                            )
                        )
                elif item is not INVALID:
                    _type_error(item, items_path, index, "a ListItem", report)
    if obj.ordered is not INVALID:
        _check_bool(obj.ordered, path, "ordered", report)


def _check_block_quote(obj: Any, path: Path, report: Report) -> None:
    content = obj.content
    if content is not INVALID:
        if content.__class__ is not tuple:
            _type_error(content, path, "content", "a tuple or list of paragraphs", report)
        elif not content:
            report.append(
                ErrorDetail(
                    join_path(path, "content"),
                    "empty",
                    "expected at least one paragraph, found none",
                    content,
                )
            )
        else:
            content_path = (path, "content")
            for index, item in enumerate(content):
                if item.__class__ is str:
                    _check_text(item, content_path, index, report)
                elif item.__class__ is not Paragraph and item is not INVALID:
                    _type_error(
                        item, content_path, index, "a paragraph text (a str) or a Paragraph", report
                    )
    if obj.cite is not None and obj.cite is not INVALID:
        _check_url(obj.cite, path, "cite", report)
    if obj.attribution is not None and obj.attribution is not INVALID:
        _check_text_line(obj.attribution, path, "attribution", report)


def _check_preformatted(obj: Any, path: Path, report: Report) -> None:
    if obj.text is not INVALID:
        _check_text(obj.text, path, "text", report)


def _check_figure(obj: Any, path: Path, report: Report) -> None:
    if obj.image is not INVALID:
        _check_url(obj.image, path, "image", report)


def _check_embed(obj: Any, path: Path, report: Report) -> None:
    if obj.url is not INVALID:
        _check_url(obj.url, path, "url", report)
    if obj.provider is not None and obj.provider is not INVALID:
        _check_text_line(obj.provider, path, "provider", report)


_CHECKS: dict[type, Callable[[Any, Path, Report], None]] = {
    Emphasis: _check_emphasis,
    Strong: _check_emphasis,
    Code: _check_code,
    Link: _check_link,
    Paragraph: _check_paragraph,
    Heading: _check_heading,
    ListItem: _check_list_item,
    List: _check_list,
    BlockQuote: _check_block_quote,
    Preformatted: _check_preformatted,
    Figure: _check_figure,
    Embed: _check_embed,
}


def check_body(body: object, parent: Path, key: str | int, report: Report) -> None:
    """Check a body: a tuple of plain paragraph texts and blocks."""
    if body.__class__ is not tuple:
        _type_error(body, parent, key, "a tuple or list of body blocks", report)
        return
    assert isinstance(body, tuple)  # for mypy: tested above
    path = join_path(parent, key)
    for index, block in enumerate(body):
        if block.__class__ is str:
            _check_text(block, path, index, report)
        elif block.__class__ not in BLOCK_CLASSES and block is not INVALID:
            _type_error(block, path, index, _BLOCK_WHAT, report)


# ------------------------------------------------------------------- text


def inline_text(content: Iterable[Inline]) -> str:
    """The plain text of inline content: its texts and code, markup left out."""
    return "".join(_inline_pieces(content))


def _inline_pieces(content: Iterable[Inline]) -> Iterator[str]:
    for item in content:
        if isinstance(item, str):
            yield item
        elif isinstance(item, Code):
            yield item.text
        else:
            yield from _inline_pieces(item.content)


def block_texts(block: Block) -> Iterator[str]:
    """The plain texts of *block*, one per paragraph, heading or list item it shows."""
    if isinstance(block, str):
        yield block
    elif isinstance(block, (Paragraph, Heading)):
        yield inline_text(block.content)
    elif isinstance(block, List):
        for item in block.items:
            if item.content:
                yield inline_text(item.content)
            if item.sublist is not None:
                yield from block_texts(item.sublist)
    elif isinstance(block, BlockQuote):
        for paragraph in block.content:
            yield from block_texts(paragraph)
        if block.attribution is not None:
            yield block.attribution
    elif isinstance(block, Preformatted):
        yield block.text


def body_text(body: Iterable[Block]) -> str:
    """
    The plain text of a body, each paragraph, heading and list item on its own.

    Paragraphs are joined by a blank line; figures, embeds and separators
    have no text of their own and are left out.
    """
    return body_plain_text(tuple(body))


def body_words(body: Iterable[Block]) -> int:
    """
    The number of words in a body's text.

    A word is a run of letters or digits, which may be joined by a hyphen,
    an apostrophe or a dot (``front-line``, ``Ukraine's``, ``U.S``).
    """
    return sum(len(_WORD.findall(text)) for block in body for text in block_texts(block))


# ------------------------------------------------------------------- wire
# One table of the wire shapes: for each "type", its class and its keys in
# order, each with how it is read. A plain string is a plain paragraph (a
# block) or a text (inline); a list item is a string, an array of inline
# content or an object {"content", "sublist"}.


@attrs.frozen
class _Key:
    name: str
    kind: str  # "content", "paragraphs", "items" (arrays loaded item by item) or "value"
    required: bool = True
    default: Any = None

    def load(self, data: dict[str, Any], path: Path, report: Report, depth: int = 0) -> Any:
        """
        Read this key of *data*: a value as it is, an array item by item.

        *depth* is what its items are nested in: the inlines for content, the
        lists for items.
        """
        value = data.get(self.name)
        if value is None:
            return _absent(data, path, self, report)
        if self.kind == "value":
            return value
        return _load_array(value, path, self.name, report, _ITEM_LOADERS[self.kind], depth)


_CONTENT = _Key("content", "content")
_SHAPES: dict[str, tuple[type, tuple[_Key, ...]]] = {
    "paragraph": (Paragraph, (_CONTENT,)),
    "heading": (Heading, (_Key("level", "value"), _CONTENT)),
    "list": (
        List,
        (_Key("ordered", "value", required=False, default=False), _Key("items", "items")),
    ),
    "blockquote": (
        BlockQuote,
        (
            _Key("content", "paragraphs"),
            _Key("cite", "value", required=False),
            _Key("attribution", "value", required=False),
        ),
    ),
    "preformatted": (Preformatted, (_Key("text", "value"),)),
    "figure": (Figure, (_Key("image", "value"),)),
    "embed": (Embed, (_Key("url", "value"), _Key("provider", "value", required=False))),
    "separator": (Separator, ()),
    "emphasis": (Emphasis, (_CONTENT,)),
    "strong": (Strong, (_CONTENT,)),
    "code": (Code, (_Key("text", "value"),)),
    "link": (
        Link,
        (_Key("url", "value"), _Key("title", "value", required=False), _CONTENT),
    ),
}
_TYPE_NAMES = {cls: name for name, (cls, _) in _SHAPES.items()}
_KNOWN_KEYS = {
    name: frozenset({"type", *(k.name for k in keys)}) for name, (_, keys) in _SHAPES.items()
}
_BLOCK_TYPES = (
    "paragraph", "heading", "list", "blockquote", "preformatted", "figure", "embed", "separator"
)  # fmt: skip
_INLINE_TYPES = ("emphasis", "strong", "code", "link")
_ITEM_KEYS = frozenset({"content", "sublist"})

# The loader turns JSON values into the classes' values (arrays into tuples,
# objects into instances) and leaves every check to the class's own check
# (`_CHECKS`), run once per object on what was loaded, at the object's path:
# each problem is reported once, and none hides another. Paths are passed as
# (parent, key) pairs and spelled only for a problem.


def _new(cls: type, values: dict[str, Any]) -> Any:
    # Fill an instance through its slots, as the checked values allow.
    obj: Any = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


def load_body(value: object, parent: Path, key: str | int, report: Report) -> Any:
    """Load a body from JSON values, or report every problem and return `INVALID`."""
    if not isinstance(value, list):
        _type_error(value, parent, key, "an array of paragraphs and blocks", report)
        return INVALID
    path = (parent, key)
    start = len(report)
    blocks = tuple(_load_block(item, path, index, report) for index, item in enumerate(value))
    return blocks if len(report) == start else INVALID


def _load_block(value: object, parent: Path, key: str | int, report: Report) -> Any:
    if value.__class__ is str:
        _check_text(value, parent, key, report)
        return value
    return _load_object(value, parent, key, report, _BLOCK_TYPES, "a paragraph text or a block")


def _load_inline(
    value: object, parent: Path, key: str | int, report: Report, depth: int = 0
) -> Any:
    # A text is checked with the content it stands in (`check_content`).
    if value.__class__ is str:
        return value
    return _load_object(value, parent, key, report, _INLINE_TYPES, "a text or an inline", depth)


def _load_object(
    value: object,
    parent: Path,
    key: str | int,
    report: Report,
    allowed: tuple[str, ...],
    what: str,
    depth: int = 0,
) -> Any:
    # *depth*: how many inlines (for an inline) or lists (for a list) hold
    # this object. One nested deeper than the classes allow is reported
    # here, before its content is read, so that no depth of JSON can exhaust
    # the stack.
    if not isinstance(value, dict):
        _type_error(value, parent, key, f"{what} (a string or an object)", report)
        return INVALID
    path = (parent, key)
    kind = value.get("type")
    if kind not in allowed:
        names = ", ".join(repr(name) for name in allowed)
        if kind is not None and kind.__class__ is not str:
            _type_error(kind, path, "type", f"a type (a string), one of {names}", report)
            return INVALID
        found = "nothing" if kind is None else describe(kind)
        report.append(
            ErrorDetail(
                join_path(path, "type"),
                "missing" if kind is None else "invalid",
                f"expected a type, one of {names}, found {found}",
                value if kind is None else kind,
            )
        )
        return INVALID
    inline = kind in _INLINE_TYPES
    if kind == "list" or inline:
        if depth >= (MAX_INLINE_DEPTH if inline else MAX_LIST_DEPTH):
            report.append(
                ErrorDetail(
                    join_path(parent, key),
                    "too_deep",
                    f"expected inline markup nested at most {MAX_INLINE_DEPTH} deep, "
                    "found it nested deeper"
                    if inline
                    else f"expected lists nested at most {MAX_LIST_DEPTH} deep, "
                    "found them nested deeper",
                    value,
                )
            )
            return INVALID
        depth += 1
    else:
        depth = 0
    cls, keys = _SHAPES[kind]
    start = len(report)
    if not _KNOWN_KEYS[kind].issuperset(value):
        _report_unknown(value, path, _KNOWN_KEYS[kind], report)
    obj = _new(cls, {k.name: k.load(value, path, report, depth) for k in keys})
    if cls is not Separator:
        _CHECKS[cls](obj, path, report)
    return INVALID if len(report) > start else obj


def _absent(data: dict[str, Any], path: Path, key: _Key, report: Report) -> Any:
    if not key.required:
        return key.default
    found = "null" if key.name in data else "nothing"
    report.append(
        ErrorDetail(
            join_path(path, key.name),
            "missing",
            f"expected required field {key.name!r}, found {found}",
            data,
        )
    )
    return INVALID


def _load_array(
    value: object,
    parent: Path,
    key: str | int,
    report: Report,
    load: Callable[[object, Path, str | int, Report, int], Any],
    depth: int = 0,
) -> Any:
    if value.__class__ is not list:
        what = _ARRAY_OF.get(load, "values")
        _type_error(value, parent, key, f"an array of {what}", report)
        return INVALID
    path = (parent, key)
    return tuple([load(item, path, index, report, depth) for index, item in enumerate(value)])


def _load_paragraph(
    value: object, parent: Path, key: str | int, report: Report, depth: int = 0
) -> Any:
    # A text is checked with the quote it stands in (`_check_block_quote`).
    if value.__class__ is str:
        return value
    return _load_object(value, parent, key, report, ("paragraph",), "a paragraph")


def _load_item(value: object, parent: Path, key: str | int, report: Report, depth: int = 0) -> Any:
    # *depth*: how many lists hold the item, its own among them.
    start = len(report)
    if value.__class__ is str:
        # A list item of one text, non-blank as a paragraph's.
        _check_text(value, parent, key, report)
        return (
            INVALID
            if len(report) > start
            else _new(ListItem, {"content": (value,), "sublist": None})
        )
    if value.__class__ is list:
        content = _load_array(value, parent, key, report, _load_inline)
        check_content(content, parent, key, report)
        return (
            INVALID
            if len(report) > start
            else _new(ListItem, {"content": content, "sublist": None})
        )
    if not isinstance(value, dict):
        _type_error(value, parent, key, "a list item (a string, an array or an object)", report)
        return INVALID
    path = (parent, key)
    if not _ITEM_KEYS.issuperset(value):
        _report_unknown(value, path, _ITEM_KEYS, report)
    raw = value.get("content")  # null is absent, as everywhere
    content = () if raw is None else _load_array(raw, path, "content", report, _load_inline)
    raw_sublist = value.get("sublist")
    sublist = (
        None
        if raw_sublist is None
        else _load_object(raw_sublist, path, "sublist", report, ("list",), "a list", depth)
    )
    item = _new(ListItem, {"content": content, "sublist": sublist})
    _check_list_item(item, path, report)
    return INVALID if len(report) > start else item


_ITEM_LOADERS: dict[str, Callable[[object, Path, str | int, Report, int], Any]] = {
    "content": _load_inline,
    "paragraphs": _load_paragraph,
    "items": _load_item,
}
_ARRAY_OF: dict[Any, str] = {
    _load_inline: "inline content",
    _load_paragraph: "paragraphs",
    _load_item: "list items",
}


def _report_unknown(data: dict[Any, Any], path: Path, keys: Iterable[str], report: Report) -> None:
    known = set(keys)
    for name, value in data.items():
        if name not in known:
            expected = ", ".join(repr(k) for k in sorted(known))
            report.append(
                ErrorDetail(
                    join_path(path, name if isinstance(name, str) else describe(name)),
                    "unknown_field",
                    f"expected one of the fields {expected}, found unknown field {_found(name)}",
                    value,
                )
            )


def dump_body(body: Iterable[Block]) -> list[Any]:
    """Return a body as JSON values: the wire shape `load_body` reads."""
    return [_dump(block) for block in body]


def item_content_path(item: ListItem, path: str) -> str:
    """
    Return the wire path of *item*'s content, *item* being at *path*.

    An item without a sublist is written as its content alone (a text or an
    array), so its content is at the item's own path; otherwise it is the
    object's ``content`` field.
    """
    return path if _written_bare(item) else f"{path}.content"


def _written_bare(item: ListItem) -> bool:
    return item.sublist is None


def _dump(obj: Any) -> Any:
    kind = obj.__class__
    if kind is str:
        return obj
    if kind is ListItem:
        content = [_dump(item) for item in obj.content]
        if not _written_bare(obj):
            out: dict[str, Any] = {"content": content} if content else {}
            out["sublist"] = _dump(obj.sublist)
            return out
        return content[0] if len(content) == 1 and content[0].__class__ is str else content
    name = _TYPE_NAMES[kind]
    out = {"type": name}
    for key in _SHAPES[name][1]:
        value = getattr(obj, key.name)
        if value is None or (not key.required and value == key.default):
            continue
        out[key.name] = [_dump(item) for item in value] if value.__class__ is tuple else value
    return out


# ------------------------------------------------------------ text ranges


def split_content(
    content: tuple[Inline, ...], offset: int
) -> tuple[tuple[Inline, ...], tuple[Inline, ...]]:
    """
    Split inline content at a character *offset* of its text (`inline_text`).

    Markup that the offset falls inside is split in two of the same kind
    (``Emphasis(("ab",))`` at 1 gives ``Emphasis(("a",))`` and
    ``Emphasis(("b",))``), which HTML shows alike; a `Code` is split the
    same way. The texts of the two parts, joined, are the text of *content*.
    """
    position = 0
    for index, item in enumerate(content):
        if position == offset:
            return content[:index], content[index:]
        # Every item has text (the checks refuse an empty one), so each step
        # moves on, and the items after the offset are not measured.
        end = position + (len(item) if item.__class__ is str else len(inline_text((item,))))
        if offset < end:
            head, tail = _split_item(item, offset - position)
            return (*content[:index], head), (tail, *content[index + 1 :])
        position = end
    return content, ()


def _split_item(item: Inline, at: int) -> tuple[Inline, Inline]:
    if isinstance(item, str):
        return item[:at], item[at:]
    if isinstance(item, Code):
        head_text, tail_text = item.text[:at], item.text[at:]
        return _part(item, (head_text,), head_text), _part(item, (tail_text,), tail_text)
    head, tail = split_content(item.content, at)
    return _part(item, head, inline_text(head)), _part(item, tail, inline_text(tail))


def _part(item: Emphasis | Strong | Link | Code, content: tuple[Inline, ...], text: str) -> Inline:
    # A part of only spaces stays a text: markup may not be blank. Any other
    # part of valid markup is valid, and is built without checking it again
    # (`_new`): its texts are non-empty pieces of valid texts, it nests no
    # deeper and holds no more links than *item*, and it is not blank.
    if text.isspace():
        return text
    if isinstance(item, Code):
        values: dict[str, Any] = {"text": text}
    elif isinstance(item, Link):
        values = {"url": item.url, "content": content, "title": item.title}
    else:
        values = {"content": content}
    part: Inline = _new(item.__class__, values)
    return part


def mark_range(
    content: tuple[Inline, ...], start: int, end: int
) -> tuple[tuple[Inline, ...], tuple[Inline, ...], tuple[Inline, ...]]:
    """
    Cut inline content into what stands before, inside and after ``text[start:end]``.

    The middle part holds exactly the characters *start* to *end* of the
    content's text, markup split at the edges (`split_content`), so that one
    element can wrap it, as the microdata marks a quote where its words
    stand across links and emphasis.
    """
    before, rest = split_content(content, start)
    inside, after = split_content(rest, end - start)
    return before, inside, after
