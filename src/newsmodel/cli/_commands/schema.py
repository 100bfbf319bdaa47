"""``newsmodel schema``: print the JSON Schema of the wire format."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._common import OK
from .._output import write_output

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Write the packaged ``schema.json``; the exit status."""
    from importlib.resources import files  # noqa: PLC0415

    text = files("newsmodel").joinpath("schema.json").read_text(encoding="utf-8")
    write_output(text, args.output)
    return OK
