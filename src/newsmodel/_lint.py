"""
`lint`: recommendations for an article, from Google's Article guidance and newsroom hygiene.

A finding never means the article is invalid (the model has checked that):
it is something a search engine or a reader would want that the article
lacks, or a value that is probably in the wrong field. Every finding has a
stable code, the JSONPath of the value it is about, and a message;
``docs/lint.md`` lists the codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._byline import mentions_job_title, parse_byline, suffix_field
from ._errors import Finding
from ._models import Person, paragraph_texts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._body import Block, Link
    from ._models import Article, Image, Organization

__all__ = ["CODES", "HEADLINE_LIMIT", "MIN_IMAGE_PIXELS", "lint"]

#: The headline length (in characters) that Google once set as a limit; it is
#: no longer a rule, but many validators and plugins still check it.
HEADLINE_LIMIT = 110
#: The fewest pixels (width times height) Google recommends for an article image.
MIN_IMAGE_PIXELS = 50_000

#: Every code `lint` can report, with what it means.
CODES: dict[str, str] = {
    "headline_too_long": f"the headline is longer than {HEADLINE_LIMIT} characters",
    "no_description": "the article has no description (standfirst)",
    "no_date_modified": "the article has no date_modified",
    "no_author": "the article has no authors",
    "author_without_url": "an author has neither a url nor same_as pages",
    "author_name_by": 'an author\'s name starts with "By" or "Posted by"',
    "author_name_job_title": "an author's name holds a job title",
    "author_name_affiliation": "an author's name holds an outlet or affiliation",
    "author_name_several_people": "an author's name holds several people",
    "no_image": "the article has no image",
    "image_size_unknown": "an image's width or height is not given",
    "image_too_small": f"an image has fewer than {MIN_IMAGE_PIXELS:,} pixels",
    "image_without_credit": "an image has no credit",
    "image_without_license": "an image has no license_url",
    "quote_not_in_body": "a quote's words are not in the body",
    "link_without_text": "a link's text in the body has no letter or digit",
    "insecure_link": "an http: link in the body of an https: article",
    "heading_level_skipped": "a heading is more than one level below the one before",
    "figure_without_alt": "a figure's image has no alt text",
}


def _finding(path: str, code: str, message: str) -> Finding:
    return Finding(path, code, message)


def _author(author: Person | Organization, path: str, findings: list[Finding]) -> None:
    if author.url is None and not author.same_as:
        findings.append(
            _finding(
                path,
                "author_without_url",
                f"{author.name!r} has no url or same_as: Google recommends a page that "
                "identifies each author (a profile or bio page, or same_as links)",
            )
        )
    # The byline rules are the import's (newsmodel._byline): a name the
    # import repaired holds nothing these checks flag.
    byline = parse_byline(author.name)
    if byline.prefix is not None and byline.names:
        findings.append(
            _finding(
                f"{path}.name",
                "author_name_by",
                f"expected the name alone, found {author.name!r}: leave out {byline.prefix!r}",
            )
        )
    if author.__class__ is not Person:
        return
    suffix = byline.suffix
    titled = [name for name in byline.names if mentions_job_title(name)]
    if titled or (suffix is not None and suffix_field(suffix) == "job_title"):
        findings.append(
            _finding(
                f"{path}.name",
                "author_name_job_title",
                f"expected the name alone, found {author.name!r}, which holds a job title: "
                "put it in job_title",
            )
        )
    elif suffix is not None:
        findings.append(
            _finding(
                f"{path}.name",
                "author_name_affiliation",
                f"expected the name alone, found {author.name!r}, which holds "
                f"{suffix!r}, an outlet: put it in affiliation",
            )
        )
    people = [name for name in byline.names if not mentions_job_title(name)]
    if len(people) > 1:
        findings.append(
            _finding(
                f"{path}.name",
                "author_name_several_people",
                f"expected one person, found {author.name!r}: give each author their own entry",
            )
        )


def _image(image: Image, path: str, findings: list[Finding]) -> None:
    if image.width is None or image.height is None:
        findings.append(
            _finding(
                path,
                "image_size_unknown",
                f"the size of {image.url!r} is not given: give width and height, so that "
                f"consumers can see it has at least {MIN_IMAGE_PIXELS:,} pixels",
            )
        )
    elif image.width * image.height < MIN_IMAGE_PIXELS:
        findings.append(
            _finding(
                path,
                "image_too_small",
                f"{image.width}x{image.height} is {image.width * image.height:,} pixels: "
                f"Google recommends at least {MIN_IMAGE_PIXELS:,} (width x height)",
            )
        )
    if image.credit is None:
        findings.append(
            _finding(
                f"{path}.credit",
                "image_without_credit",
                f"{image.url!r} has no credit: Google's image license metadata "
                "reads it (creditText)",
            )
        )
    if image.license_url is None:
        findings.append(
            _finding(
                f"{path}.license_url",
                "image_without_license",
                f"{image.url!r} has no license_url: Google's image license metadata "
                "reads it (license)",
            )
        )


def lint(article: Article) -> list[Finding]:
    """
    Return recommendations for *article*: what it lacks, and values in the wrong field.

    The checks follow Google Search Central's Article guidance (authors each
    in their own entry, with a url and the name alone; images of at least
    50,000 pixels with credit and license; dates), the legacy 110-character
    headline limit many tools still check, and newsroom hygiene (a
    description, quotes whose words are in the body). ``docs/lint.md`` lists
    every code.

    Args:
        article: The article (already valid: lint never blocks loading).

    Returns:
        The findings, in the order of the article's fields; empty when there
        is nothing to recommend.
    """
    a = article
    findings: list[Finding] = []
    if len(a.headline) > HEADLINE_LIMIT:
        findings.append(
            _finding(
                "$.headline",
                "headline_too_long",
                f"the headline has {len(a.headline)} characters; many tools still check "
                f"Google's old limit of {HEADLINE_LIMIT}, and long titles may be truncated",
            )
        )
    if a.description is None:
        findings.append(
            _finding(
                "$.description",
                "no_description",
                "there is no description: search results and link previews show one",
            )
        )
    if a.date_modified is None:
        findings.append(
            _finding(
                "$.date_modified",
                "no_date_modified",
                "there is no date_modified: Google recommends dateModified "
                "(give date_published again if the article never changed)",
            )
        )
    if not a.authors:
        findings.append(
            _finding(
                "$.authors",
                "no_author",
                "there are no authors: Google recommends every author shown on the page, "
                "each in their own entry",
            )
        )
    for index, author in enumerate(a.authors):
        _author(author, f"$.authors[{index}]", findings)
    if not a.images:
        findings.append(
            _finding(
                "$.images",
                "no_image",
                f"there is no image: Google recommends images of at least "
                f"{MIN_IMAGE_PIXELS:,} pixels, in 16:9, 4:3 and 1:1",
            )
        )
    for index, image in enumerate(a.images):
        _image(image, f"$.images[{index}]", findings)
    if a.quotes:
        body = "\x00".join(paragraph_texts(a.body))
        for index, quote in enumerate(a.quotes):
            if quote.text not in body:
                findings.append(
                    _finding(
                        f"$.quotes[{index}].text",
                        "quote_not_in_body",
                        "the quote's words are not in the body: check them against the text "
                        "(a quote should be exactly as printed)",
                    )
                )
    findings.extend(lint_body(a.body, a.images, a.url))
    return findings


# --------------------------------------------------------------------- body


def lint_body(
    body: tuple[Block, ...], images: tuple[Image, ...], page_url: str, path: str = "$.body"
) -> list[Finding]:
    """
    Return recommendations for a structured body, in the order of its blocks.

    A link whose text has no letter or digit (``→``) tells a screen reader
    nothing; an ``http:`` link in an ``https:`` article is mixed content; a
    heading more than one level below the one before (``<h2>`` then
    ``<h4>``; the first heading is level 2) breaks the outline; a figure's
    image needs alt text.
    """
    from ._body import Figure, Heading  # noqa: PLC0415

    findings: list[Finding] = []
    secure = page_url[:6].lower() == "https:"
    alt = {image.url: image.alt_text for image in images}
    level = 1
    for index, block in enumerate(body):
        where = f"{path}[{index}]"
        if isinstance(block, Heading):
            if block.level > level + 1:
                findings.append(
                    _finding(
                        f"{where}.level",
                        "heading_level_skipped",
                        f"a level {block.level} heading follows level {level}: "
                        f"use level {level + 1}, so that the outline has no gap",
                    )
                )
            level = block.level
        if isinstance(block, Figure) and alt.get(block.image) is None:
            findings.append(
                _finding(
                    f"{where}.image",
                    "figure_without_alt",
                    f"the image {block.image!r} has no alt_text: people who cannot see it "
                    "are told nothing",
                )
            )
        for link_path, link in _links(block, where):
            _link(link, link_path, secure=secure, findings=findings)
    return findings


def _links(block: object, path: str) -> Iterator[tuple[str, Link]]:
    # Every link in a block, with its wire path: through content, list items,
    # sublists and a quote's paragraphs.
    from ._body import Link, ListItem, item_content_path  # noqa: PLC0415

    content = getattr(block, "content", None)
    if isinstance(content, tuple):
        content_path = (
            item_content_path(block, path) if isinstance(block, ListItem) else f"{path}.content"
        )
        for index, item in enumerate(content):
            item_path = f"{content_path}[{index}]"
            if isinstance(item, Link):
                yield item_path, item
            if not isinstance(item, str):
                yield from _links(item, item_path)
    items = getattr(block, "items", None)
    if isinstance(items, tuple):
        for index, item in enumerate(items):
            yield from _links(item, f"{path}.items[{index}]")
    sublist = getattr(block, "sublist", None)
    if sublist is not None:
        yield from _links(sublist, f"{path}.sublist")


def _link(link: Link, path: str, *, secure: bool, findings: list[Finding]) -> None:
    from ._body import inline_text  # noqa: PLC0415

    text = inline_text(link.content)
    if not any(char.isalnum() for char in text):
        findings.append(
            _finding(
                f"{path}.content",
                "link_without_text",
                f"the link to {link.url!r} reads {text!r}: say where it leads",
            )
        )
    if secure and link.url[:5].lower() == "http:":
        findings.append(
            _finding(
                f"{path}.url",
                "insecure_link",
                f"the link {link.url!r} is http: in an https: article; browsers warn of "
                "it, and the reader's connection is not private: link the https: page",
            )
        )
