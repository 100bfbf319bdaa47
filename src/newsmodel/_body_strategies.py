"""
Hypothesis strategies that draw structured bodies (re-exported by `newsmodel.strategies`).

The bodies drawn are in HTML's whitespace form, the form `body_from_html`
reads any HTML into: words joined by single spaces or line breaks, none at
the start or end of a block or of a piece of markup, no two texts side by
side, and a paragraph of text only is a plain `str`. So for every body
drawn, ``body_from_html(body_to_html(body)).blocks == body``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from ._body import (
    BlockQuote,
    Code,
    Embed,
    Emphasis,
    Figure,
    Heading,
    Link,
    List,
    ListItem,
    Paragraph,
    Preformatted,
    Separator,
    Strong,
)

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn, SearchStrategy

    from ._body import Block, Inline

__all__ = ["bodies", "body_blocks", "inline_content", "link_urls"]

# A word: no whitespace of any kind (HTML collapses ASCII whitespace; a text
# of other whitespace only is blank), no control or separator character.
_WORD_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs")).filter(
    lambda char: not char.isspace()
)
_WORDS = st.lists(st.text(_WORD_CHARS, min_size=1, max_size=8), min_size=1, max_size=4)
_LINE = _WORDS.map(" ".join)
_SEPARATORS = st.sampled_from(("", " ", "\n"))


def _urls() -> SearchStrategy[str]:
    from .strategies import urls  # noqa: PLC0415 - strategies re-exports this module

    return urls()


def link_urls() -> SearchStrategy[str]:
    """Draw link targets: http(s) IRIs (as `newsmodel.strategies.urls`) and ``mailto:`` URLs."""
    local = st.from_regex(r"[a-z0-9._~!$'*+,;-]{1,12}", fullmatch=True)
    mailto = st.builds(lambda user, host: f"mailto:{user}@{host}.example", local, local)
    return st.one_of(_urls(), mailto)


@st.composite
def _content(draw: DrawFn, depth: int, *, in_link: bool, max_size: int = 4) -> tuple[Inline, ...]:
    pieces = draw(st.lists(_piece(depth, in_link=in_link), min_size=1, max_size=max_size))
    out: list[Any] = []
    for index, piece in enumerate(pieces):
        separator = draw(_SEPARATORS) if index else ""
        if separator:
            if out and out[-1].__class__ is str:
                out[-1] += separator
            else:
                out.append(separator)
        if piece.__class__ is str and out and out[-1].__class__ is str:
            out[-1] += piece
        else:
            out.append(piece)
    return tuple(out)


def _piece(depth: int, *, in_link: bool) -> SearchStrategy[Any]:
    lines = st.lists(_LINE, min_size=1, max_size=2).map("\n".join)
    leaves = st.one_of(lines, st.builds(Code, text=_LINE))
    if depth <= 0:
        return leaves
    inner = st.deferred(lambda: _content(depth - 1, in_link=in_link))
    options: list[SearchStrategy[Any]] = [
        leaves,
        st.builds(Emphasis, content=inner),
        st.builds(Strong, content=inner),
    ]
    if not in_link:
        options.append(
            st.builds(
                Link,
                url=link_urls(),
                content=st.deferred(lambda: _content(depth - 1, in_link=True)),
                title=st.none() | _LINE,
            )
        )
    return st.one_of(options)


def inline_content(*, depth: int = 2) -> SearchStrategy[tuple[Inline, ...]]:
    """
    Draw inline content in HTML's whitespace form.

    Args:
        depth: The most levels of markup nested in one another.

    Returns:
        A strategy for tuples of texts and `Emphasis`, `Strong`, `Code`, `Link`.
    """
    return _content(depth, in_link=False)


def paragraph_of(content: tuple[Inline, ...]) -> str | Paragraph:
    """The paragraph of *content*: its text when it is one text (the form HTML reads back)."""
    if len(content) == 1 and content[0].__class__ is str:
        return content[0]
    return Paragraph(content=content)


def _lists(depth: int) -> SearchStrategy[List]:
    item = st.builds(ListItem, content=inline_content(depth=1))
    if depth > 1:
        # An item with a sublist may have no content of its own.
        item |= st.builds(
            ListItem,
            content=st.just(()) | inline_content(depth=1),
            sublist=st.deferred(lambda: _lists(depth - 1)),
        )
    return st.builds(List, items=st.lists(item, min_size=1, max_size=3), ordered=st.booleans())


def _preformatted_text() -> SearchStrategy[str]:
    from .strategies import texts  # noqa: PLC0415

    return texts(max_size=40).filter(lambda text: "\r" not in text)


@st.composite
def _embed(draw: DrawFn) -> Embed:
    url = draw(_urls())
    provider = draw(st.none() | _LINE.filter(lambda text: text != url))
    return Embed(url=url, provider=provider)


def body_blocks(*, images: SearchStrategy[str] | None = None) -> SearchStrategy[Block]:
    """
    Draw one body block of any kind.

    Args:
        images: Strategy for a figure's image url (default: any URL).

    Returns:
        A strategy for plain paragraphs (`str`) and every block class.
    """
    paragraph = inline_content().map(paragraph_of)
    return st.one_of(
        st.lists(_LINE, min_size=1, max_size=3).map("\n".join),
        paragraph,
        st.builds(Heading, level=st.integers(2, 6), content=inline_content(depth=1)),
        _lists(3),
        st.builds(
            BlockQuote,
            content=st.lists(paragraph, min_size=1, max_size=2),
            cite=st.none() | _urls(),
            attribution=st.none() | _LINE,
        ),
        st.builds(Preformatted, text=_preformatted_text()),
        st.builds(Figure, image=images if images is not None else _urls()),
        _embed(),
        st.just(Separator()),
    )


def bodies(
    *, images: SearchStrategy[str] | None = None, max_size: int = 6
) -> SearchStrategy[tuple[Block, ...]]:
    """
    Draw structured bodies: tuples of blocks, in HTML's whitespace form.

    Args:
        images: Strategy for a figure's image url (default: any URL).
        max_size: The most blocks a body has.

    Returns:
        A strategy for bodies; shrinks towards the empty body.
    """
    return st.lists(body_blocks(images=images), max_size=max_size).map(tuple)
