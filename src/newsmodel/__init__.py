"""
newsmodel: typed, immutable news-article models.

Exact validation that reports every problem at once, and the formats the news
web runs on: canonical JSON, schema.org JSON-LD and HTML microdata.
"""

from __future__ import annotations

import typing as _typing

from ._canonical import dumps, from_dict, loads, to_dict
from ._errors import NO_INPUT, ErrorDetail, Finding, ValidationError
from ._models import (
    WORDS_PER_MINUTE,
    Article,
    ArticleKind,
    Author,
    Image,
    Organization,
    Person,
    Quote,
    RelatedStory,
    Relation,
    Tag,
    TagKind,
)

if _typing.TYPE_CHECKING:
    from typing import Any

    from ._body import (
        Block,
        BlockQuote,
        Code,
        Embed,
        Emphasis,
        Figure,
        Heading,
        Inline,
        Link,
        List,
        ListItem,
        Paragraph,
        Preformatted,
        Separator,
        Strong,
        body_text,
    )
    from ._body_html import HtmlBody, body_from_html, body_to_html
    from ._body_markdown import body_to_markdown
    from ._extract import extract
    from ._feed import Feed
    from ._feed_import import from_feed
    from ._feeds import to_atom, to_json_feed, to_rss
    from ._import import from_jsonld
    from ._jsonld import jsonld_script, to_jsonld
    from ._lint import lint
    from ._meta_tags import to_meta_tags
    from ._microdata import to_microdata
    from ._ninjs import to_ninjs
    from ._ninjs_import import from_ninjs
    from ._schema import json_schema
    from ._sitemap import to_news_sitemap

__all__ = [
    "NO_INPUT",
    "WORDS_PER_MINUTE",
    "Article",
    "ArticleKind",
    "Author",
    "Block",
    "BlockQuote",
    "Code",
    "Embed",
    "Emphasis",
    "ErrorDetail",
    "Feed",
    "Figure",
    "Finding",
    "Heading",
    "HtmlBody",
    "Image",
    "Inline",
    "Link",
    "List",
    "ListItem",
    "Organization",
    "Paragraph",
    "Person",
    "Preformatted",
    "Quote",
    "RelatedStory",
    "Relation",
    "Separator",
    "Strong",
    "Tag",
    "TagKind",
    "ValidationError",
    "body_from_html",
    "body_text",
    "body_to_html",
    "body_to_markdown",
    "dumps",
    "extract",
    "from_dict",
    "from_feed",
    "from_jsonld",
    "from_ninjs",
    "json_schema",
    "jsonld_script",
    "lint",
    "loads",
    "to_atom",
    "to_dict",
    "to_json_feed",
    "to_jsonld",
    "to_meta_tags",
    "to_microdata",
    "to_news_sitemap",
    "to_ninjs",
    "to_rss",
]


# The other formats load when first used, so that `import newsmodel` (and so
# the command line's start-up) pays only for the model and canonical JSON.
_LAZY = {
    "Block": "._body",
    "BlockQuote": "._body",
    "Code": "._body",
    "Embed": "._body",
    "Emphasis": "._body",
    "Figure": "._body",
    "Heading": "._body",
    "Inline": "._body",
    "Link": "._body",
    "List": "._body",
    "ListItem": "._body",
    "Paragraph": "._body",
    "Preformatted": "._body",
    "Separator": "._body",
    "Strong": "._body",
    "body_text": "._body",
    "HtmlBody": "._body_html",
    "body_from_html": "._body_html",
    "body_to_html": "._body_html",
    "body_to_markdown": "._body_markdown",
    "Feed": "._feed",
    "extract": "._extract",
    "from_feed": "._feed_import",
    "from_jsonld": "._import",
    "from_ninjs": "._ninjs_import",
    "json_schema": "._schema",
    "jsonld_script": "._jsonld",
    "lint": "._lint",
    "to_atom": "._feeds",
    "to_json_feed": "._feeds",
    "to_jsonld": "._jsonld",
    "to_meta_tags": "._meta_tags",
    "to_microdata": "._microdata",
    "to_news_sitemap": "._sitemap",
    "to_ninjs": "._ninjs",
    "to_rss": "._feeds",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module  # noqa: PLC0415

        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        from ._distribution import DISTRIBUTION  # noqa: PLC0415

        return version(DISTRIBUTION)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
