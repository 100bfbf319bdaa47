"""The feed (RSS channel, Atom feed, JSON Feed) that articles are written into."""

from __future__ import annotations

import attrs

from ._generated import check_feed as _check_feed
from ._models import Report, _fixed_offset_or_none, _language, _raise_if
from ._rules import URL, LanguageTag, Text, TextLine, Timestamp

__all__ = ["Feed"]


@attrs.frozen(kw_only=True)
class Feed:
    """
    A feed: what `to_rss`, `to_atom` and `to_json_feed` say about the whole list.

    It checks itself like the article classes do, and raises `ValidationError`
    listing every problem.

    Attributes:
        title: The feed's title, e.g. "The Kyiv Independent — News Feed".
        link: The site or section page the feed belongs to.
        description: What the feed carries (RSS ``description``, Atom
            ``subtitle``, JSON Feed ``description``).
        language: The feed's BCP 47 language tag, in canonical case.
        self_url: Where the feed itself is published (Atom ``rel="self"``,
            JSON Feed ``feed_url``); also the Atom feed's ``id`` when given.
        updated: When the feed last changed. Without it the Atom feed's
            ``updated`` is the latest date of its entries.
    """

    title: TextLine
    link: URL
    description: Text | None = None
    language: LanguageTag | None = attrs.field(default=None, converter=_language)
    self_url: URL | None = None
    updated: Timestamp | None = attrs.field(default=None, converter=_fixed_offset_or_none)

    def __attrs_post_init__(self) -> None:
        report: Report = []
        _check_feed(self, "$", report)
        _raise_if(report)
