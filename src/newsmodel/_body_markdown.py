"""
A body as CommonMark.

`body_to_markdown` writes each block in Markdown's own syntax where Markdown
has one (paragraphs, ``##`` headings, ``-``/``1.`` lists, ``>`` quotes,
fenced code, ``---``), and as the HTML `body_to_html` writes where it has
none (a quote with its source or attribution, a figure, an embed):
CommonMark passes HTML blocks through, so nothing is lost. Texts are
escaped so that a CommonMark parser reads them back as the same texts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._body import (
    BlockQuote,
    Code,
    Embed,
    Emphasis,
    Figure,
    Heading,
    Link,
    List,
    Paragraph,
    Preformatted,
    Strong,
)
from ._body_html import LINK_REL, body_to_html

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ._body import Block, Inline
    from ._models import Article, Image

__all__ = ["article_markdown", "body_to_markdown"]

# Any ASCII punctuation character may be escaped with a backslash
# (CommonMark 0.31 §2.4). Those that start or end inline markup anywhere are;
# those that start a block only at the start of a line (``#``, ``-``, ``1.``).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&!])")
_LINE_START_SPECIAL = re.compile(r"(^|\n)([#+\-=~>])")
_LINE_START_NUMBER = re.compile(r"(^|\n)([0-9]{1,9})([.)])")


def _escape(text: str) -> str:
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START_SPECIAL.sub(r"\1\\\2", text)
    text = _LINE_START_NUMBER.sub(r"\1\2\\\3", text)
    # A line break is a backslash at the end of the line (a hard break).
    return text.replace("\n", "\\\n")


def body_to_markdown(
    body: Iterable[Block], *, images: Sequence[Image] = (), rel: Iterable[str] = LINK_REL
) -> str:
    """
    Return a body as CommonMark, blocks separated by a blank line.

    Args:
        body: The blocks (an article's ``body``).
        images: The article's images, which figures refer to by url.
        rel: The link types of the links written as HTML (see `body_to_html`).

    Returns:
        The Markdown text, ending with a newline (empty for an empty body).
    """
    writer = _Writer(images, tuple(rel))
    blocks = list(body)
    parts = []
    for index, block in enumerate(blocks):
        previous = blocks[index - 1] if index else None
        parts.append(writer.block(block, previous))
    return "".join(f"{part}\n\n" for part in parts)[:-1]


def article_markdown(article: Article) -> str:
    """Return an article as CommonMark: its headline as a level 1 heading, then its body."""
    head = f"# {_escape(article.headline)}\n"
    body = body_to_markdown(article.body, images=article.images)
    return f"{head}\n{body}" if body else head


class _Writer:
    def __init__(self, images: Sequence[Image], rel: tuple[str, ...]) -> None:
        self.images = images
        self.rel = rel
        self.bullets = 0  # lists so far: two lists in a row need other markers

    def block(self, block: Block, previous: Block | None) -> str:
        if isinstance(block, str):
            return _escape(block)
        if isinstance(block, Paragraph):
            return self.inline(block.content)
        if isinstance(block, Heading):
            text = self.inline(block.content).replace("\\\n", "<br>")
            return f"{'#' * block.level} {text}"
        if isinstance(block, List):
            # A list right after a list would continue it: change the marker.
            self.bullets = self.bullets + 1 if isinstance(previous, List) else 0
            return self.list(block, self.bullets % 2)
        if isinstance(block, BlockQuote) and block.cite is None and block.attribution is None:
            paragraphs = [self.block(item, None) for item in block.content]
            return "\n>\n".join(_quoted(text) for text in paragraphs)
        if isinstance(block, Preformatted):
            return _fence(block.text)
        if isinstance(block, (Figure, Embed, BlockQuote)):
            return body_to_html((block,), images=self.images, rel=self.rel).rstrip("\n")
        return "---"

    def list(self, block: List, alternate: int) -> str:
        lines = []
        for number, item in enumerate(block.items, 1):
            marker = (f"{number}{')' if alternate else '.'}") if block.ordered else "*-"[alternate]
            indent = " " * (len(marker) + 1)
            text = self.inline(item.content).replace("\n", "\n" + indent)
            if item.sublist is None:
                lines.append(f"{marker} {text}".rstrip(" "))
                continue
            nested = "\n".join(
                indent + line if line else line for line in self.list(item.sublist, 0).split("\n")
            )
            if item.content:
                lines += [f"{marker} {text}".rstrip(" "), nested]
            else:
                # An empty item cannot interrupt a paragraph (CommonMark): the
                # sublist starts on the item's own line, as in "* * nested".
                lines.append(f"{marker} {nested[len(indent) :]}")
        return "\n".join(lines)

    def inline(self, content: Iterable[Inline]) -> str:
        out = ""
        for item in content:
            if isinstance(item, Code) and out.endswith("`"):
                # A code span right after another would merge with it.
                out += f"<code>{_references(item.text)}</code>"
            elif isinstance(item, (Emphasis, Strong)) and out.endswith("*"):
                # So would a run of * with the one before.
                out += self.tags(item)
            else:
                out += self.one(item)
        return out

    def one(self, item: Inline) -> str:
        if isinstance(item, str):
            return _escape(item)
        if isinstance(item, Code):
            return _code(item.text)
        if isinstance(item, Link):
            title = ""
            if item.title is not None:
                title = ' "' + _LINK_TITLE.sub(r"\\\g<0>", item.title) + '"'
            url = _LINK_URL.sub(r"\\\g<0>", item.url)
            return f"[{self.inline(item.content)}](<{url}>{title})"
        if _plain_delimiters(item.content):
            mark = "*" if isinstance(item, Emphasis) else "**"
            return f"{mark}{self.inline(item.content)}{mark}"
        return self.tags(item)

    def tags(self, item: Emphasis | Strong) -> str:
        # Where * and ** would depend on the characters around them, the
        # HTML tags, which CommonMark passes through, do not.
        tag = "em" if isinstance(item, Emphasis) else "strong"
        return f"<{tag}>{self.inline(item.content)}</{tag}>"


# In a link's <destination> and "title", a backslash escapes punctuation and
# an entity reference is decoded: escape both.
_LINK_URL = re.compile(r"[\\&]")
_LINK_TITLE = re.compile(r'[\\&"]')


def _plain_delimiters(content: tuple[Inline, ...]) -> bool:
    # *text* reads back as emphasis when it starts and ends with a letter or
    # digit of a text and holds no other emphasis (whose delimiters could pair
    # with these).
    first, last = content[0], content[-1]
    return (
        isinstance(first, str)
        and isinstance(last, str)
        and first[:1].isalnum()
        and last[-1:].isalnum()
        and not any(_has_emphasis(item) for item in content)
    )


def _has_emphasis(item: Inline) -> bool:
    if isinstance(item, (Emphasis, Strong)):
        return True
    if isinstance(item, Link):
        return any(_has_emphasis(child) for child in item.content)
    return False


_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def _references(text: str) -> str:
    # Between raw HTML tags, Markdown still reads backticks, brackets,
    # emphasis and escapes: every ASCII punctuation mark becomes a reference.
    return _PUNCTUATION.sub(lambda found: f"&#{ord(found.group())};", text)


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def _code(text: str) -> str:
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " ") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall("`{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"
