"""
newsmodel: typed, immutable news-article models.

Exact validation that reports every problem at once, and the formats the news
web runs on: canonical JSON, schema.org JSON-LD and HTML microdata.
"""

from __future__ import annotations

from ._canonical import dumps, from_dict, loads, to_dict
from ._errors import ErrorDetail, Finding, ValidationError
from ._extract import extract
from ._import import from_jsonld
from ._jsonld import jsonld_script, to_jsonld
from ._lint import lint
from ._microdata import to_microdata
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
from ._ninjs import to_ninjs
from ._schema import json_schema

__all__ = [
    "WORDS_PER_MINUTE",
    "Article",
    "ArticleKind",
    "Author",
    "ErrorDetail",
    "Finding",
    "Image",
    "Organization",
    "Person",
    "Quote",
    "RelatedStory",
    "Relation",
    "Tag",
    "TagKind",
    "ValidationError",
    "dumps",
    "extract",
    "from_dict",
    "from_jsonld",
    "json_schema",
    "jsonld_script",
    "lint",
    "loads",
    "to_dict",
    "to_jsonld",
    "to_microdata",
    "to_ninjs",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("newsmodel")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
