"""
A Django view that puts an article's JSON-LD in its page: the one docs/web-apps.md shows.

`newsmodel.jsonld_script` escapes every ``<``, ``>`` and ``&`` in the JSON, so its block
is safe to mark safe: no text in the article can end the script or start markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

import newsmodel as nm

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

articles: dict[str, nm.Article] = {}  # your store: a database, a cache, files


def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Render templates/article.html with the article and its JSON-LD block."""
    article = articles.get(slug)
    if article is None:
        raise Http404(slug)
    jsonld = mark_safe(nm.jsonld_script(article))  # safe: jsonld_script escapes < > &
    return render(request, "article.html", {"article": article, "jsonld": jsonld})
