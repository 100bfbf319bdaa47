"""Sphinx configuration: MyST markdown pages, autodoc API reference, furo theme."""

from __future__ import annotations

import importlib.metadata
import re
from typing import TYPE_CHECKING

import newsmodel

if TYPE_CHECKING:
    from sphinx.application import Sphinx

project = "newsmodel"
author = "newsmodel developers"
copyright = "newsmodel developers"
release = importlib.metadata.version("pynewsmodel")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# Warnings are errors (`sphinx-build -W -n`): every cross-reference must resolve.
nitpicky = True
# No intersphinx (the build runs offline), so references into the standard
# library and the dependencies cannot resolve; these are the ones the public
# docstrings and signatures make.
nitpick_ignore_regex = [
    (r"py:.*", r"(datetime|zoneinfo|collections\.abc|typing|enum|json)(\..*)?"),
    (r"py:.*", r"(date|datetime|timedelta|tzinfo|Mapping|Sequence|Any|ValueError|TypeError)"),
    (r"py:.*", r"(pydantic|pydantic_core|cs|JsonSchemaValue)(\..*)?"),  # newsmodel.pydantic
    (r"py:.*", r"(pyarrow|pa|os)(\..*)?"),  # newsmodel.arrow, newsmodel.warc
    (r"py:.*", r"(Iterable|Iterator)"),
    # newsmodel.dask, newsmodel.spark
    (r"py:.*", r"(dask|db|dd|pandas|pd|pyspark|SparkSession|DataFrame|StructType)(\..*)?"),
]

# Single backticks in docstrings refer to Python objects.
default_role = "py:obj"

autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_member_order = "bysource"

napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
napoleon_use_rtype = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"newsmodel {release}"


# The public classes live in private modules (newsmodel._models and so on) and
# are documented under the names users import: newsmodel.Article. Napoleon
# writes attribute types with the defining module; point them at the public name.
_PRIVATE_PATH = re.compile(r"\bnewsmodel\._\w+\.(\w+)\b")


def _public_paths(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    public = set(newsmodel.__all__)
    for index, line in enumerate(lines):
        lines[index] = _PRIVATE_PATH.sub(
            lambda match: f"newsmodel.{match[1]}" if match[1] in public else match[0], line
        )


def _no_type_docstrings(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    # A constant has no docstring of its own; autodoc then shows its type's
    # (int's, for WORDS_PER_MINUTE). The page gives the description instead.
    type_doc = type(obj).__doc__
    if what == "data" and lines and type_doc and lines[0] in type_doc:
        lines.clear()


def setup(app: Sphinx) -> None:
    # After napoleon (priority 500) has turned the sections into fields.
    app.connect("autodoc-process-docstring", _public_paths, priority=600)
    app.connect("autodoc-process-docstring", _no_type_docstrings)
