"""
schema.org microdata: `to_microdata`, an HTML fragment that says what `to_jsonld` says.

The fragment is semantic HTML a publisher can drop into a page and style:
an ``<article>`` item with the headline, the byline, the dates, the lead image
as a ``<figure>``, the body with each quote marked where its words stand, the
tags, the publisher and related-story teasers. The mapping is the one in
`newsmodel._schemaorg`; the tests read the fragment back with extruct and
compare it with `to_jsonld`.

Values are exact for every reader: a text goes in an element's content only
when no reader can change it (no line breaks, no leading, trailing or double
spaces), and otherwise in ``<meta itemprop content>`` beside the shown text;
URLs are in ``href``/``src``, dates in ``<time datetime>``. Every text and
attribute is escaped as `html.escape` escapes it, so no text can make markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ._jsonld import article_body, needs_about, paragraph_joints
from ._models import Organization, Person, Relation, paragraph_texts
from ._schemaorg import KIND_TYPES, RELATION_PROPERTIES, SCHEMA, TAG_TYPES, Plain, plain_properties
from ._values import right_to_left

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from ._body import Inline
    from ._models import Article, Image, Quote, RelatedStory, Tag

__all__ = ["to_microdata"]

_RELATED = Relation.RELATED
_ITEMTYPES = {kind: " ".join(SCHEMA + name for name in types) for kind, types in KIND_TYPES.items()}
_RELATION_PROPS = {relation: prop for relation, (_, prop) in RELATION_PROPERTIES.items()}
_WHITESPACE = re.compile(r"\s+")
_ARTICLE = SCHEMA + "Article"

Memo = dict[tuple[object, ...], str]  # made once per article: (id(value), what, ...) -> HTML


def _escape(text: str) -> str:
    # What `html.escape` returns, replacing only the characters *text* holds:
    # a test for one character is far cheaper than a pass that replaces none.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "'" in text:
        text = text.replace("'", "&#x27;")
    return text


def _stable(text: str) -> bool:
    # True if every microdata reader gets *text* back from an element's
    # content: the spec's textContent gives it raw, extruct's html-text
    # strips it and collapses each run of whitespace to one space. A
    # printable text holds no whitespace but the space (isprintable is False
    # for line breaks and every other separator), which is quick to test.
    if text.isprintable():
        return "  " not in text and text[0] != " " and text[-1] != " "
    return _WHITESPACE.sub(" ", text.strip()) == text


def _text(tag: str, prop: str, value: str, attrs: str = "") -> str:
    shown = _escape(value)
    if _stable(value):
        return f'<{tag}{attrs} itemprop="{prop}">{shown}</{tag}>'
    return f'<{tag}{attrs}>{shown}</{tag}><meta itemprop="{prop}" content="{shown}">'


def _meta(prop: str, value: str) -> str:
    return f'<meta itemprop="{prop}" content="{_escape(value)}">'


def _link(prop: str, url: str) -> str:
    return f'<link itemprop="{prop}" href="{_escape(url)}">'


def _time(prop: str, value: date, shown: bool = True) -> str:  # noqa: FBT001, FBT002
    iso = value.isoformat()
    text = (iso[:16].replace("T", " ") if len(iso) > 10 else iso) if shown else ""
    return f'<time itemprop="{prop}" datetime="{iso}">{text}</time>'


def _same_as(urls: tuple[str, ...]) -> str:
    return "".join([f'<link itemprop="sameAs" href="{_escape(url)}">' for url in urls])


# ------------------------------------------------------ the table's rest
# The plain values (`plain_properties`) each node's hand code below shows or
# marks up in a form of its own. Every other plain value of the table is
# written as data (`<meta>`, `<link>`, an empty `<time>`) by `_data`: a new
# plain field is in the microdata with no edit here.
_SHOWN: dict[str, frozenset[str]] = {
    "Article": frozenset(
        {
            "url", "identifier", "headline", "alternativeHeadline", "description",
            "articleSection", "dateline", "inLanguage", "datePublished", "dateModified",
            "isAccessibleForFree",
        }
    ),
    "Person": frozenset({"name", "url", "sameAs", "jobTitle"}),
    "Organization": frozenset({"name", "url", "sameAs"}),
    "Image": frozenset(
        {"url", "caption", "creditText", "description", "width", "height", "license"}
    ),
    "Tag": frozenset({"name", "identifier", "sameAs"}),
    "Quote": frozenset({"text", "description", "dateCreated", "isBasedOn"}),
    "RelatedStory": frozenset({"url", "headline", "description", "datePublished"}),
}  # fmt: skip
#: The plain values of each node that `_data` writes.
DATA: dict[str, tuple[Plain, ...]] = {
    node: tuple(value for value in plain_properties(node) if value.property not in shown)
    for node, shown in _SHOWN.items()
}
_ARTICLE_DATA = DATA["Article"]
_PERSON_DATA = DATA["Person"]
_ORGANIZATION_DATA = DATA["Organization"]
_IMAGE_DATA = DATA["Image"]
_TAG_DATA = DATA["Tag"]
_QUOTE_DATA = DATA["Quote"]
_RELATED_DATA = DATA["RelatedStory"]


def _data_value(value: Plain, item: object) -> str:
    # One value as data: a URL in <link href>, a date in <time datetime>, a
    # flag as true/false, anything else in <meta content>.
    prop = value.property
    if value.rule == "url":
        return _link(prop, item)  # type: ignore[arg-type]
    if value.iso:
        return _time(prop, item, shown=False)  # type: ignore[arg-type]
    if item is True or item is False:
        return _meta(prop, "true" if item else "false")
    return _meta(prop, str(item))


def _data(values: tuple[Plain, ...], obj: object) -> str:
    """Return the plain *values* of *obj* that the hand code does not write, as data."""
    out: list[str] = []
    for value in values:
        item = getattr(obj, value.attr)
        if value.sequence:
            out.extend(_data_value(value, one) for one in item)
        elif item is not None:
            out.append(_data_value(value, item))
    return "".join(out)


# --------------------------------------------------------- data-only items
# Items whose values are all in <meta>, <link> and empty <time> elements: for
# what the page does not show, and inside texts whose reading they must not
# change (a quote's speaker in the body).


def _image_details(image: Image) -> str:
    # What no element of a shown image carries: description, size, licence.
    out = []
    if image.alt_text is not None:
        out.append(_meta("description", image.alt_text))
    if image.width is not None:
        out.append(f'<meta itemprop="width" content="{image.width}">')
    if image.height is not None:
        out.append(f'<meta itemprop="height" content="{image.height}">')
    if image.license_url is not None:
        out.append(_link("license", image.license_url))
    if _IMAGE_DATA:
        out.append(_data(_IMAGE_DATA, image))
    return "".join(out)


def _image_values(image: Image) -> str:
    # Every value of the image but its url.
    out = []
    if image.caption is not None:
        out.append(_meta("caption", image.caption))
    if image.credit is not None:
        out.append(_meta("creditText", image.credit))
    out.append(_image_details(image))
    return "".join(out)


def _image_data(image: Image, prop: str) -> str:
    return (
        f'<span itemprop="{prop}" itemscope itemtype="{SCHEMA}ImageObject">'
        f'<link itemprop="url contentUrl" href="{_escape(image.url)}">{_image_values(image)}</span>'
    )


def _organization_extra(org: Organization) -> str:
    extra = _same_as(org.same_as) if org.same_as else ""
    if org.logo is not None:
        extra += _image_data(org.logo, "logo")
    if _ORGANIZATION_DATA:
        extra += _data(_ORGANIZATION_DATA, org)
    return extra


def _person_extra(person: Person) -> str:
    out = [_same_as(person.same_as)] if person.same_as else []
    if person.job_title is not None:
        out.append(_meta("jobTitle", person.job_title))
    if person.affiliation is not None:
        out.append(_agent_data(person.affiliation, "affiliation"))
    if person.image is not None:
        out.append(_image_data(person.image, "image"))
    if _PERSON_DATA:
        out.append(_data(_PERSON_DATA, person))
    return "".join(out)


def _agent_data(agent: Person | Organization, prop: str) -> str:
    is_org = agent.__class__ is Organization
    kind = "Organization" if is_org else "Person"
    url = _link("url", agent.url) if agent.url is not None else ""
    extra = _organization_extra(agent) if is_org else _person_extra(agent)  # type: ignore[arg-type]
    return (
        f'<span itemprop="{prop}" itemscope itemtype="{SCHEMA}{kind}">'
        f"{_meta('name', agent.name)}{url}{extra}</span>"
    )


def _agent_visible(agent: Person | Organization, prop: str) -> str:
    is_org = agent.__class__ is Organization
    kind = "Organization" if is_org else "Person"
    name = _text("span", "name", agent.name)
    if agent.url is not None:
        name = f'<a itemprop="url" href="{_escape(agent.url)}">{name}</a>'
    extra = _organization_extra(agent) if is_org else _person_extra(agent)  # type: ignore[arg-type]
    return f'<span itemprop="{prop}" itemscope itemtype="{SCHEMA}{kind}">{name}{extra}</span>'


def _cached(memo: Memo, agent: Person | Organization, prop: str, *, visible: bool) -> str:
    key = (id(agent), prop if visible else prop + "/data")
    found = memo.get(key)
    if found is None:
        found = memo[key] = (_agent_visible if visible else _agent_data)(agent, prop)
    return found


# ------------------------------------------------------------------ images


def _img(image: Image) -> str:
    alt = _escape(image.alt_text) if image.alt_text is not None else ""
    size = ""
    if image.width is not None:
        size += f' width="{image.width}"'
    if image.height is not None:
        size += f' height="{image.height}"'
    return f'<img itemprop="url contentUrl" src="{_escape(image.url)}" alt="{alt}"{size}>'


def _figure(image: Image, css: str) -> str:
    caption = []
    if image.caption is not None:
        caption.append(_text("span", "caption", image.caption, ' class="caption"'))
    if image.credit is not None:
        caption.append(_text("small", "creditText", image.credit, ' class="credit"'))
    figcaption = f"<figcaption>{' '.join(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="{css}" itemprop="image" itemscope itemtype="{SCHEMA}ImageObject">'
        f"{_img(image)}{figcaption}{_image_details(image)}</figure>\n"
    )


# ------------------------------------------------------------------ quotes


def _quote_values(quote: Quote, position: int, memo: Memo) -> str:
    # Quotes of one speaker in one address share all but the position: the
    # rest is made once.
    key = (id(quote.speaker), quote.context, quote.date, quote.source_url)
    if _QUOTE_DATA:  # the table's other values, which the key must hold too
        key += tuple(getattr(quote, value.attr) for value in _QUOTE_DATA)
    rest = memo.get(key)
    if rest is None:
        out = [_cached(memo, quote.speaker, "creator", visible=False)]
        if quote.context is not None:
            out.append(_meta("description", quote.context))
        if quote.date is not None:
            out.append(_time("dateCreated", quote.date, shown=False))
        if quote.source_url is not None:
            out.append(_link("isBasedOn", quote.source_url))
        if _QUOTE_DATA:
            out.append(_data(_QUOTE_DATA, quote))
        rest = memo[key] = "".join(out)
    return f'<meta itemprop="position" content="{position}">{rest}'


_QUOTATION = f'itemprop="hasPart" itemscope itemtype="{SCHEMA}Quotation"'


def _quote_in_text(
    quote: Quote, words: str, position: int, memo: Memo, shown: str | None = None
) -> str:
    # The words (escaped) as they stand in the paragraph, made a Quotation
    # item. *shown* is their HTML when it holds markup (a structured body's
    # links, emphasis, line breaks): readers do not agree on the text of
    # markup (html-text puts a space around an <em>), so the text is a meta.
    values = _quote_values(quote, position, memo)
    if shown is None and _stable(quote.text):
        return (
            f'<span class="quote" {_QUOTATION}><span itemprop="text">{words}</span>{values}</span>'
        )
    return (
        f'<span class="quote" {_QUOTATION}><span>{words if shown is None else shown}</span>'
        f'<meta itemprop="text" content="{words}">{values}</span>'
    )


def _quote_data(quote: Quote, words: str, position: int, memo: Memo) -> str:
    # A quote whose words (escaped) stand in the body inside another marked quote.
    values = _quote_values(quote, position, memo)
    return f'<span {_QUOTATION}><meta itemprop="text" content="{words}">{values}</span>'


def _blockquote(quote: Quote, position: int, memo: Memo) -> str:
    # A quote whose words are not in the body: shown on its own.
    cite = f' cite="{_escape(quote.source_url)}"' if quote.source_url is not None else ""
    footer = [_cached(memo, quote.speaker, "creator", visible=True)]
    if quote.context is not None:
        footer.append(", " + _text("span", "description", quote.context, ' class="context"'))
    if quote.date is not None:
        footer.append(", " + _time("dateCreated", quote.date))
    source = _link("isBasedOn", quote.source_url) if quote.source_url is not None else ""
    if _QUOTE_DATA:
        source += _data(_QUOTE_DATA, quote)
    return (
        f'<blockquote class="quote"{cite} {_QUOTATION}>'
        f'<meta itemprop="position" content="{position}">{_text("p", "text", quote.text)}'
        f"<footer>{''.join(footer)}{source}</footer></blockquote>\n"
    )


# The characters of the character references `_escape` writes but the "&":
# escaped words that start with none of them cannot match inside a reference.
_IN_REFERENCES = "amp;ltgquo#x27"


def _in_reference(text: str, at: int) -> bool:
    # True if *at* falls inside a character reference that `_escape` wrote
    # (the longest, "&quot;" and "&#x27;", are six characters).
    amp = text.rfind("&", at - 5 if at > 5 else 0, at)
    return amp >= 0 and text.find(";", amp, at) < 0


def _place_quotes(
    text: str, quotes: tuple[Quote, ...], words: list[str], *, escaped: bool = True
) -> tuple[list[tuple[int, int, int]], dict[int, list[int]], list[int]]:
    """
    Decide where each quote is marked in the body *text*, its blocks' texts joined by NUL.

    Longer quotes first, each at the first place in the body where its words
    stand and no marked quote is; a quote whose words stand only inside
    another marked quote is given as a data-only item just before it. No
    quote holds a NUL, so none is marked across two blocks.

    The search runs on escaped text with escaped *words* (or, with
    *escaped* False, on the raw text with the raw words): escaping maps
    each character on its own, so a match that starts outside a character
    reference is a match of the raw words, and offsets keep their order.

    Returns:
        The marked spans [(start, end, quote index)] in *text*, the data-only
        items (start of the marked span they go before -> [quote index]) and
        the quotes whose words are not in the body, longest first.
    """
    marked: list[tuple[int, int, int]] = []
    inside: dict[int, list[int]] = {}
    elsewhere: list[int] = []
    lengths = [-len(quote.text) for quote in quotes]
    for index in sorted(range(len(quotes)), key=lengths.__getitem__):
        found = words[index]
        size = len(found)
        check = escaped and found[0] in _IN_REFERENCES
        clash_at = -1
        start = text.find(found)
        while start >= 0:
            if check and _in_reference(text, start):
                start = text.find(found, start + 1)
                continue
            end = start + size
            for other in marked:
                if other[0] < end and start < other[1]:
                    if clash_at < 0:
                        clash_at = other[0]
                    break
            else:
                marked.append((start, end, index))
                break
            start = text.find(found, start + 1)
        else:
            if clash_at < 0:
                elsewhere.append(index)
            else:
                inside.setdefault(clash_at, []).append(index)
    return marked, inside, elsewhere


def _body(a: Article, memo: Memo) -> tuple[str, list[int]]:
    # The paragraphs are escaped once, joined by NUL (which no text holds);
    # the quotes are placed in that text, and each NUL becomes the end of one
    # paragraph and the start of the next.
    if any(block.__class__ is not str for block in a.body):
        return _structured_body(a, memo)
    body: tuple[str, ...] = a.body  # type: ignore[assignment]
    quotes = a.quotes
    text = _escape("\x00".join(body))
    if quotes:
        words = [_escape(quote.text) for quote in quotes]
        marked, inside, elsewhere = _place_quotes(text, quotes, words)
    else:
        marked, inside, elsewhere = [], {}, []
    if not marked and all(_stable(paragraph) for paragraph in body):
        # Every reader gets the paragraphs, joined by a blank line, from the
        # div itself: textContent has the "\n\n" between the <p>s, and
        # html-text puts a blank line around each <p>.
        shown = text.replace("\x00", "</p>\n\n<p>")
        return f'<div class="body" itemprop="articleBody"><p>{shown}</p></div>\n', elsewhere
    out = []
    done = 0
    for start, end, index in sorted(marked):
        out.append(text[done:start])
        if start in inside:
            out.extend(
                _quote_data(quotes[other], words[other], other + 1, memo)
                for other in sorted(inside[start])
            )
        out.append(_quote_in_text(quotes[index], words[index], index + 1, memo))
        done = end
    out.append(text[done:])
    shown = "".join(out).replace("\x00", "</p>\n\n<p>")
    # The exact text, as `article_body` writes it, cut from the same escaped text.
    between, after = paragraph_joints(body)
    content = text.replace("\x00", between) + after
    div = f'<div class="body"><p>{shown}</p></div>\n'
    return f'<meta itemprop="articleBody" content="{content}">\n{div}', elsewhere


def _structured_body(a: Article, memo: Memo) -> tuple[str, list[int]]:
    # A structured body is shown as `body_to_html` writes it, its plain text
    # (as JSON-LD's articleBody) in a meta tag. The writer first leaves a NUL
    # (which no text or URL holds) for each block's inline content; the
    # quotes are placed in the contents' texts as in plain paragraphs, and
    # each content is then written, marked, in its place. Each content's
    # text is one of the body's texts (`paragraph_texts`): where no quote
    # stands in those, none is marked, and the body is written at once.
    from ._body_html import body_writer  # noqa: PLC0415

    texts = paragraph_texts(a.body)
    plain = article_body(texts)  # None for a body without text, as in JSON-LD
    writer = body_writer(a.images)
    quotes = a.quotes
    elsewhere: list[int] = []
    marked = False
    if quotes:
        words = [quote.text for quote in quotes]
        spans, _, elsewhere = _place_quotes(_SLOT.join(texts), quotes, words, escaped=False)
        marked = bool(spans)
    slots: list[tuple[Inline, ...]] = []

    def hold(inline: tuple[Inline, ...]) -> str:
        slots.append(inline)
        return _SLOT

    if marked:
        writer.mark = hold
    shown = writer.body(a.body)
    if marked:
        shown, elsewhere = _marked_body(shown.split(_SLOT), slots, quotes, writer.inline, memo)
    div = f'<div class="body">\n{shown}</div>\n'
    if plain is None:
        return div, elsewhere
    return f'<meta itemprop="articleBody" content="{_escape(plain)}">\n{div}', elsewhere


_SLOT = "\x00"


def _marked_body(
    pieces: list[str],
    slots: list[tuple[Inline, ...]],
    quotes: tuple[Quote, ...],
    render: Callable[[tuple[Inline, ...]], str],
    memo: Memo,
) -> tuple[str, list[int]]:
    """
    Join the HTML *pieces* around the inline contents *slots*, each quote marked where it stands.

    The quotes are placed by `_place_quotes`, in the raw texts of the
    contents joined by NUL; each marked quote's words are cut out of their
    content with `mark_range` (markup split at its edges) and wrapped.

    Returns:
        The HTML and the quotes whose words are not in one content.
    """
    from ._body import inline_text  # noqa: PLC0415

    assert len(pieces) == len(slots) + 1  # no text or URL holds a NUL
    texts = [inline_text(slot) for slot in slots]
    marked, inside, elsewhere = _place_quotes(
        _SLOT.join(texts), quotes, [quote.text for quote in quotes], escaped=False
    )
    starts = []  # where each content's text starts in the joined text
    start = 0
    for text in texts:
        starts.append(start)
        start += len(text) + 1
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for span in sorted(marked):
        spans.setdefault(bisect_right(starts, span[0]) - 1, []).append(span)
    marks = _Marks(quotes, inside, render, memo)
    out = [pieces[0]]
    for number, slot in enumerate(slots):
        if number in spans:
            out.append(marks.content(slot, starts[number], spans[number]))
        else:
            out.append(render(slot))
        out.append(pieces[number + 1])
    return "".join(out), elsewhere


class _Marks:
    """What marks quotes in one inline content: the quotes, where they go, the writer."""

    def __init__(
        self,
        quotes: tuple[Quote, ...],
        inside: dict[int, list[int]],
        render: Callable[[tuple[Inline, ...]], str],
        memo: Memo,
    ) -> None:
        self.quotes = quotes
        self.inside = inside
        self.render = render
        self.memo = memo

    def content(
        self, content: tuple[Inline, ...], done: int, spans: list[tuple[int, int, int]]
    ) -> str:
        """
        Write *content*, whose text starts at *done*, each of its *spans* marked.

        Each span (start, end, quote index, in order) is cut out of the
        content with `mark_range`, markup split at its edges, and wrapped;
        the quotes that stand only inside it go just before it, as data.
        """
        from ._body import mark_range  # noqa: PLC0415

        quotes, render, memo = self.quotes, self.render, self.memo
        out = []
        rest = content
        for start, end, index in spans:
            before, words, rest = mark_range(rest, start - done, end - done)
            out.append(render(before))
            out.extend(
                _quote_data(quotes[other], _escape(quotes[other].text), other + 1, memo)
                for other in sorted(self.inside.get(start, ()))
            )
            # Words of one text without a line break show as in a plain body.
            plain = len(words) == 1 and words[0].__class__ is str and "\n" not in words[0]
            shown = None if plain else render(words)
            quote = quotes[index]
            out.append(_quote_in_text(quote, _escape(quote.text), index + 1, memo, shown))
            done = end
        out.append(render(rest))
        return "".join(out)


# ------------------------------------------------------------------- rest


def _about(tag: Tag) -> str:
    slug = tag._slug  # the explicit slug only: a derived one is not written
    if not needs_about(tag):
        return ""
    identifier = _meta("identifier", slug) if slug is not None else ""
    return (
        f'<span itemprop="about" itemscope itemtype="{SCHEMA}{TAG_TYPES[tag.kind]}">'
        f"{_meta('name', tag.name)}{identifier}{_same_as(tag.same_as)}"
        f"{_data(_TAG_DATA, tag) if _TAG_DATA else ''}</span>"
    )


def _teaser(story: RelatedStory, position: int, prop: str, memo: Memo) -> str:
    url = _escape(story.url)
    headline = _text("span", "headline", story.headline)
    out = [
        f'<li class="teaser" itemprop="{prop}" itemscope itemtype="{_ARTICLE}" itemid="{url}">',
        f'<meta itemprop="position" content="{position}">',
        f'<a itemprop="url" href="{url}">{headline}</a>',
    ]
    if story.teaser is not None:
        out.append(_text("p", "description", story.teaser, ' class="teaser-text"'))
    if story.image is not None:
        image = story.image
        out.append(
            f'<span itemprop="image" itemscope itemtype="{SCHEMA}ImageObject">'
            f"{_img(image)}{_image_values(image)}</span>"
        )
    byline = [_cached(memo, author, "author", visible=True) for author in story.authors]
    if story.date_published is not None:
        byline.append(_time("datePublished", story.date_published))
    if story.publisher is not None:
        byline.append(_cached(memo, story.publisher, "publisher", visible=True))
    if byline:
        out.append(f'<p class="teaser-meta">{", ".join(byline)}</p>')
    if _RELATED_DATA:
        out.append(_data(_RELATED_DATA, story))
    out.append("</li>\n")
    return "".join(out)


def _header(a: Article, memo: Memo) -> str:
    out = ["\n<header>\n"]
    if a.section is not None:
        out.append(_text("p", "articleSection", a.section, ' class="section"') + "\n")
    out.append(_text("h1", "headline", a.headline) + "\n")
    if a.alternative_headline is not None:
        out.append(
            _text("p", "alternativeHeadline", a.alternative_headline, ' class="alternative"') + "\n"
        )
    if a.description is not None:
        out.append(_text("p", "description", a.description, ' class="description"') + "\n")
    if a.authors:
        names = ", ".join(_cached(memo, author, "author", visible=True) for author in a.authors)
        out.append(f'<p class="byline">{names}</p>\n')
    dates = []
    if a.dateline is not None:
        dates.append(_text("span", "dateline", a.dateline, ' class="dateline"'))
    dates.append(_time("datePublished", a.date_published))
    if a.date_modified is not None:
        dates.append(_time("dateModified", a.date_modified))
    out.append(f'<p class="dates">{" ".join(dates)}</p>\n</header>\n')
    return "".join(out)


def _footer(a: Article, url: str, memo: Memo) -> str:
    out = ["<footer>\n"]
    if a.tags:
        items = "".join(
            [f"<li>{_text('span', 'keywords', tag.name)}{_about(tag)}</li>" for tag in a.tags]
        )
        out.append(f'<ul class="tags">{items}</ul>\n')
    if a.publisher is not None:
        publisher = _cached(memo, a.publisher, "publisher", visible=True)
        out.append(f'<p class="publisher">{publisher}</p>\n')
    references = []
    related = []
    for position, story in enumerate(a.related, 1):
        if story.relation is _RELATED:
            related.append(_teaser(story, position, "relatedLink", memo))
        else:
            references.append(_teaser(story, position, _RELATION_PROPS[story.relation], memo))
    if references:
        out.append(f'<ul class="references">\n{"".join(references)}</ul>\n')
    teasers = f'<ul class="teasers">\n{"".join(related)}</ul>\n' if related else ""
    out.append(
        f'<aside class="related" itemprop="mainEntityOfPage" itemscope '
        f'itemtype="{SCHEMA}WebPage" itemid="{url}"><link itemprop="url" href="{url}">'
        f"{teasers}</aside>\n</footer>\n</article>\n"
    )
    return "".join(out)


def _direction(language: str) -> str:
    """Return the ``dir`` attribute for text in *language*: rtl, or none (ltr is the default)."""
    return ' dir="rtl"' if right_to_left(language) else ""


def to_microdata(article: Article, *, include_body: bool = True) -> str:
    """
    Return *article* as an HTML fragment with schema.org microdata.

    An ``<article itemscope itemtype=…>`` (a NewsArticle subtype with
    NewsArticle beside it, space-separated) with the headline, the byline
    (each author its own item, linked where it has a url), ``<time datetime>``
    for every date, the lead image as a ``<figure>`` with caption and credit,
    the body with each quote marked as a Quotation where its words stand
    (and as a ``<blockquote>`` where they don't), the tags, the publisher and
    the related-story teasers. Read by a microdata parser, it says what
    `to_jsonld` says.

    A structured body is written as `newsmodel.body_to_html` writes it; a
    quote whose words stand in one paragraph, heading, list item or quoted
    paragraph is marked there even across links and emphasis, which are
    split at the quote's edges (an ``<em>`` the quote starts inside becomes
    two). A quote across two blocks, or in preformatted text, is a
    ``<blockquote>``. ``articleBody`` is the body's plain text either way (none
    for a body without text: figures, embeds and separators only, as in JSON-LD).

    Args:
        article: The article.
        include_body: False to leave out the body (for a page that shows the
            body itself, or a teaser): the quotes are then given as items
            without visible text.

    Returns:
        The fragment, escaped throughout: no text can make markup.
    """
    a = article
    memo: Memo = {}
    url = _escape(a.url)
    out = [
        (
            f'<article itemscope itemtype="{_ITEMTYPES[a.kind]}" lang="{_escape(a.language)}"'
            f"{_direction(a.language)}>\n"
        ),
        f'<link itemprop="url" href="{url}">',
    ]
    if a.id is not None:
        out.append(_meta("identifier", a.id))
    out.append(_meta("inLanguage", a.language))
    out.append(_header(a, memo))
    if a.images:
        out.append(_figure(a.images[0], "lead-image"))
    if a._reading_time_minutes is not None:  # given, not derived
        out.append(f'<meta itemprop="timeRequired" content="PT{a._reading_time_minutes}M">')
    free = "true" if a.is_accessible_for_free else "false"
    out.append(f'<meta itemprop="isAccessibleForFree" content="{free}">\n')
    data = _data(_ARTICLE_DATA, a) if _ARTICLE_DATA else ""
    if data:
        out.append(data + "\n")
    quotes = a.quotes
    if include_body and a.body:
        body, elsewhere = _body(a, memo)
        out.append(body)
    else:
        elsewhere = list(range(len(quotes))) if include_body else []
        if quotes and not include_body:
            items = "".join(
                _quote_data(q, _escape(q.text), n, memo) for n, q in enumerate(quotes, 1)
            )
            out.append(f'<div class="quotes">{items}</div>\n')
    out.extend(_blockquote(quotes[index], index + 1, memo) for index in elsewhere)
    out.extend(_figure(image, "image") for image in a.images[1:])
    out.append(_footer(a, url, memo))
    return "".join(out)
