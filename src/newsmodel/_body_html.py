"""
A body as HTML, both ways: `body_to_html` writes it, `body_from_html` reads it.

The renderer chooses every element and attribute itself: texts are escaped,
URLs are the model's (which keep the URL or link rule, so no ``javascript:``
and no quote can stand in them), and nothing the model holds can add an
element or an attribute. The reader parses with Lexbor, an HTML5 parser of
the WHATWG standard (through selectolax), never with patterns: the
allowlisted structure is kept, every other element is unwrapped to its text
or dropped, and each change is a `Finding` at the path of the block it
touched. ``body_from_html(body_to_html(body)) == body`` for every body whose
texts are in HTML's whitespace form (see `body_from_html`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import attrs

from . import _values as v
from . import _wild as w
from ._body import (
    MAX_INLINE_DEPTH,
    MAX_LIST_DEPTH,
    Block,
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
    inline_text,
    is_link_url,
)
from ._distribution import install_hint
from ._errors import Finding, ValidationError, describe, join_path
from ._models import Image

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from ._body import Inline

__all__ = ["LINK_REL", "HtmlBody", "body_from_html", "body_to_html"]

# ----------------------------------------------------------------- render

#: The ``rel`` of every link `body_to_html` writes, unless told otherwise.
LINK_REL = ("noopener", "noreferrer")
_REL_TOKENS = frozenset({"external", "nofollow", "noopener", "noreferrer", "sponsored", "ugc"})


def escape(value: str) -> str:
    """Escape a text for HTML: ``&``, ``<`` and ``>``."""
    # Three replaces run faster than str.translate or html.escape.
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def _attr(value: str) -> str:
    return escape(value).replace('"', "&quot;")


def body_to_html(
    body: Iterable[Block], *, images: Sequence[Image] = (), rel: Iterable[str] = LINK_REL
) -> str:
    """
    Return a body as semantic HTML, one block a line.

    ``<p>``, ``<h2>``-``<h6>``, ``<ul>``/``<ol>``, ``<blockquote cite>`` (in
    a ``<figure>`` with a ``<figcaption>`` when it has an attribution),
    ``<pre>``, ``<figure>`` with the image's ``<img>`` and caption,
    ``<figure>`` around an embed's link, ``<hr>``; inside, ``<em>``,
    ``<strong>``, ``<code>``, ``<a href title rel>`` and ``<br>`` for a line
    break. Texts and attributes are escaped; no other element or attribute
    is ever written.

    Args:
        body: The blocks (an article's ``body``).
        images: The article's images, which figures refer to by url.
        rel: The link types of every link (``nofollow``, ``noopener``,
            ``noreferrer``, ``sponsored``, ``ugc``, ``external``).

    Returns:
        The HTML fragment.

    Raises:
        ValueError: A ``rel`` token is not one of the link types above.
    """
    tokens = tuple(rel)
    unknown = [token for token in tokens if token not in _REL_TOKENS]
    if unknown:
        msg = f"expected rel tokens among {sorted(_REL_TOKENS)}, found {unknown!r}"
        raise ValueError(msg)
    return body_writer(images, " ".join(tokens)).body(body)


def body_writer(images: Sequence[Image] = (), rel: str = " ".join(LINK_REL)) -> _Writer:
    """
    Return the writer `body_to_html` uses, for a caller that marks text in it.

    Its ``mark`` attribute, None by default, may be set to a function that
    writes one block's inline content (a paragraph's, heading's or list
    item's, a plain paragraph as a one-text content), in place of the
    writer's own ``inline``: the microdata marks quotes there. It is called
    once for each, in the order of the HTML.
    """
    # A figure shows the first image of its url, as body_from_html matches it.
    return _Writer({image.url: image for image in reversed(images)}, rel)


class _Writer:
    def __init__(self, images: dict[str, Image], rel: str) -> None:
        self.images = images
        self.rel = f' rel="{rel}"' if rel else ""
        self.mark: Callable[[tuple[Inline, ...]], str] | None = None

    def body(self, body: Iterable[Block]) -> str:
        return "".join(f"{self.block(block)}\n" for block in body)

    def content(self, content: tuple[Inline, ...]) -> str:
        # One block's inline content: where a mark may go.
        if self.mark is None or not content:
            return self.inline(content)
        return self.mark(content)

    def block(self, block: Block) -> str:
        if isinstance(block, str):
            if self.mark is None:
                return f"<p>{_text(block)}</p>"
            return f"<p>{self.mark((block,))}</p>"
        if isinstance(block, Paragraph):
            return f"<p>{self.content(block.content)}</p>"
        if isinstance(block, Heading):
            return f"<h{block.level}>{self.content(block.content)}</h{block.level}>"
        if isinstance(block, List):
            return self.list(block)
        if isinstance(block, BlockQuote):
            return self.quote(block)
        if isinstance(block, Preformatted):
            # The parser drops one newline right after <pre>: give it one to drop.
            lead = "\n" if block.text.startswith("\n") else ""
            return f"<pre>{lead}{escape(block.text)}</pre>"
        if isinstance(block, Figure):
            return self.figure(block)
        if isinstance(block, Embed):
            shown = _text(block.provider or block.url)
            return f'<figure><a href="{_attr(block.url)}"{self.rel}>{shown}</a></figure>'
        return "<hr>"  # Separator

    def list(self, block: List) -> str:
        tag = "ol" if block.ordered else "ul"
        items = "".join(
            f"<li>{self.content(item.content)}"
            + ("" if item.sublist is None else self.list(item.sublist))
            + "</li>"
            for item in block.items
        )
        return f"<{tag}>{items}</{tag}>"

    def quote(self, block: BlockQuote) -> str:
        cite = "" if block.cite is None else f' cite="{_attr(block.cite)}"'
        paragraphs = "".join(self.block(paragraph) for paragraph in block.content)
        quote = f"<blockquote{cite}>{paragraphs}</blockquote>"
        if block.attribution is None:
            return quote
        return f"<figure>{quote}<figcaption>{_text(block.attribution)}</figcaption></figure>"

    def figure(self, block: Figure) -> str:
        image = self.images.get(block.image)
        if image is None:
            return f'<figure><img src="{_attr(block.image)}" alt=""></figure>'
        size = "".join(
            f' {name}="{value}"'
            for name, value in (("width", image.width), ("height", image.height))
            if value is not None
        )
        alt = _attr(image.alt_text or "")
        caption = "" if image.caption is None else _text(image.caption)
        if image.credit is not None:
            caption += f"{' ' if caption else ''}<small>{_text(image.credit)}</small>"
        caption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f'<figure><img src="{_attr(image.url)}" alt="{alt}"{size}>{caption}</figure>'

    def inline(self, content: Iterable[Inline]) -> str:
        return "".join(self.one(item) for item in content)

    def one(self, item: Inline) -> str:
        if isinstance(item, str):
            return _text(item)
        if isinstance(item, Emphasis):
            return f"<em>{self.inline(item.content)}</em>"
        if isinstance(item, Strong):
            return f"<strong>{self.inline(item.content)}</strong>"
        if isinstance(item, Code):
            return f"<code>{escape(item.text)}</code>"
        title = "" if item.title is None else f' title="{_attr(item.title)}"'
        return f'<a href="{_attr(item.url)}"{title}{self.rel}>{self.inline(item.content)}</a>'


# ------------------------------------------------------------------- read


@attrs.frozen
class HtmlBody:
    """
    What `body_from_html` read.

    Attributes:
        blocks: The body.
        images: The images its figures refer to: those given, then each new
            one the HTML showed, in order.
        findings: Every element, attribute or text left out or changed.
    """

    blocks: tuple[Block, ...]
    images: tuple[Image, ...]
    findings: tuple[Finding, ...]


# What the reader keeps of each element it keeps; all else is reported.
_KEPT_ATTRIBUTES = {
    "a": frozenset({"href", "title", "rel"}),
    "blockquote": frozenset({"cite"}),
    "img": frozenset({"src", "alt", "width", "height"}),
}
_FIELD_WORDS = {
    "caption": "caption",
    "credit": "credit",
    "alt_text": "alt text",
    "width": "width",
    "height": "height",
}


def figure_took(fields: Sequence[str], url: str) -> str:
    """What a `Finding` says of the *fields* a figure gave the image *url* it shows."""
    words = [_FIELD_WORDS[name] for name in fields]
    listed = " and ".join(words) if len(words) < 3 else f"{', '.join(words[:-1])} and {words[-1]}"
    return f"took the {listed} of the image {describe(url)} from its figure"


def figure_differs(field: str, url: str) -> str:
    """What a `Finding` says of a *field* a figure shows otherwise than the image *url*."""
    return (
        f"dropped the {_FIELD_WORDS[field]} of the figure of {describe(url)}: the article's "
        "image has its own"
    )


_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_EMPHASIS = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}
_CODE = frozenset({"code", "kbd", "samp", "tt"})
# Dropped with all they hold: code, styles, forms, media, foreign content.
_DROPPED = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object",
        "embed", "applet", "svg", "math", "canvas", "audio", "video", "source", "track",
        "picture", "map", "area", "form", "input", "button", "select", "option", "optgroup",
        "textarea", "datalist", "output", "progress", "meter", "dialog", "head", "title",
        "meta", "link", "base", "param", "portal", "slot", "-doctype", "noembed", "noframes",
        "xmp", "plaintext", "selectedcontent",
    }
)  # fmt: skip
# Unwrapped elements that end a paragraph (their text is a block of its own).
_BLOCK_LEVEL = frozenset(
    {
        "div", "section", "article", "main", "header", "footer", "aside", "nav", "address",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "colgroup", "col",
        "dl", "dt", "dd", "details", "summary", "fieldset", "legend", "hgroup", "center",
        "figcaption", "li", "body", "html", "menu", "search", "listing",
    }
)  # fmt: skip
_MEDIA_WITH_SRC = frozenset({"iframe", "video", "audio", "embed"})
_WHITESPACE = re.compile("[ \t\n\f\r]+")
_MAX_UNWRAP = 48  # elements nested deeper are read as their text


def body_from_html(
    html: str,
    *,
    images: Sequence[Image] = (),
    base_url: str | None = None,
    path: str = "$",
) -> HtmlBody:
    """
    Read HTML (from a CMS, a feed, a page's ``articleBody``) into body blocks.

    The HTML is parsed as a fragment by an HTML5 parser (Lexbor, as
    browsers parse). Paragraphs, headings (``<h1>`` becomes level 2),
    lists, block quotes, preformatted text, figures (an ``<img>`` becomes a
    `Figure` and, when its address is not among *images*, a new `Image`),
    embeds, separators and the inline ``<em>``/``<i>``, ``<strong>``/``<b>``,
    ``<code>``, ``<a href>`` and ``<br>`` are kept. Any other element is
    unwrapped to its text (``<span>``, ``<div>``, tables) or dropped with
    what it holds (``<script>``, ``<style>``, ``<svg>``, forms; an
    ``<iframe>`` or ``<video>`` with an http(s) address becomes an `Embed`);
    attributes other than a link's ``href`` and ``title``, a quote's
    ``cite`` and an image's ``src``, ``alt``, ``width`` and ``height`` are
    dropped, and so is a URL that keeps neither the URL nor the link rule
    (``javascript:``, ``data:``, a relative one without *base_url*). Each of
    these is a `Finding` at the path of the block it touched. Characters no
    text may hold (control characters, U+2028, U+2029, lone surrogates),
    written or as character references, are removed, and that is a finding.

    Whitespace is read as HTML shows it: every run of spaces, tabs and line
    breaks is one space, and none starts or ends a block or stands beside a
    line break (``<br>``, which becomes a newline); ``<pre>`` keeps its text
    as it is. A paragraph of text and line breaks only is a plain `str`.

    Args:
        html: The HTML fragment.
        images: The article's images, which figures are matched against by url.
        base_url: The page's address, against which relative URLs are resolved.
        path: The JSONPath of the body, for the findings.

    Returns:
        The blocks, the images and the findings.
    """
    parser = _lexbor()
    reader = _Reader(images, base_url, path)
    # The characters no text may hold go first, reported (the parser would
    # drop a NUL, and UTF-8 a lone surrogate, without a word); tab, CR and
    # form feed are HTML's whitespace, read as such.
    html = w.remove_forbidden(html, path, reader.findings, keep="\t\r\f")
    root = parser(html, is_fragment=True).root
    if _DOCUMENT_TAG.search(html) is not None:
        reader.document_tags(parser(html))
    blocks = reader.blocks(root, 0)
    return HtmlBody(tuple(blocks), tuple(reader.images), tuple(reader.findings))


# A fragment's parse ignores <html>, <head> and <body> tags, attributes and
# all: where one may stand, the document's parse tells what was ignored.
_DOCUMENT_TAG = re.compile("<(?:html|head|body)", re.IGNORECASE)


def _lexbor() -> Any:
    try:
        from selectolax.lexbor import LexborHTMLParser  # noqa: PLC0415
    except ImportError as error:  # pragma: no cover - depends on the environment
        msg = f"body_from_html needs selectolax: {install_hint('html')}"
        raise ImportError(msg) from error
    return LexborHTMLParser


# The reader builds a light tree first: a text is a str, markup a list
# [kind, ...]: ["em", children], ["strong", children], ["code", text],
# ["a", url, title, children]; "\n" is a line break. Whitespace is then put
# in HTML's form over the whole block, and only then are model objects made.


class _Reader:
    def __init__(self, images: Sequence[Image], base_url: str | None, path: str) -> None:
        self.images = list(images)
        self.known = {image.url for image in images}
        self.base_url = base_url
        self.path = path
        self.findings: list[Finding] = []
        self.count = 0  # blocks made so far, for the paths
        self.inside = 0  # > 0 while reading the blocks a quote holds: findings are the quote's

    # ------------------------------------------------------------ findings

    def here(self) -> str:
        return join_path(self.path, self.count)

    def removed(self, characters: list[str]) -> None:
        """Report the characters no text may hold, removed from what was read."""
        w.report_removed(self.here(), characters, self.findings)

    def line(self, text: str | None) -> str | None:
        """`_one_line` of *text*, reporting the characters it removes."""
        if text is not None:
            self.removed(_bad_in(_WHITESPACE.sub(" ", text)))
        return _one_line(text)

    def report(self, code: str, message: str) -> None:
        self.findings.append(Finding(self.here(), code, message))

    def attributes(self, node: Any, kept: frozenset[str] = frozenset()) -> None:
        dropped = [name for name in node.attributes if name not in kept]
        if dropped:
            names = ", ".join(dropped)
            self.report(
                "dropped",
                f"dropped the attribute{'s' if len(dropped) > 1 else ''} {names} of {_a(node.tag)}",
            )

    def rel(self, node: Any) -> None:
        # noopener and noreferrer only guard the page that opens the link;
        # any other link type (nofollow, sponsored, ugc) is the publisher's word.
        tokens = set((node.attributes.get("rel") or "").lower().split())
        other = sorted(tokens - {"noopener", "noreferrer"})
        if other:
            self.report("dropped", f"dropped the link types {', '.join(other)} of a link")

    def unwrapped(self, node: Any) -> None:
        attributes = list(node.attributes)
        extra = f" and its attributes {', '.join(attributes)}" if attributes else ""
        self.report("unwrapped", f"kept the text of {_a(node.tag)}, not the element{extra}")

    def dropped(self, node: Any) -> None:
        what = "a comment" if node.tag == "-comment" else f"{_a(node.tag)} and all it holds"
        self.report("dropped", f"dropped {what}")

    def document_tags(self, document: Any) -> None:
        for node in (document.root, document.head, document.body):
            if node is not None and node.attributes:
                self.attributes(node)

    # ---------------------------------------------------------------- URLs

    def url(self, raw: str | None, *, link: bool, what: str) -> str | None:
        """The URL of an attribute, resolved and checked, or None (reported)."""
        if raw is None:
            return None
        value = raw.strip(" \t\n\f\r")
        if self.base_url is not None and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
            value = urljoin(self.base_url, value)
        ok = is_link_url if link else v.is_url
        if not ok(value):
            encoded = v.encode_unsafe(value)
            if ok(encoded):
                value = encoded
            else:
                self.report(
                    "dropped",
                    f"dropped the {what} {describe(raw)}: expected an absolute http or https "
                    f"URL{' or a mailto: URL' if link else ''}",
                )
                return None
        if value != raw:
            self.report("repaired", f"read the {what} {describe(raw)} as {describe(value)}")
        return value

    # -------------------------------------------------------------- blocks

    def blocks(self, first: Any, depth: int) -> list[Block]:
        out: list[Block] = []
        run: list[Any] = []
        # A stack of sibling cursors: an unwrapped element's children are
        # read in place, without recursion, however deep the nesting.
        stack: list[Any] = [first]
        while stack:
            node = stack[-1]
            if node is None:
                stack.pop()
                self.flush(run, out)
                continue
            stack[-1] = node.next
            tag = node.tag
            if tag == "-text":
                run.append(node.text_content or "")
            elif tag is None or tag == "-comment" or tag in _DROPPED:
                if tag in _MEDIA_WITH_SRC and (embed := self.embed(node)) is not None:
                    self.flush(run, out)
                    self.add(out, embed)
                else:
                    self.dropped(node)
            elif tag in _BLOCKS:
                self.flush(run, out)
                _BLOCKS[tag](self, node, out, depth)
            elif tag in _BLOCK_LEVEL:
                self.flush(run, out)
                self.unwrapped(node)
                stack.append(node.child)
            elif tag == "img":
                self.flush(run, out)
                self.image(node, None, out)
            else:
                run.append(self.inline(node, 0, in_link=False))
        return out

    def add(self, out: list[Block], block: Block) -> None:
        out.append(block)
        if not self.inside:
            self.count += 1

    def flush(self, run: list[Any], out: list[Block]) -> None:
        if run:
            block = self.paragraph(run)
            run.clear()
            if block is not None:
                self.add(out, block)

    def paragraph(self, raw: list[Any]) -> Block | None:
        content = self.content(raw, "paragraph")
        if not content:
            return None
        texts = [item for item in content if isinstance(item, str)]
        if len(texts) == len(content):
            return "".join(texts)
        return self.make(Paragraph, content=content)  # type: ignore[no-any-return]

    def content(self, raw: list[Any], where: str) -> tuple[Inline, ...]:
        tree, removed = _normalize(raw)
        self.removed(removed)
        if tree and tree[0].__class__ is str and tree[0].startswith("\n"):
            self.report("dropped", f"dropped a line break at the start of a {where}")
        if tree and tree[-1].__class__ is str and tree[-1].endswith("\n"):
            self.report("dropped", f"dropped a line break at the end of a {where}")
        tree = _trim_breaks(tree)
        content = tuple(self.build(item) for item in tree if self.keep(item))
        if content and inline_text(content).isspace():
            self.report("dropped", f"dropped a {where} of whitespace only")
            return ()
        return content

    def keep(self, item: Any) -> bool:
        if item.__class__ is list and item[0] == "a" and not _has_text(item[3]):
            self.report("dropped", f"dropped a link to {describe(item[1])} with no text")
            return False
        return True

    def build(self, item: Any) -> Inline:
        if isinstance(item, str):
            return item
        kind = item[0]
        if kind == "code":
            return self.make(Code, text=item[1])  # type: ignore[no-any-return]
        children = tuple(self.build(child) for child in item[-1] if self.keep(child))
        if kind == "a":
            return self.make(  # type: ignore[no-any-return]
                Link, url=item[1], title=item[2], content=children
            )
        cls = Emphasis if kind == "em" else Strong
        return self.make(cls, content=children)  # type: ignore[no-any-return]

    def make(self, cls: type, **values: Any) -> Any:
        # The reader only makes what the rules accept; should it not, the
        # text is kept and the problem reported, never raised.
        try:
            return cls(**values)
        except ValidationError as error:  # pragma: no cover - a reader bug, reported
            self.report("dropped", f"kept the text of a {cls.__name__}: {error.errors[0]}")
            content = values.get("content")
            return inline_text(content) if content else values.get("text", "")

    # ------------------------------------------------------------- inline

    def inline(self, node: Any, depth: int, *, in_link: bool) -> Any:
        """Read one node inside a paragraph into the light tree."""
        tag = node.tag
        if tag == "-text":
            return node.text_content or ""
        if tag == "br":
            self.attributes(node)
            return _BR
        if tag is None or tag == "-comment" or tag in _DROPPED:
            self.dropped(node)
            return ""
        if depth >= _MAX_UNWRAP:
            self.report("unwrapped", f"kept the text of a <{tag}> nested too deep")
            return _text_of(node) or ""
        if tag in _CODE:
            self.attributes(node)
            if node.child is not None and (
                node.child.next is not None or node.child.tag != "-text"
            ):
                self.report("unwrapped", f"kept the text of the elements in a <{tag}>")
            text = _WHITESPACE.sub(" ", _text_of(node) or "")
            return ["code", text] if text.strip() else text
        children = self.children(node, depth, in_link=in_link or tag == "a")
        markup = _markup_depth(children)
        if tag in _EMPHASIS and markup < MAX_INLINE_DEPTH:
            if tag in ("i", "b"):
                self.report("repaired", f"read a <{tag}> as <{_EMPHASIS[tag]}>")
            self.attributes(node)
            return [_EMPHASIS[tag], children]
        if tag == "a" and not in_link and markup < MAX_INLINE_DEPTH:
            self.attributes(node, _KEPT_ATTRIBUTES["a"])
            self.rel(node)
            url = self.url(node.attributes.get("href"), link=True, what="link")
            if url is not None:
                title = node.attributes.get("title")
                if title is not None:
                    title = _WHITESPACE.sub(" ", title).strip()
                    if not title or v.TEXT_LINE_BAD.search(title):
                        self.report("dropped", f"dropped the link title {describe(title)}")
                        title = None
                return ["a", url, title, children]
            return ["span", children]
        if tag == "a" and in_link:
            self.report("unwrapped", "kept the text of a link inside a link")
        elif tag in _EMPHASIS or tag == "a":
            self.report("unwrapped", f"kept the text of a <{tag}> nested too deep")
        elif tag == "img":
            self.report("dropped", "dropped an image inside text (only a figure holds one)")
            return ""
        else:
            self.unwrapped(node)
        if tag in _BLOCK_LEVEL or tag in _BLOCKS:
            return ["span", [_BR, *children, _BR]]
        return ["span", children]

    def children(self, node: Any, depth: int, *, in_link: bool) -> list[Any]:
        out = []
        child = node.child
        while child is not None:
            out.append(self.inline(child, depth + 1, in_link=in_link))
            child = child.next
        return out

    # -------------------------------------------------------- block kinds

    def p(self, node: Any, out: list[Block], depth: int) -> None:
        self.attributes(node)
        raw = self.children(node, 0, in_link=False)
        if _only_image(node):
            img = _first(node, "img")
            self.image(img, None, out)
            return
        block = self.paragraph(raw)
        if block is None:
            self.report("dropped", "dropped an empty paragraph")
        else:
            self.add(out, block)

    def heading(self, node: Any, out: list[Block], depth: int) -> None:
        self.attributes(node)
        level = _HEADINGS[node.tag]
        if level == 1:
            self.report("repaired", "read an <h1> as a level 2 heading (the headline is level 1)")
            level = 2
        content = self.content(self.children(node, 0, in_link=False), "heading")
        if content:
            self.add(out, self.make(Heading, level=level, content=content))
        else:
            self.report("dropped", f"dropped an empty <{node.tag}>")

    def ul(self, node: Any, out: list[Block], depth: int) -> None:
        block = self.read_list(node, 1)
        if block is None:
            self.report("dropped", f"dropped an empty <{node.tag}>")
        else:
            self.add(out, block)

    def read_list(self, node: Any, level: int) -> List | None:
        self.attributes(node)
        items: list[ListItem] = []
        child = node.child
        while child is not None:
            if child.tag == "li":
                item = self.read_item(child, level)
                if item is not None:
                    items.append(item)
            elif child.tag in ("ul", "ol") and items and items[-1].sublist is None:
                self.report("repaired", f"read a <{child.tag}> in a list as the last item's list")
                sub = self.nested(child, level)
                if sub is not None:
                    items[-1] = self.make(ListItem, content=items[-1].content, sublist=sub)
                elif content := self.content(self.list_lines(child), "list item"):
                    items.append(self.make(ListItem, content=content))
            else:
                raw = [self.inline(child, 1, in_link=False)]
                content = self.content(raw, "list item")
                if content:
                    self.report("repaired", f"read a <{child.tag}> in a list as an item")
                    items.append(self.make(ListItem, content=content))
                elif child.tag != "-text":
                    self.report("dropped", f"dropped an empty <{child.tag}> in a list")
            child = child.next
        if not items:
            return None
        return self.make(List, items=tuple(items), ordered=node.tag == "ol")  # type: ignore[no-any-return]

    def nested(self, node: Any, level: int) -> List | None:
        if level + 1 <= MAX_LIST_DEPTH:
            return self.read_list(node, level + 1)
        self.report(
            "unwrapped",
            f"kept the text of a list nested deeper than {MAX_LIST_DEPTH} lists, one item a line",
        )
        return None

    def read_item(self, node: Any, level: int) -> ListItem | None:
        # An item holds its content, then one list. A list it cannot hold (a
        # second one, or one too deep) is kept as lines of its content; text
        # after its list moves before the list, on a line of its own.
        self.attributes(node)
        raw: list[Any] = []
        sublist: List | None = None
        new_line = False  # the next text starts a line
        moved = False
        child = node.child
        while child is not None:
            if child.tag in ("ul", "ol") and sublist is None and level < MAX_LIST_DEPTH:
                sublist = self.nested(child, level)
                new_line = True
            elif child.tag in ("ul", "ol"):
                if sublist is None:
                    self.nested(child, MAX_LIST_DEPTH)
                else:
                    self.report(
                        "unwrapped",
                        f"kept the text of a second <{child.tag}> in a list item, one item a "
                        "line: an item holds one list",
                    )
                lines = ["span", self.list_lines(child)]
                if _on_new_line(raw, lines):
                    raw.append(lines)
                    new_line = True
            else:
                item = self.inline(child, 1, in_link=False)
                if new_line and _on_new_line(raw, item):
                    new_line = False
                if sublist is not None and not moved and _has_text([item]):
                    moved = True
                    self.report(
                        "repaired",
                        "moved the text after a list item's list before the list, on a "
                        "line of its own: an item's list comes last",
                    )
                raw.append(item)
            child = child.next
        content = self.content(raw, "list item")
        if not content and sublist is None:
            self.report("dropped", "dropped an empty list item")
            return None
        return self.make(ListItem, content=content, sublist=sublist)  # type: ignore[no-any-return]

    def list_lines(self, node: Any) -> list[Any]:
        """The items of a list kept as text: one a line, their inline markup kept."""
        lines: list[Any] = []
        new_line = False
        stack = [node.child]  # sibling cursors, without recursion however deep
        while stack:
            child = stack[-1]
            if child is None:
                stack.pop()
                new_line = True  # text after a list starts a line
                continue
            stack[-1] = child.next
            if child.tag in ("li", "ul", "ol"):
                self.attributes(child)
                new_line = True
                stack.append(child.child)
                continue
            item = self.inline(child, 1, in_link=False)
            if new_line and _on_new_line(lines, item):
                new_line = False
            lines.append(item)
        return lines

    def blockquote(self, node: Any, out: list[Block], depth: int) -> None:
        quote = self.read_quote(node, None, depth)
        if quote is None:
            self.report("dropped", "dropped an empty <blockquote>")
        else:
            self.add(out, quote)

    def read_quote(self, node: Any, attribution: str | None, depth: int) -> BlockQuote | None:
        self.attributes(node, _KEPT_ATTRIBUTES["blockquote"])
        cite = self.url(node.attributes.get("cite"), link=False, what="quote's cite")
        if depth >= MAX_LIST_DEPTH:
            self.report(
                "unwrapped",
                f"kept the text of a quote nested deeper than {MAX_LIST_DEPTH} quotes, "
                "one paragraph a block or line",
            )
            if _first(node, "img") is not None:
                self.report("dropped", "dropped the images of a quote nested too deep")
            inner: list[Block] = []
            for text in _paragraphs_of(node):
                line = self.line(text)
                if line is not None:
                    inner.append(line)
        else:
            self.inside += 1
            try:
                inner = self.blocks(node.child, depth + 1)
            finally:
                self.inside -= 1
        paragraphs: list[str | Paragraph] = []
        for block in inner:
            if isinstance(block, (str, Paragraph)):
                paragraphs.append(block)
            else:
                self.report(
                    "unwrapped", f"kept the text of a {type(block).__name__} inside a quote"
                )
                paragraphs.extend(text for text in _texts(block) if text.strip())
        if not paragraphs:
            return None
        return self.make(  # type: ignore[no-any-return]
            BlockQuote, content=tuple(paragraphs), cite=cite, attribution=attribution
        )

    def pre(self, node: Any, out: list[Block], depth: int) -> None:
        self.attributes(node)
        child = node.child
        if child is not None and (child.next is not None or child.tag not in ("-text", "code")):
            self.report("unwrapped", "kept the text of the elements in a <pre>")
        raw = _text_of(node)
        text = _strip_bad(raw)
        if "\t" in raw:
            self.report("repaired", "replaced the tabs of a <pre> with spaces")
        if "\r" in raw:
            self.report("repaired", "read the carriage returns of a <pre> as line breaks")
        self.removed(_bad_in(raw))
        if child is not None and child.tag == "code" and child.next is None and text.endswith("\n"):
            # <pre><code>...\n</code></pre>: the code ends its last line.
            self.report("dropped", "dropped the line break that ends the code in a <pre>")
            text = text[:-1]
        if text.strip():
            self.add(out, self.make(Preformatted, text=text))
        else:
            self.report("dropped", "dropped an empty <pre>")

    def hr(self, node: Any, out: list[Block], depth: int) -> None:
        self.attributes(node)
        self.add(out, Separator())

    def figure(self, node: Any, out: list[Block], depth: int) -> None:
        # A figure of one image, quote or link (and a caption) is that block;
        # any other figure is unwrapped, so that no text is lost. Only its
        # children are looked at: what they hold is read once, as blocks.
        self.attributes(node)
        if depth >= _MAX_UNWRAP:
            self.report("unwrapped", "kept the text of a <figure> nested too deep")
            text = self.line(_text_of(node))
            if text is not None:
                self.add(out, text)
            return
        held: list[Any] = []
        captions: list[Any] = []
        child = node.child
        while child is not None:
            if child.tag == "figcaption":
                captions.append(child)
            elif not (child.tag == "-text" and not (child.text_content or "").strip(" \t\n\f\r")):
                held.append(child)
            child = child.next
        if len(held) == 1 and len(captions) <= 1:
            caption_node = captions[0] if captions else None
            if self.figure_of(held[0], caption_node, out, depth):
                return
        self.unwrapped(node)
        out.extend(self.blocks(node.child, depth + 1))

    def figure_of(self, node: Any, caption_node: Any, out: list[Block], depth: int) -> bool:
        """Read the one element of a figure as a block, if it is one of those a figure shows."""
        tag = node.tag
        if tag == "blockquote":
            caption = self.line(_text_of(caption_node)) if caption_node is not None else None
            block = self.read_quote(node, caption, depth)
            if block is not None:
                self.add(out, block)
            elif caption is not None:
                self.report("unwrapped", "kept the caption of a figure of an empty quote")
                self.add(out, caption)
            else:
                self.report("dropped", "dropped an empty <blockquote>")
            return True
        img = node if tag == "img" else _only_child(node, "img") if tag == "picture" else None
        if img is not None:
            caption, credit = self.caption(caption_node)
            self.image(img, (caption, credit), out)
            return True
        if tag == "a" and _text_only(node):
            if caption_node is not None and _one_line(_text_of(caption_node)) is not None:
                return False  # an embed has no caption: unwrapped, its text kept
            said = len(self.findings)
            url = self.url(node.attributes.get("href"), link=False, what="embed's address")
            if url is None:
                del self.findings[said:]  # unwrapped: the link is read, and reported, as a link
                return False
            self.attributes(node, _KEPT_ATTRIBUTES["a"])
            text = self.line(_text_of(node))
            provider = text if text and text != url else None
            self.add(out, self.make(Embed, url=url, provider=provider))
            return True
        return False

    def image(
        self, node: Any, caption: tuple[str | None, str | None] | None, out: list[Block]
    ) -> None:
        self.attributes(node, _KEPT_ATTRIBUTES["img"])
        url = self.url(node.attributes.get("src"), link=False, what="image's address")
        if url is None:
            return
        if url in self.known:
            self.complete(node, url, caption)
        else:
            self.known.add(url)
            alt = self.line(node.attributes.get("alt"))
            text, credit = caption or (None, None)
            image = Image(
                url=url,
                alt_text=alt,
                caption=text,
                credit=credit,
                width=self.pixels(node, "width"),
                height=self.pixels(node, "height"),
            )
            self.images.append(image)
            self.report("added", f"added the image {describe(url)} to the article's images")
        self.add(out, Figure(image=url))

    def complete(self, node: Any, url: str, caption: tuple[str | None, str | None] | None) -> None:
        """
        Read a figure of an image the article has, by what the figure says of it.

        What the image does not say, it takes from the figure; what the
        figure says otherwise is dropped. Both are reported.
        """
        index = next(i for i, image in enumerate(self.images) if image.url == url)
        known = self.images[index]
        text, credit = caption or (None, None)
        said = {
            "caption": text,
            "credit": credit,
            "alt_text": self.line(node.attributes.get("alt")),
            "width": self.pixels(node, "width"),
            "height": self.pixels(node, "height"),
        }
        taken: dict[str, Any] = {}
        for name, value in said.items():
            own = getattr(known, name)
            if value is None:
                continue
            if own is None:
                taken[name] = value
            # (a figcaption shows the image's caption and credit on one line each)
            elif value != (_one_line(own) if isinstance(own, str) else own):
                self.report("dropped", figure_differs(name, url))
        if taken:
            self.images[index] = attrs.evolve(known, **taken)
            self.report("repaired", figure_took(list(taken), url))

    def caption(self, node: Any) -> tuple[str | None, str | None]:
        """A figcaption's caption and credit: the text of its <small> child is the credit."""
        if node is None:
            return None, None
        pieces: list[str] = []
        credit: str | None = None
        child = node.child
        while child is not None:
            if child.tag == "small" and credit is None:
                credit = self.line(_text_of(child)) or ""
            elif child.tag == "-text":
                pieces.append(child.text_content or "")
            elif child.tag == "br":
                pieces.append("\n")
            elif child.tag != "-comment" and child.tag not in _DROPPED:
                pieces.append(_text_of(child))
            child = child.next
        return self.line("".join(pieces)), credit or None

    def pixels(self, node: Any, name: str) -> int | None:
        """An element's size attribute in pixels; one it cannot be is dropped (reported)."""
        found: list[Finding] = []
        size = w.parse_pixels(node.attributes.get(name), self.here(), found, attribute=True)
        for finding in found:
            self.report(finding.code, f"the {name} of {_a(node.tag)}: {finding.message}")
        return size

    def embed(self, node: Any) -> Embed | None:
        raw = node.attributes.get("src")
        if raw is None:
            return None
        url = self.url(raw, link=False, what=f"<{node.tag}>'s address")
        if url is None:
            return None
        self.report("repaired", f"kept the <{node.tag}> as an embed of its address, not its HTML")
        return self.make(Embed, url=url)  # type: ignore[no-any-return]


_BLOCKS: dict[str, Any] = {
    "p": _Reader.p,
    **dict.fromkeys(_HEADINGS, _Reader.heading),
    "ul": _Reader.ul,
    "ol": _Reader.ul,
    "blockquote": _Reader.blockquote,
    "pre": _Reader.pre,
    "hr": _Reader.hr,
    "figure": _Reader.figure,
}


def _texts(block: Any) -> list[str]:
    from ._body import block_texts  # noqa: PLC0415

    return list(block_texts(block))


def _descendants(node: Any) -> Iterator[Any]:
    # Without recursion; selectolax's css() of a fragment's top node would
    # search the nodes after it too.
    stack = [node.child]
    while stack:
        child = stack[-1]
        if child is None:
            stack.pop()
            continue
        stack[-1] = child.next
        yield child
        stack.append(child.child)


def _first(node: Any, tag: str) -> Any:
    return next((child for child in _descendants(node) if child.tag == tag), None)


def _a(tag: str | None) -> str:
    """``a <div>``, ``an <a>``: an element named for a message."""
    if tag is None:  # a node the parser gives no name (a processing instruction)
        return "a nameless node"
    return f"{'an' if tag[:1] in 'aeiou' else 'a'} <{tag}>"


def _text_of(node: Any) -> str:
    """
    The text a node holds, in document order, without recursion.

    (selectolax's ``text()`` of a fragment's top node runs on into the
    nodes after it.)
    """
    pieces: list[str] = []
    stack = [node.child]
    while stack:
        child = stack[-1]
        if child is None:
            stack.pop()
            continue
        stack[-1] = child.next
        if child.tag == "-text":
            pieces.append(child.text_content or "")
        elif child.tag == "br":  # a line break, not nothing: "a<br>b" is not "ab"
            pieces.append("\n")
        elif child.tag != "-comment" and child.tag not in _DROPPED:
            stack.append(child.child)
    return "".join(pieces)


def _paragraphs_of(node: Any) -> list[str]:
    """
    The texts *node* holds, split where a block or a line break starts or ends.

    Without recursion, and pruning what `_text_of` prunes.
    """
    paragraphs: list[str] = [""]
    # Sibling cursors, each with whether leaving its element ends a block.
    stack: list[list[Any]] = [[node.child, False]]
    while stack:
        entry = stack[-1]
        child = entry[0]
        if child is None:
            stack.pop()
            if entry[1]:
                paragraphs.append("")  # a block ends (a blank paragraph is dropped)
            continue
        entry[0] = child.next
        tag = child.tag
        if tag == "-text":
            paragraphs[-1] += child.text_content or ""
        elif tag == "br":
            paragraphs.append("")
        elif tag != "-comment" and tag not in _DROPPED:
            block = tag in _BLOCKS or tag in _BLOCK_LEVEL or tag in ("ul", "ol")
            if block:
                paragraphs.append("")
            stack.append([child.child, block])
    return [text for text in paragraphs if text.strip(" \t\n\f\r")]


def _one_line(text: str | None) -> str | None:
    if text is None:
        return None
    line = _strip_bad(_WHITESPACE.sub(" ", text)).strip()
    return line or None


def _as_html_space(text: str) -> str:
    # Tab and CR are whitespace to HTML, not characters a text refuses.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


def _strip_bad(text: str) -> str:
    """*text* without the characters the text rule refuses (`newsmodel._values.TEXT_BAD`)."""
    return v.TEXT_BAD.sub("", _as_html_space(text))


def _bad_in(text: str) -> list[str]:
    """The characters `_strip_bad` removes from *text*."""
    return v.TEXT_BAD.findall(_as_html_space(text))


def _only_child(node: Any, tag: str) -> Any:
    """The one child *tag* of *node*, among blank text and <source>s only, or None."""
    found = None
    child = node.child
    while child is not None:
        if child.tag == tag and found is None:
            found = child
        elif child.tag != "source" and not (
            child.tag == "-text" and not (child.text_content or "").strip(" \t\n\f\r")
        ):
            return None
        child = child.next
    return found


def _text_only(node: Any) -> bool:
    """Whether *node* holds only text (no element), as an embed's link does."""
    child = node.child
    while child is not None:
        if child.tag != "-text":
            return False
        child = child.next
    return True


def _only_image(node: Any) -> bool:
    child = node.child
    found = False
    while child is not None:
        if child.tag == "img" and not found:
            found = True
        elif not (child.tag == "-text" and not (child.text_content or "").strip(" \t\n\f\r")):
            return False
        child = child.next
    return found


def _markup_depth(children: list[Any]) -> int:
    deepest = 0
    for child in children:
        if child.__class__ is list and child[0] == "br":
            continue
        if child.__class__ is list and child[0] != "code":
            inner = _markup_depth(child[-1])
            deepest = max(deepest, inner if child[0] == "span" else inner + 1)
        elif child.__class__ is list:
            deepest = max(deepest, 1)
    return deepest


def _on_new_line(out: list[Any], item: Any) -> bool:
    """
    Make *item*, to be put at the end of *out*, start a line.

    A line break goes before it, unless *out* has no text yet, ends with a
    line break or *item* starts with one. False (nothing done) while *item*
    has neither text nor a line break: the line is still to start.
    """
    starts = _edge_break(item, 0)
    if not (starts or _has_text([item])):
        return False
    if not starts and _has_text(out) and not _ends_with_break(out):
        out.append(_BR)
    return True


def _ends_with_break(items: list[Any]) -> bool:
    for item in reversed(items):
        if item.__class__ is str and not item.strip(" \t\n\f\r"):
            continue  # whitespace beside a line break is no text
        return _edge_break(item, -1)
    return False


def _edge_break(item: Any, end: int) -> bool:
    # Whether a light-tree item starts (end 0) or ends (end -1) with a line
    # break, through the unwrapped elements ("span") it stands in.
    while item.__class__ is list:
        if item[0] == "br":
            return True
        if item[0] != "span" or not item[1]:
            return False
        item = item[1][end]
    return False


def _has_text(children: list[Any]) -> bool:
    for child in children:
        if child.__class__ is str:
            if child.strip():
                return True
        elif child[0] == "code" or (child[0] != "br" and _has_text(child[-1])):
            return True
    return False


# ------------------------------------------------------------- whitespace

_BR = ["br"]  # a line break in the light tree, until the texts are joined


def _normalize(raw: list[Any]) -> tuple[list[Any], list[str]]:
    """
    Put a paragraph's light tree in HTML's whitespace form.

    "span" nodes (unwrapped elements) are flattened into their parent;
    runs of whitespace become one space, none at the start or end of the
    block or before or after a line break; line breaks become newlines in
    the texts; markup left empty is dropped. Returns the tree and the
    characters removed from its texts (`_strip_bad`).
    """
    state = {"space": True}  # at the start of a block, a space is dropped
    removed: list[str] = []
    cleaned = _collapse(_flatten(raw), state, removed)
    _strip_end(cleaned)
    return _prune(cleaned), removed


def _flatten(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if item.__class__ is str:
            if item:
                out.append(item)
        elif item[0] == "span":
            out.extend(_flatten(item[1]))
        elif item[0] in ("br", "code"):
            out.append(item)
        else:
            out.append([*item[:-1], _flatten(item[-1])])
    return out


def _collapse(items: list[Any], state: dict[str, bool], removed: list[str]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if item.__class__ is str:
            removed += _bad_in(item)
            text = _WHITESPACE.sub(" ", _strip_bad(item))
            if state["space"]:
                text = text.lstrip(" ")
            if text:
                state["space"] = text.endswith(" ")
                out.append(text)
        elif item[0] == "br":
            if out and out[-1].__class__ is str:
                out[-1] = out[-1].rstrip(" ")
            state["space"] = True
            out.append(_BR)
        elif item[0] == "code":
            removed += _bad_in(item[1])
            text = _strip_bad(item[1])
            text = text.lstrip(" ") if state["space"] else text
            if text:
                state["space"] = text.endswith(" ")
                out.append(["code", text])
        else:
            out.append([*item[:-1], _collapse(item[-1], state, removed)])
    return out


def _strip_end(items: list[Any]) -> None:
    # Drop the block's trailing space, wherever in the markup it stands.
    if not items:
        return
    last = items[-1]
    if last.__class__ is str:
        items[-1] = last.rstrip(" ")
    elif last[0] == "code":
        last[1] = last[1].rstrip(" ")
    elif last[0] != "br":
        _strip_end(last[-1])


def _prune(items: list[Any]) -> list[Any]:
    # Line breaks become newlines, texts are joined, empty markup goes.
    out: list[Any] = []
    for item in items:
        if item is _BR or isinstance(item, str):
            text = "\n" if item is _BR else str(item)
            if not text:
                continue
            if out and out[-1].__class__ is str:
                out[-1] += text
            else:
                out.append(text)
        elif item[0] == "code":
            if item[1]:
                out.append(item)
        else:
            children = _prune(item[-1])
            if children:
                out.append([*item[:-1], children])
    return out


def _trim_breaks(items: list[Any]) -> list[Any]:
    if items and items[0].__class__ is str:
        items[0] = items[0].lstrip("\n")
    if items and items[-1].__class__ is str:
        items[-1] = items[-1].rstrip("\n")
    return [item for item in items if item != ""]
