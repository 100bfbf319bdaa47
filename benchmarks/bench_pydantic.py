"""
Benchmark newsmodel inside pydantic and FastAPI (issue 14, "Performance").

Run from the repository root::

    python benchmarks/bench_pydantic.py               # prints a table
    python benchmarks/bench_pydantic.py --json out.json
    python benchmarks/bench_pydantic.py --quick       # fewer repeats: a smoke test

Two comparisons, on the shipped worked example, in one process and interleaved
(each repeat times every operation once, so that load on a shared machine hits
them all alike); the figure compared is the minimum over the repeats, the
median is shown beside it:

- ``TypeAdapter(nm.Article).validate_json(bytes)`` against ``nm.loads(bytes)``:
  the adapter's overhead (target: under 10 %), strictly (pydantic's strict
  mode is newsmodel's strict reading, as ``nm.loads`` reads) and in pydantic's
  default lax mode (newsmodel's lenient reading: texts trimmed, human dates);
  ``validate_python`` against ``nm.from_dict`` on the parsed values;
  the two JSON parsers alone are shown for scale (``nm.loads`` parses with
  orjson; ``validate_json`` with pydantic's own parser, before any validator);
- one request through FastAPI's request path with Starlette's TestClient: an
  app whose body is ``nm.Article`` against the same app with the hand-written
  pydantic v2 model of ``benchmarks/models_pydantic.py`` (made lax: FastAPI
  validates the parsed body in Python mode, where the strict model refuses a
  datetime text); once taking the body (201, no content) and once echoing it
  back as the response model. The same requests are also sent straight to the
  apps through httpx2's ASGI transport, in one thread: TestClient's hand-over
  to the app's thread costs more, and varies more, than what is compared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import time
import timeit
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import models_pydantic as pm
import orjson
from fastapi import Body, FastAPI, Response
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

import newsmodel as nm

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-2024-10-13.json"
TARGET = 1.10  # validate_json (strict) <= 1.1 x nm.loads


def lax_pydantic_models() -> None:
    """
    Make the hand-written models lax, as FastAPI needs them.

    FastAPI parses a JSON body itself and validates the parsed values in Python
    mode, where a strict model refuses a datetime text or an array for a tuple;
    so the FastAPI comparison runs the same models in lax mode (which only
    takes more: "2" for 2 too), rebuilt inner classes first.
    """
    classes = (pm.Image, pm.Organization, pm.Person, pm.Tag, pm.Quote, pm.RelatedStory)
    for cls in (*classes, pm.Article):
        cls.model_config["strict"] = False
        cls.model_rebuild(force=True)


def newsmodel_app() -> FastAPI:
    """The app with nm.Article as body and response model."""
    app = FastAPI()

    @app.post("/take", status_code=201)
    def take(article: Annotated[nm.Article, Body()]) -> Response:
        return Response(status_code=201)

    @app.post("/echo")
    def echo(article: Annotated[nm.Article, Body()]) -> nm.Article:
        return article

    return app


def pydantic_app() -> FastAPI:
    """The same app with the hand-written pydantic model."""
    app = FastAPI()

    @app.post("/take", status_code=201)
    def take(article: pm.Article) -> Response:
        return Response(status_code=201)

    @app.post("/echo", response_model_exclude_none=True)
    def echo(article: pm.Article) -> pm.Article:
        return article

    return app


def operations(payload: bytes) -> dict[str, Callable[[], object]]:
    """Return the timed operations, by name."""
    adapter = TypeAdapter(nm.Article)
    parse_only: TypeAdapter[Any] = TypeAdapter(Any)
    values = orjson.loads(payload)
    lax_pydantic_models()
    # Entered, a TestClient keeps one event loop thread for all its requests,
    # instead of starting one per request (which costs more than validation).
    ours = TestClient(newsmodel_app()).__enter__()
    theirs = TestClient(pydantic_app()).__enter__()
    headers = {"content-type": "application/json"}
    for client in (ours, theirs):  # both apps accept the example
        for path in ("/take", "/echo"):
            response = client.post(path, content=payload, headers=headers)
            assert response.status_code in (200, 201), response.text
    return {
        "nm.loads": lambda: nm.loads(payload),
        "nm.from_dict": lambda: nm.from_dict(values),
        "validate_python strict": lambda: adapter.validate_python(values, strict=True),
        "validate_json strict": lambda: adapter.validate_json(payload, strict=True),
        "validate_json lax": lambda: adapter.validate_json(payload),
        # Where the difference lies: the two JSON parsers, each making Python values.
        "orjson.loads (for scale)": lambda: orjson.loads(payload),
        "TypeAdapter(Any) (for scale)": lambda: parse_only.validate_json(payload),
        "FastAPI take: nm.Article": lambda: ours.post("/take", content=payload, headers=headers),
        "FastAPI take: pydantic": lambda: theirs.post("/take", content=payload, headers=headers),
        "FastAPI echo: nm.Article": lambda: ours.post("/echo", content=payload, headers=headers),
        "FastAPI echo: pydantic": lambda: theirs.post("/echo", content=payload, headers=headers),
    }


async def measure_asgi(payload: bytes, repeats: int, calls: int = 20) -> dict[str, list[float]]:
    """
    Time the same requests sent straight to the apps (httpx2's ASGI transport), interleaved.

    TestClient runs the app in another thread and hands every request over,
    which costs more, and varies more, than the validation compared; sent in
    the event loop's own thread, the difference between the apps shows.
    """
    import httpx2

    headers = {"content-type": "application/json"}
    apps = {"nm.Article": newsmodel_app(), "pydantic": pydantic_app()}
    clients = {
        name: httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://app")
        for name, app in apps.items()
    }
    results: dict[str, list[float]] = {}
    for _ in range(repeats):
        for name, client in clients.items():
            for path in ("/take", "/echo"):
                start = time.perf_counter()
                for _ in range(calls):
                    await client.post(path, content=payload, headers=headers)
                took = (time.perf_counter() - start) / calls * 1e6
                results.setdefault(f"ASGI {path[1:]}: {name}", []).append(took)
    for client in clients.values():
        await client.aclose()
    return results


def measure(
    ops: dict[str, Callable[[], object]], repeats: int, sample: float
) -> dict[str, list[float]]:
    """Time each operation *repeats* times, interleaved; return µs per call per repeat."""
    numbers = {}
    for name, op in ops.items():
        count, _ = timeit.Timer(op).autorange()
        took = timeit.timeit(op, number=count)
        numbers[name] = max(1, int(count * sample / took))
    results: dict[str, list[float]] = {name: [] for name in ops}
    for _ in range(repeats):
        for name, op in ops.items():
            number = numbers[name]
            results[name].append(timeit.timeit(op, number=number) / number * 1e6)
    return results


RATIOS = {
    "validate_json strict / nm.loads": ("validate_json strict", "nm.loads"),
    "validate_json lax / nm.loads": ("validate_json lax", "nm.loads"),
    "validate_python strict / from_dict": ("validate_python strict", "nm.from_dict"),
    "pydantic's parser / orjson's": ("TypeAdapter(Any) (for scale)", "orjson.loads (for scale)"),
    "FastAPI take: nm / pydantic": ("FastAPI take: nm.Article", "FastAPI take: pydantic"),
    "FastAPI echo: nm / pydantic": ("FastAPI echo: nm.Article", "FastAPI echo: pydantic"),
    "ASGI take: nm / pydantic": ("ASGI take: nm.Article", "ASGI take: pydantic"),
    "ASGI echo: nm / pydantic": ("ASGI echo: nm.Article", "ASGI echo: pydantic"),
}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally save) the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=100)
    parser.add_argument("--sample", type=float, default=0.005, help="seconds per timing sample")
    parser.add_argument("--quick", action="store_true", help="5 repeats of short samples")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    repeats, sample = (5, 0.005) if args.quick else (args.repeats, args.sample)
    payload = EXAMPLE.read_bytes()
    results = measure(operations(payload), repeats, sample)
    results.update(asyncio.run(measure_asgi(payload, max(3, repeats // 3))))
    best = {name: min(times) for name, times in results.items()}
    print(f"{'operation':<28} {'min µs':>8} {'median µs':>10}")
    for name, times in results.items():
        print(f"{name:<28} {best[name]:8.1f} {statistics.median(times):10.1f}")
    print()
    ratios = {label: best[top] / best[bottom] for label, (top, bottom) in RATIOS.items()}
    for label, ratio in ratios.items():
        target = ""
        if label.startswith("validate_json strict"):
            target = f"  target <= {TARGET}: {'met' if ratio <= TARGET else 'missed'}"
        print(f"{label:<34} {ratio:6.2f}{target}")
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {
                    "python": sys.version.split()[0],
                    "machine": platform.machine(),
                    "repeats": repeats,
                    "min_us": {name: round(value, 2) for name, value in best.items()},
                    "median_us": {
                        name: round(statistics.median(times), 2) for name, times in results.items()
                    },
                    "ratios": {label: round(ratio, 3) for label, ratio in ratios.items()},
                    "target_validate_json_strict_x_loads": TARGET,
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
