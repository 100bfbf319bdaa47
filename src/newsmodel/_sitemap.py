"""
Google News sitemaps.

A news sitemap lists the articles published in the last two days, at most
1,000 to a file, each with its publication's name and language, its
publication date and its title (Google's "Build a News sitemap" page).
`to_news_sitemap` writes as many files as it takes and reports every article
it leaves out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from . import _values as v
from ._errors import ErrorDetail, Finding, ValidationError
from ._feeds import XmlTexts

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._models import Article


__all__ = ["MAX_URLS", "to_news_sitemap"]

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
#: The most URLs Google reads from one news sitemap file.
MAX_URLS = 1000

ET.register_namespace("news", NEWS)

# The two Chinese scripts keep their region: Google's codes zh-cn and zh-tw.
_CHINESE = {
    "zh-cn": "zh-cn",
    "zh-sg": "zh-cn",
    "zh-hans": "zh-cn",
    "zh-tw": "zh-tw",
    "zh-hk": "zh-tw",
    "zh-mo": "zh-tw",
    "zh-hant": "zh-tw",
}


def news_language(tag: str) -> str | None:
    """
    Return the news sitemap's language code for a BCP 47 *tag*, or None.

    Google takes an ISO 639 code of two or three letters (``en``, ``fil``),
    or ``zh-cn``/``zh-tw``. A tag without one (``und``, a private-use or
    grandfathered tag) has no code.
    """
    lower = tag.lower()
    for prefix, code in _CHINESE.items():
        if lower == prefix or lower.startswith(prefix + "-"):
            return code
    primary = lower.split("-", 1)[0]
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha() and primary != "und":
        return primary
    return None


def to_news_sitemap(
    articles: Iterable[Article],
    publication_name: str,
    *,
    now: datetime | None = None,
    max_age: timedelta | None = timedelta(days=2),
    findings: list[Finding] | None = None,
) -> list[str]:
    """
    Return *articles* as Google News sitemaps: one XML document per 1,000 URLs.

    There is always one document at least: with no article to list, an
    empty ``urlset``.

    Each article is a ``url`` with ``loc`` and ``news:news``: the
    ``news:publication`` (*publication_name*, and the article's language as
    an ISO 639 code), ``news:publication_date`` (W3C datetime, with the
    article's own offset) and ``news:title``. Articles are written in the
    order given; the 1,001st begins the second document, and so on, so no
    article is lost to the limit (list the files in a sitemap index).

    Left out, each reported as a ``dropped`` finding at ``$.articles[i]``:
    an article published more than *max_age* before *now* (Google's news
    sitemaps hold the last two days), one whose url is listed already, and
    one whose language has no ISO 639 code (``und``). A language tag cut to
    its ISO 639 code (``en-GB`` to ``en``) is reported as ``repaired``.

    Args:
        articles: The articles.
        publication_name: The publication's name as it appears on Google
            News, e.g. "The Kyiv Independent".
        now: The time to measure the two days from (default: the current
            time); pass it to make the result reproducible.
        max_age: How old an article may be; None to keep every article.
        findings: A list for the findings. When given, a character XML 1.0
            cannot hold is replaced (and reported) as in `to_rss`.

    Raises:
        ValidationError: For a publication name that is not one line of
            text; without *findings*, for a character XML 1.0 cannot hold;
            and for a naive *now*.
    """
    report: list[ErrorDetail] = []
    v.check_text_line(publication_name, "$", "publication_name", report)
    if now is None:
        now = datetime.now(timezone.utc)
    elif now.utcoffset() is None:
        report.append(
            ErrorDetail("$.now", "timezone", f"expected an aware datetime, found {now!r}")
        )
    if report:
        raise ValidationError(report)
    found: list[Finding] = findings if findings is not None else []
    out = XmlTexts(findings)
    name = out.text(publication_name, "$.publication_name")
    cutoff = None if max_age is None else now - max_age
    documents: list[str] = []
    urlset: ET.Element | None = None
    count = 0
    seen: set[str] = set()
    for index, article in enumerate(articles):
        path = f"$.articles[{index}]"
        if cutoff is not None and article.date_published < cutoff:
            found.append(
                Finding(
                    path,
                    "dropped",
                    f"published {article.date_published.isoformat()}, before "
                    f"{cutoff.isoformat()}: news sitemaps list the last "
                    f"{_days(max_age)} only; left it out",
                )
            )
            continue
        if article.url in seen:
            found.append(Finding(path, "dropped", f"the url {article.url!r} is listed already"))
            continue
        language = _language(article, path, found)
        if language is None:
            continue
        seen.add(article.url)
        if urlset is None or count == MAX_URLS:
            if urlset is not None:
                documents.append(_xml(urlset))
            urlset, count = ET.Element(f"{{{SITEMAP}}}urlset"), 0
        _url(urlset, article, name, language, path, out)
        count += 1
    out.done()
    documents.append(_xml(urlset if urlset is not None else ET.Element(f"{{{SITEMAP}}}urlset")))
    return documents


def _days(max_age: timedelta | None) -> str:
    if max_age is not None and max_age == timedelta(days=max_age.days):
        return f"{max_age.days} days"
    return str(max_age)


def _language(article: Article, path: str, findings: list[Finding]) -> str | None:
    code = news_language(article.language)
    if code is None:
        findings.append(
            Finding(
                f"{path}.language",
                "dropped",
                f"expected a language with an ISO 639 code, found {article.language!r}: "
                "news sitemaps require one; left the article out",
            )
        )
    elif code != article.language:
        findings.append(
            Finding(
                f"{path}.language",
                "repaired",
                f"wrote the language {article.language!r} as {code!r}: "
                "news sitemaps take an ISO 639 code",
            )
        )
    return code


def _url(
    urlset: ET.Element, a: Article, name: str, language: str, path: str, out: XmlTexts
) -> None:
    url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
    ET.SubElement(url, f"{{{SITEMAP}}}loc").text = a.url
    news = ET.SubElement(url, f"{{{NEWS}}}news")
    publication = ET.SubElement(news, f"{{{NEWS}}}publication")
    ET.SubElement(publication, f"{{{NEWS}}}name").text = name
    ET.SubElement(publication, f"{{{NEWS}}}language").text = language
    ET.SubElement(news, f"{{{NEWS}}}publication_date").text = a.date_published.isoformat()
    ET.SubElement(news, f"{{{NEWS}}}title").text = out.text(a.headline, f"{path}.headline")


def _xml(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode", xml_declaration=True, default_namespace=SITEMAP)
