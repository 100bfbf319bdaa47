"""
Write the ``<head>`` tags a publisher needs for sharing: Open Graph, Twitter/X cards.

`to_meta_tags` writes what the model holds, and only that: a value the
article lacks is left out, never filled in. Every attribute value is escaped,
so no text can end its attribute or its tag.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._models import Article, Image

__all__ = ["to_meta_tags"]


def _attr(value: str) -> str:
    # A line break as a character reference keeps one tag to a line.
    return html.escape(value, quote=True).replace("\n", "&#10;")


def _meta(key: str, name: str, content: str) -> str:
    return f'<meta {key}="{name}" content="{_attr(content)}">'


def _property(name: str, content: str) -> str:
    return _meta("property", name, content)


def _name(name: str, content: str) -> str:
    return _meta("name", name, content)


def open_graph_locale(language: str) -> str | None:
    """Return Open Graph's ``language_TERRITORY`` form of a BCP 47 tag, or None for ``und``."""
    return None if language == "und" else language.replace("-", "_")


def _image_tags(image: Image) -> list[str]:
    tags = [_property("og:image", image.url)]
    if image.width is not None:
        tags.append(_property("og:image:width", str(image.width)))
    if image.height is not None:
        tags.append(_property("og:image:height", str(image.height)))
    if image.alt_text is not None:
        tags.append(_property("og:image:alt", image.alt_text))
    return tags


def to_meta_tags(article: Article) -> str:
    """
    Return the ``<head>`` tags that describe *article* for sharing and search, one a line.

    ``<link rel=canonical>`` and ``<meta name=description>``; Open Graph
    (``og:type`` article, title, url, description, locale, site name, every
    image with its width, height and alt text); the ``article:`` properties
    (published and modified time with their UTC offsets, each author's name,
    the section, each tag); and a Twitter/X card (``summary_large_image``
    when there is an image, else ``summary``). A paywalled article
    (``is_accessible_for_free`` False) gets ``<meta name="robots"
    content="noarchive">``, so that no cached copy shows what the paywall
    keeps back; a free one gets no robots tag (indexing is the default).
    The authors are written by name: Open Graph would take a profile URL,
    which the model does not hold for every author.
    """
    a = article
    tags = [f'<link rel="canonical" href="{_attr(a.url)}">']
    if a.description is not None:
        tags.append(_name("description", a.description))
    if not a.is_accessible_for_free:
        tags.append(_name("robots", "noarchive"))
    tags += [
        _property("og:type", "article"),
        _property("og:title", a.headline),
        _property("og:url", a.url),
    ]
    if a.description is not None:
        tags.append(_property("og:description", a.description))
    locale = open_graph_locale(a.language)
    if locale is not None:
        tags.append(_property("og:locale", locale))
    if a.publisher is not None:
        tags.append(_property("og:site_name", a.publisher.name))
    for image in a.images:
        tags += _image_tags(image)
    tags.append(_property("article:published_time", a.date_published.isoformat()))
    if a.date_modified is not None:
        tags.append(_property("article:modified_time", a.date_modified.isoformat()))
    tags += [_property("article:author", author.name) for author in a.authors]
    if a.section is not None:
        tags.append(_property("article:section", a.section))
    tags += [_property("article:tag", tag.name) for tag in a.tags]
    tags += _twitter_tags(a)
    return "\n".join(tags) + "\n"


def _twitter_tags(a: Article) -> list[str]:
    lead = a.images[0] if a.images else None
    tags = [
        _name("twitter:card", "summary_large_image" if lead is not None else "summary"),
        _name("twitter:title", a.headline),
    ]
    if a.description is not None:
        tags.append(_name("twitter:description", a.description))
    if lead is not None:
        tags.append(_name("twitter:image", lead.url))
        if lead.alt_text is not None:
            tags.append(_name("twitter:image:alt", lead.alt_text))
    return tags
