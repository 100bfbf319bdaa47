#!/usr/bin/env python3
r"""
Derive tests/data/schemaorg-30.0-properties.json from the schema.org 30.0 release.

For every type newsmodel emits (``newsmodel._schemaorg.emitted_types``), the
table lists the properties schema.org allows on it: those whose
``schema:domainIncludes`` names the type or one of its ancestors (all of them,
through multiple inheritance). It is read from the release's merged JSON-LD
graph (``schemaorg-current-https.jsonld``: core, pending and the hosted
extensions, no attic), and cross-checked against the ``properties`` column of
``schemaorg-current-https-types.csv`` when that file is given.

Run from the repository root::

    python scripts/derive_schemaorg_table.py PATH/TO/schemaorg-current-https.jsonld \
        [--csv PATH/TO/schemaorg-current-https-types.csv]

The schema.org vocabulary is licensed under CC BY-SA 3.0; see tests/data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "schemaorg-30.0-properties.json"
PENDING = "https://pending.schema.org"


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"] for item in items]


def _name(term: str) -> str:
    return term.removeprefix("schema:")


def derive(graph: list[dict[str, Any]], types: list[str]) -> dict[str, Any]:
    """Return the table for *types* from the vocabulary *graph*."""
    classes = {_name(node["@id"]): node for node in graph if node.get("@type") == "rdfs:Class"}
    properties = [node for node in graph if node.get("@type") == "rdf:Property"]

    def ancestors(name: str) -> list[str]:
        seen: list[str] = []
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.append(current)
            todo.extend(_name(p) for p in _ids(classes[current].get("rdfs:subClassOf")))
        return sorted(seen)

    table: dict[str, Any] = {}
    pending: set[str] = set()
    for name in types:
        if name not in classes:
            msg = f"{name} is not a class of this vocabulary"
            raise SystemExit(msg)
        family = set(ancestors(name))
        allowed = sorted(
            _name(node["@id"])
            for node in properties
            if family & {_name(d) for d in _ids(node.get("schema:domainIncludes"))}
        )
        layer = _ids(classes[name].get("schema:isPartOf"))
        table[name] = {
            "ancestors": sorted(family - {name}),
            "pending": PENDING in layer,
            "properties": allowed,
        }
        pending.update(
            _name(node["@id"])
            for node in properties
            if _name(node["@id"]) in allowed and PENDING in _ids(node.get("schema:isPartOf"))
        )
    return {
        "vocabulary": "schema.org",
        "version": "30.0",
        "source": "data/releases/30.0/schemaorg-current-https.jsonld (schemaorg/schemaorg)",
        "license": "CC BY-SA 3.0, https://creativecommons.org/licenses/by-sa/3.0/",
        "derived_by": "scripts/derive_schemaorg_table.py",
        "types": table,
        "pending_properties": sorted(pending),
    }


def cross_check(table: dict[str, Any], csv_path: Path, defined: set[str]) -> None:
    """
    Exit with a message if the types CSV's ``properties`` column disagrees.

    The CSV names a few properties the graph does not define at all (release
    artefacts, like its ``StupidType``); those are reported and skipped.
    """
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = {row["label"]: row for row in csv.DictReader(handle)}
    for name, entry in table["types"].items():
        listed = {
            url.strip().removeprefix("https://schema.org/")
            for url in rows[name]["properties"].split(",")
            if url.strip()
        }
        artefacts = listed - defined
        if artefacts:
            print(f"note: {name}: the CSV lists undefined properties {sorted(artefacts)}")
        differences = (listed - artefacts) ^ set(entry["properties"])
        if differences:
            msg = f"{name}: the graph and the CSV disagree: {sorted(differences)}"
            raise SystemExit(msg)


def main(argv: list[str] | None = None) -> int:
    """Write the table; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonld", type=Path, help="schemaorg-current-https.jsonld of release 30.0")
    parser.add_argument("--csv", type=Path, help="schemaorg-current-https-types.csv to cross-check")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from newsmodel._schemaorg import emitted_types  # noqa: PLC0415 - after the path is set

    graph = json.loads(args.jsonld.read_text(encoding="utf-8"))["@graph"]
    table = derive(graph, emitted_types())
    if args.csv is not None:
        defined = {_name(node["@id"]) for node in graph if node.get("@type") == "rdf:Property"}
        cross_check(table, args.csv, defined)
    text = json.dumps(table, indent=1, ensure_ascii=False) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(table['types'])} types)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
