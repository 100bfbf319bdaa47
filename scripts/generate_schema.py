#!/usr/bin/env python3
"""
Write src/newsmodel/schema.json, the JSON Schema of the wire format, from the models.

Usage, from the repository root:

    .venv/bin/python scripts/generate_schema.py          # write the file
    .venv/bin/python scripts/generate_schema.py --check  # exit 1 if it is out of date

tests/test_schema.py fails when the file is out of date, so run this after changing a
model's fields, rules or docstrings, or the patterns in src/newsmodel/_schema.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsmodel._schema import build_schema, render

TARGET = Path(__file__).resolve().parent.parent / "src" / "newsmodel" / "schema.json"


def main(argv: list[str] | None = None) -> int:
    """Write or check the schema file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the file is up to date")
    args = parser.parse_args(argv)
    text = render(build_schema())
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if args.check:
        if current != text:
            print(f"{TARGET} is out of date: run scripts/generate_schema.py", file=sys.stderr)
            return 1
        print(f"{TARGET} is up to date")
        return 0
    if current == text:
        print(f"{TARGET} is up to date")
    else:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
