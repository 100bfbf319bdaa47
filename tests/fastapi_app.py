"""
A small FastAPI app that takes and returns articles: the one docs/web-apps.md shows.

``nm.Article`` is the request body (with FastAPI's ``Body()`` marker, as for any
type that is not a pydantic model) and the response model, with no other glue.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import BackgroundTasks, Body, FastAPI, HTTPException
from pydantic import TypeAdapter, ValidationError

import newsmodel as nm

# An article's body is recursive (inline content holds emphasis, which holds
# inline content), and pydantic cannot tell that the input and output schemas
# of recursive definitions are the same: by default the OpenAPI document would
# name them and every definition holding them twice (Article-Input, -Output).
app = FastAPI(title="Articles", separate_input_output_schemas=False)
articles: dict[str, nm.Article] = {}
checked: list[dict[str, Any]] = []  # the background checks' reports, newest last

ArticleList = TypeAdapter(list[nm.Article])


@app.post("/articles", status_code=201)
def create_article(article: Annotated[nm.Article, Body()]) -> nm.Article:
    """Store an article; a payload with problems gets a 422 listing each at its place."""
    articles[article.url] = article
    return article


@app.get("/articles")
def read_article(url: str) -> nm.Article:
    """Return a stored article, as canonical JSON."""
    if url not in articles:
        raise HTTPException(status_code=404, detail=f"no article at {url}")
    return articles[url]


def check_batch(payloads: list[Any]) -> None:
    """Validate a list of payloads; record the problems, each at (index, field, ...)."""
    try:
        ArticleList.validate_python(payloads)
    except ValidationError as error:
        checked.append({"valid": False, "errors": error.errors(include_url=False)})
    else:
        checked.append({"valid": True, "errors": []})


@app.post("/articles/batch", status_code=202)
def check_articles(payloads: list[Any], background: BackgroundTasks) -> dict[str, int]:
    """Accept a list of payloads at once and validate them after the response is sent."""
    background.add_task(check_batch, payloads)
    return {"accepted": len(payloads)}
