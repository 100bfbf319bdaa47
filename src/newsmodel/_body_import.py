"""
The one reader of an HTML body inside an importer.

`from_jsonld` (an ``articleBody`` that holds HTML), `from_feed` (an item's
HTML content, title and summary) and `from_ninjs` (an HTML body) all read
HTML here. With selectolax (the ``html`` extra) the HTML becomes structured
body blocks by `newsmodel.body_from_html`: links, emphasis, headings, lists,
quotes and figures kept, every drop and repair a `Finding` at the value's
path. Without it, the stdlib's HTML parser gives the plain paragraphs, and a
finding says which markup was left out and how to keep it. No pattern ever
reads the HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from . import _values as v
from . import _wild as w
from . import _wire
from ._body_html import _BLOCK_LEVEL, _BLOCKS, _DROPPED, _WHITESPACE
from ._distribution import install_hint
from ._errors import ErrorDetail, Finding, ValidationError
from ._generated import dump_image, load_image
from ._models import INVALID

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ._body import Block
    from ._models import Image

__all__ = ["holds_html", "read_html_body", "read_html_text"]

Findings = list[Finding]

# Where a tag may start (HTML's tag open state: "<" then a letter, "/" or "!").
_TAG_OPEN = re.compile(r"<[A-Za-z/!]")
# Elements that end a paragraph in the plain reading (the fallback, and the
# "holds HTML" decision): the structure body_from_html keeps or unwraps.
_PARAGRAPH_BREAKS = frozenset(_BLOCKS) | _BLOCK_LEVEL | {"li", "br", "img"}
# Inline elements of HTML: what makes a text HTML when it holds them.
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
        "font", "i", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s",
        "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
        "wbr",
    }
)  # fmt: skip
_HTML_ELEMENTS = _PARAGRAPH_BREAKS | _DROPPED | _INLINE
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip


def holds_html(text: str) -> bool:
    """
    Whether *text* is HTML rather than plain text that happens to hold a ``<``.

    It is when the HTML parser (Lexbor when selectolax is installed, else
    the stdlib's) finds an HTML element in it (a ``<p>``, ``<a>``, ``<br>``,
    ``<span>``, ``<script>``…) or a comment;
    ``if a<b and c>d`` is plain text. The pattern is only a gate: a text
    with no ``<`` before a letter, ``/`` or ``!`` holds no tag.
    """
    if _TAG_OPEN.search(text) is None:
        return False
    parser = _selectolax()
    if parser is not None:
        from ._body_html import _descendants  # noqa: PLC0415

        root = parser(text, is_fragment=True).root
        return any(
            node.tag == "-comment" or node.tag in _HTML_ELEMENTS
            for top in _siblings(root)
            for node in (top, *_descendants(top))
        )
    finder = _ElementFinder()
    finder.feed(_defused(text))
    finder.close()
    return finder.found


def _siblings(node: Any) -> Any:
    while node is not None:
        yield node
        node = node.next


def _defused(text: str) -> str:
    """
    *text* with each ``<`` that opens no tag written ``&lt;``, for the stdlib's parser.

    Before CPython gh-135462 (3.11.13, 3.12.11, 3.13.4), ``html.parser`` rescans
    to the end of the text for each ``<`` whose tag does not close before the
    next ``<`` (``<p<p<p…``): quadratic time. Such a ``<`` opens no tag a
    reader could use. One pass, linear.
    """
    out: list[str] = []
    start = 0
    close = 0  # the next ">" found so far
    while True:
        opening = text.find("<", start)
        if opening < 0:
            out.append(text[start:])
            break
        if close <= opening:
            close = text.find(">", opening + 1)
            if close < 0:
                out.append(text[start:].replace("<", "&lt;"))
                break
        following = text.find("<", opening + 1)
        if 0 <= following < close:
            out.append(f"{text[start:opening]}&lt;")
            start = opening + 1
        else:
            out.append(text[start : close + 1])
            start = close + 1
    return "".join(out)


class _ElementFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = self.found or tag in _HTML_ELEMENTS

    def handle_endtag(self, tag: str) -> None:
        self.found = self.found or tag in _HTML_ELEMENTS

    def handle_comment(self, data: str) -> None:
        self.found = True


def read_html_body(
    value: str,
    path: str,
    findings: Findings,
    *,
    images: Sequence[Mapping[str, Any]] = (),
    base_url: str | None = None,
    texts: Sequence[str] | None = None,
) -> tuple[list[Any], list[dict[str, Any]]]:
    """
    Read an HTML body for an importer: its blocks, and the images after them.

    Args:
        value: The HTML.
        path: The JSONPath of *value* in the document, where every finding goes
            (a finding about one block says which block of the body it is).
        findings: The list to append every repair and drop to.
        images: The article's images read so far, in the wire format; a
            figure showing one of them refers to it.
        base_url: The page's address, against which relative links resolve.
        texts: The exact texts of the same body, one per paragraph, heading,
            list item and quote paragraph, from a plain-text rendering of it
            (ninjs's ``text/plain`` body beside the ``text/html`` one). HTML
            cannot carry every space and a line break at a paragraph's edge:
            a plain paragraph that reads as its exact text's own HTML reads
            takes that text, and what the reader said about the whitespace
            it lost is no longer a finding. With selectolax only.

    Returns:
        The body blocks in the wire format, and the article's images after
        reading them (wire format): *images*, each completed by what its
        figures say of it that it did not, then the images the figures show
        that are not among *images* (each change reported).
    """
    parser = _selectolax()
    if parser is None:
        cleaned = _without_forbidden(value, path, findings)
        return list(_fallback_paragraphs(cleaned, path, findings)), [dict(i) for i in images]
    from ._body import dump_body  # noqa: PLC0415
    from ._body_html import body_from_html  # noqa: PLC0415

    known = _images(images)
    read = body_from_html(
        value,
        images=[image for image in known if image is not None],
        base_url=base_url,
        path=path,
    )
    blocks, found = read.blocks, list(read.findings)
    if texts is not None:
        blocks, found = _exact_texts(blocks, found, texts, path)
    findings.extend(_at_value(finding, path) for finding in found)
    return dump_body(blocks), _images_after(images, known, read.images)


def _images_after(
    images: Sequence[Mapping[str, Any]], known: Sequence[Image | None], read: Sequence[Image]
) -> list[dict[str, Any]]:
    """
    *images*, each given the values a figure completed it with, then the images added.

    *known* is `_images` of *images*; *read* the images `body_from_html` gave
    back for those of them that are not None, then those it added.
    """
    out: list[dict[str, Any]] = []
    after = iter(read)
    for given, before in zip(images, known, strict=True):
        now = None if before is None else next(after)
        if now is None or now is before:
            out.append(dict(given))
        else:
            # Only what the image did not say: a value it holds, valid or not, stays.
            taken = {key: value for key, value in dump_image(now).items() if given.get(key) is None}
            out.append({**given, **taken})
    out += [dump_image(image) for image in after]
    return out


def _exact_texts(
    blocks: tuple[Block, ...], found: Sequence[Finding], texts: Sequence[str], path: str
) -> tuple[tuple[Block, ...], list[Finding]]:
    """
    *blocks*, each plain paragraph that lost whitespace to HTML given its exact text.

    The *texts* line up with the blocks' texts (`block_texts`) or are not
    used. A plain paragraph takes its exact text when the HTML that text
    renders to (`body_to_html`) reads back as the paragraph, with the same
    findings as the paragraph has here: then it is what the HTML was written
    from, and those findings (a line break dropped at an edge) go with it.
    """
    from ._body import block_texts  # noqa: PLC0415
    from ._body_html import body_from_html, body_to_html  # noqa: PLC0415

    counts = [sum(1 for _ in block_texts(block)) for block in blocks]
    if sum(counts) != len(texts):
        return blocks, list(found)
    said_at: dict[str, set[tuple[str, str]]] = {}
    for finding in found:
        said_at.setdefault(finding.path, set()).add((finding.code, finding.message))
    out = list(blocks)
    explained: set[str] = set()
    start = 0
    for index, (block, count) in enumerate(zip(blocks, counts, strict=True)):
        exact = texts[start] if count else None
        start += count
        if block.__class__ is not str or exact is None or exact == block or not _is_text(exact):
            continue
        again = body_from_html(body_to_html((exact,)), path=path)
        where = f"{path}[{index}]"
        said = said_at.get(where, set())
        if again.blocks == (block,) and said == {(f.code, f.message) for f in again.findings}:
            out[index] = exact
            explained.add(where)
    return tuple(out), [finding for finding in found if finding.path not in explained]


def _is_text(value: str) -> bool:
    """Whether *value* keeps the rule of a paragraph's text (`newsmodel._values.check_text`)."""
    report: list[ErrorDetail] = []
    v.check_text(value, "$", "text", report)
    return not report


def read_html_text(value: str, path: str, findings: Findings, *, one_line: bool) -> str | None:
    """
    Read HTML that stands for a text (a feed's title or summary) as its plain text.

    Its paragraphs, headings and list items are joined by a line break (a
    space for a one-line text); its markup (links, emphasis, images) is left
    out, reported once, and so is what `read_html_body` drops.
    """
    if _selectolax() is None:
        texts = _fallback_paragraphs(_without_forbidden(value, path, findings), path, findings)
    else:
        from ._body import block_texts  # noqa: PLC0415
        from ._body_html import body_from_html  # noqa: PLC0415

        read = body_from_html(value, path=path)
        # (an image the HTML shows is markup left out here, not an image added)
        findings.extend(_at_value(f, path) for f in read.findings if f.code != "added")
        if any(block.__class__ is not str for block in read.blocks):
            findings.append(
                Finding(
                    path,
                    "dropped",
                    "kept the text of the HTML; left out its markup (links, emphasis, "
                    "headings, lists, images)",
                )
            )
        texts = [text for block in read.blocks for text in block_texts(block)]
    return w.clean_text(
        (" " if one_line else "\n").join(texts),
        path,
        findings,
        one_line=one_line,
        references=False,
        layout=False,
    )


# ---------------------------------------------------------------- helpers


def _without_forbidden(value: str, path: str, findings: Findings) -> str:
    # Without selectolax: what `body_from_html` does first (tab, CR and form
    # feed are HTML's whitespace), for the fallback reader.
    return w.remove_forbidden(value, path, findings, keep="\t\r\f")


def _selectolax() -> Any:
    try:
        from selectolax.lexbor import LexborHTMLParser  # noqa: PLC0415
    except ImportError:
        return None
    return LexborHTMLParser


def _at_value(finding: Finding, path: str) -> Finding:
    # body_from_html says which block a finding is about ($.x[3]); the
    # document holds one text there, so the finding goes to the text's path.
    rest = finding.path[len(path) :]
    if not finding.path.startswith(path) or not rest.startswith("["):
        return finding
    block = rest[1:].split("]", 1)[0]
    return Finding(path, finding.code, f"{finding.message} (in the body's block {block})")


def _images(images: Sequence[Mapping[str, Any]]) -> list[Image | None]:
    """
    The importer's images (wire format) as `Image` values, to match figures against.

    One for each image, None for one without an address.
    """
    from ._models import Image  # noqa: PLC0415

    out: list[Image | None] = []
    for image in images:
        url = image.get("url")
        loaded = None
        if isinstance(url, str):
            loaded = load_image(image, "$", "image", [], _wire.Options())
            if loaded is INVALID:
                # (the article will refuse it, at its own path: match by address)
                try:
                    loaded = Image(url=url)
                except ValidationError:
                    loaded = None
        out.append(loaded)
    return out


def _tags(names: Sequence[str]) -> str:
    return ", ".join(f"<{name}>" for name in names)


def _report_dropped(reader: _PlainReader, path: str, findings: Findings) -> None:
    if reader.dropped:
        what = _tags(sorted(reader.dropped))
        findings.append(Finding(path, "dropped", f"dropped {what} and all they hold"))
    if reader.comments:
        findings.append(Finding(path, "dropped", "dropped the comments of the HTML"))


# ---------------------------------------------------------- the fallback


def _fallback_paragraphs(value: str, path: str, findings: Findings) -> list[str]:
    """The plain paragraphs of the HTML, read by the stdlib's parser (no selectolax)."""
    reader = _PlainReader()
    reader.feed(_defused(value))
    reader.close()
    paragraphs = reader.paragraphs(path, findings)
    lost = sorted(reader.markup - {"p", "br"})
    if lost:
        findings.append(
            Finding(
                path,
                "dropped",
                f"kept the text of the HTML as plain paragraphs; left out its markup "
                f"({_tags(lost)}): selectolax, which reads it, is not installed "
                f"({install_hint('html')} keeps it)",
            )
        )
    _report_dropped(reader, path, findings)
    return paragraphs


class _PlainReader(HTMLParser):
    """HTML's text, a paragraph at each block element, a line at each ``<br>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self.skipping = 0  # inside a dropped element
        self.markup: set[str] = set()
        self.dropped: set[str] = set()
        self.comments = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped.add(tag)
            self.skipping += tag not in _VOID
            return
        self.markup.add(tag)
        if tag == "br":
            self.blocks[-1].append("\n")
        elif tag in _PARAGRAPH_BREAKS:
            self.blocks.append([])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _DROPPED and tag not in _VOID:
            self.skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.skipping = max(0, self.skipping - (tag not in _VOID))
        elif tag in _PARAGRAPH_BREAKS and tag != "br":
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.blocks[-1].append(_WHITESPACE.sub(" ", data))

    def handle_comment(self, data: str) -> None:
        self.comments = True

    def paragraphs(self, path: str, findings: Findings) -> list[str]:
        out = []
        for pieces in self.blocks:
            text = "\n".join(line.strip(" ") for line in "".join(pieces).split("\n")).strip("\n")
            if not text.strip():
                continue
            found: Findings = []
            paragraph = w.clean_text(
                text, path, found, one_line=False, references=False, layout=False
            )
            findings.extend(finding for finding in found if finding not in findings)
            if paragraph is not None:
                out.append(paragraph)
        return out
