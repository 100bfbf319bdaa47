"""
The canonical JSON wire format (SPEC §1): JSON values to models and back.

Loading is one pass over the payload. The loader of each class is generated
from the fields' annotated rules into `newsmodel._generated` (by
``scripts/generate.py``): it turns JSON values into the model's (dates
parsed, enum values looked up, arrays made tuples, objects loaded), tests each
against its rule inline and reports a problem at its path, then fills the
instance through its slots, skipping the ``__init__`` checks that would only
repeat the same rules. The dumpers are generated from the same rules: they
make orjson-ready values (datetimes and tuples stay as they are, orjson writes
them natively; enums become their values), keys in the order of SPEC §1,
defaults, empty arrays and absent values left out.
"""

from __future__ import annotations

from typing import Any

from . import _models as m
from ._errors import ErrorDetail
from ._generated import DUMPERS, LOADERS, dump_article, load_person_or_organization
from ._loading import Options, authors_seen, dates_seen, trim

__all__ = ["Options", "dump_article", "dump_object", "load_article", "load_object"]

Report = list[ErrorDetail]
INVALID = m.INVALID


def load_article(data: object, report: Report, options: Options) -> Any:
    """
    Load an article from JSON values, reporting every problem into *report*.

    Returns:
        The article, or INVALID; it is valid only if nothing was reported.
    """
    return load_object(m.Article, data, report, options)


def load_object(cls: object, data: object, report: Report, options: Options) -> Any:
    """
    Load one object of model class *cls* from JSON values, as `load_article` does.

    A `Person` or an `Organization` carries its ``type`` here as everywhere
    on the wire; *cls* may also be `Author`, for either, as its ``type`` says.
    Paths start at ``$``, the object itself.

    Returns:
        The object, or INVALID; it is valid only if nothing was reported.
    """
    authors_seen.clear()
    dates_seen.clear()
    if options.lenient:
        data = trim(data)
    load = load_person_or_organization if cls is m.Author else LOADERS[cls]  # type: ignore[index]
    return load(data, "", "$", report, options)


def dump_object(obj: object) -> dict[str, Any]:
    """
    Return any model object as orjson-ready wire values, as `dump_article` does.

    Raises:
        TypeError: For a value that is not one of the model classes.
    """
    dump = DUMPERS.get(obj.__class__)
    if dump is None:
        msg = f"expected a newsmodel model object, found a {type(obj).__name__}"
        raise TypeError(msg)
    return dump(obj)  # type: ignore[no-any-return]
